"""Feeds: RSS 2.0 and Atom items, summary-only items fetched as pages, broken feeds."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from storyline.cli import main
from storyline.config import Settings
from storyline.errors import InputError
from storyline.ingest import RawArticle, Skipped
from storyline.ingest.feeds import iter_new, needs_page, parse_feed, read_item
from storyline.ingest.fetch import FetchState
from storyline.ingest.sources import Sources

from .site import Page, Site
from .stories import atom, page, rss, text_of

RSS = "application/rss+xml"
ATOM = "application/atom+xml"


def read_all(site: Site, settings: Settings, *paths: str) -> list[RawArticle | Skipped]:
    sources = Sources(settings, FetchState(None))
    return list(sources.read(paths))


def test_rss_items_with_full_text_are_read_from_the_feed() -> None:
    feed = parse_feed(rss("http://example.test", [0, 1], full_text=True).encode(), "feed.rss")
    assert feed.title == "Harbor Dispatch"
    assert [i.title for i in feed.items] == [
        "Ferry talks open in Sallow Point",
        "Kessel Union proposes a joint patrol",
    ]
    first = feed.items[0]
    assert not needs_page(first)
    article = read_item(first, feed, None)
    assert article.text == text_of(0)
    assert (article.outlet, article.published) == ("Harbor Dispatch", "2025-06-02")
    assert article.url == "http://example.test/story/0"


def test_atom_entries_with_html_content() -> None:
    feed = parse_feed(atom("http://example.test", [2, 3]).encode(), "north.atom")
    assert feed.title == "Northline Monitor"
    assert [i.key for i in feed.items] == ["urn:northline:2", "urn:northline:3"]
    article = read_item(feed.items[1], feed, None)
    assert article.text == text_of(3)
    assert article.published == "2025-06-09"
    assert article.url == "http://example.test/north/3"


def test_new_items_come_oldest_first_and_seen_ones_are_left_out() -> None:
    feed = parse_feed(rss("http://example.test", [3, 2, 1], full_text=True).encode(), "f")
    keys = [i.key for i in iter_new(feed, {"http://example.test/story/2"})]
    assert keys == ["http://example.test/story/1", "http://example.test/story/3"]


def test_summary_only_items_fetch_their_pages(site: Site, settings: Settings) -> None:
    site.routes["/feed"] = Page(rss(site.base, [1, 0], full_text=False, title="Quay"), RSS)
    for i in (0, 1):
        site.routes[f"/story/{i}"] = Page(page(i))
    items = read_all(site, settings, site.url("/feed"))
    assert sorted(site.paths()) == ["/feed", "/story/0", "/story/1"]
    assert all(isinstance(i, RawArticle) for i in items)
    first = items[0]
    assert isinstance(first, RawArticle)
    # The page's article, not the feed's 60-character teaser, and not the page's menus.
    assert "Hundreds" not in first.text and "Home" not in first.text
    assert "the first session ended" in first.text
    assert first.published == "2025-06-02" and first.title == "Ferry talks open in Sallow Point"


def test_an_rss_feed_by_url_goes_into_the_store(
    site: Site, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    site.routes["/feed"] = Page(rss(site.base, [0, 1, 2], full_text=True), RSS)
    site.routes["/north"] = Page(atom(site.base, [3]), ATOM)
    db = tmp_path / "f.db"
    config = _config(tmp_path)
    code = main(
        [
            "--config",
            config,
            "ingest",
            site.url("/feed"),
            site.url("/north"),
            "--db",
            str(db),
            "--json",
        ]
    )
    report = json.loads(capsys.readouterr().out)
    assert code == 0
    assert report["stored"] == 4
    assert site.paths() == ["/feed", "/north"]  # full text in the feeds: no page fetched


def test_a_malformed_feed_is_one_line_and_the_others_are_read(
    site: Site, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    site.routes["/broken"] = Page(
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Broken Wire</title><item><tit',
        RSS,
    )
    site.routes["/feed"] = Page(rss(site.base, [0, 1], full_text=True), RSS)
    db = tmp_path / "f.db"
    code = main(
        [
            "--config",
            _config(tmp_path),
            "ingest",
            site.url("/broken"),
            site.url("/feed"),
            "--db",
            str(db),
            "--json",
        ]
    )
    captured = capsys.readouterr()
    assert code == 1
    errors = captured.err.strip().splitlines()
    assert len(errors) == 1
    assert errors[0].startswith(
        f"storyline: skipped {site.url('/broken')}: not a readable RSS or Atom feed"
    )
    assert json.loads(captured.out)["stored"] == 2


def test_a_feed_file(tmp_path: Path, settings: Settings) -> None:
    path = tmp_path / "harbor.rss"
    path.write_text(rss("http://example.test", [0, 3], full_text=True), encoding="utf-8")
    items = list(Sources(settings, FetchState(None)).read([str(path)]))
    assert [a.text for a in items if isinstance(a, RawArticle)] == [text_of(3), text_of(0)]


def test_a_file_that_is_not_a_feed(tmp_path: Path, settings: Settings) -> None:
    path = tmp_path / "notes.xml"
    path.write_text("<notes><note>call the harbour office</note></notes>", encoding="utf-8")
    [item] = Sources(settings, FetchState(None)).read([str(path)])
    assert isinstance(item, Skipped) and "not a readable RSS or Atom feed" in item.reason


def test_a_page_url_is_read_as_one_article(site: Site, settings: Settings) -> None:
    site.routes["/story/2"] = Page(page(2))
    [article] = read_all(site, settings, site.url("/story/2"))
    assert isinstance(article, RawArticle)
    assert article.url == site.url("/story/2")
    assert "herring season" in article.text


def test_garbage_is_not_a_feed() -> None:
    with pytest.raises(InputError, match="not a readable RSS or Atom feed"):
        parse_feed(b"{not: a feed", "x.json")


def _config(tmp_path: Path) -> str:
    path = tmp_path / "storyline.toml"
    path.write_text("fetch_delay = 0.0\nfetch_timeout = 5.0\n", encoding="utf-8")
    return str(path)


# -- hostile feeds (found by tests/fuzz) --------------------------------------------------


def test_references_to_no_character_are_read_as_replacement_characters() -> None:
    # feedparser's loose parser encoded chr(0xd800) as UTF-8 and raised.
    data = (
        "<rss version='2.0'><channel><title>Kestrel &#xd800;Ledger</title><item>"
        "<title>Talks &#55296; &#x110000;resume</title><link>http://kestrel.test/1</link>"
        "<description>Talks resume.</description><content:encoded>&lt;p&gt;Envoys met &amp;#"
        + "9" * 5_000
        + ";in Lirevia.&lt;/p&gt;</content:encoded></item></channel></rss>"
    ).encode()
    feed = parse_feed(data, "feed.rss")
    [item] = feed.items
    assert item.title is not None and "resume" in item.title and "\ufffd" in item.title
    assert item.content is not None and "Lirevia" in item.content


def test_a_link_that_is_no_web_address_is_no_link() -> None:
    data = (
        b"<rss version='2.0'><channel><item><title>Talks</title><link>http://[::1</link>"
        b"<guid>urn:kestrel:7</guid><content:encoded>Envoys met.</content:encoded>"
        b"</item></channel></rss>"
    )
    [item] = parse_feed(data, "feed.rss").items
    assert item.link is None and item.key == "urn:kestrel:7"
    assert read_item(item, parse_feed(data, "feed.rss"), None).source == "feed.rss#urn:kestrel:7"
