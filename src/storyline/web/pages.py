"""The dashboard's pages: one route per page, each a template over the snapshot.

Form parameters arrive as text (an empty field is an empty string), so they are read as
strings and checked here: a bad date or status gives the error page with a 400, in the
same words the API uses.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from typing import Annotated, Any
from urllib.parse import quote, urlencode

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse

from ..api.errors import ApiError, NotFound
from ..api.queries import (
    FactFilter,
    filter_articles,
    filter_facts,
    filter_timeline,
    paginate,
    search,
)
from ..api.routes import snapshot
from ..api.service import FACT_SECTIONS, Snapshot
from ..models import EVENT_STATUSES, EVENT_TYPES, QUOTE_KINDS, Fact, Proposal, Quote
from .charts import EDGE_TYPES, build_network, figure_charts
from .render import make_environment, segment_article

router = APIRouter(include_in_schema=False)
env = make_environment()

PAGE_SIZE = 100
# Quotes on one page of 'who said what'; a search narrows a larger record.
QUOTES_SHOWN = 1000
Snap = Annotated[Snapshot, Depends(snapshot)]
Text = Annotated[str, Query(max_length=200)]


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


def _page(items: Sequence[Any], page: int) -> tuple[list[Any], dict[str, Any]]:
    found, fields = paginate(
        items, lambda _: "", limit=PAGE_SIZE, offset=(page - 1) * PAGE_SIZE, cursor=None
    )
    fields["page"] = page
    fields["pages"] = max(1, -(-fields["total"] // PAGE_SIZE))
    return found, fields


PageNo = Annotated[int, Query(ge=1, le=1_000_000)]


def entity_link(snap: Snapshot, name: str | None) -> str | None:
    """The entity page of a name, when the name is one of a resolved entity's."""
    entity = snap.entity_for(name)
    return f"/entities/{quote(entity.id, safe='')}" if entity else None


@router.get("/", response_class=HTMLResponse)
def overview(request: Request, snap: Snap) -> HTMLResponse:
    outlets: dict[str, list[str]] = defaultdict(list)
    for article in snap.articles.values():
        outlets[article.outlet or "(unknown outlet)"].append(article.published or "")
    rows = [
        (name, len(days), min((d for d in days if d), default=""), max(days, default=""))
        for name, days in sorted(outlets.items(), key=lambda o: (-len(o[1]), o[0]))
    ]
    latest = list(reversed(snap.timeline[-10:]))
    return render(
        request,
        "overview.html",
        articles=len(snap.articles),
        counts={s: len(snap.facts(s)) for s in FACT_SECTIONS},
        entity_count=len(snap.entities),
        outlets=rows,
        entities=snap.entities[:12],
        latest=latest,
    )


@router.get("/articles", response_class=HTMLResponse)
def articles(
    request: Request, snap: Snap, outlet: Text = "", q: Text = "", page: PageNo = 1
) -> HTMLResponse:
    found = filter_articles(snap, outlet=outlet or None, q=q or None)
    items, paging = _page(found, page)
    outlets = sorted({a.outlet for a in snap.articles.values() if a.outlet})
    return render(
        request,
        "articles.html",
        items=items,
        paging=paging,
        outlet=outlet,
        q=q,
        outlets=outlets,
        args={"outlet": outlet, "q": q},
    )


@router.get("/articles/{article_id:path}", response_class=HTMLResponse)
def article(request: Request, snap: Snap, article_id: str) -> HTMLResponse:
    found = snap.articles.get(article_id)
    if found is None:
        raise NotFound("article", article_id)
    facts = snap.facts_of_article(article_id)
    every: list[Fact] = [f for section in facts.values() for f in section]
    return render(
        request,
        "article.html",
        article=found,
        paragraphs=segment_article(found.text, every),
        facts=facts,
        link=lambda name: entity_link(snap, name),
    )


@router.get("/entities", response_class=HTMLResponse)
def entities(
    request: Request, snap: Snap, q: Text = "", type: Text = "", page: PageNo = 1
) -> HTMLResponse:
    needle = q.lower()
    found = [
        e
        for e in snap.entities
        if (not type or e.type == type)
        and (not needle or any(needle in n.lower() for n in (e.name, *e.aliases)))
    ]
    items, paging = _page(found, page)
    types = sorted({e.type for e in snap.entities})
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
def entity(request: Request, snap: Snap, entity_id: str) -> HTMLResponse:
    found = snap.entity_by_id.get(entity_id)
    if found is None:
        raise NotFound("entity", entity_id)
    where = FactFilter(entity=found.id)
    sections = {s: filter_facts(snap, s, where) for s in ("quotes", "positions", "proposals")}
    events = filter_timeline(snap, entity=found.id)
    articles = [snap.articles[a] for a in found.articles if a in snap.articles]
    return render(
        request,
        "entity.html",
        entity=found,
        quotes=sections["quotes"],
        positions=sections["positions"],
        proposals=sections["proposals"],
        events=events,
        articles=articles,
        outlet_of=lambda a: snap.articles[a].outlet if a in snap.articles else None,
        link=lambda name: entity_link(snap, name),
    )


@router.get("/timeline", response_class=HTMLResponse)
def timeline(
    request: Request,
    snap: Snap,
    actor: Text = "",
    status: Text = "",
    type: Text = "",
    start: Annotated[str, Query(alias="from", max_length=20)] = "",
    end: Annotated[str, Query(alias="to", max_length=20)] = "",
    page: PageNo = 1,
) -> HTMLResponse:
    chosen = _one_of(status, EVENT_STATUSES, "status")
    found = filter_timeline(
        snap,
        entity=actor or None,
        start=_day(start, "from"),
        end=_day(end, "to"),
        statuses=(chosen,) if chosen else (),
        kind=_one_of(type, EVENT_TYPES, "type"),
    )
    items, paging = _page(found, page)
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
        statuses=EVENT_STATUSES,
        types=EVENT_TYPES,
        names=[e.name for e in snap.entities],
        args={"actor": actor, "status": status, "type": type, "from": start, "to": end},
        link=lambda name: entity_link(snap, name),
    )


@router.get("/quotes", response_class=HTMLResponse)
def quotes(
    request: Request, snap: Snap, q: Text = "", kind: Text = "", speaker: Text = ""
) -> HTMLResponse:
    chosen = _one_of(kind, QUOTE_KINDS, "kind")
    needle = q.lower()
    found = [
        said
        for said in filter_facts(snap, "quotes", FactFilter(kind=chosen, entity=speaker or None))
        if isinstance(said, Quote)
        and (not needle or needle in said.text.lower() or needle in (said.speaker or "").lower())
    ]
    by_speaker: dict[str, list[Quote]] = defaultdict(list)
    for said in found[:QUOTES_SHOWN]:
        by_speaker[said.speaker or "(speaker unknown)"].append(said)
    groups = sorted(by_speaker.items(), key=lambda g: (-len(g[1]), g[0]))
    return render(
        request,
        "quotes.html",
        groups=groups,
        total=len(found),
        shown=min(len(found), QUOTES_SHOWN),
        q=q,
        kind=kind,
        speaker=speaker,
        kinds=QUOTE_KINDS,
        article_of=snap.articles.get,
        link=lambda name: entity_link(snap, name),
    )


@router.get("/figures", response_class=HTMLResponse)
def figures(request: Request, snap: Snap) -> HTMLResponse:
    charts = figure_charts(snap.figures, snap.articles)
    return render(request, "figures.html", charts=charts)


@router.get("/proposals", response_class=HTMLResponse)
def proposals(request: Request, snap: Snap) -> HTMLResponse:
    found = [p for p in snap.proposals if isinstance(p, Proposal)]
    terms = sorted({t.kind for p in found for ph in p.phases for t in ph.terms})
    positions = filter_facts(snap, "positions", FactFilter())
    return render(
        request,
        "proposals.html",
        proposals=found,
        terms=terms,
        positions=positions,
        article_of=snap.articles.get,
        link=lambda name: entity_link(snap, name),
    )


@router.get("/network", response_class=HTMLResponse)
def network(request: Request, snap: Snap, type: Text = "") -> HTMLResponse:
    chosen = _one_of(type, tuple(EDGE_TYPES), "type")

    def href(name: str) -> str:
        return entity_link(snap, name) or "/timeline?" + urlencode({"actor": name})

    graph = build_network(snap.events, href, [chosen] if chosen else None)
    return render(request, "network.html", graph=graph, types=EDGE_TYPES, type=type)


@router.get("/search", response_class=HTMLResponse)
def search_page(request: Request, snap: Snap, q: Text = "") -> HTMLResponse:
    hits = search(snap, q, ("articles", "quotes")) if q.strip() else []
    return render(request, "search.html", q=q, hits=hits[:PAGE_SIZE], total=len(hits))


@router.get("/favicon.ico", include_in_schema=False)
def favicon() -> RedirectResponse:
    return RedirectResponse("/static/favicon.svg")
