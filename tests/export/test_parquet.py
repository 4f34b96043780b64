"""``storyline export --format parquet``: one file a section, the JSON export's rows and columns."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
import pytest

from storyline.cli import main
from storyline.errors import StorylineError
from storyline.export.parquet import CONTRACT_COLUMNS, write_parquet
from storyline.export.writers import RECORD_SECTIONS, write_export

from ..conftest import EXAMPLES


def _rows(path: Path) -> list[dict[str, Any]]:
    return list(pq.read_table(path).to_pylist())


def _filled(rows: list[dict[str, Any]], columns: list[str]) -> list[dict[str, Any]]:
    return [{c: row.get(c) for c in columns} for row in rows]


def test_hand_built_sections_keep_their_types(tmp_path: Path) -> None:
    data = {
        "articles": [
            {
                "id": "a1",
                "title": "Strait talks",
                "outlet": None,
                "published": "2025-06-02",
                "url": None,
                "source": "a.txt",
                "text_sha256": "ab",
            }
        ],
        "entities": [
            {
                "id": "e1",
                "name": "Ilse Varga",
                "type": "PERSON",
                "aliases": ["Varga"],
                "affiliation": "Maravia",
                "mentions": 3,
            }
        ],
        "quotes": [],
        "figures": [
            {
                "id": "f1",
                "article": "a1",
                "text": "40 ships",
                "value": 40,
                "low": None,
                "high": None,
                "unit": "ships",
                "kind": "other",
                "counted": "ships",
                "qualifier": "approx",
                "source": None,
                "as_of": None,
                "start": 3,
                "end": 11,
            },
            {
                "id": "f2",
                "article": "a1",
                "text": "2.5 percent",
                "value": 2.5,
                "low": None,
                "high": None,
                "unit": "percent",
                "kind": "other",
                "counted": None,
                "qualifier": "exact",
                "source": None,
                "as_of": None,
                "start": 20,
                "end": 31,
            },
        ],
        "proposals": [
            {
                "id": "p1",
                "articles": ["a1"],
                "label": "phased reopening",
                "proposer": "Estavia",
                "status": "proposed",
                "phases": [
                    {
                        "index": 1,
                        "duration_days": [30, 30],
                        "terms": [{"kind": "other", "text": "ferries"}],
                    },
                    {"index": 2, "duration_days": None, "terms": []},
                ],
            }
        ],
    }
    write_parquet(data, tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        f"{s}.parquet" for s in CONTRACT_COLUMNS
    )
    figures = pq.read_table(tmp_path / "figures.parquet")
    assert str(figures.schema.field("value").type) == "double"
    assert figures.column("value").to_pylist() == [40.0, 2.5]
    quotes = pq.read_table(tmp_path / "quotes.parquet")
    assert quotes.num_rows == 0 and quotes.column_names == [
        c for c, _ in CONTRACT_COLUMNS["quotes"]
    ]
    [proposal] = _rows(tmp_path / "proposals.parquet")
    assert proposal["phases"][0]["duration_days"] == [30.0, 30.0]
    assert proposal["phases"][1]["duration_days"] is None
    [entity] = _rows(tmp_path / "entities.parquet")
    # An added column follows the contract's.
    assert entity["mentions"] == 3 and entity["aliases"] == ["Varga"]


def test_a_field_added_inside_a_struct_is_kept(tmp_path: Path) -> None:
    term = {"kind": "ceasefire", "text": "a truce", "obliged": "Maravia"}
    data = {
        "proposals": [
            {
                "id": "p1",
                "articles": ["a1"],
                "label": "truce",
                "proposer": None,
                "status": "proposed",
                "phases": [{"index": 1, "duration_days": None, "terms": [term]}],
            }
        ]
    }
    write_parquet(data, tmp_path)
    [proposal] = _rows(tmp_path / "proposals.parquet")
    assert proposal["phases"][0]["terms"] == [term]


def test_a_value_of_the_wrong_type_is_named() -> None:
    from storyline.export.parquet import section_table

    with pytest.raises(StorylineError, match=r"figures\.start does not fit"):
        section_table("figures", [{"id": "f1", "start": "three"}], CONTRACT_COLUMNS["figures"])


def test_parquet_needs_a_directory() -> None:
    with pytest.raises(StorylineError, match="give -o DIRECTORY"):
        write_export({}, "parquet", None)


@pytest.mark.slow
def test_parquet_export_has_the_json_exports_rows_and_columns(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = str(tmp_path / "x.db")
    assert main(["ingest", str(EXAMPLES / "corpus"), "--db", db]) == 0
    assert main(["export", "--db", db, "--format", "json", "-o", str(tmp_path / "x.json")]) == 0
    assert main(["export", "--db", db, "--format", "parquet", "-o", str(tmp_path / "pq")]) == 0
    exported = json.loads((tmp_path / "x.json").read_text(encoding="utf-8"))
    for section in RECORD_SECTIONS:
        table = pq.read_table(tmp_path / "pq" / f"{section}.parquet")
        rows = exported[section]
        columns: list[str] = []
        for row in rows:
            columns.extend(k for k in row if k not in columns)
        assert table.num_rows == len(rows), section
        assert set(table.column_names) == set(columns) | {
            c for c, _ in CONTRACT_COLUMNS[section]
        }, section
        assert table.column_names[: len(CONTRACT_COLUMNS[section])] == [
            c for c, _ in CONTRACT_COLUMNS[section]
        ]
        # Same values too (42 == 42.0, so typed numbers compare equal to the JSON's).
        assert table.to_pylist() == _filled(rows, table.column_names), section
    assert len(exported["quotes"]) > 50
