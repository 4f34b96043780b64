"""What the API and the dashboard read through: SQL per request, plus a little kept per state.

Each request opens the database read-only (with the ``query_timeout_ms`` limit on every
statement) and asks the store for exactly the page it shows: filters, paging, counts and
full-text search are SQL (:mod:`storyline.store.reads`, :mod:`storyline.store.search`).

Per database state (the store's change token: the file's modification time and size), the
process keeps only what is small or what SQL cannot answer, each built on first use:

- the resolved entities and indexes of names, so that ``entity=Brosz`` finds every name
  the matcher calls the same actor (:func:`~storyline.matching.events.same_name`) without
  a pass over the facts;
- the overview's counts;
- the timeline (events merged across reports), the stories and their figure comparisons,
  which need the whole record to compute. The timeline and stories are computed in a
  child process (:mod:`.compute`): a request waits for them up to a limit, then is
  answered 503 (``computing``, with ``Retry-After``) while the work goes on, so that no
  request hangs for the minutes a large record takes.

A write to the file (an ingest while the server runs) changes the token, and the next
request starts a fresh state: nothing needs a restart.
"""

from __future__ import annotations

import logging
import threading
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from ..config import Settings
from ..errors import StoreError
from ..matching.events import name_tokens
from ..matching.periods import period_bounds
from ..models import Entity, Event, Fact, Figure, Mention, Position, Proposal, Quote
from ..resolve.compare import FigureGroup, compare_figures
from ..resolve.stories import Story
from ..store import Actors, FactQuery, OutletRow, Store, change_token
from ..views.brief import Brief, story_brief
from ..views.timeline import TimelineEntry
from .compute import ViewJob
from .errors import ApiError

logger = logging.getLogger(__name__)

T = TypeVar("T")

# Up to this many articles the whole-record views are computed in a thread of the server:
# the stories of 2,000 articles take about 5 s, starting a process about 2 s.
IN_THREAD_ARTICLES = 2000

# Contract section name → the fact type it lists (the API's collection names).
FACT_SECTIONS: dict[str, type[Fact]] = {
    "quotes": Quote,
    "figures": Figure,
    "events": Event,
    "proposals": Proposal,
    "positions": Position,
}


def open_store(path: str, query_timeout_ms: int | None = None) -> Store:
    """The database at ``path``, read-only, each statement limited to ``query_timeout_ms``.

    Raises:
        StoreError: there is no file at ``path`` (a read must never create an empty
            database), or it cannot be opened as a Storyline database of this version.
    """
    if not Path(path).is_file():
        raise StoreError(f"no database at {path}; run `storyline ingest PATH... --db {path}` first")
    return Store(path, read_only=True, query_timeout_ms=query_timeout_ms)


class NameIndex:
    """Names, found by any name :func:`~storyline.matching.events.same_name` equates.

    Two names are the same actor when one's words end the other's, so both end in the same
    word: each name is filed under its last word, and a look-up compares only the names
    filed under the same one.
    """

    def __init__(self, pairs: Iterable[tuple[str, str]]) -> None:
        """Index ``(name, value)`` pairs; a look-up returns the values of matching names."""
        self._by_last: dict[str, list[tuple[tuple[str, ...], str]]] = defaultdict(list)
        for name, value in pairs:
            tokens = tuple(name_tokens(name))
            if tokens:
                self._by_last[tokens[-1]].append((tokens, value))

    def find(self, names: Iterable[str]) -> set[str]:
        """The values of every indexed name that is the same actor as one of ``names``."""
        found: set[str] = set()
        for name in names:
            tokens = tuple(name_tokens(name))
            if not tokens:
                continue
            for other, value in self._by_last.get(tokens[-1], ()):
                short, long_ = sorted((tokens, other), key=len)
                if long_[len(long_) - len(short) :] == short:
                    found.add(value)
        return found


@dataclass(frozen=True)
class Overview:
    """The counts of the overview page."""

    articles: int
    facts: dict[str, int]
    entities: int
    outlets: list[OutletRow]


@dataclass(frozen=True)
class TimelineIndex:
    """The merged timeline with what its filters compare, worked out once."""

    entries: list[TimelineEntry]
    # First and last ISO day of each entry's date (its period's bounds).
    bounds: list[tuple[str, str]]
    names: NameIndex  # actor and target values → themselves


class StillComputing(ApiError):
    """Raised when a whole-record view is still being computed after a request waited.

    Answered with 503 (code ``computing``) and a ``Retry-After``: the computation goes on
    in the background and a later request gets its result.
    """

    def __init__(self, what: str) -> None:
        super().__init__(
            f"the {what} of this record are still being computed (the first request after"
            " a change starts it; a large record takes minutes); retry shortly",
            status=503,
            code="computing",
        )


@dataclass
class Record:
    """What is kept of one database state (see the module docstring)."""

    token: object
    entities: list[Entity]
    db: str  # the database path the views are computed from
    articles: int  # how many articles it holds
    by_id: dict[str, Entity] = field(init=False)
    by_name: dict[str, Entity] = field(init=False)
    aliases: NameIndex = field(init=False)  # every name and alias → entity id
    names: NameIndex = field(init=False)  # entity names → entity id
    _built: dict[object, Any] = field(default_factory=dict)
    _locks: dict[object, threading.Lock] = field(default_factory=dict)
    _jobs: dict[str, ViewJob] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def __post_init__(self) -> None:
        self.entities.sort(key=lambda e: (-e.mentions, e.name, e.id))
        self.by_id = {e.id: e for e in self.entities}
        self.by_name = {}
        # Most-mentioned first: the busiest entity keeps a name that two entities share.
        for entity in self.entities:
            for name in (entity.name, *entity.aliases):
                self.by_name.setdefault(name.lower(), entity)
        self.aliases = NameIndex(
            (name, e.id) for e in self.entities for name in (e.name, *e.aliases)
        )
        self.names = NameIndex((e.name, e.id) for e in self.entities)

    def built(self, key: object, build: Callable[[], T]) -> T:
        """What ``build`` gives (a quick read), computed once per state and key.

        Each key has its own lock, so threads asking for the same thing wait for one
        build and threads asking for other things do not wait at all.
        """
        with self._lock:
            lock = self._locks.setdefault(key, threading.Lock())
        with lock:
            if key not in self._built:
                self._built[key] = build()
            found: T = self._built[key]
            return found

    def computed(self, view: str, wait: float | None) -> Any | None:
        """The view ``view`` (``timeline``, ``stories``) of this state, computed once.

        The first call starts it in a child process (:mod:`.compute`); every call waits
        for it up to ``wait`` seconds (None: as long as it takes).

        Returns:
            The view, or None when it was not ready within ``wait``.

        Raises:
            StoreError: the computation failed (the next call starts it again).
        """
        with self._lock:
            job = self._jobs.get(view)
            if job is None:
                small = self.articles <= IN_THREAD_ARTICLES
                job = self._jobs[view] = ViewJob(view, self.db, in_thread=small)
        if not job.wait(wait):
            return None
        if job.error is not None:
            with self._lock:
                if self._jobs.get(view) is job:
                    del self._jobs[view]
            raise job.error
        return job.value


class Reader:
    """One request's view of the record: an open read-only store and the kept state.

    ``wait`` is how long a request waits for a whole-record view being computed before
    it is answered :class:`StillComputing`.
    """

    def __init__(self, store: Store, record: Record, wait: float = 20.0) -> None:
        self.store = store
        self.record = record
        self.wait = wait

    @property
    def entities(self) -> list[Entity]:
        """Every resolved entity, most mentioned first."""
        return self.record.entities

    def entity_for(self, name: str | None) -> Entity | None:
        """The resolved entity that goes by ``name`` exactly (any case), if any."""
        return self.record.by_name.get(name.lower()) if name else None

    def names_of(self, entity: str) -> list[str]:
        """An entity given by id or name, as every name it goes by.

        An id gives that entity's name and aliases; a name gives itself plus the names of
        every entity one of whose names matches it ("Brosz" → "Annika Brosz", "Brosz").
        """
        known = self.record.by_id.get(entity)
        if known is not None:
            return [known.name, *known.aliases]
        names = [entity]
        for entity_id in sorted(self.record.aliases.find([entity])):
            found = self.record.by_id[entity_id]
            names.extend([found.name, *found.aliases])
        return names

    def actors(self, cls: type[Fact], entity: str) -> Actors:
        """The ``entity`` filter of a fact list as the store takes it.

        A fact names the entity when its name, under the corpus-wide name, is the same
        actor as one of the entity's names: the entities whose name matches, and the
        stored names that match (for names tied to no entity).
        """
        names = self.names_of(entity)
        stored = self.record.built(("names", cls.KIND), lambda: self._stored_names(cls))
        return Actors(
            entities=tuple(sorted(self.record.names.find(names))),
            names=tuple(sorted(stored.find(names))),
        )

    def _stored_names(self, cls: type[Fact]) -> NameIndex:
        values = {v for column in self.store.actor_names(cls).values() for v in column}
        return NameIndex((v, v) for v in values)

    def overview(self) -> Overview:
        """Counts of articles, facts and entities, and the outlets, kept per state."""

        def build() -> Overview:
            with self.store.reads():
                facts = self.store.count_facts()
                articles = self.store.count_articles()
            return Overview(articles, facts, self.store.count_entities(), self.store.outlets())

        return self.record.built("overview", build)

    def timeline(self) -> TimelineIndex:
        """The whole merged timeline (computed once per state).

        Raises:
            StillComputing: it is not ready after :attr:`wait` seconds.
        """
        found = self.ready_timeline(self.wait)
        if found is None:
            raise StillComputing("timeline")
        return found

    def stories(self) -> list[Story]:
        """Every story of the record, largest first (computed once per state).

        Raises:
            StillComputing: they are not ready after :attr:`wait` seconds.
        """
        found = self.ready_stories(self.wait)
        if found is None:
            raise StillComputing("stories")
        return found

    def ready_timeline(self, wait: float) -> TimelineIndex | None:
        """The timeline if it is ready within ``wait`` seconds, else None (and it goes on)."""
        entries = self.record.computed("timeline", wait)
        if entries is None:
            return None
        return self.record.built("timeline index", lambda: _timeline_index(entries))

    def ready_stories(self, wait: float) -> list[Story] | None:
        """The stories if they are ready within ``wait`` seconds, else None."""
        found: list[Story] | None = self.record.computed("stories", wait)
        return found

    def story(self, story_id: str) -> Story | None:
        """The story ``story_id``, or None."""
        stories = self.stories()
        by_id = self.record.built("story ids", lambda: {s.id: s for s in stories})
        return by_id.get(story_id)

    def figure_groups(self, story: Story) -> list[FigureGroup]:
        """The story's figures compared across its sources, kept per state and story.

        What :func:`storyline.views.stories.compare_story_figures` computes, from the
        story already at hand and only its articles' facts, rather than from the stories
        and figures of the whole record.
        """

        return self.record.built(
            ("figures", story.id),
            lambda: self._compare_figures(tuple(story.articles), story.copies),
        )

    def figure_groups_of(self, articles: Iterable[str]) -> list[FigureGroup]:
        """The figures of these articles compared across them (a page's shown figures)."""
        ids = tuple(sorted(set(articles)))
        return self.record.built(("figures of", ids), lambda: self._compare_figures(ids, {}))

    def _compare_figures(self, ids: tuple[str, ...], copies: dict[str, str]) -> list[FigureGroup]:
        members = FactQuery(articles=ids)
        with self.store.reads():
            figures = self.store.query_facts(Figure, members).items
            mentions = self.store.query_facts(Mention, members).items
            articles = self.store.articles(list(ids))
        return compare_figures(
            [r.fact for r in figures if isinstance(r.fact, Figure)],
            articles,
            [r.fact for r in mentions if isinstance(r.fact, Mention)],
            copies=copies,
        )

    def story_brief(self, story: Story, top: int = 8) -> Brief:
        """The brief of ``story`` (what ``storyline brief --story`` prints), kept per state.

        Only the story's articles and facts are read; the stories themselves are already
        at hand.
        """

        def build() -> Brief:
            with self.store.reads():
                return story_brief(
                    self.store,
                    story,
                    entities=self.record.entities,
                    record_articles=self.record.articles,
                    top=top,
                )

        return self.record.built(("brief", story.id, top), build)


def _timeline_index(entries: list[TimelineEntry]) -> TimelineIndex:
    bounds = [_bounds(e.date) for e in entries]
    values = {v for e in entries for v in (e.actor, e.target) if v}
    return TimelineIndex(entries, bounds, NameIndex((v, v) for v in values))


def _bounds(value: str) -> tuple[str, str]:
    try:
        first, last = period_bounds(value)
    except ValueError:
        return ("", "")
    return first.isoformat(), last.isoformat()


class Catalog:
    """The per-process entry to one database file: a reader per request, state per token."""

    def __init__(self, settings: Settings, wait: float = 20.0) -> None:
        """Serve ``settings.db``; ``wait`` is the seconds a request waits for a view."""
        self.db = settings.db
        self.query_timeout_ms = settings.query_timeout_ms or None
        self.wait = wait
        self._lock = threading.Lock()
        self._record: Record | None = None

    @contextmanager
    def reader(self) -> Iterator[Reader]:
        """A reader over the database as it is now; the store closes after the request.

        Raises:
            StoreError: the database is missing or cannot be read.
        """
        token = change_token(self.db)
        with open_store(self.db, self.query_timeout_ms) as store:
            yield Reader(store, self._current(store, token), self.wait)

    def _current(self, store: Store, token: object) -> Record:
        with self._lock:
            if self._record is None or self._record.token != token:
                with store.reads():
                    entities = store.entities()
                    articles = store.count_articles()
                self._record = Record(token, entities, self.db, articles)
                logger.info("reading %s (%d entities)", self.db, len(entities))
            return self._record
