"""What the API and the dashboard read: one in-memory snapshot of the record per process.

Every request is answered from a :class:`Snapshot` of the whole record (articles, entities,
facts under their corpus-wide names, the merged timeline). The snapshot is rebuilt when
the database file (or its write-ahead log) changes, so a server started before an ingest
shows the new articles on the next request without a restart. Filtering and paging happen
in Python over the snapshot for now; the store methods that would let SQLite do it
instead are listed in the report of issue 13 (``Store.query_facts`` and friends).

The database is opened read-only where the store offers it (``Store(path,
read_only=True)``) and closed again as soon as the snapshot is read: no request holds a
connection, so the threads of the server never share one.
"""

from __future__ import annotations

import inspect
import logging
import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import StoreError
from ..matching.events import same_name
from ..models import Article, Entity, Event, Fact, Figure, Position, Proposal, Quote
from ..resolve.entities import canonical_facts, canonical_names
from ..store import Store
from ..views.timeline import TimelineEntry, build_timeline

logger = logging.getLogger(__name__)

# Contract section name → the fact type it lists (the API's collection names).
FACT_SECTIONS: dict[str, type[Fact]] = {
    "quotes": Quote,
    "figures": Figure,
    "events": Event,
    "proposals": Proposal,
    "positions": Position,
}


def open_store(path: str) -> Store:
    """The database at ``path``, read-only when this version of the store can do that.

    Raises:
        StoreError: there is no file at ``path`` (a read must never create an empty
            database), or it cannot be opened.
    """
    if not Path(path).is_file():
        raise StoreError(f"no database at {path}; run `storyline ingest PATH... --db {path}` first")
    options: dict[str, Any] = {}
    if "read_only" in inspect.signature(Store).parameters:
        options["read_only"] = True
    return Store(path, **options)


@dataclass(frozen=True)
class Snapshot:
    """The whole record as the API serves it, read in one go from one database state."""

    articles: dict[str, Article]
    entities: list[Entity]
    quotes: list[Quote]
    figures: list[Figure]
    events: list[Event]
    proposals: list[Proposal]
    positions: list[Position]
    timeline: list[TimelineEntry]
    counts: dict[str, int]
    entity_by_id: dict[str, Entity] = field(init=False)
    entity_by_name: dict[str, Entity] = field(init=False)
    # Lower-cased article texts and titles, for the case-insensitive search.
    lowered: dict[str, str] = field(init=False)

    def __post_init__(self) -> None:
        by_name: dict[str, Entity] = {}
        # Most-mentioned first: the busiest entity keeps a name that two entities share.
        for entity in sorted(self.entities, key=lambda e: (-e.mentions, e.id)):
            for name in (entity.name, *entity.aliases):
                by_name.setdefault(name.lower(), entity)
        object.__setattr__(self, "entity_by_id", {e.id: e for e in self.entities})
        object.__setattr__(self, "entity_by_name", by_name)
        lowered = {a.id: f"{a.title or ''}\n{a.text}".lower() for a in self.articles.values()}
        object.__setattr__(self, "lowered", lowered)

    def facts(self, section: str) -> Sequence[Fact]:
        """The facts of one contract section (``quotes``, ``figures`` …)."""
        found: Sequence[Fact] = getattr(self, section)
        return found

    def facts_of_article(self, article_id: str) -> dict[str, list[Fact]]:
        """Every fact of one article, by section."""
        return {
            section: [f for f in self.facts(section) if f.article == article_id]
            for section in FACT_SECTIONS
        }

    def entity_for(self, name: str | None) -> Entity | None:
        """The resolved entity that goes by ``name`` exactly (any case), if any."""
        return self.entity_by_name.get(name.lower()) if name else None

    def names_of(self, entity: str) -> list[str]:
        """An entity given by id or name, as every name it goes by.

        An id gives that entity's name and aliases; a name gives itself plus the names of
        every entity one of whose names matches it ("Brosz" → "Annika Brosz", "Brosz").
        """
        known = self.entity_by_id.get(entity)
        if known is not None:
            return [known.name, *known.aliases]
        names = [entity]
        for candidate in self.entities:
            aliases = [candidate.name, *candidate.aliases]
            if any(same_name(entity, alias) for alias in aliases):
                names.extend(aliases)
        return names


def read_snapshot(store: Store) -> Snapshot:
    """Read the whole record from ``store`` (nothing is written)."""
    names = canonical_names(store)
    return Snapshot(
        articles={a.id: a for a in store.articles()},
        entities=sorted(store.entities(), key=lambda e: (-e.mentions, e.name, e.id)),
        quotes=canonical_facts(store, Quote, names),
        figures=canonical_facts(store, Figure, names),
        events=canonical_facts(store, Event, names),
        proposals=canonical_facts(store, Proposal, names),
        positions=canonical_facts(store, Position, names),
        timeline=build_timeline(store),
        counts=store.count_facts(),
    )


class Catalog:
    """The per-process cache of the snapshot of one database file.

    Keyed on the modification time and size of the file and its ``-wal`` companion: in WAL
    mode a write may touch only the log until a checkpoint.
    """

    def __init__(self, db: str) -> None:
        self.db = db
        self._lock = threading.Lock()
        self._key: tuple[object, ...] | None = None
        self._snapshot: Snapshot | None = None

    def _state(self) -> tuple[object, ...]:
        parts: list[object] = []
        for path in (Path(self.db), Path(self.db + "-wal")):
            try:
                stat = path.stat()
            except FileNotFoundError:
                parts.append(None)
                continue
            parts.append((stat.st_mtime_ns, stat.st_size))
        return tuple(parts)

    def snapshot(self) -> Snapshot:
        """The current snapshot, re-read when the database changed since the last one.

        Raises:
            StoreError: the database is missing or cannot be read.
        """
        key = self._state()
        with self._lock:
            if self._snapshot is None or key != self._key:
                with open_store(self.db) as store:
                    self._snapshot = read_snapshot(store)
                self._key = key
                logger.info("read %d articles from %s", len(self._snapshot.articles), self.db)
            return self._snapshot


def involves(item: object, fields: Iterable[str], names: Sequence[str]) -> bool:
    """Whether one of ``fields`` of ``item`` (a fact, a timeline entry) names one of ``names``."""
    for key in fields:
        value = getattr(item, key, None)
        if isinstance(value, str) and any(same_name(value, n) for n in names):
            return True
    return False
