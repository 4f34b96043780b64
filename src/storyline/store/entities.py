"""Entities across articles, and the tables the incremental resolver keeps them with.

``entities`` holds one row per corpus entity (its working state as JSON in ``data``);
``entity_members`` which entity each article's names joined (``entity_id`` is '' while a
role descriptor waits for its holder); ``entity_articles`` a signature of each article's
mentions, so that a run reads only the articles whose mentions changed. The resolver
(:mod:`storyline.resolve.entities`) decides; these methods only read and write, inside
the resolver's :meth:`~.StoreBase.transaction` where they write.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Sequence
from typing import NamedTuple

from ..models import Entity
from .connection import StoreBase, chunked, marks


class MemberRow(NamedTuple):
    """One article's name and the entity it joined; ``data`` is the resolver's JSON."""

    article_id: str
    name: str
    entity_id: str
    data: str


class EntityRow(NamedTuple):
    """One corpus entity; ``data`` is the resolver's JSON, a superset of :class:`Entity`."""

    id: str
    name: str
    type: str
    data: str


_MEMBER_COLUMNS = "article_id, name, entity_id, data"


class EntityQueries(StoreBase):
    """The resolved entities and the resolver's bookkeeping."""

    def entities(self) -> list[Entity]:
        """Every resolved entity, by name."""
        rows = self.conn.execute("SELECT data FROM entities ORDER BY name, id")
        return [Entity.from_dict(json.loads(row[0])) for row in rows]

    def replace_entities(self, entities: Iterable[Entity]) -> None:
        """Replace the resolved entities in one transaction."""
        with self.transaction("store entities"):
            self.conn.execute("DELETE FROM entities")
            self.conn.executemany(
                "INSERT INTO entities (id, name, type, data) VALUES (?, ?, ?, ?)",
                ((e.id, e.name, e.type, json.dumps(e.to_dict())) for e in entities),
            )

    def entity_names(self) -> dict[tuple[str, str], str]:
        """``(article id, article-level name) → entity name`` for every resolved name."""
        rows = self.conn.execute(
            "SELECT m.article_id, m.name, e.name FROM entity_members m "
            "JOIN entities e ON e.id = m.entity_id"
        )
        return {(str(a), str(n)): str(e) for a, n, e in rows}

    # -- the resolver's working state -----------------------------------------------------

    def entity_data(self) -> list[str]:
        """The resolver's JSON of every stored entity, in storage order."""
        return [str(row[0]) for row in self.conn.execute("SELECT data FROM entities")]

    def clear_entities(self) -> None:
        """Delete every entity (the rows a resolver without members left)."""
        self.conn.execute("DELETE FROM entities")

    def mention_signatures(self) -> dict[str, str]:
        """A fingerprint of each article's stored mentions: changes when they are redone."""
        rows = self.conn.execute(
            "SELECT article_id, count(*), min(id), max(id), total(start) FROM mentions "
            "GROUP BY article_id"
        )
        return {str(r[0]): f"{r[1]}:{r[2]}:{r[3]}:{r[4]:.0f}" for r in rows}

    def resolved_signatures(self) -> dict[str, str]:
        """The mention fingerprint of each article as of its last resolution."""
        rows = self.conn.execute("SELECT article_id, signature FROM entity_articles")
        return {str(a): str(s) for a, s in rows}

    def add_resolved_signatures(self, signatures: Iterable[tuple[str, str]]) -> None:
        """Record ``(article id, fingerprint)`` pairs as resolved."""
        self.conn.executemany(
            "INSERT INTO entity_articles (article_id, signature) VALUES (?, ?)", signatures
        )

    def drop_entity_members(self, article_ids: Sequence[str]) -> set[str]:
        """Forget what these articles contributed; returns the entities that lose members."""
        touched: set[str] = set()
        for chunk in chunked(article_ids):
            rows = self.conn.execute(
                "SELECT DISTINCT entity_id FROM entity_members "
                f"WHERE article_id IN ({marks(chunk)})",
                chunk,
            )
            touched.update(str(r[0]) for r in rows if r[0])
            self.conn.execute(
                f"DELETE FROM entity_members WHERE article_id IN ({marks(chunk)})", chunk
            )
            self.conn.execute(
                f"DELETE FROM entity_articles WHERE article_id IN ({marks(chunk)})", chunk
            )
        return touched

    def take_pending_members(self) -> list[MemberRow]:
        """Remove and return the members that joined no entity yet (``entity_id`` '')."""
        rows = self.conn.execute(
            f"SELECT {_MEMBER_COLUMNS} FROM entity_members WHERE entity_id = ''"
        ).fetchall()
        self.conn.execute("DELETE FROM entity_members WHERE entity_id = ''")
        return [_member(row) for row in rows]

    def add_entity_members(self, members: Iterable[MemberRow]) -> None:
        self.conn.executemany(
            f"INSERT INTO entity_members ({_MEMBER_COLUMNS}) VALUES (?, ?, ?, ?)", members
        )

    def move_entity_members(self, old: str, new: str) -> None:
        """Members of entity ``old`` now belong to ``new`` (``old`` was merged into it)."""
        self.conn.execute("UPDATE entity_members SET entity_id = ? WHERE entity_id = ?", (new, old))

    def rewrite_entities(
        self, ids: Sequence[str], aggregate: Callable[[str, list[MemberRow]], EntityRow]
    ) -> None:
        """Replace the entities ``ids`` by what ``aggregate`` makes of each one's members.

        An id with no members left is deleted.
        """
        for chunk in chunked(ids):
            self.conn.execute(f"DELETE FROM entities WHERE id IN ({marks(chunk)})", chunk)
            rows = self.conn.execute(
                f"SELECT {_MEMBER_COLUMNS} FROM entity_members WHERE entity_id IN ({marks(chunk)})",
                chunk,
            )
            grouped: dict[str, list[MemberRow]] = {}
            for row in rows:
                member = _member(row)
                grouped.setdefault(member.entity_id, []).append(member)
            for entity_id, members in grouped.items():
                self.conn.execute(
                    "INSERT INTO entities (id, name, type, data) VALUES (?, ?, ?, ?)",
                    aggregate(entity_id, members),
                )


def _member(row: Sequence[object]) -> MemberRow:
    a, n, e, d = row
    return MemberRow(str(a), str(n), str(e), str(d))
