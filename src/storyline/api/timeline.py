"""The whole merged timeline, as :func:`storyline.views.timeline.build_timeline` gives it, fast.

``build_timeline`` merges reports with :func:`storyline.resolve.events.merge_across_articles`,
which compares each event with every group found so far: quadratic, minutes on a record of
10,000 articles. Two reports can only be one event when they are of the same type and
their actors share a last word (:func:`~storyline.matching.events.same_name` compares
names by their last words; a meeting may be told from either side, so for ``CONSULT`` the
target's last word counts too, and names that share a word chain into one part). So the
events are split into those parts and each part merged on its own: the merge is greedy
in report order, and a part's events never join another part's groups, so every part
merges exactly as it would among all the events. Parts are split again where dates do not
overlap (two reports of one event have overlapping days). Reports without an actor never
merge.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable

from ..matching.events import name_tokens
from ..matching.periods import period_bounds
from ..models import Article, Event
from ..resolve.entities import canonical_facts
from ..resolve.events import MergedEvent, merge_across_articles
from ..store import Store
from ..views.timeline import TimelineEntry


def build_full_timeline(store: Store) -> list[TimelineEntry]:
    """Every dated event of the record, earliest first, each with all its reports.

    The same entries, in the same order, as ``build_timeline(store)`` with no filter.
    """
    articles = {a.id: a for a in store.articles()}
    dated = [e for e in canonical_facts(store, Event) if e.when]
    entries: list[tuple[tuple[dt.date, dt.date], TimelineEntry]] = []
    for merged in merge_in_parts(dated, articles):
        event = merged.event
        try:
            bounds = period_bounds(event.when or "")
        except ValueError:
            continue  # a stored value of another form: not placeable on the line
        entries.append((bounds, _entry(merged)))
    entries.sort(key=lambda pair: (pair[0], pair[1].type, pair[1].actor or ""))
    return [entry for _, entry in entries]


def merge_in_parts(events: Iterable[Event], articles: dict[str, Article]) -> list[MergedEvent]:
    """``merge_across_articles(events, articles)``, one part at a time (module docstring).

    The groups come back in the order the whole merge creates them: by their first report,
    in the merge's report order (earliest publication first).
    """

    def first_seen(event: Event) -> tuple[str, str, int]:  # as merge_across_articles orders
        article = articles.get(event.article)
        published = article.published if article is not None and article.published else "~"
        return published, event.article, event.start

    ordered = sorted(events, key=first_seen)
    rank = {event.id: i for i, event in enumerate(ordered)}
    chains = _Chains()
    for event in ordered:
        actor, target = _last_word(event.actor), _last_word(event.target)
        if event.type == "CONSULT" and actor is not None and target is not None:
            chains.join(actor, target)
    parts: dict[tuple[str, str], list[Event]] = defaultdict(list)
    for event in ordered:
        actor = _last_word(event.actor)
        if actor is None:  # never merges: a part of its own
            parts[("", event.id)].append(event)
        elif event.type == "CONSULT":
            parts[("CONSULT", chains.root(actor))].append(event)
        else:
            parts[(event.type, actor)].append(event)
    merged: list[MergedEvent] = []
    for part in parts.values():
        for piece in _by_time(part):
            merged.extend(merge_across_articles(piece, articles))
    merged.sort(key=lambda m: rank.get(m.sources[0].event_id, -1) if m.sources else -1)
    return merged


def _by_time(events: list[Event]) -> list[list[Event]]:
    """``events`` (in report order) split where no date links them: chains of overlapping days.

    Two reports are one event only when their dates are equal or one's day falls in the
    other's week or month, so their days overlap; a merged event keeps a date within its
    first report's. Each piece keeps the report order.
    """
    spans = []
    for index, event in enumerate(events):
        try:
            first, last = period_bounds(event.when or "")
        except ValueError:
            return [events]  # a date of another form: keep the part whole
        spans.append((first, last, index))
    spans.sort()
    pieces: list[list[int]] = []
    reach: dt.date | None = None
    for first, last, index in spans:
        if reach is None or first > reach:
            pieces.append([])
            reach = last
        pieces[-1].append(index)
        reach = max(reach, last)
    return [[events[i] for i in sorted(piece)] for piece in pieces]


def _last_word(name: str | None) -> str | None:
    words = name_tokens(name)
    return words[-1] if words else None


class _Chains:
    """Last words of names that meet in one meeting, chained (union-find)."""

    def __init__(self) -> None:
        self._parent: dict[str, str] = {}

    def root(self, word: str) -> str:
        top = word
        while self._parent.get(top, top) != top:
            top = self._parent[top]
        while word != top:  # point the path straight at the root
            self._parent[word], word = top, self._parent[word]
        return top

    def join(self, a: str, b: str) -> None:
        ra, rb = self.root(a), self.root(b)
        if ra != rb:
            self._parent[max(ra, rb)] = min(ra, rb)


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
