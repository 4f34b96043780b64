"""The SQLite store: round trips, atomic batches, migrations."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from storyline.errors import StoreError
from storyline.models import Article, Entity, Event, Figure, Quote
from storyline.store import Store
from storyline.store.sqlite import MIGRATIONS


def article(i: int) -> Article:
    return Article(id=f"a{i}", text=f"Text {i}.", text_sha256=f"sha{i}", published="2025-03-01")


def test_batch_round_trip(tmp_path: Path) -> None:
    with Store(tmp_path / "s.db") as store:
        quote = Quote(article="a1", start=0, end=4, text="Text", speaker="X").with_provenance(
            "quotes@1", 0
        )
        event = Event(article="a1", start=0, end=4, type="AGREE").with_provenance("events@1", 0)
        store.add_batch([article(1)], [quote, event])
        assert store.articles() == [article(1)]
        assert store.facts(Quote) == [quote]
        assert store.facts(Event, article_id="a1") == [event]
        assert store.count_facts() == {"quote": 1, "event": 1}
        assert store.has_text("sha1") and not store.has_text("sha2")
        assert store.article_sha("a1") == "sha1" and store.article_sha("zz") is None


def test_failed_batch_stores_nothing(tmp_path: Path) -> None:
    with Store(tmp_path / "s.db") as store:
        store.add_batch([article(1)], [])
        with pytest.raises(StoreError):
            store.add_batch([article(2), article(1)], [])  # a1 again: the batch is refused
        assert [a.id for a in store.articles()] == ["a1"]


@settings(max_examples=30, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    value=st.none() | st.floats(allow_nan=False, allow_infinity=False),
    text=st.text(max_size=30),
    source=st.none() | st.text(max_size=10),
)
def test_figure_store_round_trip(
    tmp_path: Path, value: float | None, text: str, source: str | None
) -> None:
    db = tmp_path / "h.db"
    db.unlink(missing_ok=True)
    with Store(db) as store:
        figure = Figure(article="a1", start=0, end=len(text), text=text, value=value, source=source)
        figure = figure.with_provenance("figures@1", 0)
        store.add_batch([article(1)], [figure])
        assert store.facts(Figure) == [figure]


def test_entities_replace(tmp_path: Path) -> None:
    with Store(tmp_path / "s.db") as store:
        store.replace_entities([Entity(id="e1", name="A", type="PERSON")])
        store.replace_entities([Entity(id="e2", name="B", type="ORG")])
        assert [e.id for e in store.entities()] == ["e2"]


def test_schema_version_and_newer_file(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    with Store(db) as store:
        assert store.conn.execute("PRAGMA user_version").fetchone()[0] == len(MIGRATIONS)
    with sqlite3.connect(db) as conn:
        conn.execute(f"PRAGMA user_version={len(MIGRATIONS) + 5}")
    with pytest.raises(StoreError, match="newer than this Storyline"):
        Store(db)


def test_not_a_database(tmp_path: Path) -> None:
    bad = tmp_path / "bad.db"
    bad.write_bytes(b"garbage" * 1000)
    with pytest.raises(StoreError, match="is it a Storyline database"):
        Store(bad)
