"""The store: round trips of every fact type, atomic batches, versions, plain SQL."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from storyline.errors import StoreError
from storyline.models import (
    FACT_TYPES,
    TERM_KINDS,
    Article,
    Entity,
    Event,
    Figure,
    Phase,
    Position,
    Proposal,
    Quote,
    Term,
)
from storyline.store import Store
from storyline.store.schema import MIGRATIONS

from .old_layout import sample_articles, sample_facts


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
    with pytest.raises(StoreError, match="not a Storyline database: not an SQLite file"):
        Store(bad)
    assert bad.read_bytes() == b"garbage" * 1000


def test_every_fact_type_round_trips(tmp_path: Path) -> None:
    facts = sample_facts()
    with Store(tmp_path / "s.db") as store:
        store.add_batch(sample_articles(), facts)
        for cls in FACT_TYPES.values():
            mine = sorted(
                (f for f in facts if type(f) is cls), key=lambda f: (f.article, f.start, f.id)
            )
            assert store.facts(cls) == mine
            assert [f.to_dict() for f in store.facts(cls)] == [f.to_dict() for f in mine]
        assert store.count_facts() == {
            "event": 2, "figure": 2, "mention": 2, "position": 2, "proposal": 2, "quote": 1
        }  # fmt: skip


@settings(max_examples=40, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    text=st.text(max_size=30),
    holder=st.none() | st.text(max_size=10),
    issue=st.none() | st.text(max_size=10),
    terms=st.lists(st.tuples(st.sampled_from(TERM_KINDS), st.text(max_size=10)), max_size=3),
)
def test_text_fields_round_trip_exactly(
    tmp_path: Path, text: str, holder: str | None, issue: str | None, terms: list[tuple[str, str]]
) -> None:
    db = tmp_path / "t.db"
    db.unlink(missing_ok=True)
    position = Position(article="a1", start=0, end=len(text), text=text, holder=holder, issue=issue)
    phase = Phase(
        index=0, duration_days=(1, 7), terms=tuple(Term(kind=k, text=t) for k, t in terms)
    )
    proposal = Proposal(article="a1", start=0, end=1, text=text, proposer=holder, phases=(phase,))
    with Store(db) as store:
        store.add_batch([article(1)], [position.with_provenance("positions@1", 0), proposal])
        (got,) = store.facts(Position)
        assert got.to_dict() == position.with_provenance("positions@1", 0).to_dict()
        assert store.facts(Proposal)[0].to_dict() == proposal.to_dict()


def test_replace_facts_swaps_one_extractors_facts_in_every_table(tmp_path: Path) -> None:
    with Store(tmp_path / "s.db") as store:
        store.add_batch(sample_articles(), sample_facts())
        new = Position(article="a1", start=0, end=4, text="Mara", stance="demand")
        store.replace_facts("a1", ["positions", "events"], [new.with_provenance("positions@2", 0)])
        assert [p.stance for p in store.facts(Position, article_id="a1")] == ["demand"]
        assert [e.article for e in store.facts(Event)] == ["a2"]
        assert len(store.facts(Quote, article_id="a1")) == 1


def test_facts_answer_plain_sql(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    with Store(db) as store:
        store.add_batch(sample_articles(), sample_facts())
    with sqlite3.connect(db) as conn:
        rows = conn.execute("select holder, stance from positions order by stance").fetchall()
        assert rows == [("Mara Sten", "accept"), (None, "reject")]
        (value,) = conn.execute("select value from figures where kind = 'displaced'").fetchone()
        assert value == 1200.0
        phases = conn.execute("select phases from proposals where label = 'the deal'").fetchone()
        assert json.loads(phases[0])[0]["terms"] == [
            {"kind": "ceasefire", "text": "a truce", "obliged": None}
        ]
    conn.close()


def test_a_facts_row_is_what_its_dict_gives() -> None:
    from storyline.store.facts import _fields, _row_maker, _to_row

    for fact in sample_facts():
        cls = type(fact)
        assert list(_row_maker(cls)(fact)) == _to_row(_fields(cls), fact)
