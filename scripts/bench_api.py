"""Time every endpoint of the API on a large synthetic record: p50 and p95 on a warm server.

    .venv/bin/python scripts/bench_api.py                 # 10,000 articles (make bench-api)
    .venv/bin/python scripts/bench_api.py --articles 2000 --requests 20 --keep bench.db

The record is generated straight into the store (no parsing): invented outlets, people,
organisations and places, each article a few sentences with quotes, figures, events,
proposals and positions whose offsets point into its text, and the resolved entities with
the names they joined. The site runs under uvicorn on 127.0.0.1 in a thread; one pass over
every request warms it (the kept state: entities, timeline, stories, comparisons), then
each endpoint is asked ``--requests`` times over a set of varied parameters. The exit code
is 1 when an endpoint's p95 is ``--budget`` ms or more.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import socket
import statistics
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import httpx
import uvicorn

from storyline.config import Settings
from storyline.models import (
    Article,
    Entity,
    Event,
    Fact,
    Figure,
    Mention,
    Phase,
    Position,
    Proposal,
    Quote,
    Term,
    make_id,
)
from storyline.store import Store
from storyline.store.entities import MemberRow
from storyline.web import create_site

SYLLABLES = ["ka", "ve", "lor", "dun", "mi", "sa", "tor", "bel", "rin", "os", "qua", "zen",
             "har", "lo", "mer", "tis", "vra", "nel", "dor", "ys"]  # fmt: skip
OUTLETS = [f"{a} {b}" for a in ("Kestrel", "Bluewater", "Continental", "Veyra") for b in (
    "Wire", "Ledger", "Today")]  # fmt: skip
TOPICS = ["ceasefire", "prisoner exchange", "aid corridor", "border talks", "reconstruction"]
EVENT_TYPES = ["CONSULT", "ACCUSE", "REQUEST", "AGREE", "REJECT", "THREATEN", "ASSAULT"]
STANCES = ["demand", "offer", "accept", "reject", "support", "oppose"]
FIGURE_KINDS = ["killed", "injured", "displaced", "released", "aid"]
QUOTE_KINDS = ["direct", "direct", "partial", "indirect"]
STATUSES = ["occurred", "occurred", "occurred", "planned", "hypothetical"]
DAYS = 420
STORY_SIZE = 40  # articles per invented story
BUDGET_MS = 100.0


@dataclass
class Writer:
    """One article's text, written sentence by sentence, with its facts' offsets."""

    article: str
    parts: list[str] = field(default_factory=list)
    size: int = 0
    facts: list[Fact] = field(default_factory=list)

    def add(self, text: str) -> int:
        """Append a sentence; returns where it starts."""
        if self.parts:
            self.parts.append(" ")
            self.size += 1
        self.parts.append(text)
        self.size += len(text)
        return self.size - len(text)

    def span(self, start: int, sentence: str, words: str) -> tuple[int, int]:
        at = start + sentence.index(words)
        return at, at + len(words)

    @property
    def text(self) -> str:
        return "".join(self.parts)


@dataclass
class People:
    """The invented actors, as resolved entities, and the members they get."""

    persons: list[str]
    entities: dict[str, Entity]
    members: list[MemberRow] = field(default_factory=list)
    seen: dict[str, set[str]] = field(default_factory=dict)
    counts: dict[str, int] = field(default_factory=dict)

    def mention(self, writer: Writer, name: str, start: int, kind: str) -> None:
        entity = self.entities[name]
        writer.facts.append(
            Mention(
                article=writer.article,
                start=start,
                end=start + len(name),
                text=name,
                name=name,
                type=kind,
                extractor="entities@1",
                id=make_id("m", writer.article, name, start),
            )
        )
        if name not in self.seen.setdefault(writer.article, set()):
            self.seen[writer.article].add(name)
            self.members.append(MemberRow(writer.article, name, entity.id, "{}"))
        self.counts[name] = self.counts.get(name, 0) + 1


@dataclass(frozen=True)
class Plot:
    """One invented story: its place, topic, words, cast and first day."""

    place: str
    topic: str
    words: tuple[str, ...]
    persons: tuple[str, ...]
    orgs: tuple[str, ...]
    start: int


def invent(rng: random.Random, syllables: int) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(syllables)).capitalize()


def build_world(rng: random.Random, count: int) -> tuple[list[Plot], People]:
    """``count`` stories, each with its own invented people, organisations and place.

    A few envoys appear in every story, as mediators do; the rest of a cast is its own,
    so that stories stay apart as real ones mostly do.
    """
    envoys = [f"{invent(rng, 2)} {invent(rng, 3)}" for _ in range(4)]
    plots = []
    for _ in range(count):
        cast = [f"{invent(rng, 2)} {invent(rng, 3)}" for _ in range(5)]
        plots.append(
            Plot(
                place=invent(rng, 3),
                topic=rng.choice(TOPICS),
                words=tuple(invent(rng, 3).lower() for _ in range(6)),
                persons=(*cast, rng.choice(envoys)),
                orgs=tuple(f"{invent(rng, 3)} {kind}" for kind in ("Front", "Council")),
                start=rng.randrange(DAYS - 40),
            )
        )
    persons = sorted({p for plot in plots for p in plot.persons})
    orgs = sorted({o for plot in plots for o in plot.orgs})
    entities = {}
    for name, kind in [
        *((p, "PERSON") for p in persons),
        *((o, "ORG") for o in orgs),
        *((plot.place, "GPE") for plot in plots),
    ]:
        entities[name] = Entity(id=make_id("e", name), name=name, type=kind)
    return plots, People(persons, entities)


def write_article(
    index: int, rng: random.Random, plot: Plot, people: People
) -> tuple[Article, list[Fact]]:
    """One invented report of ``plot`` with its facts."""
    article_id = f"bench-{index:05d}"
    topic, place, words = plot.topic, plot.place, plot.words
    day = (dt.date(2024, 1, 1) + dt.timedelta(days=plot.start + rng.randrange(40))).isoformat()
    w = Writer(article_id)
    lead = (
        f"Talks on the {topic} over {words[0]} and {words[1]} resumed in {place} as "
        f"mediators pressed the {words[2]} delegation."
    )
    start = w.add(lead)
    people.mention(w, place, w.span(start, lead, place)[0], "GPE")
    w.add(f"Observers said the {words[3]} accord and the {words[4]} {words[5]} clause stayed open.")
    for n in range(rng.randint(2, 4)):
        speaker = rng.choice(plot.persons)
        org = rng.choice(plot.orgs)
        said = f"We will not accept a {topic} without guarantees from the {org}"
        sentence = f"“{said},” {speaker} said on day {n + 1}."
        start = w.add(sentence)
        q_start, q_end = w.span(start, sentence, said)
        w.facts.append(
            Quote(
                article=article_id,
                start=q_start,
                end=q_end,
                text=said,
                kind=rng.choice(QUOTE_KINDS),
                speaker=speaker,
                cue="said",
                extractor="quotes@1",
                id=make_id("q", article_id, n),
            )
        )
        people.mention(w, speaker, w.span(start, sentence, speaker)[0], "PERSON")
        people.mention(w, org, w.span(start, sentence, org)[0], "ORG")
    for n in range(rng.randint(1, 3)):
        kind = rng.choice(FIGURE_KINDS)
        value = rng.randint(5, 5000)
        source = rng.choice([*plot.orgs, "officials", "health officials"])
        number = f"{value:,} people"
        sentence = f"At least {number} were {kind} in {place}, {source} said."
        start = w.add(sentence)
        f_start, f_end = w.span(start, sentence, number)
        w.facts.append(
            Figure(
                article=article_id,
                start=f_start,
                end=f_end,
                text=number,
                value=float(value),
                unit="people",
                kind=kind,
                counted="people",
                qualifier=rng.choice(["exact", "at_least", "approx"]),
                source=source,
                as_of=day,
                extractor="figures@1",
                id=make_id("f", article_id, n),
            )
        )
    for n in range(rng.randint(2, 4)):
        actor, target = rng.sample(plot.persons, 2)
        kind = rng.choice(EVENT_TYPES)
        verb = {"CONSULT": "met", "ACCUSE": "accused", "REQUEST": "asked"}.get(kind, "answered")
        sentence = f"{actor} {verb} {target} in {place} on the {n + 1}th."
        start = w.add(sentence)
        dated = rng.random() < 0.85
        w.facts.append(
            Event(
                article=article_id,
                start=start,
                end=start + len(sentence) - 1,
                text=sentence[:-1],
                type=kind,
                actor=actor,
                target=target,
                location=place,
                date=day if dated else None,
                period=None if dated else day[:7],
                status=rng.choice(STATUSES),
                extractor="events@1",
                id=make_id("e", article_id, n),
            )
        )
        people.mention(w, actor, start, "PERSON")
        people.mention(w, target, w.span(start, sentence, target)[0], "PERSON")
    if rng.random() < 0.3:
        proposer = rng.choice(plot.orgs)
        sentence = f"The {proposer} tabled a three-phase plan for a {topic}."
        start = w.add(sentence)
        phases = tuple(
            Phase(index=i, duration_days=(42, 42), terms=(Term(kind="ceasefire", text=topic),))
            for i in (1, 2, 3)
        )
        w.facts.append(
            Proposal(
                article=article_id,
                start=start,
                end=start + len(sentence) - 1,
                text=sentence[:-1],
                label=f"{topic} plan",
                proposer=proposer,
                status="tabled",
                phases=phases,
                extractor="proposals@1",
                id=make_id("p", article_id),
            )
        )
        people.mention(w, proposer, w.span(start, sentence, proposer)[0], "ORG")
    for n in range(rng.randint(1, 2)):
        holder = rng.choice(plot.persons)
        stance = rng.choice(STANCES)
        sentence = f"{holder} said the government would {stance} the {topic}."
        start = w.add(sentence)
        w.facts.append(
            Position(
                article=article_id,
                start=start,
                end=start + len(sentence) - 1,
                text=sentence[:-1],
                holder=holder,
                stance=stance,
                issue=topic,
                extractor="positions@1",
                id=make_id("o", article_id, n),
            )
        )
        people.mention(w, holder, start, "PERSON")
    article = Article(
        id=article_id,
        text=w.text,
        title=f"{topic.capitalize()} talks in {place}, day {index % 50}",
        outlet=rng.choice(OUTLETS),
        published=day,
        url=f"https://example.org/{article_id}",
        text_sha256=make_id("t", article_id).ljust(64, "0"),
    )
    return article, w.facts


def build_store(db: Path, count: int, seed: int = 13) -> dict[str, Any]:
    """Write ``count`` synthetic articles, their facts and entities; returns a few names."""
    rng = random.Random(seed)
    plots, people = build_world(rng, max(1, count // STORY_SIZE))
    with Store(db) as store:
        batch: list[Article] = []
        facts: list[Fact] = []
        for index in range(count):
            article, found = write_article(index, rng, plots[index % len(plots)], people)
            batch.append(article)
            facts.extend(found)
            if len(batch) == 500:
                store.add_batch(batch, facts)
                batch, facts = [], []
        if batch:
            store.add_batch(batch, facts)
        articles: dict[str, list[str]] = {}
        for row in people.members:
            articles.setdefault(row.name, []).append(row.article_id)
        entities = [
            Entity(
                id=e.id,
                name=e.name,
                type=e.type,
                mentions=people.counts.get(name, 0),
                articles=tuple(articles.get(name, ())),
            )
            for name, e in people.entities.items()
        ]
        store.replace_entities(entities)
        with store.transaction("store the bench's entity members"):
            store.add_entity_members(people.members)
    busiest = sorted(entities, key=lambda e: -e.mentions)
    return {
        "articles": [f"bench-{i:05d}" for i in range(0, count, max(1, count // 50))],
        "entities": [e.id for e in busiest[:40]],
        "people": [e.name for e in busiest if e.type == "PERSON"][:40],
        "orgs": [e.name for e in busiest if e.type == "ORG"][:5],
        "outlets": OUTLETS,
    }


class Server:
    """The site under uvicorn in a thread, on a free port of 127.0.0.1."""

    def __init__(self, db: Path) -> None:
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP)
        self.sock.bind(("127.0.0.1", 0))
        self.url = f"http://127.0.0.1:{self.sock.getsockname()[1]}"
        config = uvicorn.Config(create_site(Settings(db=str(db))), log_level="warning")
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(
            target=self.server.run, kwargs={"sockets": [self.sock]}, daemon=True
        )

    @contextmanager
    def running(self) -> Iterator[str]:
        self.thread.start()
        deadline = time.monotonic() + 30
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError("the bench server did not start")
            time.sleep(0.05)
        try:
            yield self.url
        finally:
            self.server.should_exit = True
            self.thread.join(timeout=10)


def requests_by_endpoint(ids: dict[str, Any], stories: list[str]) -> dict[str, list[str]]:
    """The URLs each endpoint is timed over: varied filters, pages and ids."""

    def url(path: str, **params: Any) -> str:
        return f"{path}?{urlencode(params, doseq=True)}" if params else path

    people, entities, articles = ids["people"], ids["entities"], ids["articles"]
    months = [f"2024-{m:02d}" for m in range(1, 13)]
    outlets = ids["outlets"]
    return {
        "/api/overview": [url("/api/overview")],
        "/api/articles": [
            *(url("/api/articles", offset=o) for o in (0, 500, 5000)),
            *(url("/api/articles", outlet=o) for o in outlets[:4]),
            *(url("/api/articles", **{"from": f"{m}-01", "to": f"{m}-10"}) for m in months[:4]),
            *(url("/api/articles", q=t) for t in TOPICS[:3]),
            *(url("/api/articles", entity=e) for e in entities[:3]),
        ],
        "/api/articles/{id}": [f"/api/articles/{a}" for a in articles],
        "/api/entities": [url("/api/entities"), url("/api/entities", q="var", type="PERSON")],
        "/api/entities/{id}": [f"/api/entities/{e}" for e in entities[:20]],
        "/api/quotes": [
            url("/api/quotes"),
            url("/api/quotes", offset=20000),
            *(url("/api/quotes", entity=p) for p in people[:6]),
            url("/api/quotes", entity=people[0].split()[-1]),
            url("/api/quotes", kind="partial", outlet=outlets[1]),
            url("/api/quotes", q="guarantees", **{"from": "2024-03-01", "to": "2024-03-31"}),
        ],
        "/api/figures": [
            url("/api/figures"),
            *(url("/api/figures", kind=k) for k in FIGURE_KINDS),
            url("/api/figures", entity=ids["orgs"][0]),
        ],
        "/api/events": [
            url("/api/events"),
            *(url("/api/events", type=t, status="occurred") for t in EVENT_TYPES[:3]),
            *(url("/api/events", **{"from": f"{m}-05", "to": f"{m}-20"}) for m in months[:3]),
            *(url("/api/events", entity=p) for p in people[:4]),
        ],
        "/api/proposals": [url("/api/proposals"), url("/api/proposals", entity=ids["orgs"][1])],
        "/api/positions": [
            url("/api/positions"),
            *(url("/api/positions", stance=s) for s in STANCES[:3]),
        ],
        "/api/quotes?story=": [url("/api/quotes", story=s) for s in stories[:5]],
        "/api/timeline": [
            url("/api/timeline"),
            url("/api/timeline", offset=2000),
            *(url("/api/timeline", entity=p) for p in people[:4]),
            url("/api/timeline", status=["planned", "hypothetical"], type="CONSULT"),
            *(url("/api/timeline", **{"from": f"{m}-01", "to": f"{m}-15"}) for m in months[:3]),
        ],
        "/api/search": [
            *(url("/api/search", q=t) for t in TOPICS),
            *(url("/api/search", q=p, scope="quotes") for p in people[:4]),
            url("/api/search", q="guarantee", offset=400),
        ],
        "/api/stories": [url("/api/stories"), url("/api/stories", entity=people[0])],
        "/api/stories/{id}": [f"/api/stories/{s}" for s in stories[:10]],
        "/api/stories/{id}/brief": [f"/api/stories/{s}/brief" for s in stories[:5]],
        "/api/comparisons/figures": [url("/api/comparisons/figures", story=s) for s in stories[:5]],
    }


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def wait_for(client: httpx.Client, url: str) -> httpx.Response:
    """GET ``url``, again while the server answers that a whole-record view is computing."""
    while True:
        response = client.get(url)
        if response.status_code != 503 or "computing" not in response.text:
            return response
        time.sleep(1)


def measure(base: str, plan: dict[str, list[str]], rounds: int) -> dict[str, dict[str, float]]:
    """Warm every URL once, then time ``rounds`` requests per endpoint over its URLs."""
    out = {}
    with httpx.Client(base_url=base, timeout=600) as client:
        for urls in plan.values():
            for u in urls:
                response = wait_for(client, u)
                if response.status_code != 200:
                    raise RuntimeError(f"{u}: {response.status_code} {response.text[:300]}")
        for endpoint, urls in plan.items():
            times = []
            for i in range(rounds):
                start = time.perf_counter()
                response = client.get(urls[i % len(urls)])
                times.append((time.perf_counter() - start) * 1000)
                response.raise_for_status()
            out[endpoint] = {
                "p50": statistics.median(times),
                "p95": percentile(times, 0.95),
                "max": max(times),
                "n": len(times),
            }
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=10_000, help="synthetic articles")
    parser.add_argument("--requests", type=int, default=60, help="timed requests per endpoint")
    parser.add_argument("--budget", type=float, default=BUDGET_MS, help="p95 ceiling in ms")
    parser.add_argument("--keep", type=Path, help="write the database here and keep it")
    parser.add_argument(
        "--reuse", action="store_true", help="with --keep: time the database already there"
    )
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="storyline-bench-") as scratch:
        db = args.keep or Path(scratch) / "bench.db"
        started = time.perf_counter()
        if args.reuse and db.exists():
            ids = build_store(Path(scratch) / "names.db", args.articles)  # the same names
        else:
            db.unlink(missing_ok=True)
            ids = build_store(db, args.articles)
        built = time.perf_counter() - started
        with Store(db, read_only=True) as store:
            counts = {"articles": store.count_articles(), **store.count_facts()}
        server = Server(db)
        with server.running() as base:
            started = time.perf_counter()
            with httpx.Client(base_url=base, timeout=600) as client:
                wait_for(client, "/api/timeline")
                timeline = time.perf_counter() - started
                found = wait_for(client, "/api/stories?limit=20").json()["items"]
                stories = [s["id"] for s in found]
            warm = time.perf_counter() - started
            figures = measure(base, requests_by_endpoint(ids, stories), args.requests)
    if args.json:
        print(json.dumps({"counts": counts, "endpoints": figures}, indent=2))
    else:
        print(f"record: {', '.join(f'{v:,} {k}' for k, v in counts.items())}")
        print(
            f"generated in {built:.1f}s; first request to ready: timeline {timeline:.1f}s,"
            f" stories {warm:.1f}s (computed once per database state, in the background)"
        )
        print(f"{'endpoint':28} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8}")
        for endpoint, row in figures.items():
            print(f"{endpoint:28} {row['p50']:8.1f} {row['p95']:8.1f} {row['max']:8.1f}")
    slow = [e for e, row in figures.items() if row["p95"] >= args.budget]
    if slow:
        print(f"p95 at or over {args.budget:g} ms: {', '.join(slow)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
