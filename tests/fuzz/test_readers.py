"""Every reader, fed hostile input: an article that can be stored, or a one-line skip.

Inputs go through :class:`~storyline.ingest.sources.Sources` as a file on disk (or a URL
answered by a stand-in fetcher), the way ``storyline ingest`` reads them, so the size cap,
the UTF-8 check, sidecars and the format readers are all on the path.
"""

from __future__ import annotations

import datetime as dt
import time
import tracemalloc
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from storyline.config import Settings
from storyline.ingest import Defaults, RawArticle, Skipped
from storyline.ingest.fetch import FetchError, FetchState, Response
from storyline.ingest.sources import Sources

from .strategies import (
    dump_json,
    examples,
    feed_document,
    front_matter_text,
    html_page,
    json_document,
    json_record,
    jsonl_document,
    news_text,
    valid_unicode,
)

Item = RawArticle | Skipped


class PageFetcher:
    """Answers every URL with one page, or refuses it: no network in a fuzz run."""

    def __init__(self, body: bytes | None, content_type: str = "text/html") -> None:
        self.body = body
        self.content_type = content_type

    def get(self, url: str, validators: dict[str, str] | None = None) -> Response:
        if not url.startswith(("http://", "https://")):
            raise FetchError("not an http(s) URL", source=url, transient=False)
        if self.body is None:
            raise FetchError("HTTP 404 Not Found", source=url, transient=False)
        return Response(url=url, status=200, body=self.body, content_type=self.content_type)


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    # One folder for the module: hypothesis reruns a test body many times per fixture.
    return tmp_path_factory.mktemp("fuzz")


def read(path: Path | str, *, page: bytes | None = None, max_bytes: int = 5_000_000) -> list[Item]:
    sources = Sources(Settings(max_bytes=max_bytes), FetchState(None), fetcher=PageFetcher(page))
    return list(sources.read([str(path)]))


def encoded(text: str, invalid: bool) -> bytes:
    """``text`` as UTF-8; ``invalid`` keeps lone surrogates as the bytes no decoder accepts."""
    return text.encode("utf-8", "surrogatepass") if invalid else valid_unicode(text).encode()


def check(items: list[Item], source: str) -> None:
    """Nothing raised (we got here); each skip is one line; each article can be stored."""
    for item in items:
        if isinstance(item, Skipped):
            assert item.reason.strip(), item
            assert "\n" not in item.reason and "\r" not in item.reason, item
            assert item.source, item
            continue
        assert source in item.source or item.source.startswith("http"), item
        article = item.to_article(Defaults())
        assert article.text.strip()
        for name in ("id", "text", "title", "outlet", "published", "url", "source"):
            value = getattr(article, name)
            if value is not None:
                # SQLite stores UTF-8: a lone surrogate here fails the store, not the reader.
                value.encode("utf-8")
        if article.published is not None:
            dt.date.fromisoformat(article.published)


@settings(max_examples=examples(100, 20_000), deadline=None)
@given(text=front_matter_text(), suffix=st.sampled_from((".txt", ".md")), invalid=st.booleans())
@example(
    text="---\ntitle: " + "[" * 10_000 + "\n---\nTarvenia said so.", suffix=".txt", invalid=False
)
@example(
    text="---\ntitle: " + "[" * 10_000 + "\n---\nTarvenia said so.", suffix=".md", invalid=False
)
def test_text_and_markdown(folder: Path, text: str, suffix: str, invalid: bool) -> None:
    path = folder / f"report{suffix}"
    path.write_bytes(encoded(text, invalid))
    check(read(path), str(path))


@settings(max_examples=examples(60, 5_000), deadline=None)
@given(html=html_page(), invalid=st.booleans())
def test_html(folder: Path, html: str, invalid: bool) -> None:
    path = folder / "page.html"
    path.write_bytes(encoded(html, invalid))
    check(read(path), str(path))


@settings(max_examples=examples(100, 20_000), deadline=None)
@given(document=json_document())
@example(document="[" * 100_000 + "]" * 100_000)
@example(document='{"text": "Tarvenia said 5.", "published": ' + "9" * 5_000 + "}")
@example(document='{"text": "Tarvenia \\ud800 said \\u0000 so.", "title": "\\udfff"}')
def test_json(folder: Path, document: str) -> None:
    path = folder / "records.json"
    path.write_bytes(encoded(document, False))
    check(read(path), str(path))


@settings(max_examples=examples(100, 20_000), deadline=None)
@given(document=jsonl_document())
def test_jsonl(folder: Path, document: str) -> None:
    path = folder / "records.jsonl"
    path.write_bytes(encoded(document, False))
    check(read(path), str(path))


@settings(max_examples=examples(60, 5_000), deadline=None)
@given(
    document=feed_document(),
    suffix=st.sampled_from((".rss", ".atom", ".xml")),
    page=st.none() | html_page(),
    invalid=st.booleans(),
)
@example(
    document="<rss version='2.0'><channel><item><title>&#xd800;x</title>"
    "<description>x</description></item></channel></rss>",
    suffix=".rss",
    page=None,
    invalid=False,
)
def test_feeds(folder: Path, document: str, suffix: str, page: str | None, invalid: bool) -> None:
    path = folder / f"feed{suffix}"
    path.write_bytes(encoded(document, invalid))
    body = None if page is None else encoded(page, invalid)
    check(read(path, page=body), str(path))


@settings(max_examples=examples(60, 5_000), deadline=None)
@given(
    body=st.binary(max_size=2_000) | html_page().map(valid_unicode).map(str.encode),
    content_type=st.sampled_from(("text/html", "application/rss+xml", "text/plain", "")),
)
def test_urls(body: bytes, content_type: str) -> None:
    sources = Sources(Settings(), FetchState(None), fetcher=PageFetcher(body, content_type))
    check(list(sources.read(["https://kestrel.test/news/1"])), "https://kestrel.test")


@settings(max_examples=examples(100, 20_000), deadline=None)
@given(
    data=st.binary(max_size=3_000),
    suffix=st.sampled_from((".txt", ".md", ".html", ".json", ".jsonl", ".rss", ".xml", ".csv", "")),
)
def test_any_bytes_as_any_format(folder: Path, data: bytes, suffix: str) -> None:
    path = folder / f"blob{suffix}"
    path.write_bytes(data)
    check(read(path), str(path))


@settings(max_examples=examples(60, 5_000), deadline=None)
@given(text=news_text(), meta=json_record() | st.text(max_size=50), invalid=st.booleans())
def test_text_with_a_sidecar(folder: Path, text: str, meta: object, invalid: bool) -> None:
    path = folder / "story.txt"
    path.write_bytes(encoded(text, invalid))
    sidecar = folder / "story.meta.json"
    sidecar.write_bytes(encoded(meta if isinstance(meta, str) else dump_json(meta), invalid))
    try:
        check(read(path), str(path))
    finally:
        sidecar.unlink()


# -- sizes and shapes no strategy draws ---------------------------------------------------


def one_line(megabytes: int) -> Iterator[bytes]:
    words = "Envoys of the Veyra Front met officials from Tarvenia in Lirevia on Monday and "
    chunk = (words * 1000).encode()
    for _ in range(megabytes * 1_000_000 // len(chunk) + 1):
        yield chunk


def test_a_20_mb_line_is_refused_by_the_size_cap_without_reading_it(tmp_path: Path) -> None:
    path = tmp_path / "dump.txt"
    with path.open("wb") as f:
        f.writelines(one_line(20))
    tracemalloc.start()
    try:
        [item] = read(path)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert isinstance(item, Skipped) and "max_bytes" in item.reason and "\n" not in item.reason
    assert peak < 1_000_000  # the size comes from stat(); the file is never read


def test_a_20_mb_line_under_a_raised_cap_is_read_once(tmp_path: Path) -> None:
    path = tmp_path / "dump.txt"
    with path.open("wb") as f:
        f.writelines(one_line(20))
    size = path.stat().st_size
    tracemalloc.start()
    try:
        [item] = read(path, max_bytes=30_000_000)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert isinstance(item, RawArticle) and len(item.text) == size
    # The bytes and their decoded text, each once; a second copy would be 3x.
    assert peak < 2.5 * size


def test_a_sentence_of_50_000_words_without_a_full_stop(tmp_path: Path) -> None:
    words = ["Tarvenia", "said", "“", "١٢٣", "the", "Front", "\u200b", "1e308", "»"] * 5556
    path = tmp_path / "sentence.txt"
    path.write_text(" ".join(words[:50_000]), encoding="utf-8")
    [item] = read(path)
    assert isinstance(item, RawArticle) and len(item.text.split()) == 50_000
    check([item], str(path))


def test_html_nested_10_000_deep_is_read_or_refused_in_bounded_time(tmp_path: Path) -> None:
    paragraph = "<p>Envoys of the Veyra Front met officials from Tarvenia in Lirevia on Monday.</p>"
    for tag in ("div", "span", "b", "table"):
        path = tmp_path / f"deep-{tag}.html"
        path.write_text(
            f"<html><body><article>{paragraph}{f'<{tag}>' * 10_000}{paragraph * 3}"
            f"{f'</{tag}>' * 10_000}</article></body></html>"
        )
        began = time.perf_counter()
        items = read(path)
        assert time.perf_counter() - began < 10
        check(items, str(path))
        assert len(items) == 1
