"""Readers: each input format, and each kind of bad input as a one-line skip."""

from __future__ import annotations

import io
import json
import os
from pathlib import Path

import pytest

from storyline.ingest import RawArticle, Skipped, read_inputs
from storyline.ingest.base import normalize_text, parse_date, text_sha256
from storyline.ingest.formats import markdown_to_text

CAP = 5_000_000


def read(*paths: str | Path, stdin: str | None = None) -> list[RawArticle | Skipped]:
    return list(read_inputs([str(p) for p in paths], max_bytes=CAP, stdin=io.StringIO(stdin or "")))


def test_txt_first_line_before_blank_line_is_headline(tmp_path: Path) -> None:
    f = tmp_path / "a.txt"
    f.write_text("Envoys meet in Portvale\n\nThe envoys met on Monday.\n", encoding="utf-8")
    [article] = read(f)
    assert isinstance(article, RawArticle)
    assert article.title == "Envoys meet in Portvale"
    assert article.text.startswith("Envoys meet")  # the headline stays in the text


def test_txt_without_blank_second_line_has_no_headline(tmp_path: Path) -> None:
    f = tmp_path / "a.txt"
    f.write_text("The envoys met on Monday.\nThey talked for hours.\n", encoding="utf-8")
    [article] = read(f)
    assert isinstance(article, RawArticle) and article.title is None


def test_markdown_front_matter(tmp_path: Path) -> None:
    f = tmp_path / "a.md"
    f.write_text(
        "---\ntitle: \"Talks resume\"\ndate: '2025-03-04'\noutlet: Harbor Wire\n"
        "source_url: https://example.org/a\n---\n\nFirst line of a\nwrapped paragraph.  \n"
        "  \nSecond \\_paragraph\\_ with a [link](https://x.example).\n",
        encoding="utf-8",
    )
    [article] = read(f)
    assert isinstance(article, RawArticle)
    assert (article.title, article.published, article.outlet, article.url) == (
        "Talks resume",
        "2025-03-04",
        "Harbor Wire",
        "https://example.org/a",
    )
    assert article.text == "First line of a wrapped paragraph.\n\nSecond _paragraph_ with a link."


def test_markdown_published_datetime(tmp_path: Path) -> None:
    f = tmp_path / "a.md"
    f.write_text("---\npublished: 2025-03-04 19:41:10-04:00\n---\nBody text.\n", encoding="utf-8")
    [article] = read(f)
    assert isinstance(article, RawArticle) and article.published == "2025-03-04"


def test_markdown_bad_front_matter_is_skipped(tmp_path: Path) -> None:
    f = tmp_path / "bad.md"
    f.write_text("---\ntitle: [unclosed\n---\nBody.\n", encoding="utf-8")
    [item] = read(f)
    assert isinstance(item, Skipped) and "front matter" in item.reason


def test_html_main_text_and_metadata(tmp_path: Path) -> None:
    f = tmp_path / "a.html"
    body = "".join(
        f"<p>Paragraph {i} of the report says the envoys of both sides met again in the port"
        " city to discuss the exchange of detainees and the opening of the crossings.</p>"
        for i in range(4)
    )
    f.write_text(
        "<html><head><title>Envoys meet | Coast Daily</title>"
        '<meta property="og:title" content="Envoys meet">'
        '<meta property="og:site_name" content="Coast Daily">'
        '<meta property="article:published_time" content="2025-03-05T10:00:00Z">'
        f"</head><body><nav><a href='/'>Home</a></nav><article>{body}</article>"
        "<footer>Cookie settings. All rights reserved.</footer></body></html>",
        encoding="utf-8",
    )
    [article] = read(f)
    assert isinstance(article, RawArticle)
    assert article.outlet == "Coast Daily" and article.published == "2025-03-05"
    assert "Paragraph 3" in article.text and "Cookie" not in article.text
    assert "\n\n" in article.text


def test_jsonl_records_and_bad_line(tmp_path: Path) -> None:
    f = tmp_path / "a.jsonl"
    good = {"id": "r1", "text": "The envoys met.", "outlet": "Wire", "published": "2025-03-01"}
    f.write_text(json.dumps(good) + "\n{not json\n" + json.dumps({"id": "r3"}) + "\n")
    items = read(f)
    assert isinstance(items[0], RawArticle) and items[0].id == "r1"
    assert items[0].published == "2025-03-01"
    assert isinstance(items[1], Skipped) and items[1].source == f"{f}:2"
    assert "not valid JSON" in items[1].reason
    assert isinstance(items[2], Skipped) and items[2].source == f"{f}:3"
    assert "no 'text' or 'html'" in items[2].reason


def test_json_list_of_records(tmp_path: Path) -> None:
    f = tmp_path / "a.json"
    f.write_text(
        json.dumps({"documents": [{"id": "x", "text": "One."}, {"id": "y", "text": "Two."}]})
    )
    items = read(f)
    assert [i.id for i in items if isinstance(i, RawArticle)] == ["x", "y"]


def test_stdin_jsonl() -> None:
    items = read("-", stdin='{"text": "From a pipe."}\n\n[1, 2]\n')
    assert isinstance(items[0], RawArticle) and items[0].source == "<stdin>:1"
    assert isinstance(items[1], Skipped) and items[1].source == "<stdin>:3"
    assert "not an object" in items[1].reason


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("empty.txt", b"", "empty file"),
        ("blank.txt", b"  \n\n ", "empty file"),
        ("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00", "binary file"),
        (
            "latin1.txt",
            "caf\u00e9 talks".encode("latin-1"),
            "not UTF-8 text (byte 0xe9 at offset 3)",
        ),
    ],
)
def test_bad_files_are_skipped_with_reason(
    tmp_path: Path, name: str, content: bytes, reason: str
) -> None:
    f = tmp_path / name
    f.write_bytes(content)
    [item] = read(f)
    assert isinstance(item, Skipped)
    assert item.source == str(f) and reason in item.reason
    assert "\n" not in item.reason


def test_size_cap(tmp_path: Path) -> None:
    f = tmp_path / "big.txt"
    f.write_text("word " * 30)
    [item] = list(read_inputs([str(f)], max_bytes=100))
    assert isinstance(item, Skipped) and "over the 100-byte cap" in item.reason


def test_missing_path() -> None:
    [item] = read("/nonexistent/storyline-input.txt")
    assert isinstance(item, Skipped) and item.reason == "no such file or directory"


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads any file")
def test_unreadable_file(tmp_path: Path) -> None:
    f = tmp_path / "locked.txt"
    f.write_text("secret")
    f.chmod(0)
    [item] = read(f)
    assert isinstance(item, Skipped) and "cannot read file" in item.reason


def test_unreadable_file_as_root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    f = tmp_path / "locked.txt"
    f.write_text("secret")

    def deny(self: Path) -> bytes:
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(Path, "read_bytes", deny)
    [item] = read(f)
    assert isinstance(item, Skipped) and item.reason == "cannot read file: Permission denied"


def test_directory_walk_is_recursive_sorted_and_reports_unsupported(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "b.txt").write_text("Second.")
    (tmp_path / "sub" / "a.md").write_text("Nested.")
    (tmp_path / ".hidden.txt").write_text("Hidden.")
    (tmp_path / "report.pdf").write_bytes(b"%PDF-1.4")
    items = read(tmp_path)
    texts = [i.text for i in items if isinstance(i, RawArticle)]
    assert texts == ["Second.", "Nested."]
    [skipped] = [i for i in items if isinstance(i, Skipped)]
    assert "unsupported file type '.pdf'" in skipped.reason


def test_normalize_and_hash() -> None:
    assert normalize_text("\ufeffA\r\nB\rC  \n") == "A\nB\nC"
    assert text_sha256("a  b\nc") == text_sha256("a b c")


def test_parse_date_forms() -> None:
    assert parse_date("2024-05-01T10:00:00Z", source="t") == "2024-05-01"
    assert parse_date("May 1, 2024", source="t") == "2024-05-01"
    assert parse_date("not a date at all", source="t") is None
    assert parse_date(None, source="t") is None


def test_markdown_to_text_keeps_paragraphs() -> None:
    assert markdown_to_text("# Head\n\nOne\ntwo\n\n\n**Three**") == "Head\n\nOne two\n\nThree"


def test_outlet_falls_back_to_the_url_host() -> None:
    from storyline.ingest import Defaults

    raw = RawArticle(source="t", text="Body.", url="https://www.harbor.example/a/b")
    assert raw.to_article(Defaults()).outlet == "harbor.example"
    assert raw.to_article(Defaults(outlet="Harbor Wire")).outlet == "Harbor Wire"
    assert RawArticle(source="t", text="Body.").to_article(Defaults()).outlet is None


# -- hostile inputs the fuzz tests (tests/fuzz) found: each a one-line skip or an article ----


def only(items: list[RawArticle | Skipped]) -> RawArticle | Skipped:
    [item] = items
    return item


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"[" * 100_000 + b"]" * 100_000, "not readable JSON (nested too deep to read)"),
        (b'{"text": "The Front said so.", "published": ' + b"9" * 5_000 + b"}", "4,300 digits"),
        (b'{"text": "The Front said so.", "title": ["a", "list"]}', "'title' is a list"),
        (b"[]", "no records in the file"),
    ],
)
def test_json_past_the_limits_of_python(tmp_path: Path, data: bytes, reason: str) -> None:
    f = tmp_path / "a.json"
    f.write_bytes(data)
    item = only(read(f))
    assert isinstance(item, Skipped) and reason in item.reason


def test_a_lone_surrogate_escaped_in_json_is_stored_as_a_replacement_character(
    tmp_path: Path,
) -> None:
    from storyline.ingest import Defaults

    f = tmp_path / "a.json"
    f.write_text('{"text": "Tarvenia \\ud800 said so.", "title": "\\udfff\\ud83d\\ude00"}')
    item = only(read(f))
    assert isinstance(item, RawArticle)
    article = item.to_article(Defaults())
    assert article.text == "Tarvenia \ufffd said so." and article.title == "\ufffd\U0001f600"


def test_a_record_without_words_does_not_lose_the_records_after_it(tmp_path: Path) -> None:
    f = tmp_path / "a.jsonl"
    lines = [{"text": "First report."}, {"text": " \u200b \x00 “ ” "}, {"text": "Third report."}]
    f.write_text("\n".join(json.dumps(line) for line in lines))
    items = read(f)
    assert [type(i) for i in items] == [RawArticle, Skipped, RawArticle]
    assert isinstance(items[1], Skipped) and "no letter or digit" in items[1].reason


@pytest.mark.parametrize(
    ("name", "front", "reason"),
    [
        ("a.md", "title: " + "[" * 10_000, "front matter is not valid YAML: nested too deep"),
        ("a.txt", "title: " + "[" * 10_000, "front matter: nested too deep"),
        ("a.txt", "published: 2025-02-30", "day is out of range for month"),
        ("a.md", "date: !!timestamp x", "a value that cannot be read"),
        ("a.md", "title: 0x" + "f" * 5_000, "an integer of more than 4,200 digits"),
        ("a.md", "title: " + "9" * 5_000, "Exceeds the limit (4300 digits)"),
        ("a.md", "a: &a [x, x, x]\nb: &b [*a, *a, *a]\ntitle: [*b, *b, *b]", "'title' is a list"),
    ],
)
def test_front_matter_past_the_limits_of_pyyaml(
    tmp_path: Path, name: str, front: str, reason: str | None
) -> None:
    f = tmp_path / name
    f.write_text(f"---\n{front}\n---\nThe Front said so.\n", encoding="utf-8")
    item = only(read(f))
    if reason is None:
        assert isinstance(item, RawArticle)
    else:
        assert isinstance(item, Skipped) and reason in item.reason and "\n" not in item.reason


def test_a_text_opening_with_yaml_that_names_no_metadata_stays_text(tmp_path: Path) -> None:
    f = tmp_path / "a.txt"
    f.write_text("---\nwhen: 2025-02-30\n---\nThe Front said so.\n")
    item = only(read(f))
    assert isinstance(item, RawArticle) and item.text.startswith("---\nwhen:")


def test_html_nested_past_the_parser_limit_is_refused_with_the_reason(tmp_path: Path) -> None:
    paragraph = "<p>Envoys of the Veyra Front met officials in Lirevia on Monday.</p>" * 3
    f = tmp_path / "a.html"
    # Before: trafilatura read the paragraph above the nesting and dropped the rest unsaid.
    f.write_text(
        f"<html><body><article>{paragraph}{'<div>' * 10_000}{paragraph}{'</div>' * 10_000}"
        "</article></body></html>"
    )
    item = only(read(f))
    assert isinstance(item, Skipped) and "nests elements more than 255 deep" in item.reason


def test_html_with_character_references_that_name_no_character(tmp_path: Path) -> None:
    paragraph = "<p>Envoys of the Veyra Front met officials in Lirevia on Monday.</p>" * 3
    f = tmp_path / "a.html"
    refs = "&amp;#" + "9" * 5_000 + "; &#xd800; &amp;#x110000;"
    f.write_text(f"<html><body><article>{paragraph}<p>{refs} said</p></article></body></html>")
    item = only(read(f))
    assert isinstance(item, RawArticle) and "Lirevia" in item.text


def test_an_outlet_is_not_read_from_a_url_that_cannot_be_split() -> None:
    from storyline.ingest import Defaults

    raw = RawArticle(source="t", text="Body.", url="http://[::1/talks")
    assert raw.to_article(Defaults()).outlet is None


def test_a_path_that_is_not_utf8_is_stored_with_replacement_characters() -> None:
    from storyline.ingest import Defaults

    source = os.fsdecode(b"Lir\xe9via.txt")  # "\udce9": Python's escape for a bad byte
    article = RawArticle(source=source, text="Body.").to_article(Defaults())
    assert article.source == "Lir\ufffdvia.txt"
