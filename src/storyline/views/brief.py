"""The brief: a one-screen summary of what the record holds."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import asdict, dataclass, field
from typing import Any

from ..models import Figure, Proposal, Quote
from ..resolve.entities import canonical_facts, canonical_names
from ..store import Store
from .timeline import build_timeline


@dataclass(frozen=True)
class OutletLine:
    outlet: str
    articles: int
    first: str | None
    last: str | None


@dataclass(frozen=True)
class Brief:
    """Counts, outlets, top entities, figures, quotes and the first dated events."""

    articles: int
    facts: dict[str, int]
    outlets: list[OutletLine]
    entities: list[tuple[str, str, int]]
    figures: list[str] = field(default_factory=list)
    quotes: list[str] = field(default_factory=list)
    proposals: list[str] = field(default_factory=list)
    timeline: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def build_brief(store: Store, *, top: int = 8) -> Brief:
    """Summarize the store; ``top`` bounds each list."""
    articles = store.articles()
    dates: dict[str, list[str]] = {}
    counts: Counter[str] = Counter()
    for article in articles:
        outlet = article.outlet or "(unknown outlet)"
        counts[outlet] += 1
        if article.published:
            dates.setdefault(outlet, []).append(article.published)
    outlets = [
        OutletLine(name, n, min(dates.get(name, [""])) or None, max(dates.get(name, [""])) or None)
        for name, n in counts.most_common()
    ]
    entities = [(e.name, e.type, e.mentions) for e in store.entities()]
    entities.sort(key=lambda e: -e[2])
    names = canonical_names(store)
    figures = [_figure_line(f) for f in canonical_facts(store, Figure, names) if f.kind != "other"]
    quotes: dict[str, str] = {}
    for q in canonical_facts(store, Quote, names):
        if q.kind != "indirect" and q.speaker:
            # A headline often repeats a quote of the body: show each quote once.
            key = " ".join(re.findall(r"\w+", q.text.lower()))
            quotes.setdefault(key, f"{q.speaker}: “{_clip(q.text.rstrip(',.'), 90)}”")
    proposals = [_proposal_line(p) for p in canonical_facts(store, Proposal, names)]
    timeline = [
        f"{e.date:<10}  {e.type:<9} {e.actor or '?'}"
        + (f" → {e.target}" if e.target else "")
        + (f" [{e.status}]" if e.status != "occurred" else "")
        + (f"  ({len(e.sources)} sources)" if len(e.sources) > 1 else "")
        for e in build_timeline(store)[:top]
    ]
    return Brief(
        articles=len(articles),
        facts=store.count_facts(),
        outlets=outlets,
        entities=entities[:top],
        figures=figures[:top],
        quotes=list(quotes.values())[:top],
        proposals=proposals[:top],
        timeline=timeline,
    )


def _clip(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def _figure_line(f: Figure) -> str:
    if f.value is not None:
        amount = f"{f.value:,.10g}"
    else:
        amount = (
            f"{f.low:,.10g}–{f.high:,.10g}" if f.low is not None and f.high is not None else "?"
        )
    qualifier = "" if f.qualifier == "exact" else f" ({f.qualifier})"
    source = f", per {f.source}" if f.source else ""
    return f"{amount} {f.unit or ''} {f.kind}{qualifier}{source}: {_clip(f.counted or f.text, 50)}"


def _proposal_line(p: Proposal) -> str:
    spans = {ph.duration_days for ph in p.phases if ph.duration_days}
    days = ", ".join(f"{lo}–{hi}" if lo != hi else f"{lo}" for lo, hi in sorted(spans))
    phases = [ph for ph in p.phases if ph.index > 0]
    shape = f"{len(phases)} phases" + (f" of {days} days" if days else "") if phases else ""
    terms = sorted({t.kind for ph in p.phases for t in ph.terms})
    parts = [p.label or "proposal", f"by {p.proposer}" if p.proposer else "", shape]
    return " — ".join(x for x in parts if x) + (f": {', '.join(terms)}" if terms else "")


def format_brief(brief: Brief) -> str:
    """The brief as text for a terminal."""
    facts = ", ".join(f"{n} {k}s" for k, n in sorted(brief.facts.items())) or "no facts yet"
    lines = [f"{brief.articles} articles; {facts}", "", "Articles by outlet"]
    for o in brief.outlets:
        span = f"{o.first} … {o.last}" if o.first else "undated"
        lines.append(f"  {o.outlet:<28} {o.articles:>3}  {span}")
    sections = (
        ("Top entities", [f"{name} ({kind}, {n} mentions)" for name, kind, n in brief.entities]),
        ("Figures", brief.figures),
        ("Quotes", brief.quotes),
        ("Proposals", brief.proposals),
        ("Timeline (first dated events)", brief.timeline),
    )
    for heading, items in sections:
        lines += ["", heading]
        lines += [f"  {item}" for item in items] or ["  (none extracted yet)"]
    return "\n".join(lines)
