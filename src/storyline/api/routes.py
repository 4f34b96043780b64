"""The JSON endpoints, under ``/api``.

Lists share one paging contract (``limit`` up to 500, then ``offset`` or ``cursor``) and
the same filters where they apply: ``article``, ``entity`` (an entity id or any of its
names), ``outlet``, ``from``/``to`` (ISO days; events by their own date, other facts by
their article's), a vocabulary filter (``kind``, ``type``, ``stance``, ``status``).

Stories and comparisons (a later issue) slot in as ``/api/stories``,
``/api/stories/{story_id}`` and ``/api/comparisons``, and as a ``story`` filter on the
fact lists, next to ``article``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path, Query, Request

from ..models import EVENT_STATUSES, EVENT_TYPES, FIGURE_KINDS, QUOTE_KINDS, STANCES
from . import schemas
from .errors import ApiError, NotFound
from .queries import (
    MAX_LIMIT,
    FactFilter,
    article_row,
    fact_row,
    filter_articles,
    filter_facts,
    filter_timeline,
    paginate,
    search,
)
from .service import Snapshot

ERRORS: dict[int | str, dict[str, Any]] = {
    status: {"model": schemas.ErrorBody, "description": text}
    for status, text in (
        (400, "a parameter value cannot be used (reason in error.message)"),
        (404, "no such item"),
        (422, "a parameter has the wrong type or is out of range"),
        (503, "the database cannot be read"),
    )
}

router = APIRouter(prefix="/api", responses=ERRORS)

TEXT = 200  # longest free-text parameter accepted


def _one_of(values: Sequence[str]) -> str:
    return "^(" + "|".join(values) + ")$"


def snapshot(request: Request) -> Snapshot:
    """The record as of now (re-read when the database changed)."""
    found: Snapshot = request.app.state.catalog.snapshot()
    return found


@dataclass(frozen=True)
class Paging:
    limit: int
    offset: int | None
    cursor: str | None


def paging(
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT, description="items per page")] = 50,
    offset: Annotated[int | None, Query(ge=0, description="skip this many items")] = None,
    cursor: Annotated[
        str | None, Query(max_length=TEXT, description="next_cursor of the previous page")
    ] = None,
) -> Paging:
    return Paging(limit, offset, cursor)


def fact_filter(
    article: Annotated[str | None, Query(max_length=TEXT, description="an article id")] = None,
    entity: Annotated[
        str | None, Query(max_length=TEXT, description="an entity id or any of its names")
    ] = None,
    outlet: Annotated[str | None, Query(max_length=TEXT, description="outlet name")] = None,
    start: Annotated[dt.date | None, Query(alias="from", description="on or after")] = None,
    end: Annotated[dt.date | None, Query(alias="to", description="on or before")] = None,
    q: Annotated[
        str | None, Query(min_length=1, max_length=TEXT, description="words in the text")
    ] = None,
) -> FactFilter:
    return FactFilter(article=article, entity=entity, outlet=outlet, start=start, end=end, q=q)


Snap = Annotated[Snapshot, Depends(snapshot)]
Pages = Annotated[Paging, Depends(paging)]
Where = Annotated[FactFilter, Depends(fact_filter)]


def _facts_page(snap: Snapshot, section: str, where: FactFilter, page: Paging) -> dict[str, Any]:
    facts = filter_facts(snap, section, where)
    items, fields = paginate(
        facts, lambda f: f.id, limit=page.limit, offset=page.offset, cursor=page.cursor
    )
    return {"items": [fact_row(snap, f) for f in items], **fields}


@router.get("/overview", response_model=schemas.OverviewOut, summary="Counts and outlets")
def get_overview(snap: Snap) -> dict[str, Any]:
    outlets: dict[str | None, list[str | None]] = {}
    for article in snap.articles.values():
        outlets.setdefault(article.outlet, []).append(article.published)
    rows = []
    for outlet, dates in sorted(outlets.items(), key=lambda o: (-len(o[1]), o[0] or "~")):
        days = sorted(d for d in dates if d)
        first, last = (days[0], days[-1]) if days else (None, None)
        rows.append({"outlet": outlet, "articles": len(dates), "first": first, "last": last})
    return {
        "articles": len(snap.articles),
        "facts": snap.counts,
        "entities": len(snap.entities),
        "outlets": rows,
    }


@router.get(
    "/articles", response_model=schemas.Page[schemas.ArticleOut], summary="Articles, filtered"
)
def list_articles(
    snap: Snap,
    page: Pages,
    outlet: Annotated[str | None, Query(max_length=TEXT)] = None,
    entity: Annotated[str | None, Query(max_length=TEXT, description="mentioned entity")] = None,
    start: Annotated[dt.date | None, Query(alias="from")] = None,
    end: Annotated[dt.date | None, Query(alias="to")] = None,
    q: Annotated[str | None, Query(min_length=1, max_length=TEXT)] = None,
    with_text: Annotated[bool, Query(description="include each article's text")] = False,
) -> dict[str, Any]:
    articles = filter_articles(snap, outlet=outlet, entity=entity, start=start, end=end, q=q)
    items, fields = paginate(
        articles, lambda a: a.id, limit=page.limit, offset=page.offset, cursor=page.cursor
    )
    return {"items": [article_row(a, with_text=with_text) for a in items], **fields}


@router.get(
    "/articles/{article_id:path}",
    response_model=schemas.ArticleDetail,
    summary="One article with its text and every fact drawn from it",
)
def get_article(snap: Snap, article_id: Annotated[str, Path(max_length=TEXT)]) -> dict[str, Any]:
    article = snap.articles.get(article_id)
    if article is None:
        raise NotFound("article", article_id)
    facts = {
        section: [fact_row(snap, f) for f in found]
        for section, found in snap.facts_of_article(article_id).items()
    }
    return {"article": article_row(article, with_text=True), "facts": facts}


@router.get(
    "/entities", response_model=schemas.Page[schemas.EntityOut], summary="Resolved entities"
)
def list_entities(
    snap: Snap,
    page: Pages,
    type: Annotated[str | None, Query(max_length=TEXT, description="PERSON, ORG, GPE …")] = None,
    q: Annotated[
        str | None, Query(min_length=1, max_length=TEXT, description="in a name or alias")
    ] = None,
) -> dict[str, Any]:
    entities = [
        e
        for e in snap.entities
        if (type is None or e.type == type.upper())
        and (q is None or any(q.lower() in n.lower() for n in (e.name, *e.aliases)))
    ]
    items, fields = paginate(
        entities, lambda e: e.id, limit=page.limit, offset=page.offset, cursor=page.cursor
    )
    return {"items": [e.to_dict() for e in items], **fields}


@router.get(
    "/entities/{entity_id:path}",
    response_model=schemas.EntityDetail,
    summary="One entity with its quotes, positions, events and proposals",
)
def get_entity(snap: Snap, entity_id: Annotated[str, Path(max_length=TEXT)]) -> dict[str, Any]:
    entity = snap.entity_by_id.get(entity_id)
    if entity is None:
        raise NotFound("entity", entity_id)
    where = FactFilter(entity=entity.id)
    out: dict[str, Any] = {"entity": entity.to_dict()}
    for section in ("quotes", "positions", "events", "proposals"):
        out[section] = [fact_row(snap, f) for f in filter_facts(snap, section, where)]
    return out


@router.get("/quotes", response_model=schemas.Page[schemas.QuoteOut], summary="Quotes")
def list_quotes(
    snap: Snap,
    page: Pages,
    where: Where,
    kind: Annotated[str | None, Query(pattern=_one_of(QUOTE_KINDS))] = None,
) -> dict[str, Any]:
    return _facts_page(snap, "quotes", replace(where, kind=kind), page)


@router.get("/figures", response_model=schemas.Page[schemas.FigureOut], summary="Figures")
def list_figures(
    snap: Snap,
    page: Pages,
    where: Where,
    kind: Annotated[str | None, Query(pattern=_one_of(FIGURE_KINDS))] = None,
) -> dict[str, Any]:
    return _facts_page(snap, "figures", replace(where, kind=kind), page)


@router.get("/events", response_model=schemas.Page[schemas.EventOut], summary="Events")
def list_events(
    snap: Snap,
    page: Pages,
    where: Where,
    type: Annotated[str | None, Query(pattern=_one_of(EVENT_TYPES))] = None,
    status: Annotated[list[str] | None, Query(description="repeatable")] = None,
) -> dict[str, Any]:
    statuses = _statuses(status)
    where = replace(where, kind=type, statuses=statuses)
    return _facts_page(snap, "events", where, page)


@router.get("/proposals", response_model=schemas.Page[schemas.ProposalOut], summary="Proposals")
def list_proposals(
    snap: Snap,
    page: Pages,
    where: Where,
    status: Annotated[str | None, Query(max_length=TEXT)] = None,
) -> dict[str, Any]:
    statuses = (status,) if status else ()
    return _facts_page(snap, "proposals", replace(where, statuses=statuses), page)


@router.get("/positions", response_model=schemas.Page[schemas.PositionOut], summary="Positions")
def list_positions(
    snap: Snap,
    page: Pages,
    where: Where,
    stance: Annotated[str | None, Query(pattern=_one_of(STANCES))] = None,
) -> dict[str, Any]:
    return _facts_page(snap, "positions", replace(where, kind=stance), page)


def _statuses(values: list[str] | None) -> tuple[str, ...]:
    for value in values or ():
        if value not in EVENT_STATUSES:
            raise ApiError(
                f"unknown status {value!r}; choose from {', '.join(EVENT_STATUSES)}",
                param="status",
            )
    return tuple(values or ())


@router.get(
    "/timeline",
    response_model=schemas.Page[schemas.TimelineEntryOut],
    summary="Dated events, earliest first, each with every report of it",
)
def list_timeline(
    snap: Snap,
    page: Pages,
    entity: Annotated[str | None, Query(max_length=TEXT)] = None,
    start: Annotated[dt.date | None, Query(alias="from")] = None,
    end: Annotated[dt.date | None, Query(alias="to")] = None,
    status: Annotated[list[str] | None, Query(description="repeatable")] = None,
    type: Annotated[str | None, Query(pattern=_one_of(EVENT_TYPES))] = None,
) -> dict[str, Any]:
    entries = filter_timeline(
        snap, entity=entity, start=start, end=end, statuses=_statuses(status), kind=type
    )
    items, fields = paginate(
        entries,
        lambda e: e.sources[0].event_id if e.sources else e.text,
        limit=page.limit,
        offset=page.offset,
        cursor=page.cursor,
    )
    return {"items": [e.to_dict() for e in items], **fields}


@router.get(
    "/search",
    response_model=schemas.Page[schemas.SearchHit],
    summary="Case-insensitive search of article texts and titles, and of quotes",
)
def get_search(
    snap: Snap,
    page: Pages,
    q: Annotated[str, Query(min_length=1, max_length=TEXT)],
    scope: Annotated[str, Query(pattern="^(all|articles|quotes)$")] = "all",
) -> dict[str, Any]:
    scopes = ("articles", "quotes") if scope == "all" else (scope,)
    hits = search(snap, q, scopes)
    items, fields = paginate(
        hits,
        lambda h: f"{h['article']}/{h['fact'] or ''}",
        limit=page.limit,
        offset=page.offset,
        cursor=page.cursor,
    )
    return {"items": items, **fields}
