"""``storyline bench``: full ingest throughput beside a bare spaCy parse of the same texts."""

from __future__ import annotations

import dataclasses
import gc
import json
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .config import Settings
from .errors import StorylineError
from .extract import ArticleMemo, Context, get_extractors
from .ingest import Defaults, RawArticle, read_inputs
from .models import Article, Fact
from .nlp import load_nlp
from .pipeline import IngestReport, ingest_articles
from .store import Store

SECONDS_PER_DAY = 86_400
ARTICLE_WORDS = 600


@dataclass(frozen=True)
class BenchResult:
    documents: int
    words: int
    workers: int
    parse_seconds: float
    ingest_seconds: float
    # Seconds each extractor took over the same texts, in pipeline order (issue 11: events
    # and figures together at most 15 % of the bare parse).
    extractor_seconds: dict[str, float] = field(default_factory=dict)

    @property
    def extractor_shares(self) -> dict[str, float]:
        """Each extractor's time as a fraction of the bare ``nlp.pipe`` time."""
        if not self.parse_seconds:
            return {}
        return {name: s / self.parse_seconds for name, s in self.extractor_seconds.items()}

    @property
    def ratio(self) -> float:
        """Ingest speed as a fraction of bare parsing speed (1.0 = no overhead)."""
        return self.parse_seconds / self.ingest_seconds if self.ingest_seconds else 0.0

    def to_dict(self) -> dict[str, Any]:
        out = dataclasses.asdict(self)
        for name, seconds in (("parse", self.parse_seconds), ("ingest", self.ingest_seconds)):
            out[f"{name}_docs_per_s"] = round(self.documents / seconds, 1)
            out[f"{name}_words_per_s"] = round(self.words / seconds)
        out["ratio"] = round(self.ratio, 3)
        out["extractor_seconds"] = {k: round(v, 3) for k, v in self.extractor_seconds.items()}
        out["extractor_shares"] = {k: round(v, 4) for k, v in self.extractor_shares.items()}
        out["articles_per_day"] = round(self.articles_per_day)
        out["articles_600_words_per_day"] = round(self.articles_600_words_per_day)
        return out

    @property
    def articles_per_day(self) -> float:
        """Articles of this corpus a full ingest stores in a day at the measured speed."""
        return (
            self.documents / self.ingest_seconds * SECONDS_PER_DAY if self.ingest_seconds else 0.0
        )

    @property
    def articles_600_words_per_day(self) -> float:
        """The same speed in 600-word articles a day (the issue's unit; a wire story's length)."""
        if not self.ingest_seconds:
            return 0.0
        return self.words / self.ingest_seconds * SECONDS_PER_DAY / ARTICLE_WORDS


def run_bench(
    corpus: str | Path,
    settings: Settings,
    *,
    copies: int = 20,
    rounds: int = 2,
    article_words: int | None = None,
    engine: str = "default",
) -> BenchResult:
    """Time ``copies`` copies of the corpus through bare ``nlp.pipe`` and through ingest.

    Each copy gets a distinct last line so the ingest's duplicate check stores every copy.
    Both runs repeat ``rounds`` times, alternating; the fastest round of each counts, which
    takes the other core's noise out of a 2-core machine's figures.

    Args:
        corpus: a directory or file of articles.
        settings: models, workers, batch size and disabled extractors, as for ingest.
        copies: how many copies of the corpus to time.
        rounds: timed rounds of each of the two runs.
        article_words: regroup the corpus's paragraphs into articles of about this many
            words (600: a wire story) instead of timing its articles as they are.
        engine: ``default`` or ``ray`` (the articles go through a JSON-lines file and a
            local Ray cluster of ``settings.workers`` actors, started in each timed
            round: its start-up is part of what a local run costs). Six parameters,
            because each is one of the command's flags.

    Raises:
        StorylineError: the corpus has no readable article.
    """
    raw = [
        item
        for item in read_inputs([str(corpus)], max_bytes=settings.max_bytes)
        if isinstance(item, RawArticle)
    ]
    if not raw:
        raise StorylineError("no readable article to benchmark with", source=str(corpus))
    if article_words is not None:
        raw = regroup(raw, article_words)
    articles = [r.to_article(Defaults()) for k in range(copies) for r in _copies(raw, k)]
    for stock in (True, False):  # warm-up: first-call allocations are not throughput
        list(load_nlp(settings.models, stock=stock).pipe([articles[0].text]))
    parse = ingest = float("inf")
    for _ in range(rounds):
        parse = min(parse, _time_parse(articles, settings))
        timed = _time_ray if engine == "ray" else _time_ingest
        ingest = min(ingest, timed(articles, settings))
    words = sum(len(a.text.split()) for a in articles)
    extracting = time_extractors(articles, settings)
    return BenchResult(len(articles), words, settings.workers, parse, ingest, extracting)


def time_extractors(articles: list[Article], settings: Settings) -> dict[str, float]:
    """Seconds each enabled extractor takes over ``articles``, parsed once beforehand.

    One process, the parse outside the clocks: each extractor's own cost, comparable with
    the bare parse of the same texts (:attr:`BenchResult.extractor_shares`).
    """
    extractors = get_extractors(settings.disabled)
    seconds = dict.fromkeys((e.name for e in extractors), 0.0)
    if not extractors:
        return seconds
    nlp = load_nlp(settings.models)
    texts = (a.text for a in articles)
    for article, doc in zip(articles, nlp.pipe(texts, batch_size=settings.batch_size), strict=True):
        facts: dict[str, list[Fact]] = {}
        memo = ArticleMemo()  # as the pipeline: shared tables built once per article
        for extractor in extractors:
            started = time.perf_counter()
            produced = list(extractor.func(doc, Context(article, facts, extractor, memo)))
            seconds[extractor.name] += time.perf_counter() - started
            facts[extractor.name] = [
                f.with_provenance(extractor.label, i) for i, f in enumerate(produced)
            ]
    return seconds


def regroup(raw: list[RawArticle], words: int) -> list[RawArticle]:
    """The corpus's paragraphs, in order, joined into articles of at least ``words`` words.

    The last article keeps whatever is left when that is at least half the length, and is
    merged into the one before otherwise, so every article is close to ``words`` long.
    """
    paragraphs = [p for r in raw for p in r.text.split("\n\n") if p.strip()]
    groups: list[list[str]] = [[]]
    count = 0
    for paragraph in paragraphs:
        groups[-1].append(paragraph)
        count += len(paragraph.split())
        if count >= words:
            groups.append([])
            count = 0
    if len(groups) > 1 and count < words / 2:
        groups[-2].extend(groups.pop())
    return [
        RawArticle(source=f"{raw[0].source}#words{i + 1}", text="\n\n".join(group))
        for i, group in enumerate(groups)
        if group
    ]


def _copies(raw: list[RawArticle], k: int) -> list[RawArticle]:
    return [
        dataclasses.replace(r, text=f"{r.text}\n\n(Copy {k + 1}.)", id=r.id and f"{r.id}-{k + 1}")
        for r in raw
    ]


def _time_parse(articles: list[Article], settings: Settings) -> float:
    # spaCy's pipeline as installed: the ingest's faster stand-ins for two of its rule
    # components (storyline.nlp.fast) are part of what the ratio measures.
    nlp = load_nlp(settings.models, stock=True)
    gc.collect()  # garbage left by the previous round is not this round's cost
    started = time.perf_counter()
    for _ in nlp.pipe(
        (a.text for a in articles), batch_size=settings.batch_size, n_process=settings.workers
    ):
        pass
    return time.perf_counter() - started


def _time_ingest(articles: list[Article], settings: Settings) -> float:
    with (
        tempfile.TemporaryDirectory(prefix="storyline-bench-") as tmp,
        Store(Path(tmp) / "bench.db") as store,
    ):
        gc.collect()
        started = time.perf_counter()
        ingest_articles(articles, store, settings, report=IngestReport())
        return time.perf_counter() - started


def _time_ray(articles: list[Article], settings: Settings) -> float:
    from .engines.raydata import ingest_with_ray

    with (
        tempfile.TemporaryDirectory(prefix="storyline-bench-") as tmp,
        Store(Path(tmp) / "bench.db") as store,
    ):
        records = Path(tmp) / "articles.jsonl"
        with open(records, "w", encoding="utf-8") as out:
            for article in articles:
                out.write(json.dumps({"id": article.id, "text": article.text}) + "\n")
        gc.collect()
        started = time.perf_counter()
        ingest_with_ray([str(records)], store, settings)
        return time.perf_counter() - started
