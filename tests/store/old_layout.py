"""Databases as the v2 code wrote them (one ``facts`` table of JSON), and facts to fill them.

``build_v2`` repeats what the store of schema v2 did, statement for statement: WAL mode,
the v1 and v2 migrations, and one ``facts`` row per fact with its ``to_dict()`` as JSON.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from storyline.models import (
    Article,
    Event,
    Fact,
    Figure,
    Mention,
    Phase,
    Position,
    Proposal,
    Quote,
    Term,
)
from storyline.store.schema import MIGRATIONS

# The tables of entity resolution, the same in v2 and v3.
ENTITY_TABLES = ("entities", "entity_members", "entity_articles")


def build_v2(
    path: Path,
    articles: Sequence[Article],
    facts: Iterable[Fact],
    entity_rows: dict[str, list[tuple[Any, ...]]] | None = None,
    *,
    raw_rows: Iterable[tuple[str, str, str, int, int, str, str]] = (),
) -> None:
    """A schema-v2 database at ``path`` holding ``articles`` and ``facts``.

    Args:
        entity_rows: rows of :data:`ENTITY_TABLES` to copy in, by table.
        raw_rows: ``facts`` rows written as they are (id, kind, article, start, end,
            extractor, JSON), for JSON the current dataclasses would not write.
    """
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA foreign_keys=ON")
    for number in range(2):
        conn.execute("BEGIN IMMEDIATE")
        for statement in MIGRATIONS[number].split(";"):
            if statement.strip():
                conn.execute(statement)
        conn.execute(f"PRAGMA user_version={number + 1}")
        conn.execute("COMMIT")
    conn.execute("BEGIN IMMEDIATE")
    conn.executemany(
        "INSERT INTO articles (id, text_sha256, title, outlet, published, url, source, text, "
        "ingested_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (a.id, a.text_sha256, a.title, a.outlet, a.published, a.url, a.source, a.text, "now")
            for a in articles
        ],
    )
    conn.executemany(
        'INSERT INTO facts (id, kind, article_id, start, "end", extractor, data) '
        "VALUES (?, ?, ?, ?, ?, ?, ?)",
        [
            (f.id, f.KIND, f.article, f.start, f.end, f.extractor, json.dumps(f.to_dict()))
            for f in facts
        ],
    )
    conn.executemany(
        'INSERT INTO facts (id, kind, article_id, start, "end", extractor, data) '
        "VALUES (?, ?, ?, ?, ?, ?, ?)",
        list(raw_rows),
    )
    for table, rows in (entity_rows or {}).items():
        if rows:
            marks = ", ".join("?" * len(rows[0]))
            conn.executemany(f"INSERT INTO {table} VALUES ({marks})", rows)
    conn.execute("COMMIT")
    conn.close()


def read_entity_rows(path: Path) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of the entity tables of the database at ``path``."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return {
            t: conn.execute(f"SELECT * FROM {t} ORDER BY rowid").fetchall() for t in ENTITY_TABLES
        }
    finally:
        conn.close()


def sample_articles() -> list[Article]:
    return [
        Article(id="a1", text="Mara Sten said “we accept” on Monday.", title="Talks",
                outlet="Kestrel Wire", published="2025-03-01", url="https://k.example/1",
                source="a1.txt", text_sha256="sha-a1"),
        Article(id="a2", text="Sten’s office: 1,200 displaced, 40 to 60 killed.",
                text_sha256="sha-a2"),
    ]  # fmt: skip


def sample_facts() -> list[Fact]:
    """One or more facts of every kind, with nulls, unicode, ranges and nested phases."""
    phases = (
        Phase(index=1, duration_days=(42, 42), terms=(Term(kind="ceasefire", text="a truce"),)),
        Phase(index=2, duration_days=None, terms=()),
    )
    facts: list[Fact] = [
        Mention(article="a1", start=0, end=9, text="Mara Sten", name="Mara Sten", type="PERSON",
                role="envoy", affiliation="Ostrivia"),
        Mention(article="a2", start=0, end=4, text="Sten", name="Mara Sten", type="PERSON"),
        Quote(article="a1", start=16, end=25, text="we accept", kind="direct",
              speaker="Mara Sten", speaker_entity=None, cue="said"),
        Figure(article="a2", start=15, end=20, text="1,200", value=1200.0, unit="people",
               kind="displaced", qualifier="exact", counted="displaced", as_of="2025-03-01"),
        Figure(article="a2", start=32, end=40, text="40 to 60", low=40.0, high=60.5,
               unit="people", kind="killed", qualifier="approx", source="Sten’s office"),
        Event(article="a1", start=10, end=14, text="said", type="AGREE", mode="verbal",
              actor="Mara Sten", target=None, location="Vantis", date="2025-03-03",
              date_text="on Monday", status="occurred", period=None),
        Event(article="a2", start=0, end=4, text="Sten", type="ASSAULT", status="planned",
              period="2025-W10"),
        Proposal(article="a1", start=16, end=25, text="we accept", label="the deal",
                 proposer="Mara Sten", status="accepted", phases=phases),
        Proposal(article="a2", start=0, end=4, text="Sten"),
        Position(article="a1", start=16, end=25, text="we accept", holder="Mara Sten",
                 stance="accept", issue="the deal"),
        Position(article="a2", start=0, end=4, text="Sten", holder=None, stance="reject"),
    ]  # fmt: skip
    return [f.with_provenance(f"{f.KIND}s@1", i) for i, f in enumerate(facts)]
