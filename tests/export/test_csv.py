"""``storyline export --format csv``: flat files, one value a cell, one row per phase term."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

from storyline.export.flat import CONTRACT_COLUMNS, PHASE_COLUMNS, flat_table
from storyline.export.writers import RECORD_SECTIONS, write_export


def _read(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))


def _proposal(**changes: Any) -> dict[str, Any]:
    row = {
        "id": "p-1",
        "articles": ["r1", "r2"],
        "label": "three-phase plan",
        "proposer": "Lirevia",
        "status": "proposed",
        "phases": [
            {
                "index": 1,
                "duration_days": [42, 42],
                "terms": [
                    {"kind": "ceasefire", "text": "a six-week truce", "obliged": None},
                    {"kind": "withdrawal", "text": "troops leave the villages",
                     "obliged": "Tarvenia"},
                ],
            },
            {"index": 2, "duration_days": None, "terms": []},
        ],
        "text": "the plan",
        "start": 4,
        "end": 12,
    }  # fmt: skip
    return {**row, **changes}


def test_one_row_per_phase_term() -> None:
    columns, rows = flat_table("proposals", [_proposal()])
    assert columns[:5] == ["id", "articles", "label", "proposer", "status"]
    assert columns[5:11] == list(PHASE_COLUMNS)
    assert columns[11:] == ["text", "start", "end"]
    assert [(r["phase_index"], r.get("term_kind"), r.get("term_obliged")) for r in rows] == [
        (1, "ceasefire", None),
        (1, "withdrawal", "Tarvenia"),
        (2, None, None),
    ]
    assert rows[0]["phase_duration_days_low"] == 42 and rows[0]["phase_duration_days_high"] == 42
    assert rows[2]["phase_duration_days_low"] is None
    assert {r["articles"] for r in rows} == {"r1; r2"}


def test_a_proposal_without_phases_is_one_row() -> None:
    _, rows = flat_table("proposals", [_proposal(phases=[])])
    assert len(rows) == 1 and "phase_index" not in rows[0] and rows[0]["label"]


def test_lists_are_joined_and_formulas_defused() -> None:
    entity = {
        "id": "e1",
        "name": "Ilka Doran",
        "type": "PERSON",
        "aliases": ["Doran", "I. Doran"],
        "affiliation": None,
        "roles": [],
        "mentions": 3,
        "articles": ["r1", "r2"],
    }
    quote = {
        "id": "q1",
        "article": "r1",
        "text": '=HYPERLINK("x")',
        "kind": "direct",
        "speaker": "+Doran",
        "start": 0,
        "end": 5,
    }
    figure = {"id": "f1", "article": "r1", "text": "-5 percent", "value": -5.0}  # fmt: skip
    _, [row] = flat_table("entities", [entity])
    assert row["aliases"] == "Doran; I. Doran" and row["roles"] == "" and row["mentions"] == 3
    _, [row] = flat_table("quotes", [quote])
    assert row["text"] == '\'=HYPERLINK("x")' and row["speaker"] == "'+Doran"
    _, [row] = flat_table("figures", [figure])
    assert row["text"] == "'-5 percent" and row["value"] == -5.0  # numbers stay numbers


def test_csv_files_open_as_flat_tables(tmp_path: Path) -> None:
    data = {
        "format": "storyline-export/1",
        "articles": [{"id": "r1", "title": "Saltmere talks", "outlet": "Tidewater Courier",
                      "published": "2025-04-07", "url": None, "source": "r1.txt",
                      "text_sha256": "ab", "text": "Line one,\nline “two”."}],
        "entities": [{"id": "e1", "name": "Tarvenia", "type": "GPE",
                      "aliases": ["Tarvenian", "Tarvenians"], "affiliation": None}],
        "quotes": [],
        "proposals": [_proposal()],
    }  # fmt: skip
    out = tmp_path / "csv"
    write_export(data, "csv", str(out))
    assert sorted(p.name for p in out.iterdir()) == sorted(f"{s}.csv" for s in RECORD_SECTIONS)
    # A byte-order mark first: Excel then reads the file as UTF-8.
    assert (out / "articles.csv").read_bytes().startswith(b"\xef\xbb\xbfid,title,")
    [article] = _read(out / "articles.csv")
    assert article["text"] == "Line one,\nline “two”." and article["url"] == ""
    [entity] = _read(out / "entities.csv")
    assert entity["aliases"] == "Tarvenian; Tarvenians"
    proposals = _read(out / "proposals.csv")
    assert [(p["phase_index"], p["term_kind"], p["term_obliged"]) for p in proposals] == [
        ("1", "ceasefire", ""),
        ("1", "withdrawal", "Tarvenia"),
        ("2", "", ""),
    ]
    for section in RECORD_SECTIONS:
        with open(out / f"{section}.csv", encoding="utf-8-sig", newline="") as f:
            rows = list(csv.reader(f))
        header = [c for c in CONTRACT_COLUMNS[section] if c != "phases"]
        assert set(header) <= set(rows[0])  # an empty section still has its columns
        assert all(len(r) == len(rows[0]) for r in rows)
        assert not any(cell.startswith(("[", "{")) for r in rows[1:] for cell in r)
