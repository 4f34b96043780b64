"""The timeline: dated events in order, each with the reports it rests on.

``storyline timeline [--entity NAME] [--from DATE] [--to DATE] [--status S] [--json]`` is
one call to :func:`build_timeline` and one to :func:`format_timeline` (or
:meth:`TimelineEntry.to_dict`). Events reported by several articles appear once, with one
source per article (:func:`storyline.resolve.events.merge_across_articles`). Dates are
ISO values: a day, or a week, month or year when that is all the text says; a period
sorts and filters by its first and last day (:mod:`storyline.matching.periods`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from ..errors import ConfigError
from ..matching.events import same_name
from ..matching.periods import period_bounds
from ..models import EVENT_STATUSES, Event
from ..resolve.entities import canonical_facts
from ..resolve.events import EventSource, MergedEvent, merge_across_articles
from ..store import Store

FORMAT = "storyline-timeline/1"


@dataclass(frozen=True)
class TimelineEntry:
    """One dated event and its sources (article id, outlet, sentence)."""

    date: str
    type: str
    mode: str | None
    actor: str | None
    target: str | None
    location: str | None
    status: str
    text: str
    sources: tuple[EventSource, ...]

    def to_dict(self) -> dict[str, Any]:
        """The entry as a JSON-ready object."""
        return {
            "date": self.date,
            "type": self.type,
            "mode": self.mode,
            "actor": self.actor,
            "target": self.target,
            "location": self.location,
            "status": self.status,
            "text": self.text,
            "sources": [s.to_dict() for s in self.sources],
        }


def build_timeline(
    store: Store,
    entity: str | None = None,
    start: str | None = None,
    end: str | None = None,
    statuses: Sequence[str] | None = None,
    articles: Collection[str] | None = None,
) -> list[TimelineEntry]:
    """The dated events of the record, earliest first.

    Args:
        store: the database to read (nothing is written).
        entity: keep events whose actor or target is this entity, under any of its names
            (the resolved entities' aliases count).
        start: keep events whose date reaches this ISO day (``YYYY-MM-DD``) or later.
        end: keep events whose date starts on or before this ISO day.
        statuses: keep events with one of these statuses (default: all).
        articles: keep events reported by these articles (a story's); default all.

    Raises:
        ConfigError: ``start``/``end`` is not an ISO day, or a status is unknown.
    """
    first = _day(start, "--from")
    last = _day(end, "--to")
    wanted = set(statuses or EVENT_STATUSES)
    unknown = wanted - set(EVENT_STATUSES)
    if unknown:
        raise ConfigError(
            f"unknown event status {', '.join(sorted(unknown))}; "
            f"choose from {', '.join(EVENT_STATUSES)}"
        )
    names = _names_of(store, entity) if entity else None
    members = set(articles) if articles is not None else None
    stored = {a.id: a for a in store.articles() if members is None or a.id in members}
    dated = [
        e
        for e in canonical_facts(store, Event)
        if e.when and e.status in wanted and e.article in stored
    ]
    entries: list[tuple[tuple[dt.date, dt.date], TimelineEntry]] = []
    for merged in merge_across_articles(dated, stored):
        event = merged.event
        bounds = _bounds(event.when)
        if bounds is None:
            continue
        if (first and bounds[1] < first) or (last and bounds[0] > last):
            continue
        if names is not None and not _involves(event, names):
            continue
        entries.append((bounds, _entry(merged)))
    entries.sort(key=lambda pair: (pair[0], pair[1].type, pair[1].actor or ""))
    return [entry for _, entry in entries]


def _entry(merged: MergedEvent) -> TimelineEntry:
    event = merged.event
    return TimelineEntry(
        date=event.when or "",
        type=event.type,
        mode=event.mode,
        actor=event.actor,
        target=event.target,
        location=event.location,
        status=event.status,
        text=event.text,
        sources=merged.sources,
    )


def _day(value: str | None, option: str) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError as e:
        raise ConfigError(f"{option} takes an ISO date YYYY-MM-DD, not {value!r}") from e


def _bounds(value: str | None) -> tuple[dt.date, dt.date] | None:
    if not value:
        return None
    try:
        return period_bounds(value)
    except ValueError:
        return None  # a stored value of another form: not placeable on the line


def _names_of(store: Store, entity: str) -> list[str]:
    """``entity`` and every alias of a resolved entity that goes by it."""
    names = [entity]
    for known in store.entities():
        aliases = [known.name, *known.aliases]
        if any(same_name(entity, alias) for alias in aliases):
            names.extend(aliases)
    return names


def _involves(event: Event, names: Iterable[str]) -> bool:
    return any(same_name(event.actor, n) or same_name(event.target, n) for n in names)


def timeline_to_dict(entries: Sequence[TimelineEntry]) -> dict[str, Any]:
    """The timeline as one JSON-ready object (``--json``)."""
    return {"format": FORMAT, "entries": [e.to_dict() for e in entries]}


def format_timeline(entries: Sequence[TimelineEntry], *, width: int = 100) -> str:
    """The timeline as text: one line per event, then one indented line per source."""
    if not entries:
        return "no dated events"
    lines: list[str] = []
    for entry in entries:
        who = entry.actor or "?"
        if entry.target:
            who += f" → {entry.target}"
        extras = [f"[{entry.status}]"] if entry.status != "occurred" else []
        if entry.location:
            extras.append(f"in {entry.location}")
        kind = entry.type + (f"/{entry.mode}" if entry.mode else "")
        lines.append("  ".join([entry.date.ljust(10), kind.ljust(22), who, *extras]).rstrip())
        for source in entry.sources:
            where = source.outlet or source.article
            lines.append(f"{'':12}{where}: “{_clip(source.sentence, width - 16 - len(where))}”")
    return "\n".join(lines)


def _clip(text: str, width: int) -> str:
    width = max(width, 20)
    return text if len(text) <= width else text[: width - 1] + "…"
