"""The API's filters and pages, turned into store reads (and a few in-memory lists).

Fact and article lists, search and the per-article facts are SQL through a
:class:`~.service.Reader`; the lists only a whole-record computation gives (timeline,
stories, entities) are filtered and paged in memory over what the reader keeps per
database state. Every list answers the same page shape, with ``offset`` or ``cursor``
paging: a cursor is the key of the last item shown, tagged with its list.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import json
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from ..models import Article, Quote
from ..resolve.stories import Story
from ..store import ArticleQuery, FactQuery, FactRow, Page, match_expression
from ..views.timeline import TimelineEntry
from .errors import ApiError
from .service import FACT_SECTIONS, Reader

T = TypeVar("T")

MAX_LIMIT = 500
SNIPPET = 60  # characters of context on each side of a search match
SCOPES = ("articles", "quotes")


@dataclass(frozen=True)
class Paging:
    """What a request asked of paging: ``limit`` items after ``offset`` or ``cursor``."""

    limit: int
    offset: int | None = None
    cursor: str | None = None


@dataclass(frozen=True)
class FactFilter:
    """What a fact list may be narrowed by; ``None`` (or empty) means no narrowing."""

    article: str | None = None
    story: str | None = None
    entity: str | None = None
    outlet: str | None = None
    start: dt.date | None = None
    end: dt.date | None = None
    kind: str | None = None
    statuses: tuple[str, ...] = ()
    q: str | None = None
    words: str | None = None  # full-text, quotes only (their words and speaker)


def check_range(start: dt.date | None, end: dt.date | None) -> None:
    """Raises ApiError when ``from`` is after ``to``."""
    if start and end and start > end:
        raise ApiError(f"'from' ({start}) is after 'to' ({end}); swap them", param="from")


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


def story_articles(reader: Reader, story_id: str | None) -> tuple[str, ...] | None:
    """The articles of story ``story_id`` (None: no story filter).

    Raises:
        ApiError: no story has that id.
    """
    if story_id is None:
        return None
    return find_story(reader, story_id, param="story").articles


def find_story(reader: Reader, story_id: str, *, param: str = "id") -> Story:
    """The story ``story_id``.

    Raises:
        ApiError: no story has that id (404 for a path, 400 for a filter).
    """
    story = reader.story(story_id)
    if story is None:
        known = ", ".join(s.id for s in reader.stories()[:3]) or "none"
        raise ApiError(
            f"no story {story_id!r}; /api/stories lists them (some: {known})",
            status=404 if param == "id" else 400,
            param=param,
        )
    return story


# -- facts -------------------------------------------------------------------------------


def fact_query(reader: Reader, section: str, where: FactFilter) -> FactQuery:
    """The store's query for one section's list under ``where``."""
    check_range(where.start, where.end)
    cls = FACT_SECTIONS[section]
    return FactQuery(
        article=where.article,
        articles=story_articles(reader, where.story),
        outlet=where.outlet,
        start=_iso(where.start),
        end=_iso(where.end),
        kind=where.kind,
        statuses=where.statuses,
        actors=reader.actors(cls, where.entity) if where.entity else None,
        text=where.q,
        words=where.words,
    )


def fact_page(reader: Reader, section: str, where: FactFilter, page: Paging) -> dict[str, Any]:
    """One page of a fact list, in the API's page shape."""
    query = fact_query(reader, section, where)
    after = _cursor_key(page, section, (str, int, str))
    found = reader.store.query_facts(
        FACT_SECTIONS[section], query, limit=page.limit, offset=page.offset or 0, after=after
    )
    return _answer(found, section, page.limit, [fact_row(reader, r) for r in found.items])


def find_facts(
    reader: Reader, section: str, where: FactFilter, limit: int | None = None
) -> Page[FactRow]:
    """The facts of one section under ``where`` (the first ``limit``), for a page to show."""
    query = fact_query(reader, section, where)
    return reader.store.query_facts(FACT_SECTIONS[section], query, limit=limit)


def fact_row(reader: Reader, row: FactRow) -> dict[str, Any]:
    """A fact in the contract's shape, with its article's outlet and date."""
    data = row.fact.to_dict()
    data["outlet"] = row.outlet
    data["published"] = row.published
    fact = row.fact
    if isinstance(fact, Quote) and fact.speaker and not fact.speaker_entity:
        entity = reader.entity_for(fact.speaker)
        data["speaker_entity"] = entity.id if entity else None
    return data


def facts_of_article(reader: Reader, article_id: str) -> dict[str, list[FactRow]]:
    """Every fact of one article, by section."""
    where = FactQuery(article=article_id)
    return {
        section: reader.store.query_facts(cls, where).items
        for section, cls in FACT_SECTIONS.items()
    }


# -- articles ----------------------------------------------------------------------------


@dataclass(frozen=True)
class ArticleFilter:
    """What an article list may be narrowed by."""

    outlet: str | None = None
    entity: str | None = None
    start: dt.date | None = None
    end: dt.date | None = None
    q: str | None = None
    story: str | None = None


def article_query(reader: Reader, where: ArticleFilter) -> ArticleQuery:
    """The store's query for an article list: ``entity`` is an id, or any of its names."""
    check_range(where.start, where.end)
    entities: tuple[str, ...] | None = None
    if where.entity is not None:
        if where.entity in reader.record.by_id:
            entities = (where.entity,)
        else:
            entities = tuple(sorted(reader.record.aliases.find([where.entity])))
    return ArticleQuery(
        outlet=where.outlet,
        start=_iso(where.start),
        end=_iso(where.end),
        entities=entities,
        articles=story_articles(reader, where.story),
        words=where.q,
    )


def article_page(
    reader: Reader, where: ArticleFilter, page: Paging, *, with_text: bool
) -> dict[str, Any]:
    after = _cursor_key(page, "articles", (int, str, str))
    found = reader.store.query_articles(
        article_query(reader, where),
        limit=page.limit,
        offset=page.offset or 0,
        after=after,
        with_text=with_text,
    )
    items = [article_row(a, with_text=with_text) for a in found.items]
    return _answer(found, "articles", page.limit, items)


def article_row(article: Article, *, with_text: bool) -> dict[str, Any]:
    row = article.to_dict()
    if not with_text:
        row["text"] = None
    return row


# -- timeline ----------------------------------------------------------------------------


def filter_timeline(
    reader: Reader,
    *,
    entity: str | None = None,
    start: dt.date | None = None,
    end: dt.date | None = None,
    statuses: Iterable[str] = (),
    kind: str | None = None,
    story: str | None = None,
) -> list[TimelineEntry]:
    """The merged timeline narrowed like ``storyline timeline`` narrows it, plus by type.

    ``story`` keeps the entries one of whose reports is an article of the story.
    """
    check_range(start, end)
    timeline = reader.timeline()
    wanted = set(statuses)
    names = timeline.names.find(reader.names_of(entity)) if entity else None
    members = set(story_articles(reader, story) or ()) if story else None
    first, last = _iso(start), _iso(end)
    out = []
    for entry, (low, high) in zip(timeline.entries, timeline.bounds, strict=True):
        if wanted and entry.status not in wanted:
            continue
        if kind is not None and entry.type != kind:
            continue
        if (first and (not high or high < first)) or (last and (not low or low > last)):
            continue
        if names is not None and entry.actor not in names and entry.target not in names:
            continue
        if members is not None and not any(s.article in members for s in entry.sources):
            continue
        out.append(entry)
    return out


def timeline_key(entry: TimelineEntry) -> str:
    return entry.sources[0].event_id if entry.sources else entry.text


# -- search ------------------------------------------------------------------------------


def search_page(reader: Reader, q: str, scopes: Sequence[str], page: Paging) -> dict[str, Any]:
    """One page of search hits: articles (best first), then quotes (best first).

    Raises:
        ApiError: a cursor of another list or of a scope not searched.
    """
    after = _cursor_key(page, "search", (str, float, int))
    if after is not None and after[0] not in scopes:
        raise ApiError(f"cursor {page.cursor!r} is not one of this search", param="cursor")
    items: list[dict[str, Any]] = []
    first: int | None = None
    last_key: tuple[Any, ...] | None = None
    total = 0
    for index, scope in enumerate(scopes):
        wanted = page.limit - len(items)
        skip = max(0, (page.offset or 0) - total)
        if after is not None and index < scopes.index(after[0]):
            found = _search(reader, scope, q, 0, 0, None)
        elif after is not None and scope == after[0]:
            found = _search(reader, scope, q, wanted, 0, after[1:])
        else:
            found = _search(reader, scope, q, wanted, 0 if after else skip, None)
        if first is None and (after is None or scope == after[0]):
            first = total + found.offset
        for hit in found.items[:wanted]:
            items.append(_hit(q, scope, hit))
            last_key = (scope, *hit.key)
        total += found.total
    offset = first or 0
    more = offset + len(items) < total
    return {
        "items": items,
        "total": total,
        "limit": page.limit,
        "offset": offset,
        "next_cursor": encode_cursor("search", last_key) if more and last_key else None,
    }


def _search(
    reader: Reader, scope: str, q: str, limit: int, offset: int, after: Sequence[Any] | None
) -> Page[Any]:
    if scope == "articles":
        return reader.store.search_articles(q, limit=limit, offset=offset, after=after)
    return reader.store.search_quotes(q, limit=limit, offset=offset, after=after)


def _hit(q: str, scope: str, hit: Any) -> dict[str, Any]:
    if scope == "articles":
        article: Article = hit.article
        span = locate(article.text, q)
        if span is not None:
            start, end = span
            snippet = _snippet(article.text, start, end)
        else:  # only the title matches, or a word the text spells with accents
            start, end, snippet = -1, -1, article.title or _snippet(article.text, 0, 0)
        return _hit_row(scope, article.id, None, article.title, article, start, end, snippet)
    row: FactRow = hit.row
    quote = row.fact
    speaker = getattr(quote, "speaker", None)
    snippet = f"{speaker or 'unknown'}: {quote.text}"
    return _hit_row(scope, quote.article, quote.id, hit.title, row, quote.start, quote.end, snippet)


def _hit_row(
    scope: str,
    article_id: str,
    fact: str | None,
    title: str | None,
    source: Article | FactRow,
    start: int,
    end: int,
    snippet: str,
) -> dict[str, Any]:
    return {
        "scope": scope,
        "article": article_id,
        "fact": fact,
        "title": title,
        "outlet": source.outlet,
        "published": source.published,
        "start": start,
        "end": end,
        "snippet": snippet,
    }


def locate(text: str, q: str) -> tuple[int, int] | None:
    """Where the first phrase of ``q`` first occurs in ``text`` as the search matches it."""
    expression = match_expression(q)
    if expression is None:
        return None
    words = re.findall(r"\w+", expression.split('"*')[0])
    pattern = r"\b" + r"\W+".join(re.escape(w) for w in words) + r"\w*"
    found = re.search(pattern, text, re.IGNORECASE)
    return found.span() if found else None


def _snippet(text: str, start: int, end: int) -> str:
    left = max(0, start - SNIPPET)
    right = min(len(text), end + SNIPPET)
    body = " ".join(text[left:right].split())
    return ("…" if left else "") + body + ("…" if right < len(text) else "")


# -- paging ------------------------------------------------------------------------------


def encode_cursor(kind: str, key: Sequence[Any]) -> str:
    """A cursor naming the item ``key`` of the list ``kind``."""
    raw = json.dumps([kind, *key], ensure_ascii=False, separators=(",", ":"))
    return base64.urlsafe_b64encode(raw.encode("utf-8")).decode("ascii").rstrip("=")


def decode_cursor(cursor: str, kind: str, shape: Sequence[type]) -> tuple[Any, ...]:
    """The key a cursor of list ``kind`` names.

    Raises:
        ApiError: the cursor is not one this API gave out for this list.
    """
    problem = (
        f"cursor {cursor!r} is not one this API gave out for this list; "
        "use next_cursor of a page, or start again without a cursor"
    )
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode("utf-8")
        value = json.loads(raw)
    except (binascii.Error, UnicodeDecodeError, ValueError) as e:
        raise ApiError(problem, param="cursor") from e
    if not isinstance(value, list) or len(value) != len(shape) + 1 or value[0] != kind:
        raise ApiError(problem, param="cursor")
    key = value[1:]
    for part, kind_of in zip(key, shape, strict=True):
        ok = isinstance(part, kind_of) and not (kind_of is int and isinstance(part, bool))
        if kind_of is float:
            ok = isinstance(part, int | float) and not isinstance(part, bool)
        if not ok:
            raise ApiError(problem, param="cursor")
    return tuple(key)


def _cursor_key(page: Paging, kind: str, shape: Sequence[type]) -> tuple[Any, ...] | None:
    if page.offset is not None and page.cursor is not None:
        raise ApiError("give either offset or cursor, not both", param="cursor")
    return decode_cursor(page.cursor, kind, shape) if page.cursor is not None else None


def _answer(found: Page[Any], kind: str, limit: int, items: list[Any]) -> dict[str, Any]:
    return {
        "items": items,
        "total": found.total,
        "limit": limit,
        "offset": found.offset,
        "next_cursor": encode_cursor(kind, found.after) if found.after else None,
    }


def paginate(
    items: Sequence[T], key: Callable[[T], str], kind: str, page: Paging
) -> tuple[list[T], dict[str, Any]]:
    """One page of a list held in memory, and its paging fields (``total``, ``limit`` …).

    A cursor names the last item of the previous page, so a page boundary stays put when
    items are added before it; ``offset`` counts items.

    Raises:
        ApiError: both ``offset`` and ``cursor`` given, or a cursor that names no item.
    """
    first = page.offset or 0
    after = _cursor_key(page, kind, (str,))
    if after is not None:
        keys = [key(item) for item in items]
        if after[0] not in keys:
            raise ApiError(
                f"cursor {page.cursor!r} names no item of this list (the record changed?); "
                "start again without a cursor",
                param="cursor",
            )
        first = keys.index(after[0]) + 1
    found = list(items[first : first + page.limit])
    more = first + page.limit < len(items)
    return found, {
        "total": len(items),
        "limit": page.limit,
        "offset": first,
        "next_cursor": encode_cursor(kind, [key(found[-1])]) if more and found else None,
    }
