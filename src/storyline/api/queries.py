"""Filters, paging and search over a :class:`~.service.Snapshot`, in plain Python.

Each function here is one query the store could answer with an index instead (see the
module docstring of :mod:`.service`); the API's parameters and answers stay the same when
it does.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from ..matching.periods import period_bounds
from ..models import Article, Event, Fact, Proposal, Quote
from ..views.timeline import TimelineEntry
from .errors import ApiError
from .service import Snapshot, involves

T = TypeVar("T")

# The fields of each section that name an actor (the ``entity`` filter), the field the
# ``kind`` filter reads, and whether the section has a ``status``.
NAME_FIELDS: dict[str, tuple[str, ...]] = {
    "quotes": ("speaker",),
    "figures": ("source",),
    "events": ("actor", "target"),
    "proposals": ("proposer",),
    "positions": ("holder",),
}
KIND_FIELD: dict[str, str | None] = {
    "quotes": "kind",
    "figures": "kind",
    "events": "type",
    "proposals": None,
    "positions": "stance",
}

MAX_LIMIT = 500
SNIPPET = 60  # characters of context on each side of a search match


@dataclass(frozen=True)
class FactFilter:
    """What a fact list may be narrowed by; ``None`` (or empty) means no narrowing."""

    article: str | None = None
    entity: str | None = None
    outlet: str | None = None
    start: dt.date | None = None
    end: dt.date | None = None
    kind: str | None = None
    statuses: tuple[str, ...] = ()
    q: str | None = None


def check_range(start: dt.date | None, end: dt.date | None) -> None:
    """Raises ApiError when ``from`` is after ``to``."""
    if start and end and start > end:
        raise ApiError(f"'from' ({start}) is after 'to' ({end}); swap them", param="from")


def _overlaps(value: str | None, start: dt.date | None, end: dt.date | None) -> bool:
    if start is None and end is None:
        return True
    if not value:
        return False
    try:
        first, last = period_bounds(value)
    except ValueError:
        return False
    return not ((start and last < start) or (end and first > end))


def _same_outlet(article: Article | None, outlet: str) -> bool:
    return article is not None and (article.outlet or "").lower() == outlet.lower()


def filter_facts(snapshot: Snapshot, section: str, where: FactFilter) -> list[Fact]:
    """The facts of one section that pass every filter of ``where``, in store order."""
    check_range(where.start, where.end)
    names = snapshot.names_of(where.entity) if where.entity else None
    kind_field = KIND_FIELD[section]
    needle = where.q.lower() if where.q else None
    out: list[Fact] = []
    for fact in snapshot.facts(section):
        article = snapshot.articles.get(fact.article)
        if where.article is not None and fact.article != where.article:
            continue
        if where.outlet is not None and not _same_outlet(article, where.outlet):
            continue
        if where.kind is not None and kind_field and getattr(fact, kind_field) != where.kind:
            continue
        if where.statuses and getattr(fact, "status", None) not in where.statuses:
            continue
        when = fact.when if isinstance(fact, Event) else article.published if article else None
        if not _overlaps(when, where.start, where.end):
            continue
        if names is not None and not _names_match(fact, section, names, where.entity):
            continue
        if needle is not None and needle not in fact.text.lower():
            continue
        out.append(fact)
    return out


def _names_match(fact: Fact, section: str, names: Sequence[str], entity: str | None) -> bool:
    if isinstance(fact, Quote) and entity and fact.speaker_entity == entity:
        return True
    return involves(fact, NAME_FIELDS[section], names)


def fact_row(snapshot: Snapshot, fact: Fact) -> dict[str, Any]:
    """A fact in the contract's shape, with its article's outlet and date."""
    row = fact.to_dict()
    article = snapshot.articles.get(fact.article)
    row["outlet"] = article.outlet if article else None
    row["published"] = article.published if article else None
    if isinstance(fact, Quote) and fact.speaker and not fact.speaker_entity:
        entity = snapshot.entity_for(fact.speaker)
        row["speaker_entity"] = entity.id if entity else None
    if isinstance(fact, Proposal):
        row["phases"] = [p.to_dict() for p in fact.phases]
    return row


def article_row(article: Article, *, with_text: bool) -> dict[str, Any]:
    row = article.to_dict()
    if not with_text:
        row["text"] = None
    return row


def filter_articles(
    snapshot: Snapshot,
    *,
    outlet: str | None = None,
    entity: str | None = None,
    start: dt.date | None = None,
    end: dt.date | None = None,
    q: str | None = None,
) -> list[Article]:
    """Articles by outlet, publication date, an entity they mention, words they contain."""
    check_range(start, end)
    wanted: set[str] | None = None
    if entity:
        names = {n.lower() for n in snapshot.names_of(entity)}
        wanted = {
            a
            for e in snapshot.entities
            if e.id == entity or {e.name.lower(), *(x.lower() for x in e.aliases)} & names
            for a in e.articles
        }
    needle = q.lower() if q else None
    return [
        a
        for a in snapshot.articles.values()
        if (outlet is None or _same_outlet(a, outlet))
        and (wanted is None or a.id in wanted)
        and _overlaps(a.published, start, end)
        and (needle is None or needle in snapshot.lowered[a.id])
    ]


def filter_timeline(
    snapshot: Snapshot,
    *,
    entity: str | None = None,
    start: dt.date | None = None,
    end: dt.date | None = None,
    statuses: Iterable[str] = (),
    kind: str | None = None,
) -> list[TimelineEntry]:
    """The merged timeline narrowed like ``storyline timeline`` narrows it, plus by type."""
    check_range(start, end)
    wanted = set(statuses)
    names = snapshot.names_of(entity) if entity else None
    return [
        e
        for e in snapshot.timeline
        if (not wanted or e.status in wanted)
        and (kind is None or e.type == kind)
        and _overlaps(e.date, start, end)
        and (names is None or involves(e, ("actor", "target"), names))
    ]


def search(snapshot: Snapshot, q: str, scopes: Sequence[str]) -> list[dict[str, Any]]:
    """Case-insensitive search of article titles and texts, and of quotes.

    Returns one hit per matching article (its first match) and per matching quote.
    """
    needle = q.lower()
    pattern = re.compile(re.escape(q), re.IGNORECASE)
    hits: list[dict[str, Any]] = []
    if "articles" in scopes:
        for article in snapshot.articles.values():
            if needle not in snapshot.lowered[article.id]:
                continue
            found = pattern.search(article.text)
            if found is not None:
                start, end = found.span()
                snippet = _snippet(article.text, start, end)
            else:  # only the title matches
                start, end, snippet = -1, -1, article.title or ""
            hits.append(_hit("articles", article, None, start, end, snippet))
    if "quotes" in scopes:
        for quote in snapshot.quotes:
            if needle in quote.text.lower() or needle in (quote.speaker or "").lower():
                source = snapshot.articles.get(quote.article)
                snippet = f"{quote.speaker or 'unknown'}: {quote.text}"
                hits.append(_hit("quotes", source, quote, quote.start, quote.end, snippet))
    return hits


def _hit(
    scope: str, article: Article | None, fact: Fact | None, start: int, end: int, snippet: str
) -> dict[str, Any]:
    return {
        "scope": scope,
        "article": article.id if article else (fact.article if fact else ""),
        "fact": fact.id if fact else None,
        "title": article.title if article else None,
        "outlet": article.outlet if article else None,
        "published": article.published if article else None,
        "start": start,
        "end": end,
        "snippet": snippet,
    }


def _snippet(text: str, start: int, end: int) -> str:
    left = max(0, start - SNIPPET)
    right = min(len(text), end + SNIPPET)
    body = " ".join(text[left:right].split())
    return ("…" if left else "") + body + ("…" if right < len(text) else "")


# -- paging -------------------------------------------------------------------------------


def encode_cursor(key: str) -> str:
    return base64.urlsafe_b64encode(key.encode("utf-8")).decode("ascii").rstrip("=")


def decode_cursor(cursor: str) -> str:
    try:
        return base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode("utf-8")
    except (binascii.Error, UnicodeDecodeError, ValueError) as e:
        raise ApiError(
            f"cursor {cursor!r} is not one this API gave out; use next_cursor of a page",
            param="cursor",
        ) from e


def paginate(
    items: Sequence[T],
    key: Callable[[T], str],
    *,
    limit: int,
    offset: int | None,
    cursor: str | None,
) -> tuple[list[T], dict[str, Any]]:
    """One page of ``items`` and its paging fields (``total``, ``limit`` …).

    A cursor names the last item of the previous page, so a page boundary stays put when
    items are added before it; ``offset`` counts items.

    Raises:
        ApiError: both ``offset`` and ``cursor`` given, or a cursor that names no item.
    """
    if offset is not None and cursor is not None:
        raise ApiError("give either offset or cursor, not both", param="cursor")
    first = offset or 0
    if cursor is not None:
        last = decode_cursor(cursor)
        keys = [key(item) for item in items]
        if last not in keys:
            raise ApiError(
                f"cursor {cursor!r} names no item of this list (the record changed?); "
                "start again without a cursor",
                param="cursor",
            )
        first = keys.index(last) + 1
    page = list(items[first : first + limit])
    more = first + limit < len(items)
    return page, {
        "total": len(items),
        "limit": limit,
        "offset": first,
        "next_cursor": encode_cursor(key(page[-1])) if more and page else None,
    }
