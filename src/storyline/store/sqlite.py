"""The SQLite store: articles, facts and resolved entities.

Facts of every kind share one table: each row keeps the fact's contract fields as JSON plus
the columns queries filter on. One write transaction per batch means a killed ingest leaves
either a whole batch or none of it, and a rerun finds stored articles by their text hash.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from types import TracebackType
from typing import Self, TypeVar

from ..errors import StoreError
from ..models import Article, Entity, Fact

logger = logging.getLogger(__name__)

F = TypeVar("F", bound=Fact)

# Each entry moves the schema one version up; PRAGMA user_version records how far a file is.
MIGRATIONS: tuple[str, ...] = (
    """
    CREATE TABLE articles (
        id TEXT PRIMARY KEY,
        text_sha256 TEXT NOT NULL UNIQUE,
        title TEXT, outlet TEXT, published TEXT, url TEXT, source TEXT,
        text TEXT NOT NULL,
        ingested_at TEXT NOT NULL
    );
    CREATE TABLE facts (
        id TEXT PRIMARY KEY,
        kind TEXT NOT NULL,
        article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        start INTEGER NOT NULL,
        "end" INTEGER NOT NULL,
        extractor TEXT NOT NULL,
        data TEXT NOT NULL
    );
    CREATE INDEX facts_by_kind ON facts(kind, article_id, start);
    CREATE INDEX facts_by_article ON facts(article_id);
    CREATE TABLE entities (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        type TEXT NOT NULL,
        data TEXT NOT NULL
    );
    CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
    """,
    # v2, entity resolution (resolve/entities.py): each article's names and the entity they
    # joined, so that a new article is merged into the existing entities without a rebuild.
    """
    CREATE TABLE entity_members (
        article_id TEXT NOT NULL,
        name TEXT NOT NULL,
        entity_id TEXT NOT NULL,
        data TEXT NOT NULL,
        PRIMARY KEY (article_id, name)
    );
    CREATE INDEX entity_members_by_entity ON entity_members(entity_id);
    CREATE TABLE entity_articles (article_id TEXT PRIMARY KEY, signature TEXT NOT NULL);
    """,
)

_ARTICLE_COLUMNS = ("id", "text_sha256", "title", "outlet", "published", "url", "source", "text")


class Store:
    """A Storyline database file. Use as a context manager, or call :meth:`close`."""

    def __init__(self, path: str | Path) -> None:
        """Open (and create or migrate) the database at ``path``.

        Raises:
            StoreError: the file cannot be opened, is not SQLite, or is newer than this
                version of Storyline.
        """
        self.path = str(path)
        try:
            self.conn = sqlite3.connect(self.path, isolation_level=None)
            self.conn.row_factory = sqlite3.Row
            self.conn.execute("PRAGMA journal_mode=WAL")
            # NORMAL is durable against a killed process in WAL mode (only an OS crash can
            # lose the last commits), and several times faster than FULL.
            self.conn.execute("PRAGMA synchronous=NORMAL")
            self.conn.execute("PRAGMA foreign_keys=ON")
            self.conn.execute("PRAGMA busy_timeout=10000")
            self._migrate()
        except sqlite3.DatabaseError as e:
            raise StoreError(
                f"cannot open database ({e}); is it a Storyline database?", source=self.path
            ) from e

    def _migrate(self) -> None:
        version = int(self.conn.execute("PRAGMA user_version").fetchone()[0])
        if version > len(MIGRATIONS):
            raise StoreError(
                f"database schema v{version} is newer than this Storyline (v{len(MIGRATIONS)});"
                " upgrade storyline",
                source=self.path,
            )
        for number in range(version, len(MIGRATIONS)):
            with self.transaction(f"migrate to schema v{number + 1}"):
                for statement in MIGRATIONS[number].split(";"):
                    if statement.strip():
                        self.conn.execute(statement)
                self.conn.execute(f"PRAGMA user_version={number + 1}")

    @contextmanager
    def transaction(self, what: str) -> Iterator[None]:
        """One write transaction; on any error, nothing of it is kept."""
        try:
            self.conn.execute("BEGIN IMMEDIATE")
            try:
                yield
                self.conn.execute("COMMIT")
            except BaseException:
                self.conn.execute("ROLLBACK")
                raise
        except sqlite3.Error as e:
            raise StoreError(f"cannot {what}: {e}", source=self.path) from e

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    # -- articles -------------------------------------------------------------------------

    def has_text(self, sha: str) -> bool:
        """Whether an article with this normalized-text hash is stored."""
        row = self.conn.execute("SELECT 1 FROM articles WHERE text_sha256 = ?", (sha,))
        return row.fetchone() is not None

    def article_sha(self, article_id: str) -> str | None:
        """The text hash stored under ``article_id``, or None when the id is free."""
        row = self.conn.execute("SELECT text_sha256 FROM articles WHERE id = ?", (article_id,))
        found = row.fetchone()
        return str(found[0]) if found else None

    def add_batch(self, articles: Sequence[Article], facts: Iterable[Fact]) -> None:
        """Store articles and their facts in one transaction: all of them or none.

        Raises:
            StoreError: the write failed; nothing of the batch is stored.
        """
        now = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
        with self.transaction("store batch"):
            self.conn.executemany(
                "INSERT INTO articles (id, text_sha256, title, outlet, published, url, "
                "source, text, ingested_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [(*(getattr(a, c) for c in _ARTICLE_COLUMNS), now) for a in articles],
            )
            self._insert_facts(facts)

    def _insert_facts(self, facts: Iterable[Fact]) -> None:
        self.conn.executemany(
            'INSERT INTO facts (id, kind, article_id, start, "end", extractor, data) '
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            (
                (f.id, f.KIND, f.article, f.start, f.end, f.extractor, json.dumps(f.to_dict()))
                for f in facts
            ),
        )

    def replace_facts(
        self, article_id: str, extractors: Sequence[str], facts: Iterable[Fact]
    ) -> None:
        """Swap the facts that ``extractors`` (names) made for one article, atomically."""
        with self.transaction(f"replace facts of article {article_id}"):
            for name in extractors:
                self.conn.execute(
                    "DELETE FROM facts WHERE article_id = ? AND extractor LIKE ?",
                    (article_id, f"{name}@%"),
                )
            self._insert_facts(facts)

    def articles(self, ids: Sequence[str] | None = None) -> list[Article]:
        """Stored articles in publication order (undated last), then by id."""
        sql = f"SELECT {', '.join(_ARTICLE_COLUMNS)} FROM articles"
        params: tuple[str, ...] = ()
        if ids is not None:
            sql += f" WHERE id IN ({', '.join('?' * len(ids))})"
            params = tuple(ids)
        sql += " ORDER BY published IS NULL, published, id"
        return [Article(**dict(row)) for row in self.conn.execute(sql, params)]

    def count_articles(self) -> int:
        return int(self.conn.execute("SELECT count(*) FROM articles").fetchone()[0])

    # -- facts ----------------------------------------------------------------------------

    def facts(self, cls: type[F], article_id: str | None = None) -> list[F]:
        """Facts of one type (``Quote``, ``Figure`` …), in article and text order."""
        sql = "SELECT data FROM facts WHERE kind = ?"
        params: tuple[str, ...] = (cls.KIND,)
        if article_id is not None:
            sql += " AND article_id = ?"
            params += (article_id,)
        sql += " ORDER BY article_id, start, id"
        return [cls.from_dict(json.loads(row[0])) for row in self.conn.execute(sql, params)]

    def count_facts(self) -> dict[str, int]:
        rows = self.conn.execute("SELECT kind, count(*) FROM facts GROUP BY kind")
        return {str(kind): int(n) for kind, n in rows}

    # -- entities -------------------------------------------------------------------------

    def replace_entities(self, entities: Iterable[Entity]) -> None:
        """Replace the resolved entities in one transaction."""
        with self.transaction("store entities"):
            self.conn.execute("DELETE FROM entities")
            self.conn.executemany(
                "INSERT INTO entities (id, name, type, data) VALUES (?, ?, ?, ?)",
                ((e.id, e.name, e.type, json.dumps(e.to_dict())) for e in entities),
            )

    def entities(self) -> list[Entity]:
        rows = self.conn.execute("SELECT data FROM entities ORDER BY name, id")
        return [Entity.from_dict(json.loads(row[0])) for row in rows]

    def integrity_ok(self) -> bool:
        return bool(self.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok")
