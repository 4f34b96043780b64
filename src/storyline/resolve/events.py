"""One record per real event across articles: the same act reported by several outlets.

Event coders such as GDELT emit one row per report, so one meeting becomes five rows.
Here stored :class:`~storyline.models.Event` facts (one per event per article already)
are grouped across articles: same type, same actors (a meeting's two sides may be
swapped) and the same resolved date make one event with several sources. An undated
report never merges: without a date, "Varn met Hallo" may be any of their meetings.

This is a pure function over facts the store already holds: it writes nothing, and the
timeline and export views call it when they need the merged record.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from ..matching.events import absorb, name_tokens, same_name, same_parties
from ..matching.periods import period_bounds
from ..models import Article, Event

# Where a sentence ends: terminal punctuation (and a closing quote), then space; or a
# paragraph break.
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"”’)]*\s+|\n\s*\n")
# A report of a planned act and a later report of it done are one event, the later
# status wins; the other statuses must agree.
_STATUS_RANK = {"planned": 0, "occurred": 1}


@dataclass(frozen=True)
class EventSource:
    """One report of an event: the article, its outlet and date, and the sentence."""

    event_id: str
    article: str
    outlet: str | None
    published: str | None
    start: int
    end: int
    text: str
    sentence: str

    def to_dict(self) -> dict[str, object]:
        """The source as a JSON-ready object."""
        return dataclasses.asdict(self)


@dataclass(frozen=True)
class MergedEvent:
    """An event with every report of it; ``event`` holds the merged fields."""

    event: Event
    sources: tuple[EventSource, ...]

    def to_dict(self) -> dict[str, object]:
        """The merged event in the contract's event shape, plus its ``sources``."""
        row = self.event.to_dict()
        row["sources"] = [s.to_dict() for s in self.sources]
        return row


def sentence_around(text: str, start: int, end: int) -> str:
    """The sentence of ``text`` that holds ``[start, end)``, whitespace collapsed."""
    left = 0
    for match in _SENTENCE_END.finditer(text, 0, start):
        left = match.end()
    stop = _SENTENCE_END.search(text, end)
    right = stop.start() if stop is not None else len(text)
    return " ".join(text[left:right].split())


def same_event(a: Event, b: Event) -> bool:
    """Whether reports from two articles are one event: type, actors and date agree.

    Dates agree when equal, or when one report gives a day and the other only the week or
    month around it ("last week" in a later article, "on Thursday" in an earlier one).
    """
    if a.type != b.type or not _same_time(a.when, b.when):
        return False
    if a.actor is None or b.actor is None or not same_parties(a, b):
        return False
    if a.status != b.status and {a.status, b.status} != set(_STATUS_RANK):
        return False
    return a.location is None or b.location is None or same_name(a.location, b.location)


def _same_time(a: str | None, b: str | None) -> bool:
    if a is None or b is None:
        return False
    if a == b:
        return True
    try:
        (a_first, a_last), (b_first, b_last) = period_bounds(a), period_bounds(b)
    except ValueError:
        return False
    day_in_period = (a_first == a_last and b_first <= a_first <= b_last) or (
        b_first == b_last and a_first <= b_first <= a_last
    )
    return day_in_period


def source_of(event: Event, article: Article | None) -> EventSource:
    """The source record of one stored event."""
    text = article.text if article is not None else ""
    return EventSource(
        event_id=event.id,
        article=event.article,
        outlet=article.outlet if article is not None else None,
        published=article.published if article is not None else None,
        start=event.start,
        end=event.end,
        text=event.text,
        sentence=sentence_around(text, event.start, event.end) if text else event.text,
    )


def merge_across_articles(
    events: Iterable[Event], articles: Mapping[str, Article]
) -> list[MergedEvent]:
    """Group the stored events of many articles into one record per real event.

    The merge is greedy in report order: each report joins the first group it is the same
    event as. Compared with every group, that is quadratic (minutes on 10,000 articles),
    so the reports are first split into parts that can never merge with each other, and
    each part is merged on its own; every part merges exactly as it would among all the
    reports. Two reports can only be one event when they are of the same type and their
    actors share a last word (:func:`~storyline.matching.events.same_name` compares names
    by their last words; a meeting may be told from either side, so for ``CONSULT`` the
    target's last word counts too, and names that share a word chain into one part); parts
    split again where dates do not overlap. Reports without an actor never merge.

    Args:
        events: stored event facts (each article's own repeats are already merged).
        articles: the articles by id, for outlets, dates and sentences.

    Returns:
        Merged events in order of their first report (earliest publication first); each
        keeps the first report's offsets and fills missing fields from the others.
    """

    def first_seen(event: Event) -> tuple[str, str, int]:
        """Earliest publication first; undated articles last."""
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
            merged.extend(_merge_greedy(piece, articles))
    merged.sort(key=lambda m: rank.get(m.sources[0].event_id, -1) if m.sources else -1)
    return merged


def _merge_greedy(ordered: list[Event], articles: Mapping[str, Article]) -> list[MergedEvent]:
    """Each report, in report order, joins the first group it is the same event as."""
    groups: list[tuple[Event, list[Event]]] = []
    for event in ordered:
        for i, (merged, members) in enumerate(groups):
            # One report per article: an article's own repeats were merged at extraction,
            # so two of its events are two events.
            if all(m.article != event.article for m in members) and same_event(merged, event):
                groups[i] = (_combine(merged, event), [*members, event])
                break
        else:
            groups.append((event, [event]))
    return [
        MergedEvent(merged, tuple(source_of(m, articles.get(m.article)) for m in members))
        for merged, members in groups
    ]


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


def _combine(merged: Event, event: Event) -> Event:
    combined = absorb(merged, event)
    if event.when and combined.when and len(event.when) > len(combined.when):
        # Keep the most precise date: a day ("2025-03-13") over its week ("2025-W11").
        combined = dataclasses.replace(
            combined, date=event.date, period=event.period, date_text=event.date_text
        )
    if _STATUS_RANK.get(event.status, -1) > _STATUS_RANK.get(combined.status, -1):
        combined = dataclasses.replace(combined, status=event.status)
    return combined
