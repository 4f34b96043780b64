"""Asking the record: quotes, figures, events and positions, filtered, each with its source.

One function, :func:`ask`, answers ``storyline quotes|figures|events|positions``: facts of
one type under corpus-wide names, limited to a story, a date range, a party (any of its
names) and the type's own vocabulary (a figure kind, an event type, a stance). A party or
value the record does not know is an error that says so, not an empty answer.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from ..errors import NotInRecordError
from ..matching.events import same_name
from ..matching.periods import period_bounds
from ..models import Article, Event, Fact, Figure, Position, Quote
from ..resolve.entities import canonical_facts
from ..store import Store
from .stories import list_stories, pick_story

# The field that names the party for each fact type ("--speaker", "--actor", "--holder").
PARTY_FIELDS: dict[type[Fact], tuple[str, ...]] = {
    Quote: ("speaker",),
    Figure: ("source",),
    Event: ("actor", "target"),
    Position: ("holder",),
}


class UnknownValueError(NotInRecordError):
    """Raised when a filter names a party, date or value the record cannot have."""


@dataclass(frozen=True)
class Answer:
    """One fact with the article it comes from."""

    fact: Fact
    article: Article

    @property
    def day(self) -> str | None:
        when = getattr(self.fact, "when", None) if isinstance(self.fact, Event) else None
        return when or (self.article.published or "")[:10] or None

    def to_dict(self) -> dict[str, Any]:
        data = self.fact.to_dict()
        data.update(outlet=self.article.outlet, published=self.article.published)
        return data


def ask(
    store: Store,
    cls: type[Fact],
    *,
    story_id: str | None = None,
    party: str | None = None,
    start: str | None = None,
    end: str | None = None,
    search: str | None = None,
    where: dict[str, str] | None = None,
) -> list[Answer]:
    """Facts of type ``cls`` that pass every filter given, in date order.

    Args:
        store: the database (read only).
        cls: ``Quote``, ``Figure``, ``Event`` or ``Position``.
        story_id: only this story's articles; None is the largest story, "all" the
            whole record.
        party: a name of the speaker / actor or target / holder / source (any alias).
        start: first day, month (``2024-05``), ISO week or year to include.
        end: last day, month, week or year to include.
        search: words that must all appear in the fact's text (case-insensitive).
        where: exact values of the type's own fields (``{"kind": "killed"}``).

    Raises:
        UnknownValueError: the party is not in the record, or a date cannot be read.
        UnknownStoryError: ``story_id`` names no story.
    """
    first = _bound(start, "--from", 0)
    last = _bound(end, "--to", 1)
    articles = {a.id: a for a in store.articles()}
    if story_id != "all":
        story = pick_story(list_stories(store), story_id)
        members = set(story.articles) - set(story.copies) if story else set()
        articles = {i: a for i, a in articles.items() if i in members}
    names = _names(store, party) if party else None
    words = re.findall(r"\w+", search.lower()) if search else []
    out = []
    for fact in canonical_facts(store, cls):
        article = articles.get(fact.article)
        if article is None:
            continue
        if where and any(str(getattr(fact, k, None)) != v for k, v in where.items()):
            continue
        if names is not None and not _involves(fact, names):
            continue
        if words and not all(w in fact.text.lower() for w in words):
            continue
        answer = Answer(fact, article)
        if first or last:
            span = _span(answer.day)
            if span is None or (first and span[1] < first) or (last and span[0] > last):
                continue
        out.append(answer)
    out.sort(key=lambda a: (_span(a.day) or (dt.date.max, dt.date.max), a.article.id, a.fact.start))
    return out


def _bound(value: str | None, option: str, end: int) -> dt.date | None:
    if not value:
        return None
    try:
        return period_bounds(value)[end]
    except ValueError as e:
        raise UnknownValueError(
            f"{option} takes a day (2024-05-03), a month (2024-05), a week (2024-W18) or a "
            f"year (2024), not {value!r}"
        ) from e


def _span(day: str | None) -> tuple[dt.date, dt.date] | None:
    try:
        return period_bounds(day) if day else None
    except ValueError:
        return None


def _names(store: Store, party: str) -> list[str]:
    """Every name of the entities that go by ``party``.

    Raises:
        UnknownValueError: no entity of the record goes by that name.
    """
    names = []
    for entity in store.entities():
        aliases = [entity.name, *entity.aliases]
        if any(same_name(party, alias) for alias in aliases):
            names.extend(aliases)
    if not names:
        raise UnknownValueError(
            f"no one in the record goes by {party!r}; `storyline entities --search` lists names"
        )
    return names


def _involves(fact: Fact, names: Sequence[str]) -> bool:
    fields = PARTY_FIELDS.get(type(fact), ())
    return any(
        isinstance(value := getattr(fact, f, None), str) and any(same_name(value, n) for n in names)
        for f in fields
    )
