"""The brief: where the talks stand, from the record, every line with its sources.

A brief is about one story (default: the largest). It states the proposal(s) on the
table and their status, each party's latest position and what changed, the key figures
with their latest value and any disagreement, and the latest events. Salience decides
what appears: how many outlets report a thing, how recent it is, and how central its
actor is (the actor's mentions across the corpus).
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import asdict, dataclass, field
from typing import Any, TypeVar

from ..models import Article, Entity, Fact, Figure, Mention, Position, Proposal, Quote
from ..resolve.compare import FigureGroup, FigureValue, compare_figures
from ..resolve.proposals import TrackedProposal, track_proposals
from ..resolve.stories import Story, build_stories
from ..store import FactQuery, Store
from .stories import pick_story
from .timeline import TimelineEntry, build_timeline

F = TypeVar("F", bound=Fact)


@dataclass(frozen=True)
class OutletLine:
    outlet: str
    articles: int
    first: str | None
    last: str | None


@dataclass(frozen=True)
class BriefLine:
    """One statement of the brief and the reports it rests on (``outlet, date``).

    ``evidence`` holds, source by source, the ``(article id, fact id)`` the statement was
    read from, so that a reader (the dashboard) can open each source at its sentence.
    """

    text: str
    sources: tuple[str, ...] = ()
    evidence: tuple[tuple[str, str], ...] = ()

    def render(self) -> str:
        return f"{self.text}  [{'; '.join(self.sources)}]" if self.sources else self.text


@dataclass(frozen=True)
class Brief:
    """Where one story stands, then the record's counts, outlets and top entities."""

    articles: int
    facts: dict[str, int]
    outlets: list[OutletLine]
    entities: list[tuple[str, str, int]]
    story: dict[str, Any] | None = None
    on_the_table: list[BriefLine] = field(default_factory=list)
    positions: list[BriefLine] = field(default_factory=list)
    figures: list[BriefLine] = field(default_factory=list)
    timeline: list[BriefLine] = field(default_factory=list)
    quotes: list[BriefLine] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def build_brief(store: Store, *, top: int = 8, story_id: str | None = None) -> Brief:
    """The brief of one story (default: the largest); ``top`` bounds each list.

    Raises:
        UnknownStoryError: ``story_id`` names no story.
    """
    every = store.articles()
    entities = store.entities()
    story = pick_story(build_stories(every, entities), story_id)
    return story_brief(store, story, entities=entities, record_articles=len(every), top=top)


def story_brief(
    store: Store,
    story: Story | None,
    *,
    entities: list[Entity],
    record_articles: int,
    top: int = 8,
    events: list[TimelineEntry] | None = None,
) -> Brief:
    """The brief of ``story`` (None: counts only), reading only its articles' facts.

    Args:
        store: the database to read (nothing is written).
        story: the story; its syndicated copies are left out, as every view does.
        entities: the record's resolved entities (their mentions rank the actors).
        record_articles: how many articles the whole record holds, for the header.
        top: most lines per section.
        events: the story's timeline when the caller has it (the server keeps the whole
            merged timeline); computed from the story's articles otherwise.
    """
    member_set = set(story.articles) - set(story.copies) if story else set()
    members = tuple(sorted(member_set))
    articles = store.articles(list(members)) if members else []
    by_id = {a.id: a for a in articles}
    salience = {e.name: e.mentions for e in entities}

    def facts(cls: type[F]) -> list[F]:
        if not members:
            return []
        rows = store.query_facts(cls, FactQuery(articles=members)).items
        return [r.fact for r in rows if isinstance(r.fact, cls)]

    proposals = track_proposals(facts(Proposal), articles)
    groups = compare_figures(facts(Figure), articles, facts(Mention))
    if events is None:
        events = build_timeline(store, articles=members) if story else []

    return Brief(
        articles=record_articles,
        facts=store.count_facts(),
        outlets=_outlets(articles),
        entities=sorted(
            ((e.name, e.type, e.mentions) for e in entities if member_set.intersection(e.articles)),
            key=lambda e: (-e[2], e[0]),
        )[:top],
        story=_story_header(story, articles) if story else None,
        on_the_table=_table_lines(proposals, by_id)[:top],
        positions=_position_lines(facts(Position), by_id, salience)[:top],
        figures=_figure_lines(groups)[:top],
        timeline=[
            BriefLine(
                f"{e.date}  {e.type} {e.actor or '?'}"
                + (f" → {e.target}" if e.target else "")
                + (f" [{e.status}]" if e.status != "occurred" else ""),
                tuple(_cite_source(s.outlet, s.published) for s in e.sources),
                tuple((s.article, s.event_id) for s in e.sources),
            )
            # Newest first (the timeline is in date order, periods by their bounds), so a
            # date reached back to ("the 1962 tariff") never leads.
            for e in list(reversed(events))[:top]
        ],
        quotes=_quote_lines(facts(Quote), by_id, salience)[:top],
    )


def _cite(article: Article | None) -> str:
    if article is None:
        return "?"
    return _cite_source(article.outlet, article.published)


def _cite_source(outlet: str | None, published: str | None) -> str:
    return f"{outlet or 'unknown outlet'}, {(published or 'undated')[:10]}"


def _outlets(articles: list[Article]) -> list[OutletLine]:
    dates: dict[str, list[str]] = defaultdict(list)
    counts: Counter[str] = Counter()
    for article in articles:
        outlet = article.outlet or "(unknown outlet)"
        counts[outlet] += 1
        if article.published:
            dates[outlet].append(article.published[:10])
    return [
        OutletLine(
            name,
            n,
            min(dates[name]) if dates[name] else None,
            max(dates[name]) if dates[name] else None,
        )
        for name, n in counts.most_common()
    ]


def _story_header(story: Story, articles: list[Article]) -> dict[str, Any]:
    outlets = {a.outlet for a in articles if a.outlet}
    return {
        "id": story.id,
        "label": story.label,
        "articles": len(articles),
        "copies": len(story.copies),
        "outlets": len(outlets),
        "first": story.first,
        "last": story.last,
        "top_entities": list(story.top_entities),
    }


def _table_lines(proposals: list[TrackedProposal], by_id: dict[str, Article]) -> list[BriefLine]:
    """The proposals, the latest-changed first, each with its status and shape."""
    names = {p.id: p.label or "proposal" for p in proposals}
    lines = []
    # The most recently changed first; among those, the one more outlets report.
    ranked = sorted(
        proposals,
        key=lambda p: (_last_day(p), len({by_id[a].outlet for a in p.articles if a in by_id})),
        reverse=True,
    )
    for p in ranked:
        phases = [ph for ph in p.phases if ph.index > 0]
        spans = [
            "?"
            if ph.duration_days is None
            else "–".join(str(d) for d in sorted(set(ph.duration_days)))
            for ph in phases
        ]
        shape = f"{len(phases)} phases ({', '.join(spans)} days)" if phases else "no phases given"
        last = p.history[-1] if p.history else None
        status = f"{last.status} {last.date or ''}".strip() if last else "proposed"
        answers = f", answering the {names[p.answers]}" if p.answers in names else ""
        who = p.proposer or "an unnamed party"
        text = f"{p.label or 'proposal'} by {who}{answers}: {status}; {shape}"
        lines.append(
            BriefLine(
                text,
                tuple(_cite(by_id.get(a)) for a in p.articles),
                _proposal_evidence(p),
            )
        )
    return lines


def _proposal_evidence(p: TrackedProposal) -> tuple[tuple[str, str], ...]:
    """For each of the proposal's articles, its first report of the proposal there."""
    first: dict[str, str] = {}
    for source in sorted(p.sources, key=lambda s: (s.article, s.start)):
        first.setdefault(source.article, source.id)
    return tuple((a, first[a]) for a in p.articles if a in first)


def _last_day(p: TrackedProposal) -> str:
    return max((h.date or "" for h in p.history), default="")


def _position_lines(
    positions: list[Position], by_id: dict[str, Article], salience: dict[str, int]
) -> list[BriefLine]:
    """Each party's latest position, and the stance it held before when that differs."""
    by_holder: dict[str, list[Position]] = defaultdict(list)
    for position in positions:
        if position.holder:
            by_holder[position.holder].append(position)
    lines = []
    order = sorted(by_holder, key=lambda h: (-salience.get(h, 0), h))
    for holder in order:
        held = sorted(
            by_holder[holder], key=lambda p: ((by_id[p.article].published or ""), p.start)
        )
        latest = held[-1]
        earlier = [p for p in held[:-1] if p.stance != latest.stance]
        change = (
            f" (was: {earlier[-1].stance}, {_cite(by_id[earlier[-1].article])})" if earlier else ""
        )
        issue = f" {_clip(latest.issue, 60)}" if latest.issue else ""
        lines.append(
            BriefLine(
                f"{holder}: {latest.stance}{issue}{change}",
                (_cite(by_id[latest.article]),),
                ((latest.article, latest.id),),
            )
        )
    return lines


def _figure_lines(groups: list[FigureGroup]) -> list[BriefLine]:
    """Each compared figure's latest value, with the disagreements among its sources."""
    lines = []
    for group in groups:
        latest = group.values[-1]
        counted = f" ({group.counted})" if group.counted else ""
        where = f" in {group.where}" if group.where else ""
        about = f"{group.kind.replace('_', ' ')}{counted}{where}"
        notes = []
        for pair in group.pairs:
            if pair.verdict == "contradiction":
                a, b = group.values[pair.a], group.values[pair.b]
                first, second = a.outlet or a.article, b.outlet or b.article
                notes.append(f"{_amount(a)} ({first}) vs {_amount(b)} ({second})")
            elif pair.verdict == "update" and pair.b == len(group.values) - 1:
                notes.append(f"updated from {_amount(group.values[pair.a])}")
        note = f" — {'; '.join(dict.fromkeys(notes))}" if notes else ""
        lines.append(
            BriefLine(
                f"{about}: {_amount(latest)}{note}",
                tuple(_cite_source(v.outlet, v.as_of or v.published) for v in group.values),
                tuple((v.article, v.figure) for v in group.values),
            )
        )
    return lines


def _amount(v: FigureValue) -> str:
    def fmt(x: float | None) -> str:
        return "?" if x is None else f"{x:,.10g}"

    number = fmt(v.value) if v.value is not None else f"{fmt(v.low)}–{fmt(v.high)}"
    words = {"more_than": "more than ", "at_least": "at least ", "approx": "about ",
             "less_than": "fewer than ", "up_to": "up to "}  # fmt: skip
    return words.get(v.qualifier, "") + number


def _quote_lines(
    quotes: list[Quote], by_id: dict[str, Article], salience: dict[str, int]
) -> list[BriefLine]:
    """The latest direct quote of each of the most central speakers."""
    latest: dict[str, Quote] = {}
    seen: set[str] = set()
    for q in sorted(quotes, key=lambda q: (by_id[q.article].published or "", q.start)):
        key = " ".join(re.findall(r"\w+", q.text.lower()))
        if q.kind == "indirect" or not q.speaker or key in seen:
            continue
        seen.add(key)  # a headline often repeats a quote of the body: each quote once
        latest[q.speaker] = q
    order = sorted(latest, key=lambda s: (-salience.get(s, 0), s))
    return [
        BriefLine(
            f"{s}: “{_clip(latest[s].text.rstrip(',.'), 90)}”",
            (_cite(by_id[latest[s].article]),),
            ((latest[s].article, latest[s].id),),
        )
        for s in order
    ]


def _clip(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def format_brief(brief: Brief, *, markdown: bool = False) -> str:
    """The brief as text for a terminal, or as Markdown."""
    facts = ", ".join(f"{n} {k}s" for k, n in sorted(brief.facts.items())) or "no facts yet"
    head = "# " if markdown else ""
    sub = "## " if markdown else ""
    bullet = "- " if markdown else "  "
    lines: list[str] = []
    if brief.story:
        s = brief.story
        n = s["copies"]
        copies = f", {n} syndicated cop{'y' if n == 1 else 'ies'}" if n else ""
        lines += [
            f"{head}Story {s['id']}: {s['label']}",
            f"{s['articles']} articles from {s['outlets']} outlets{copies}, "
            f"{s['first'] or '?'} to {s['last'] or '?'}; the record holds {brief.articles} "
            f"articles ({facts})",
        ]
    else:
        lines.append(f"{head}{brief.articles} articles; {facts}")
    sections = (
        ("On the table", brief.on_the_table),
        ("Where each party stands (latest)", brief.positions),
        ("Key figures (latest value; disagreements)", brief.figures),
        ("Latest events", brief.timeline),
        ("Latest words of the central speakers", brief.quotes),
    )
    for heading, items in sections:
        lines += ["", f"{sub}{heading}"]
        lines += [f"{bullet}{item.render()}" for item in items] or [f"{bullet}(none in the record)"]
    lines += ["", f"{sub}Articles by outlet"]
    for o in brief.outlets:
        span = f"{o.first} … {o.last}" if o.first else "undated"
        lines.append(f"{bullet}{o.outlet:<28} {o.articles:>3}  {span}")
    lines += ["", f"{sub}Top entities"]
    lines += [f"{bullet}{name} ({kind}, {n} mentions)" for name, kind, n in brief.entities]
    return "\n".join(lines)
