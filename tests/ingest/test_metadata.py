"""Metadata of plain-text reports: the ``NAME.meta.json`` sidecar and YAML front matter."""

from __future__ import annotations

import io
import json
import os
from pathlib import Path

import pytest

from storyline.config import Settings
from storyline.errors import InputError
from storyline.ingest import RawArticle, Skipped, read_inputs
from storyline.ingest.fetch import FetchState
from storyline.ingest.meta import is_sidecar, read_day
from storyline.ingest.sources import Sources

CAP = 5_000_000
REPORT = "Envoys meet in Saltmere\n\nEnvoys of the Veyra Front and Tarvenia met on Monday.\n"
META = {
    "title": "Saltmere talks open",
    "published": "2025-04-07",
    "outlet": "Tidewater Courier",
    "url": "https://tidewater.example/saltmere",
}


def read(*paths: str | Path) -> list[RawArticle | Skipped]:
    return list(read_inputs([str(p) for p in paths], max_bytes=CAP, stdin=io.StringIO("")))


def report_with_sidecar(folder: Path, meta: object, name: str = "talks") -> Path:
    text = folder / f"{name}.txt"
    text.write_text(REPORT, encoding="utf-8")
    sidecar = folder / f"{name}.meta.json"
    sidecar.write_text(meta if isinstance(meta, str) else json.dumps(meta), encoding="utf-8")
    return text


def test_sidecar_gives_the_metadata(tmp_path: Path) -> None:
    text = report_with_sidecar(tmp_path, META)
    [article] = read(text)
    assert isinstance(article, RawArticle)
    assert (article.title, article.published, article.outlet, article.url) == tuple(META.values())
    assert article.text == REPORT  # the sidecar's words are never part of the text


def test_sidecar_may_give_some_keys_and_null(tmp_path: Path) -> None:
    text = report_with_sidecar(tmp_path, {"published": "7 April 2025", "outlet": None})
    [article] = read(text)
    assert isinstance(article, RawArticle)
    assert article.published == "2025-04-07" and article.outlet is None
    assert article.title == "Envoys meet in Saltmere"  # the headline rule still applies


def test_a_sidecar_is_never_an_article(tmp_path: Path) -> None:
    report_with_sidecar(tmp_path, META)
    items = read(tmp_path)
    assert len(items) == 1 and isinstance(items[0], RawArticle)
    assert items[0].source.endswith("talks.txt")
    # Named with its text file, as a shell glob names it: read with that file, once.
    items = read(*sorted(tmp_path.iterdir()))
    assert [type(i) for i in items] == [RawArticle]


def test_a_sidecar_without_its_text_is_skipped(tmp_path: Path) -> None:
    orphan = tmp_path / "gone.meta.json"
    orphan.write_text(json.dumps(META), encoding="utf-8")
    (tmp_path / "gone.md").write_text("Body.\n", encoding="utf-8")
    for items in (read(tmp_path), read(orphan)):
        skipped = [i for i in items if isinstance(i, Skipped)]
        assert len(skipped) == 1
        assert skipped[0].source == str(orphan) and "no gone.txt beside it" in skipped[0].reason


@pytest.mark.parametrize(
    ("meta", "reason"),
    [
        ({"pubished": "2025-04-07"}, "unknown key 'pubished'; metadata keys are title, "),
        ({"published": "2025-02-30"}, "published '2025-02-30' is not a date"),
        ({"published": "April 2025"}, "published 'April 2025' is not a date"),
        ({"published": "yesterday"}, "published 'yesterday' is not a date"),
        ({"title": 7}, "'title' must be a string, not 7"),
        ('{"title": "x",}', "not valid JSON (line 1, column"),
        ('["2025-04-07"]', "not a JSON object"),
    ],
)
def test_a_bad_sidecar_skips_its_text_naming_the_sidecar(
    tmp_path: Path, meta: object, reason: str
) -> None:
    text = report_with_sidecar(tmp_path, meta)
    [item] = read(tmp_path)
    assert isinstance(item, Skipped)
    assert item.source == str(text)
    assert item.reason.startswith(f"sidecar {tmp_path / 'talks.meta.json'}: ")
    assert reason in item.reason and "\n" not in item.reason


def test_txt_front_matter(tmp_path: Path) -> None:
    f = tmp_path / "a.txt"
    f.write_text(
        "---\ntitle: Saltmere talks open\npublished: 2025-04-07\noutlet: Tidewater Courier\n"
        "---\n\nEnvoys meet in Saltmere\n\nThe envoys met on Monday.\n",
        encoding="utf-8",
    )
    [article] = read(f)
    assert isinstance(article, RawArticle)
    assert (article.title, article.published, article.outlet) == (
        "Saltmere talks open",
        "2025-04-07",
        "Tidewater Courier",
    )
    assert article.text.startswith("Envoys meet in Saltmere\n\nThe envoys")


def test_txt_front_matter_without_title_keeps_the_headline(tmp_path: Path) -> None:
    f = tmp_path / "a.txt"
    f.write_text("---\npublished: 2025-04-07\n---\n" + REPORT, encoding="utf-8")
    [article] = read(f)
    assert isinstance(article, RawArticle)
    assert article.title == "Envoys meet in Saltmere" and article.published == "2025-04-07"


def test_sidecar_wins_over_front_matter(tmp_path: Path) -> None:
    f = tmp_path / "a.txt"
    f.write_text("---\npublished: 2025-04-06\noutlet: Old Desk\n---\nBody.\n", encoding="utf-8")
    (tmp_path / "a.meta.json").write_text('{"published": "2025-04-07"}', encoding="utf-8")
    [article] = read(f)
    assert isinstance(article, RawArticle)
    assert (article.published, article.outlet) == ("2025-04-07", "Old Desk")


@pytest.mark.parametrize(
    "opening",
    [
        "---\nBREAKING: shelling near Dravec\n---\n",  # a mapping, but no metadata key
        "---\n- one\n- two\n---\n",  # not a mapping
        "---\ntitle: [unclosed\n---\n",  # not YAML
    ],
)
def test_txt_opening_rules_that_are_not_front_matter_stay_text(
    tmp_path: Path, opening: str
) -> None:
    f = tmp_path / "a.txt"
    f.write_text(opening + "The envoys met on Monday.\n", encoding="utf-8")
    [article] = read(f)
    assert isinstance(article, RawArticle)
    assert article.text.startswith("---\n") and article.published is None


def test_txt_front_matter_with_a_misspelt_key_is_skipped(tmp_path: Path) -> None:
    f = tmp_path / "a.txt"
    f.write_text("---\ntitle: Talks\npubished: 2025-04-07\n---\nBody.\n", encoding="utf-8")
    [item] = read(f)
    assert isinstance(item, Skipped)
    assert item.reason.startswith("front matter: unknown key 'pubished'")


def test_read_day() -> None:
    assert read_day("2025-04-07", what="x") == "2025-04-07"
    assert read_day("2025-04-07T23:10:00+02:00", what="x") == "2025-04-07"
    assert read_day("7 April 2025", what="x") == "2025-04-07"
    assert read_day("April 7, 2025", what="x") == "2025-04-07"
    for bad in ("2025-04", "2025-13-01", "next week", "soon", ""):
        with pytest.raises(InputError, match="is not a date"):
            read_day(bad, what="x")


def test_is_sidecar() -> None:
    assert is_sidecar(Path("a/story.meta.json")) and is_sidecar(Path("STORY.META.JSON"))
    assert not is_sidecar(Path(".meta.json")) and not is_sidecar(Path("story.json"))


def test_watch_reads_a_text_again_when_its_sidecar_changes(tmp_path: Path) -> None:
    folder = tmp_path / "drop"
    folder.mkdir()
    report_with_sidecar(folder, META)
    sources = Sources(Settings(db=str(tmp_path / "s.db")), FetchState(None), watch_files=True)
    assert len(list(sources.read([str(folder)]))) == 1
    sources.commit()
    assert list(sources.read([str(folder)])) == []
    sidecar = folder / "talks.meta.json"
    sidecar.write_text(json.dumps({**META, "published": "2025-04-08"}), encoding="utf-8")
    stat = sidecar.stat()
    os.utime(sidecar, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))
    [again] = sources.read([str(folder)])
    assert isinstance(again, RawArticle) and again.published == "2025-04-08"
