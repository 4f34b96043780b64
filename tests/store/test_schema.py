"""The schema: a table per fact type, frozen migrations, and v2 → v3 losing nothing."""

from __future__ import annotations

import dataclasses
import hashlib
import json
import sqlite3
from pathlib import Path

import pytest

from storyline.config import Settings
from storyline.errors import StoreError
from storyline.export import build_export
from storyline.models import FACT_TYPES, Event, Fact, Figure, Proposal, Quote
from storyline.pipeline import ingest
from storyline.resolve.entities import resolve_entities
from storyline.store import SCHEMA_VERSION, Store
from storyline.store.schema import FACT_TABLES, MIGRATIONS

from .old_layout import build_v2, read_entity_rows, sample_articles, sample_facts

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"

# Released migrations are history: a change of schema is a new entry, never an edit.
RELEASED = {
    1: "fcd1fb63ee890920ff2df126925dfa46db42d63b3e2df8f53cf8f41dbdbe9897",
    2: "6e2cde4486290533ba9dd150633de9f4f68491490923e0d6da576a0aaf92284f",
    3: "46f2bc99b302ca4bc26e8e762c5ddda6e582d0f88b900c267104dca123b22b9e",
    # v5: full-text search (FTS5, triggers) and the API's indexes.
    5: "fde0d7cbc5a89b4df42d687e4cd0048a79c3440849be3beeb7782aea43a12185",
}


def test_released_migrations_are_unchanged() -> None:
    for version, digest in RELEASED.items():
        text = MIGRATIONS[version - 1]
        assert hashlib.sha256(text.encode()).hexdigest() == digest, f"migration v{version}"


def test_every_fact_field_has_a_column(tmp_path: Path) -> None:
    assert set(FACT_TABLES) == set(FACT_TYPES)
    with Store(tmp_path / "s.db") as store:
        for kind, cls in FACT_TYPES.items():
            columns = [
                row[1] for row in store.conn.execute(f"PRAGMA table_info({FACT_TABLES[kind]})")
            ]
            fields = [
                "article_id" if f.name == "article" else f.name for f in dataclasses.fields(cls)
            ]
            assert sorted(columns) == sorted(fields), kind


def test_the_old_facts_table_is_gone(tmp_path: Path) -> None:
    with Store(tmp_path / "s.db") as store:
        tables = {r[0] for r in store.conn.execute("SELECT name FROM sqlite_master")}
        assert "facts" not in tables
        assert store.conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert len(MIGRATIONS) == SCHEMA_VERSION


def _sorted(facts: list[Fact]) -> list[Fact]:
    return sorted(facts, key=lambda f: (f.article, f.start, f.id))


# Fields that later migrations added as columns (v4: a figure's status, an event's inferred
# date). A database written by the v2 code never held them, so after migration they take
# their defaults; the v2 copy is built without them.
LATER_FIELDS: dict[type[Fact], dict[str, object]] = {
    Figure: {"status": "occurred"},
    Event: {"date_inferred": False},
}


def _as_v2_wrote(fact: Fact) -> Fact:
    later = LATER_FIELDS.get(type(fact))
    return dataclasses.replace(fact, **later) if later else fact  # type: ignore[arg-type]


def _v2_copy_of(tmp_path: Path, store: Store, name: str) -> Path:
    """A v2 database, built the old way, with what ``store`` holds (entities included)."""
    facts = [_as_v2_wrote(f) for cls in FACT_TYPES.values() for f in store.facts(cls)]
    old = tmp_path / name
    build_v2(old, store.articles(), facts, read_entity_rows(Path(store.path)))
    return old


def _has_later_fields(store: Store) -> bool:
    """Whether ``store`` holds facts whose later fields are not at their defaults."""
    return any(
        _as_v2_wrote(f) != f
        for cls in LATER_FIELDS
        for f in store.facts(cls)  # type: ignore[type-abstract]
    )


def _assert_migrates_losslessly(tmp_path: Path, new: Store) -> None:
    expected = {cls: [_as_v2_wrote(f) for f in new.facts(cls)] for cls in FACT_TYPES.values()}
    export = None if _has_later_fields(new) else json.dumps(build_export(new), indent=2)
    old = _v2_copy_of(tmp_path, new, "old.db")
    with Store(old) as migrated:
        assert migrated.found_version == 2
        for cls, facts in expected.items():
            got = migrated.facts(cls)
            assert got == facts, cls.KIND
            assert [f.to_dict() for f in got] == [f.to_dict() for f in facts]
        assert migrated.entities() == new.entities()
        if export is not None:
            assert json.dumps(build_export(migrated), indent=2) == export
        assert migrated.integrity_ok()


def test_v2_database_migrates_to_the_same_facts_and_export(tmp_path: Path) -> None:
    facts = sample_facts()
    with Store(tmp_path / "new.db") as new:
        new.add_batch(sample_articles(), facts)
        resolve_entities(new)
        assert [f for cls in FACT_TYPES.values() for f in _sorted(new.facts(cls))] == [
            f for cls in FACT_TYPES.values() for f in _sorted([x for x in facts if type(x) is cls])
        ]
        _assert_migrates_losslessly(tmp_path, new)


def test_v3_reads_old_json_as_the_v2_store_did(tmp_path: Path) -> None:
    """Keys an older dataclass did not write get their default; JSON nulls stay None."""
    db = tmp_path / "old.db"
    rows = [
        ("e1", "event", "a1", 0, 4, "events@1", json.dumps({"article": "a1", "start": 0, "end": 4, "text": "Mara", "extractor": "events@1", "id": "e1", "type": "AGREE", "date": "2025-03-01"})),
        ("q1", "quote", "a1", 0, 4, "quotes@1", json.dumps({"article": "a1", "start": 0, "end": 4, "text": None, "extractor": "quotes@1", "id": "q1", "kind": None})),
        ("f1", "figure", "a1", 0, 4, "figures@1", json.dumps({"article": "a1", "start": 0, "end": 4, "extractor": "figures@1", "id": "f1", "value": 7.5, "low": None})),
        ("p1", "proposal", "a1", 0, 4, "proposals@1", json.dumps({"article": "a1", "start": 0, "end": 4, "extractor": "proposals@1", "id": "p1", "phases": None})),
    ]  # fmt: skip
    build_v2(db, sample_articles(), [], raw_rows=rows)
    with Store(db) as store:
        for cls in (Event, Quote, Figure, Proposal):
            (row,) = [r for r in rows if r[1] == cls.KIND]
            assert store.facts(cls) == [cls.from_dict(json.loads(row[6]))]
        (event,) = store.facts(Event)
        assert (event.period, event.status, event.mode) == (None, "occurred", None)
        (quote,) = store.facts(Quote)
        assert (quote.text, quote.kind) == (None, None)


def test_a_failed_migration_keeps_the_old_schema(tmp_path: Path) -> None:
    """A fact whose article is gone cannot move (foreign key): nothing of v3 is kept."""
    db = tmp_path / "old.db"
    build_v2(db, sample_articles(), sample_facts())
    with sqlite3.connect(db) as conn:  # foreign keys are off on a plain connection
        conn.execute("INSERT INTO facts VALUES ('m9', 'mention', 'gone', 0, 1, 'entities@1', '{}')")
    with pytest.raises(StoreError, match="cannot migrate to schema v3"):
        Store(db)
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == 2
        assert conn.execute("SELECT count(*) FROM facts").fetchone()[0] == len(sample_facts()) + 1


@pytest.mark.slow
def test_a_pipeline_database_migrates_losslessly(tmp_path: Path) -> None:
    with Store(tmp_path / "new.db") as new:
        ingest([str(EXAMPLES / "corpus")], new, Settings())
        assert new.count_facts().keys() >= {"mention", "quote", "figure", "event", "position"}
        _assert_migrates_losslessly(tmp_path, new)
