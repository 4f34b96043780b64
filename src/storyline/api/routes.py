"""The JSON endpoints, under ``/api``.

Lists share one paging contract (``limit`` up to 500, then ``offset`` or ``cursor``) and
the same filters where they apply: ``story`` (a story id: its articles only),
``article``, ``entity`` (an entity id or any of its names), ``outlet``, ``from``/``to``
(ISO days; events by their own date, other facts by their article's), a vocabulary filter
(``kind``, ``type``, ``stance``, ``status``) and ``q`` (words in the fact's text).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from dataclasses import replace
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path, Query, Request, Response

from ..models import EVENT_STATUSES, EVENT_TYPES, FIGURE_KINDS, QUOTE_KINDS, STANCES
from ..views.stories import pick_story
from . import schemas
from .errors import ApiError, NotFound
from .queries import (
    MAX_LIMIT,
    SCOPES,
    ArticleFilter,
    FactFilter,
    Paging,
    article_page,
    article_row,
    fact_page,
    fact_row,
    facts_of_article,
    filter_timeline,
    find_facts,
    find_story,
    paginate,
    search_page,
    story_articles,
    timeline_key,
)
from .service import Reader

ERRORS: dict[int | str, dict[str, Any]] = {
    status: {"model": schemas.ErrorBody, "description": text}
    for status, text in (
        (400, "a parameter value cannot be used (reason in error.message)"),
        (404, "no such item"),
        (422, "a parameter has the wrong type or is out of range"),
        (503, "the database cannot be read, or a query ran over query_timeout_ms"),
    )
}

router = APIRouter(prefix="/api", responses=ERRORS)

TEXT = 200  # longest free-text parameter accepted
# Facts of each section an entity's page lists; ``totals`` gives how many there are.
ENTITY_FACTS = 100


def _one_of(values: Sequence[str]) -> str:
    return "^(" + "|".join(values) + ")$"


def reader(request: Request) -> Iterator[Reader]:
    """The record as of now, read-only, for one request."""
    with request.app.state.catalog.reader() as found:
        yield found


def paging(
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT, description="items per page")] = 50,
    offset: Annotated[
        int | None, Query(ge=0, le=10_000_000, description="skip this many items")
    ] = None,
    cursor: Annotated[
        str | None, Query(max_length=TEXT * 4, description="next_cursor of the previous page")
    ] = None,
) -> Paging:
    return Paging(limit, offset, cursor)


StoryParam = Annotated[
    str | None, Query(max_length=TEXT, description="a story id: its articles only")
]


def fact_filter(
    story: StoryParam = None,
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
    return FactFilter(
        article=article, story=story, entity=entity, outlet=outlet, start=start, end=end, q=q
    )


Read = Annotated[Reader, Depends(reader)]
Pages = Annotated[Paging, Depends(paging)]
Where = Annotated[FactFilter, Depends(fact_filter)]
Ident = Annotated[str, Path(max_length=TEXT)]


@router.get("/overview", response_model=schemas.OverviewOut, summary="Counts and outlets")
def get_overview(read: Read) -> dict[str, Any]:
    overview = read.overview()
    return {
        "articles": overview.articles,
        "facts": overview.facts,
        "entities": overview.entities,
        "outlets": [vars(row) for row in overview.outlets],
    }


@router.get(
    "/articles", response_model=schemas.Page[schemas.ArticleOut], summary="Articles, filtered"
)
def list_articles(
    read: Read,
    page: Pages,
    story: StoryParam = None,
    outlet: Annotated[str | None, Query(max_length=TEXT)] = None,
    entity: Annotated[str | None, Query(max_length=TEXT, description="mentioned entity")] = None,
    start: Annotated[dt.date | None, Query(alias="from")] = None,
    end: Annotated[dt.date | None, Query(alias="to")] = None,
    q: Annotated[
        str | None, Query(min_length=1, max_length=TEXT, description="words (full-text)")
    ] = None,
    with_text: Annotated[bool, Query(description="include each article's text")] = False,
) -> dict[str, Any]:
    where = ArticleFilter(outlet=outlet, entity=entity, start=start, end=end, q=q, story=story)
    return article_page(read, where, page, with_text=with_text)


@router.get(
    "/articles/{article_id:path}",
    response_model=schemas.ArticleDetail,
    summary="One article with its text and every fact drawn from it",
)
def get_article(read: Read, article_id: Ident) -> dict[str, Any]:
    article = read.store.article(article_id)
    if article is None:
        raise NotFound("article", article_id)
    facts = {
        section: [fact_row(read, row) for row in rows]
        for section, rows in facts_of_article(read, article_id).items()
    }
    return {"article": article_row(article, with_text=True), "facts": facts}


@router.get(
    "/entities", response_model=schemas.Page[schemas.EntityOut], summary="Resolved entities"
)
def list_entities(
    read: Read,
    page: Pages,
    story: StoryParam = None,
    type: Annotated[str | None, Query(max_length=TEXT, description="PERSON, ORG, GPE …")] = None,
    q: Annotated[
        str | None, Query(min_length=1, max_length=TEXT, description="in a name or alias")
    ] = None,
) -> dict[str, Any]:
    members = set(story_articles(read, story) or ()) if story else None
    needle = q.lower() if q else None
    entities = [
        e
        for e in read.entities
        if (type is None or e.type == type.upper())
        and (needle is None or any(needle in n.lower() for n in (e.name, *e.aliases)))
        and (members is None or not members.isdisjoint(e.articles))
    ]
    items, fields = paginate(entities, lambda e: e.id, "entities", page)
    return {"items": [e.to_dict() for e in items], **fields}


@router.get(
    "/entities/{entity_id:path}",
    response_model=schemas.EntityDetail,
    summary="One entity with the quotes, positions, events and proposals naming it",
)
def get_entity(read: Read, entity_id: Ident) -> dict[str, Any]:
    entity = read.store.entity(entity_id)
    if entity is None:
        raise NotFound("entity", entity_id)
    where = FactFilter(entity=entity.id)
    out: dict[str, Any] = {"entity": entity.to_dict(), "totals": {}}
    for section in ("quotes", "positions", "events", "proposals"):
        found = find_facts(read, section, where, limit=ENTITY_FACTS)
        out[section] = [fact_row(read, row) for row in found.items]
        out["totals"][section] = found.total
    return out


@router.get("/quotes", response_model=schemas.Page[schemas.QuoteOut], summary="Quotes")
def list_quotes(
    read: Read,
    page: Pages,
    where: Where,
    kind: Annotated[str | None, Query(pattern=_one_of(QUOTE_KINDS))] = None,
) -> dict[str, Any]:
    return fact_page(read, "quotes", replace(where, kind=kind), page)


@router.get("/figures", response_model=schemas.Page[schemas.FigureOut], summary="Figures")
def list_figures(
    read: Read,
    page: Pages,
    where: Where,
    kind: Annotated[str | None, Query(pattern=_one_of(FIGURE_KINDS))] = None,
) -> dict[str, Any]:
    return fact_page(read, "figures", replace(where, kind=kind), page)


@router.get("/events", response_model=schemas.Page[schemas.EventOut], summary="Events")
def list_events(
    read: Read,
    page: Pages,
    where: Where,
    type: Annotated[str | None, Query(pattern=_one_of(EVENT_TYPES))] = None,
    status: Annotated[list[str] | None, Query(description="repeatable")] = None,
) -> dict[str, Any]:
    where = replace(where, kind=type, statuses=_statuses(status))
    return fact_page(read, "events", where, page)


@router.get("/proposals", response_model=schemas.Page[schemas.ProposalOut], summary="Proposals")
def list_proposals(
    read: Read,
    page: Pages,
    where: Where,
    status: Annotated[str | None, Query(max_length=TEXT)] = None,
) -> dict[str, Any]:
    statuses = (status,) if status else ()
    return fact_page(read, "proposals", replace(where, statuses=statuses), page)


@router.get("/positions", response_model=schemas.Page[schemas.PositionOut], summary="Positions")
def list_positions(
    read: Read,
    page: Pages,
    where: Where,
    stance: Annotated[str | None, Query(pattern=_one_of(STANCES))] = None,
) -> dict[str, Any]:
    return fact_page(read, "positions", replace(where, kind=stance), page)


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
    read: Read,
    page: Pages,
    story: StoryParam = None,
    entity: Annotated[str | None, Query(max_length=TEXT)] = None,
    start: Annotated[dt.date | None, Query(alias="from")] = None,
    end: Annotated[dt.date | None, Query(alias="to")] = None,
    status: Annotated[list[str] | None, Query(description="repeatable")] = None,
    type: Annotated[str | None, Query(pattern=_one_of(EVENT_TYPES))] = None,
) -> dict[str, Any]:
    entries = filter_timeline(
        read,
        entity=entity,
        start=start,
        end=end,
        statuses=_statuses(status),
        kind=type,
        story=story,
    )
    items, fields = paginate(entries, timeline_key, "timeline", page)
    return {"items": [e.to_dict() for e in items], **fields}


@router.get(
    "/search",
    response_model=schemas.Page[schemas.SearchHit],
    summary="Full-text search of article titles and texts (hits first), then of quotes",
)
def get_search(
    read: Read,
    page: Pages,
    q: Annotated[str, Query(min_length=1, max_length=TEXT, description="words; a last prefix")],
    scope: Annotated[str, Query(pattern="^(all|articles|quotes)$")] = "all",
) -> dict[str, Any]:
    scopes = SCOPES if scope == "all" else (scope,)
    return search_page(read, q, scopes, page)


@router.get(
    "/stories",
    response_model=schemas.Page[schemas.StoryOut],
    summary="Stories: articles about the same developments, largest first",
)
def list_stories(
    read: Read,
    page: Pages,
    entity: Annotated[
        str | None,
        Query(max_length=TEXT, description="an entity id or name: stories it appears in"),
    ] = None,
) -> dict[str, Any]:
    stories = read.stories()
    if entity is not None:
        by_id = read.record.by_id
        ids = {entity} if entity in by_id else read.record.aliases.find([entity])
        articles = {a for i in ids for a in by_id[i].articles}
        stories = [s for s in stories if not articles.isdisjoint(s.articles)]
    items, fields = paginate(stories, lambda s: s.id, "stories", page)
    return {"items": [s.to_dict() for s in items], **fields}


@router.get(
    "/stories/{story_id}",
    response_model=schemas.StoryDetail,
    summary="One story with its articles",
)
def get_story(read: Read, story_id: Ident) -> dict[str, Any]:
    story = find_story(read, story_id)
    articles = read.store.articles_by_id(story.articles)
    return {
        "story": story.to_dict(),
        "articles": [
            article_row(articles[a], with_text=False) for a in story.articles if a in articles
        ],
    }


@router.get(
    "/stories/{story_id}/brief",
    response_model=schemas.BriefOut,
    summary="Where one story stands: proposals, positions, figures, events, quotes",
)
def get_story_brief(
    read: Read,
    story_id: Ident,
    top: Annotated[int, Query(ge=1, le=50, description="most lines per section")] = 8,
) -> dict[str, Any]:
    return read.story_brief(find_story(read, story_id), top).to_dict()


@router.get(
    "/comparisons/figures",
    response_model=schemas.FigureComparisonOut,
    summary="A story's figures compared across its sources (agree, update, contradiction)",
)
def get_figure_comparison(
    read: Read,
    story: Annotated[
        str | None, Query(max_length=TEXT, description="a story id; default the largest")
    ] = None,
) -> Response:
    chosen = find_story(read, story, param="story") if story else pick_story(read.stories(), None)
    if chosen is None:
        raise ApiError("the record has no articles, so no story to compare", status=404)

    def body() -> bytes:
        # Every pair of a group's values is judged, so a long story's answer runs to
        # megabytes: it is serialized once per database state, not once per request.
        groups = [g.to_dict() for g in read.figure_groups(chosen)]
        answer = schemas.FigureComparisonOut.model_validate(
            {"story": chosen.to_dict(), "groups": groups}
        )
        return answer.model_dump_json().encode("utf-8")

    content = read.record.built(("comparison", chosen.id), body)
    return Response(content=content, media_type="application/json")
