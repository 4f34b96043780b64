"""The export keeps every key and type of the contract (../shared/docs/CONTRACT.md §1)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from storyline.cli import main

from .conftest import REPO

pytestmark = pytest.mark.slow

STR, INT, NUM, LIST = (str,), (int,), (int, float), (list,)
OPT = (type(None),)

# section → key → allowed JSON types (contract §1).
CONTRACT: dict[str, dict[str, tuple[type, ...]]] = {
    "articles": {
        "id": STR, "title": STR + OPT, "outlet": STR + OPT, "published": STR + OPT,
        "url": STR + OPT, "source": STR + OPT, "text_sha256": STR,
    },
    "entities": {
        "id": STR, "name": STR, "type": STR, "aliases": LIST, "affiliation": STR + OPT,
    },
    "quotes": {
        "id": STR, "article": STR, "text": STR, "kind": STR, "speaker": STR + OPT,
        "speaker_entity": STR + OPT, "cue": STR + OPT, "start": INT, "end": INT,
    },
    "figures": {
        "id": STR, "article": STR, "text": STR, "value": NUM + OPT, "low": NUM + OPT,
        "high": NUM + OPT, "unit": STR + OPT, "kind": STR, "counted": STR + OPT,
        "qualifier": STR + OPT, "source": STR + OPT, "as_of": STR + OPT, "start": INT,
        "end": INT,
    },
    "events": {
        "id": STR, "article": STR, "type": STR, "mode": STR + OPT, "actor": STR + OPT,
        "target": STR + OPT, "location": STR + OPT, "date": STR + OPT,
        "date_text": STR + OPT, "status": STR, "text": STR, "start": INT, "end": INT,
    },
    "proposals": {
        "id": STR, "articles": LIST, "label": STR + OPT, "proposer": STR + OPT,
        "status": STR + OPT, "phases": LIST,
    },
    "positions": {
        "id": STR, "article": STR, "holder": STR + OPT, "stance": STR, "issue": STR + OPT,
        "text": STR, "start": INT, "end": INT,
    },
}  # fmt: skip

VOCABULARY = {
    ("entities", "type"): {"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC", "OTHER"},
    ("quotes", "kind"): {"direct", "partial", "indirect"},
    ("events", "status"): {"occurred", "planned", "hypothetical", "negated"},
    ("positions", "stance"): {"demand", "offer", "accept", "reject", "support", "oppose", "condition"},
}  # fmt: skip


def check_export(data: dict[str, Any]) -> None:
    assert data["format"] == "storyline-export/1"
    assert set(CONTRACT) <= set(data)
    texts = {a["id"]: a.get("text") for a in data["articles"]}
    for section, keys in CONTRACT.items():
        for row in data[section]:
            for key, types in keys.items():
                assert key in row, f"{section} lacks {key}"
                assert isinstance(row[key], types), f"{section}.{key} = {row[key]!r}"
                if (section, key) in VOCABULARY:
                    assert row[key] in VOCABULARY[(section, key)], f"{section}.{key} = {row[key]}"
            text = texts.get(row.get("article") or (row.get("articles") or [None])[0])
            if "start" in row and text is not None:
                assert 0 <= row["start"] <= row["end"] <= len(text)
            for phase in row.get("phases", []):
                assert isinstance(phase["index"], int)
                days = phase["duration_days"]
                assert days is None or (isinstance(days, list) and len(days) == 2)
                assert all({"kind", "text"} <= set(t) for t in phase["terms"])


def test_seeds_and_briefings(
    shared_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = str(tmp_path / "s.db")
    inputs = [str(shared_dir / "data" / "seeds"), str(shared_dir / "data" / "briefings")]
    main(["ingest", *inputs, "--db", db, "--json"])
    assert json.loads(capsys.readouterr().out)["stored"] == 47
    main(["ingest", *inputs, "--db", db, "--json"])
    assert json.loads(capsys.readouterr().out)["stored"] == 0
    out = tmp_path / "export.json"
    assert main(["export", "--db", db, "-o", str(out)]) == 0
    data = json.loads(out.read_text())
    check_export(data)
    briefings = [a for a in data["articles"] if a["source"].endswith(".md")]
    assert len(briefings) == 45
    assert all(a["published"] and a["published"].startswith("2024-") for a in briefings)
    assert all(a["published"] == Path(a["source"]).name[:10] for a in briefings)

    # Issue 12: the largest story holds both seed reports and no trade or tariff
    # proclamation; its brief names the three-phase proposal and the parties' positions,
    # and nothing dated before October 2023 leads its timeline.
    main(["stories", "--db", db, "--json"])
    largest = json.loads(capsys.readouterr().out)[0]
    by_id = {a["id"]: a for a in data["articles"]}
    members = [by_id[i] for i in largest["articles"]]
    assert sum(not a["source"].endswith(".md") for a in members) == 2
    assert not any("proclamation" in (a.get("title") or "").lower() for a in members)
    main(["brief", "--db", db, "--json"])
    brief = json.loads(capsys.readouterr().out)
    assert brief["story"]["id"] == largest["id"]
    assert any("3 phases" in line["text"] for line in brief["on_the_table"])
    holders = {line["text"].split(":")[0] for line in brief["positions"]}
    assert {"Israel", "Hamas"} <= holders
    assert brief["timeline"] and brief["timeline"][0]["text"][:7] >= "2023-10"
    main(["timeline", "--db", db, "--json"])  # the largest story's, earliest first
    entries = json.loads(capsys.readouterr().out)["entries"]
    assert entries and entries[0]["date"] >= "2023-10"


def test_example_corpus(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(tmp_path / "s.db")
    main(["ingest", str(REPO / "examples" / "corpus"), "--db", db])
    out = tmp_path / "export.json"
    main(["export", "--db", db, "-o", str(out)])
    check_export(json.loads(out.read_text()))
