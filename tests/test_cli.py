"""The command line: help for every command, exit codes, one-line errors, outputs."""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
from pathlib import Path

import pytest

from storyline.cli import EXIT_FATAL, EXIT_OK, EXIT_PARTIAL, EXIT_USAGE, build_parser, main
from storyline.resolve.entities import resolve_entities
from storyline.store import Store
from storyline.store.schema import SCHEMA_VERSION

from .conftest import REPO
from .store.old_layout import build_v2, sample_articles, sample_facts

COMMANDS = sorted(
    name
    for action in build_parser()._subparsers._group_actions  # type: ignore[union-attr]
    for name in getattr(action, "choices", {}) or {}
)


def test_there_are_commands() -> None:
    assert {"ingest", "export", "eval", "bench", "brief", "entities"} <= set(COMMANDS)


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help_and_is_documented(
    command: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as stop:
        main([command, "--help"])
    assert stop.value.code == 0
    assert len(capsys.readouterr().out) > 100
    assert f"storyline {command}" in (REPO / "README.md").read_text(encoding="utf-8")


def test_no_command_prints_help(capsys: pytest.CaptureFixture[str]) -> None:
    assert main([]) == 2
    assert "commands" in capsys.readouterr().out


def test_reading_a_missing_database_is_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["export", "--db", str(tmp_path / "none.db")]) == EXIT_FATAL
    err = capsys.readouterr().err
    assert err.startswith("storyline: error: no database at") and err.count("\n") == 1


def test_a_file_that_is_not_a_database(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.db"
    bad.write_bytes(b"this is not sqlite at all, just some bytes" * 100)
    assert main(["brief", "--db", str(bad)]) == EXIT_FATAL
    err = capsys.readouterr().err
    assert "not a Storyline database" in err and err.count("\n") == 1


@pytest.mark.slow
def test_ingest_bad_inputs_good_ones_stored(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "good.txt").write_text("Talks resume\n\nThe envoys met in Portvale on Monday.")
    (inputs / "good.jsonl").write_text(
        json.dumps({"id": "j1", "text": "A second report on the talks."}) + "\n{oops\n"
    )
    (inputs / "empty.txt").write_text("")
    (inputs / "binary.txt").write_bytes(b"\x00\x01\x02binary")
    (inputs / "latin.txt").write_bytes("r\u00e9sum\u00e9".encode("latin-1"))
    db = str(tmp_path / "s.db")
    code = main(["ingest", str(inputs), "--db", db, "--published", "2025-03-03", "--json"])
    out, err = capsys.readouterr()
    assert code == EXIT_PARTIAL
    lines = err.strip().split("\n")
    assert len(lines) == 4
    assert all(line.startswith("storyline: skipped ") for line in lines)
    assert f"{inputs / 'good.jsonl'}:2: not valid JSON" in err
    assert "Traceback" not in err
    report = json.loads(out)
    assert report["stored"] == 2 and report["skipped"] == 4
    assert main(["ingest", str(inputs / "good.txt"), "--db", db]) == EXIT_OK
    assert capsys.readouterr().err == ""
    main(["export", "--db", db, "-o", str(tmp_path / "out.json")])
    data = json.loads((tmp_path / "out.json").read_text())
    assert sorted(a["id"] for a in data["articles"])[-1] == "j1"
    assert {a["published"] for a in data["articles"]} == {"2025-03-03"}


@pytest.mark.slow
def test_export_formats(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(tmp_path / "s.db")
    main(["ingest", str(REPO / "examples" / "corpus"), "--db", db])
    capsys.readouterr()
    assert main(["export", "--db", db, "--format", "jsonl"]) == EXIT_OK
    records = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert {r["record"] for r in records} >= {"article"}
    assert main(["export", "--db", db, "--format", "csv", "-o", str(tmp_path / "csv")]) == 0
    assert (tmp_path / "csv" / "articles.csv").read_text("utf-8-sig").startswith("id,")
    assert main(["export", "--db", db, "--format", "csv"]) == EXIT_FATAL
    assert "give -o DIRECTORY" in capsys.readouterr().err


@pytest.mark.slow
def test_brief_and_entities(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(tmp_path / "s.db")
    main(["ingest", str(REPO / "examples" / "corpus"), "--db", db])
    capsys.readouterr()
    assert main(["brief", "--db", db]) == EXIT_OK
    out = capsys.readouterr().out
    assert "Articles by outlet" in out and "Latest events" in out
    # Where the talks stand: the mediators' plan, accepted, with its sources; the Front's
    # counterproposal answering it; every line cites outlet and date.
    assert "three-phase plan by Lirevia: accepted 2025-03-21" in out
    assert "counterproposal by Veyra Front, answering the three-phase plan" in out
    assert "[The Continental Ledger, 2025-03-04;" in out
    assert main(["brief", "--db", db, "--json"]) == EXIT_OK
    brief = json.loads(capsys.readouterr().out)
    assert brief["articles"] >= 10 and brief["story"]["articles"] >= 10
    assert all(line["sources"] for line in brief["on_the_table"] + brief["positions"])
    assert main(["brief", "--db", db, "--format", "md"]) == EXIT_OK
    assert "## On the table" in capsys.readouterr().out
    assert main(["brief", "--db", db, "--story", "s-none"]) == 2
    assert main(["entities", "--db", db, "--json"]) == EXIT_OK
    assert isinstance(json.loads(capsys.readouterr().out), list)


@pytest.mark.slow
def test_eval_on_a_small_gold_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    gold = {
        "format": "storyline-gold/1",
        "name": "tiny",
        "documents": [
            {"id": "d1", "text": "The envoys met in Portvale on Monday.", "published": "2025-03-05",
             "quotes": [], "figures": []},
        ],
    }  # fmt: skip
    path = tmp_path / "gold.json"
    path.write_text(json.dumps(gold))
    assert main(["eval", str(path), "--json"]) == EXIT_OK
    result = json.loads(capsys.readouterr().out)
    assert result["name"] == "tiny" and result["documents"] == 1
    assert set(result["scores"]) == {"quotes", "figures"}
    assert main(["eval", str(path)]) == EXIT_OK
    assert "quotes" in capsys.readouterr().out


def test_eval_rejects_a_file_that_is_not_gold(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "gold.json"
    path.write_text('{"documents": []}')
    assert main(["eval", str(path)]) == EXIT_FATAL
    assert "not a gold file" in capsys.readouterr().err


@pytest.mark.slow
def test_a_closed_pipe_ends_quietly(tmp_path: Path) -> None:
    import subprocess
    import sys

    db = str(tmp_path / "s.db")
    assert main(["ingest", str(REPO / "examples" / "corpus"), "--db", db]) == EXIT_OK
    script = f"from storyline.cli import main; raise SystemExit(main(['export', '--db', {db!r}]))"
    proc = subprocess.Popen(
        [sys.executable, "-c", script], stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.read(100)
    proc.stdout.close()  # like `| head -c 100`
    err = proc.stderr.read().decode()
    assert proc.wait() == EXIT_OK and err == ""


def _state(db: Path) -> tuple[str, list[str]]:
    """The database's hash and what sits in its directory (no -wal, -shm, -journal)."""
    return hashlib.sha256(db.read_bytes()).hexdigest(), sorted(os.listdir(db.parent))


def _filled(db: Path) -> Path:
    with Store(db) as store:
        store.add_batch(sample_articles(), sample_facts())
        resolve_entities(store)
    return db


READ_COMMANDS = [
    ["brief"],
    ["brief", "--json"],
    ["export"],
    ["export", "--format", "jsonl", "--no-text"],
    ["timeline", "--json"],
    ["timeline", "--story", "all"],
    ["entities"],
    ["entities", "--json", "--search", "sten"],
    ["stories"],
    ["stories", "--json"],
    ["compare", "figures", "--json"],
    ["compare", "proposals", "--json"],
    ["proposals"],
    ["proposals", "--json"],
    ["quotes", "--json"],
    ["figures", "--kind", "killed"],
    ["events", "--story", "all", "--from", "2025-03"],
    ["positions", "--json"],
    ["articles"],
    ["articles", "--json", "--from", "2025-03", "--outlet", "kestrel wire"],
]


@pytest.mark.parametrize("command", READ_COMMANDS, ids=" ".join)
def test_read_commands_change_no_byte_of_the_database(
    command: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = _filled(tmp_path / "s.db")
    before = _state(db)
    assert before[1] == ["s.db"]
    assert main([*command, "--db", str(db)]) == EXIT_OK
    assert capsys.readouterr().out
    assert _state(db) == before


def test_a_random_file_is_one_line_and_untouched(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    noise = tmp_path / "noise.db"
    noise.write_bytes(os.urandom(4096))
    before = _state(noise)
    for command in ("brief", "export", "timeline", "entities", "ingest", "migrate"):
        args = [command, str(tmp_path / "none.txt")] if command == "ingest" else [command]
        assert main([*args, "--db", str(noise)]) == EXIT_FATAL
        err = capsys.readouterr().err
        assert "not a Storyline database: not an SQLite file" in err and err.count("\n") == 1
    assert _state(noise) == before


def test_an_old_database_asks_for_migrate_then_reads(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "old.db"
    build_v2(db, sample_articles(), sample_facts())
    before = _state(db)
    assert main(["export", "--db", str(db)]) == EXIT_FATAL
    err = capsys.readouterr().err
    assert f"run `storyline migrate --db {db}` first" in err and err.count("\n") == 1
    assert _state(db) == before
    assert main(["migrate", "--db", str(db)]) == EXIT_OK
    assert capsys.readouterr().out == f"migrated {db} from schema v2 to v{SCHEMA_VERSION}\n"
    assert main(["migrate", "--db", str(db), "--json"]) == EXIT_OK
    assert json.loads(capsys.readouterr().out) == {
        "db": str(db), "before": SCHEMA_VERSION, "after": SCHEMA_VERSION, "changed": False
    }  # fmt: skip
    assert main(["export", "--db", str(db)]) == EXIT_OK
    assert len(json.loads(capsys.readouterr().out)["positions"]) == 2


def test_migrate_needs_an_existing_database(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["migrate", "--db", str(tmp_path / "none.db")]) == EXIT_FATAL
    assert "no database at" in capsys.readouterr().err
    assert os.listdir(tmp_path) == []


@pytest.mark.slow
def test_positions_answer_plain_sql_after_ingest(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    report = tmp_path / "talks.txt"
    report.write_text(
        "Talks stall\n\nPrime Minister Teodor Halvik rejected the ceasefire proposal on "
        "Monday. The Veyra Front demanded the release of all prisoners before any truce.\n"
    )
    db = tmp_path / "s.db"
    assert main(["ingest", str(report), "--db", str(db), "--published", "2025-03-03"]) == 0
    assert sorted(os.listdir(tmp_path)) == ["s.db", "talks.txt"]
    conn = sqlite3.connect(db)
    rows = conn.execute("select holder, stance from positions order by holder").fetchall()
    conn.close()
    assert rows == [("Teodor Halvik", "reject"), ("Veyra Front", "demand")]
    before = _state(db)
    for command in (["brief"], ["export"], ["timeline"], ["entities"]):
        assert main([*command, "--db", str(db)]) == EXIT_OK
    capsys.readouterr()
    assert _state(db) == before


def test_stories_and_compare(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = _filled(tmp_path / "s.db")
    assert main(["stories", "--json", "--db", str(db)]) == EXIT_OK
    stories = json.loads(capsys.readouterr().out)
    assert stories and {"id", "label", "articles", "first", "last", "top_entities"} <= set(
        stories[0]
    )
    assert sum(len(s["articles"]) for s in stories) == len(sample_articles())
    assert main(["compare", "figures", "--story", stories[0]["id"], "--db", str(db)]) == EXIT_OK
    assert main(["compare", "figures", "--story", "s-none", "--db", str(db)]) == 2
    err = capsys.readouterr().err
    assert "no story 's-none'" in err and err.count("\n") == 1


@pytest.mark.slow
def test_asking_the_record(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(tmp_path / "s.db")
    main(["ingest", str(REPO / "examples" / "corpus"), "--db", db])
    capsys.readouterr()
    assert main(["quotes", "--speaker", "Brosz", "--json", "--db", db]) == EXIT_OK
    quotes = json.loads(capsys.readouterr().out)
    assert quotes and {q["speaker"] for q in quotes} == {"Annika Brosz"}
    assert all(q["outlet"] and q["published"] for q in quotes)
    assert main(["events", "--type", "REJECT", "--from", "2025-03-13", "--json", "--db", db]) == 0
    events = json.loads(capsys.readouterr().out)
    assert events and all(e["type"] == "REJECT" for e in events)
    assert main(["figures", "--kind", "killed", "--to", "2025-03", "--json", "--db", db]) == 0
    assert all(f["kind"] == "killed" for f in json.loads(capsys.readouterr().out))
    assert main(["positions", "--holder", "Nobody Known", "--db", db]) == 2
    assert "no one in the record goes by 'Nobody Known'" in capsys.readouterr().err
    assert main(["events", "--from", "March", "--db", db]) == 2
    assert "--from takes a day" in capsys.readouterr().err
    with pytest.raises(SystemExit) as stop:
        main(["events", "--type", "PICNIC", "--db", db])
    assert stop.value.code == 2


def test_articles_lists_what_is_stored(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(_filled(tmp_path / "s.db"))
    assert main(["articles", "--db", db]) == EXIT_OK
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split() == ["ID", "PUBLISHED", "OUTLET", "FACTS", "TITLE"]
    assert lines[1].split() == ["a1", "2025-03-01", "Kestrel", "Wire", "4", "Talks"]
    assert lines[2].split() == ["a2", "undated", "-", "5", "(no", "title)"]
    assert main(["articles", "--db", db, "--json", "--search", "displaced"]) == EXIT_OK
    [a2] = json.loads(capsys.readouterr().out)
    assert a2["id"] == "a2" and a2["facts"] == 5 and a2["facts_by_kind"]["figure"] == 2
    assert "text" not in a2
    assert main(["articles", "--db", db, "--to", "2025-02"]) == EXIT_OK
    assert capsys.readouterr().out == "no articles\n"
    assert main(["articles", "--db", db, "--from", "someday"]) == 2
    err = capsys.readouterr().err
    assert "--from takes a day" in err and err.count("\n") == 1


def test_articles_set_corrects_metadata(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(_filled(tmp_path / "s.db"))
    assert main(["articles", "set", "a1", "--outlet", "Kestrel Wire Service", "--db", db]) == 0
    assert capsys.readouterr().out == (
        "updated metadata of a1 (outlet Kestrel Wire → Kestrel Wire Service)\n"
    )
    assert main(["articles", "--db", db, "set", "a1", "--outlet", "Kestrel Wire Service"]) == 0
    assert capsys.readouterr().out == "a1 already has this metadata; nothing changed\n"
    assert main(["articles", "set", "a1", "--title", "", "--json", "--db", db]) == EXIT_OK
    done = json.loads(capsys.readouterr().out)
    assert done["changes"] == {"title": {"before": "Talks", "after": None}}
    assert done["reextracted"] is False
    with Store(db, read_only=True) as store:
        [a1] = store.articles(["a1"])
    assert (a1.outlet, a1.title) == ("Kestrel Wire Service", None)


def test_articles_set_and_rm_name_an_unknown_id(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = str(_filled(tmp_path / "s.db"))
    for command in (["set", "a9", "--title", "x"], ["rm", "a1", "a9"]):
        assert main(["articles", *command, "--db", db]) == 2
        err = capsys.readouterr().err
        assert err == (
            "storyline: error: no article 'a9' in the record; "
            "`storyline articles` lists the stored ids\n"
        )
    with Store(db, read_only=True) as store:  # nothing removed: a1 is still there
        assert store.articles() == sample_articles() and len(store.entities()) == 1
    assert main(["articles", "set", "a1", "--db", db]) == 2
    assert "nothing to change" in capsys.readouterr().err
    with pytest.raises(SystemExit) as stop:
        main(["articles", "set", "a1", "--published", "March", "--db", db])
    assert stop.value.code == 2
    assert "--published 'March' is not a date" in capsys.readouterr().err
    assert main(["articles", "rm", "a1", "--db", str(tmp_path / "none.db")]) == EXIT_FATAL
    assert not (tmp_path / "none.db").exists()


def test_articles_rm_takes_facts_and_entities(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = str(_filled(tmp_path / "s.db"))
    assert main(["articles", "rm", "a2", "--json", "--db", db]) == EXIT_OK
    done = json.loads(capsys.readouterr().out)
    assert done == {"removed": ["a2"], "facts": 5, "entities_before": 1, "entities_after": 1}
    assert main(["articles", "rm", "a1", "--db", db]) == EXIT_OK
    assert capsys.readouterr().out == "removed 1 article(s) with 4 facts; entities 1 → 0\n"
    assert main(["export", "--db", db]) == EXIT_OK
    data = json.loads(capsys.readouterr().out)
    assert data["articles"] == data["entities"] == data["quotes"] == []


@pytest.mark.slow
def test_reingest_with_new_metadata_updates_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "talks.txt").write_text(
        "Talks in Saltmere\n\nEnvoys of the Veyra Front and Tarvenia met in Saltmere on "
        "Monday, mediators from Lirevia said.\n"
    )
    sidecar = inputs / "talks.meta.json"
    sidecar.write_text('{"published": "2025-03-03", "outlet": "Tidewater Courier"}')
    db = str(tmp_path / "s.db")
    assert main(["ingest", str(inputs), "--db", db, "--json"]) == EXIT_OK
    assert json.loads(capsys.readouterr().out)["stored"] == 1
    assert main(["articles", "--json", "--db", db]) == EXIT_OK
    [article] = json.loads(capsys.readouterr().out)
    assert (article["published"], article["outlet"]) == ("2025-03-03", "Tidewater Courier")
    # The same text with the same metadata stays a plain duplicate, said nowhere.
    assert main(["ingest", str(inputs), "--db", db]) == EXIT_OK
    assert capsys.readouterr().err == ""
    # A corrected date: stored, said, and the facts dated against it again.
    sidecar.write_text('{"published": "2025-03-05", "outlet": "Tidewater Courier"}')
    assert main(["ingest", str(inputs), "--db", db, "--json"]) == EXIT_OK
    out, err = capsys.readouterr()
    assert err == (
        f"storyline: updated metadata of {article['id']} "
        "(published 2025-03-03 → 2025-03-05); facts re-extracted\n"
    )
    report = json.loads(out)
    assert report["stored"] == 0 and report["already_stored"] == 0
    assert report["reextracted"] == [article["id"]]
    assert report["metadata_updated"] == [
        {"id": article["id"], "source": str(inputs / "talks.txt"),
         "changes": {"published": {"before": "2025-03-03", "after": "2025-03-05"}}}
    ]  # fmt: skip
    assert main(["events", "--story", "all", "--json", "--db", db]) == EXIT_OK
    events = json.loads(capsys.readouterr().out)
    # "on Monday" in a report of Wednesday 5 March is Monday 3 March; nothing is dated
    # after the new publication date.
    assert events and all(e["published"] == "2025-03-05" for e in events)
    assert all((e["date"] or "") <= "2025-03-05" for e in events)


@pytest.mark.slow
def test_articles_set_published_reextracts(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    report = tmp_path / "talks.txt"
    report.write_text(
        "Talks in Saltmere\n\nEnvoys of the Veyra Front and Tarvenia met in Saltmere on "
        "Monday, mediators from Lirevia said.\n"
    )
    db = str(tmp_path / "s.db")
    assert main(["ingest", str(report), "--db", db, "--published", "2025-03-05"]) == 0
    with Store(db, read_only=True) as store:
        [article] = store.articles()
    assert main(["articles", "set", article.id, "--published", "12 March 2025", "--db", db]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == f"updated metadata of {article.id} (published 2025-03-05 → 2025-03-12)"
    assert out[1].startswith("re-extracted its facts against the new date (")
    assert main(["events", "--story", "all", "--json", "--db", db]) == EXIT_OK
    dates = {e["date"] for e in json.loads(capsys.readouterr().out) if e["date"]}
    # "on Monday" now resolves to Monday 10 March, the Monday before the new date.
    assert dates and dates <= {"2025-03-10", "2025-03-12"}


def test_timeline_of_an_unknown_story_is_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = _filled(tmp_path / "s.db")
    assert main(["timeline", "--db", str(db), "--story", "s-none"]) == EXIT_USAGE
    err = capsys.readouterr().err
    assert err.startswith("storyline: error: no story 's-none'") and err.count("\n") == 1
