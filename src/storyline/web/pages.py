"""The dashboard's pages: one route per page, each a template over what a reader gives.

Pages read through the same :class:`~storyline.api.service.Reader` and queries as the
API: a page of SQL per request, the whole-record views (timeline, stories, comparisons)
kept per database state. Form parameters arrive as text (an empty field is an empty
string), so they are read as strings and checked here: a bad date or status gives the
error page with a 400, in the same words the API uses.
"""

from __future__ import annotations

import datetime as dt
import time
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Annotated, Any
from urllib.parse import quote, urlencode

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse

from ..api.errors import ApiError, NotFound
from ..api.queries import (
    ArticleFilter,
    FactFilter,
    Paging,
    article_query,
    facts_of_article,
    filter_timeline,
    find_facts,
    find_story,
    paginate,
    search_page,
)
from ..api.routes import reader
from ..api.service import FACT_SECTIONS, Reader
from ..models import (
    EVENT_STATUSES,
    EVENT_TYPES,
    QUOTE_KINDS,
    Article,
    Event,
    Fact,
    Figure,
    Position,
    Proposal,
    Quote,
)
from ..resolve.proposals import track_proposals
from ..store import FactRow, Page
from ..views.stories import pick_story
from .charts import EDGE_TYPES, build_network, figure_charts
from .render import make_environment, segment_article

router = APIRouter(include_in_schema=False)
env = make_environment()

PAGE_SIZE = 100
# Events the network is drawn from at most: its layout costs the square of the actors, and
# 300 events of a story name a few dozen (300 events of unrelated stories, ~300 actors,
# take 4 s to lay out). A record with more events shows its largest story by default.
NETWORK_EVENTS = 300
OVERVIEW_WAIT = 3.0  # seconds the overview waits for the timeline and the stories
# Facts on one page that shows them all at once (who said what, an entity's quotes, the
# charts); a story or a search narrows a larger record.
SHOWN = 1000
PROPOSALS_SHOWN = 200  # proposal reports side by side; pick a story to narrow
ENTITY_SHOWN = 100  # items per section of an entity's page (the totals are given)
Read = Annotated[Reader, Depends(reader)]
Text = Annotated[str, Query(max_length=200)]
PageNo = Annotated[int, Query(ge=1, le=100_000)]


@dataclass(frozen=True)
class Source:
    """What a page shows of a fact's article: its outlet and day."""

    outlet: str | None
    published: str | None


def render(request: Request, template: str, status_code: int = 200, **values: Any) -> HTMLResponse:
    """A page from ``template``; every page gets the current path for the menu."""
    html = env.get_template(template).render(path=request.url.path, **values)
    return HTMLResponse(html, status_code=status_code)


def _day(value: str, name: str) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError as e:
        raise ApiError(f"{name} takes a date YYYY-MM-DD, not {value!r}", param=name) from e


def _one_of(value: str, allowed: Sequence[str], name: str) -> str | None:
    if not value:
        return None
    if value not in allowed:
        raise ApiError(f"unknown {name} {value!r}; choose from {', '.join(allowed)}", param=name)
    return value


def _paging(page: int) -> Paging:
    return Paging(limit=PAGE_SIZE, offset=(page - 1) * PAGE_SIZE)


def _pager(total: int, page: int) -> dict[str, Any]:
    return {"total": total, "page": page, "pages": max(1, -(-total // PAGE_SIZE))}


def _page(items: Sequence[Any], page: int, kind: str) -> tuple[list[Any], dict[str, Any]]:
    found, fields = paginate(items, lambda _: "", kind, _paging(page))
    return found, _pager(fields["total"], page)


def _linker(read: Reader) -> Callable[[str | None], str | None]:
    """The entity page of a name, when the name is one of a resolved entity's."""

    def link(name: str | None) -> str | None:
        entity = read.entity_for(name)
        return f"/entities/{quote(entity.id, safe='')}" if entity else None

    return link


def _facts(rows: Iterable[FactRow], cls: type[Fact]) -> list[Any]:
    return [row.fact for row in rows if isinstance(row.fact, cls)]


def _sources(rows: Iterable[FactRow]) -> Callable[[str], Source | None]:
    """``article id → Source`` for the articles of ``rows`` (what templates call)."""
    found = {row.fact.article: Source(row.outlet, row.published) for row in rows}
    return found.get


def _dated_articles(rows: Iterable[FactRow]) -> dict[str, Article]:
    """The articles of ``rows`` with only their outlet and day (what charts and tracking read)."""
    return {
        row.fact.article: Article(
            id=row.fact.article, text="", outlet=row.outlet, published=row.published
        )
        for row in rows
    }


def _story_choice(read: Reader, story: str) -> str | None:
    """A story id from a form (empty: none), checked."""
    if not story:
        return None
    return find_story(read, story, param="story").id


@router.get("/", response_class=HTMLResponse)
def overview(request: Request, read: Read) -> HTMLResponse:
    counts = read.overview()
    rows = [
        (o.outlet or "(unknown outlet)", o.articles, o.first or "", o.last or "")
        for o in counts.outlets
    ]
    # The overview never waits long for the whole-record views: on a large record it
    # shows the counts at once and the views once they are computed.
    read.ready_stories(0.0)  # both views start at once; the page waits for both together
    started = time.monotonic()
    timeline = read.ready_timeline(OVERVIEW_WAIT)
    stories = read.ready_stories(max(0.0, OVERVIEW_WAIT - (time.monotonic() - started)))
    return render(
        request,
        "overview.html",
        articles=counts.articles,
        counts={s: counts.facts.get(cls.KIND, 0) for s, cls in FACT_SECTIONS.items()},
        entity_count=counts.entities,
        outlets=rows,
        entities=read.entities[:12],
        latest=list(reversed(timeline.entries[-10:])) if timeline else None,
        stories=stories[:8] if stories is not None else None,
    )


@router.get("/articles", response_class=HTMLResponse)
def articles(
    request: Request,
    read: Read,
    outlet: Text = "",
    q: Text = "",
    story: Text = "",
    page: PageNo = 1,
) -> HTMLResponse:
    where = ArticleFilter(outlet=outlet or None, q=q or None, story=_story_choice(read, story))
    found = read.store.query_articles(
        article_query(read, where), limit=PAGE_SIZE, offset=(page - 1) * PAGE_SIZE
    )
    outlets = sorted(o.outlet for o in read.overview().outlets if o.outlet)
    return render(
        request,
        "articles.html",
        items=found.items,
        paging=_pager(found.total, page),
        outlet=outlet,
        q=q,
        story=story,
        outlets=outlets,
        args={"outlet": outlet, "q": q, "story": story},
    )


@router.get("/articles/{article_id:path}", response_class=HTMLResponse)
def article(request: Request, read: Read, article_id: str) -> HTMLResponse:
    found = read.store.article(article_id)
    if found is None:
        raise NotFound("article", article_id)
    facts = {s: [r.fact for r in rows] for s, rows in facts_of_article(read, article_id).items()}
    every: list[Fact] = [f for section in facts.values() for f in section]
    return render(
        request,
        "article.html",
        article=found,
        paragraphs=segment_article(found.text, every),
        facts=facts,
        link=_linker(read),
    )


@router.get("/entities", response_class=HTMLResponse)
def entities(
    request: Request, read: Read, q: Text = "", type: Text = "", page: PageNo = 1
) -> HTMLResponse:
    needle = q.lower()
    found = [
        e
        for e in read.entities
        if (not type or e.type == type)
        and (not needle or any(needle in n.lower() for n in (e.name, *e.aliases)))
    ]
    items, paging = _page(found, page, "entities")
    types = sorted({e.type for e in read.entities})
    return render(
        request,
        "entities.html",
        items=items,
        paging=paging,
        q=q,
        type=type,
        types=types,
        args={"q": q, "type": type},
    )


@router.get("/entities/{entity_id:path}", response_class=HTMLResponse)
def entity(request: Request, read: Read, entity_id: str) -> HTMLResponse:
    found = read.store.entity(entity_id)
    if found is None:
        raise NotFound("entity", entity_id)
    where = FactFilter(entity=found.id)
    sections = {
        s: find_facts(read, s, where, ENTITY_SHOWN) for s in ("quotes", "positions", "proposals")
    }
    source_of = _sources(r for page in sections.values() for r in page.items)
    events = filter_timeline(read, entity=found.id)
    # The latest articles; the page of the busiest actor of a large record would otherwise
    # list thousands of each (megabytes), and the lists linked from it have them all.
    latest = sorted(
        read.store.articles_by_id(found.articles).values(), key=lambda a: (a.published or "", a.id)
    )
    return render(
        request,
        "entity.html",
        entity=found,
        quotes=_facts(sections["quotes"].items, Quote),
        positions=_facts(sections["positions"].items, Position),
        proposals=_facts(sections["proposals"].items, Proposal),
        totals={
            **{s: page.total for s, page in sections.items()},
            "events": len(events),
            "articles": len(found.articles),
        },
        events=events[-ENTITY_SHOWN:],
        articles=latest[-ENTITY_SHOWN:][::-1],
        outlet_of=lambda a: src.outlet if (src := source_of(a)) else None,
        link=_linker(read),
    )


@router.get("/timeline", response_class=HTMLResponse)
def timeline(
    request: Request,
    read: Read,
    actor: Text = "",
    status: Text = "",
    type: Text = "",
    story: Text = "",
    start: Annotated[str, Query(alias="from", max_length=20)] = "",
    end: Annotated[str, Query(alias="to", max_length=20)] = "",
    page: PageNo = 1,
) -> HTMLResponse:
    chosen = _one_of(status, EVENT_STATUSES, "status")
    found = filter_timeline(
        read,
        entity=actor or None,
        start=_day(start, "from"),
        end=_day(end, "to"),
        statuses=(chosen,) if chosen else (),
        kind=_one_of(type, EVENT_TYPES, "type"),
        story=_story_choice(read, story),
    )
    items, paging = _page(found, page, "timeline")
    return render(
        request,
        "timeline.html",
        items=items,
        paging=paging,
        actor=actor,
        status=status,
        type=type,
        start=start,
        end=end,
        story=story,
        statuses=EVENT_STATUSES,
        types=EVENT_TYPES,
        names=[e.name for e in read.entities[:500]],
        args={
            "actor": actor,
            "status": status,
            "type": type,
            "from": start,
            "to": end,
            "story": story,
        },
        link=_linker(read),
    )


@router.get("/quotes", response_class=HTMLResponse)
def quotes(
    request: Request,
    read: Read,
    q: Text = "",
    kind: Text = "",
    speaker: Text = "",
    story: Text = "",
) -> HTMLResponse:
    where = FactFilter(
        kind=_one_of(kind, QUOTE_KINDS, "kind"),
        entity=speaker or None,
        story=_story_choice(read, story),
        words=q or None,
    )
    query = find_facts(read, "quotes", where, SHOWN)
    by_speaker: dict[str, list[Quote]] = defaultdict(list)
    for said in _facts(query.items, Quote):
        by_speaker[said.speaker or "(speaker unknown)"].append(said)
    groups = sorted(by_speaker.items(), key=lambda g: (-len(g[1]), g[0]))
    return render(
        request,
        "quotes.html",
        groups=groups,
        total=query.total,
        shown=len(query.items),
        q=q,
        kind=kind,
        speaker=speaker,
        story=story,
        kinds=QUOTE_KINDS,
        article_of=_sources(query.items),
        link=_linker(read),
    )


@router.get("/figures", response_class=HTMLResponse)
def figures(request: Request, read: Read, story: Text = "") -> HTMLResponse:
    chosen = _story_choice(read, story)
    found = find_facts(read, "figures", FactFilter(story=chosen), SHOWN)
    scope = read.story(chosen) if chosen else None
    # A story's comparison is the one its own page shows (copies left out); without one,
    # the shown figures are compared among themselves.
    groups = (
        read.figure_groups(scope)
        if scope is not None
        else read.figure_groups_of(row.fact.article for row in found.items)
    )
    articles = _dated_articles(found.items)
    return render(
        request,
        "figures.html",
        charts=figure_charts(_facts(found.items, Figure), articles, groups),
        **_scope(read, story, found),
    )


@router.get("/proposals", response_class=HTMLResponse)
def proposals(request: Request, read: Read, story: Text = "") -> HTMLResponse:
    where = FactFilter(story=_story_choice(read, story))
    # Side by side, a few hundred reports are already more columns than anyone reads.
    found = find_facts(read, "proposals", where, PROPOSALS_SHOWN)
    positions = find_facts(read, "positions", where, SHOWN).items
    tabled = _facts(found.items, Proposal)
    terms = sorted({t.kind for p in tabled for ph in p.phases for t in ph.terms})
    sources = _dated_articles(found.items)
    # One proposal followed across its reports: a group of columns, one per source, so a
    # term one outlet gives and another does not stands side by side.
    tracked = track_proposals(tabled, list(sources.values()))
    return render(
        request,
        "proposals.html",
        tracked=tracked,
        labels={t.id: t.label or "proposal" for t in tracked},
        terms=terms,
        positions=_facts(positions, Position),
        article_of=_sources([*found.items, *positions]),
        link=_linker(read),
        **_scope(read, story, found),
    )


@router.get("/network", response_class=HTMLResponse)
def network(request: Request, read: Read, type: Text = "", story: Text = "") -> HTMLResponse:
    chosen = _one_of(type, tuple(EDGE_TYPES), "type")
    link = _linker(read)

    def href(name: str) -> str:
        return link(name) or "/timeline?" + urlencode({"actor": name})

    scope = _story_choice(read, story)
    if scope is None and read.overview().facts.get("event", 0) > NETWORK_EVENTS:
        # A whole large record is a hairball (and its layout takes minutes): its largest
        # story is drawn instead, once the stories are known.
        stories = read.ready_stories(OVERVIEW_WAIT)
        scope = stories[0].id if stories else None
    found = find_facts(read, "events", FactFilter(story=scope), NETWORK_EVENTS)
    graph = read.record.built(  # the layout takes seconds: once per state and view
        ("network", scope, chosen),
        lambda: build_network(_facts(found.items, Event), href, [chosen] if chosen else None),
    )
    return render(
        request,
        "network.html",
        graph=graph,
        types=EDGE_TYPES,
        type=type,
        **_scope(read, scope or "", found),
    )


def _scope(read: Reader, story: str, found: Page[FactRow]) -> dict[str, Any]:
    """What a page drawn from a capped list says of its scope: the story, how many shown.

    The story picker lists the stories once they are computed; it never waits for them.
    """
    stories = read.ready_stories(0.0) or []
    return {
        "story": story,
        "stories": stories[:50],
        "shown": len(found.items),
        "total": found.total,
    }


@router.get("/search", response_class=HTMLResponse)
def search(request: Request, read: Read, q: Text = "", page: PageNo = 1) -> HTMLResponse:
    found = search_page(read, q, ("articles", "quotes"), _paging(page)) if q.strip() else None
    hits = found["items"] if found else []
    total = found["total"] if found else 0
    return render(
        request,
        "search.html",
        q=q,
        hits=hits,
        total=total,
        paging=_pager(total, page),
        args={"q": q},
    )


@router.get("/stories", response_class=HTMLResponse)
def stories(request: Request, read: Read, page: PageNo = 1) -> HTMLResponse:
    items, paging = _page(read.stories(), page, "stories")
    return render(request, "stories.html", items=items, paging=paging, args={})


@router.get("/stories/{story_id}", response_class=HTMLResponse)
def story(request: Request, read: Read, story_id: str) -> HTMLResponse:
    found = find_story(read, story_id)
    articles = read.store.articles_by_id(found.articles)
    return render(
        request,
        "story.html",
        story=found,
        articles=[articles[a] for a in found.articles if a in articles],
        groups=len(read.figure_groups(found)),
        brief=read.story_brief(found),
    )


@router.get("/comparisons", response_class=HTMLResponse)
def comparisons(request: Request, read: Read, story: Text = "") -> HTMLResponse:
    chosen = find_story(read, story, param="story") if story else pick_story(read.stories(), None)
    groups = read.figure_groups(chosen) if chosen else []
    verdicts = [_verdicts(len(g.values), [(p.a, p.b, p.verdict) for p in g.pairs]) for g in groups]
    return render(
        request,
        "comparisons.html",
        story=chosen,
        groups=list(zip(groups, verdicts, strict=True)),
        stories=read.stories()[:50],
    )


def _verdicts(size: int, pairs: Iterable[tuple[int, int, str]]) -> list[list[str]]:
    """Each value's verdicts against the others, worst first (what a row of the table marks).

    A value that contradicts another is marked ``contradiction``; one that was updated or
    updates another, ``update``; one that agrees with every other, ``agree``.
    """
    marks: list[set[str]] = [set() for _ in range(size)]
    for a, b, verdict in pairs:
        marks[a].add(verdict)
        marks[b].add(verdict)
    order = ("contradiction", "update", "agree")
    return [[v for v in order if v in found] for found in marks]


@router.get("/favicon.ico", include_in_schema=False)
def favicon() -> RedirectResponse:
    return RedirectResponse("/static/favicon.svg")
