"""The brief: a one-screen summary of what the record holds."""

from __future__ import annotations

from collections import Counter
from dataclasses import asdict, dataclass, field
from typing import Any

from ..models import Event, Figure, Quote
from ..store import Store


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
    figures = [_figure_line(f) for f in store.facts(Figure)[:top]]
    quotes = [
        f"{q.speaker or '(unattributed)'}: “{_clip(q.text, 90)}”" for q in store.facts(Quote)[:top]
    ]
    events = sorted((e for e in store.facts(Event) if e.date), key=lambda e: e.date or "")
    timeline = [
        f"{e.date}  {e.type:<9} {e.actor or '?'}"
        + (f" → {e.target}" if e.target else "")
        + (f" [{e.status}]" if e.status != "occurred" else "")
        for e in events[:top]
    ]
    return Brief(
        articles=len(articles),
        facts=store.count_facts(),
        outlets=outlets,
        entities=entities[:top],
        figures=figures,
        quotes=quotes,
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
        ("Timeline (first dated events)", brief.timeline),
    )
    for heading, items in sections:
        lines += ["", heading]
        lines += [f"  {item}" for item in items] or ["  (none extracted yet)"]
    return "\n".join(lines)
