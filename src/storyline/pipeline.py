"""The ingest pipeline: read → parse → extract → store, and a report of what happened."""

from __future__ import annotations

import dataclasses
import logging
import multiprocessing
import multiprocessing.pool
import os
import time
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import groupby
from multiprocessing.pool import AsyncResult
from typing import TextIO, TypeVar

from spacy.language import Language
from spacy.tokens import Doc

from .config import Settings
from .errors import ConfigError
from .extract import ArticleMemo, Context, Extractor, get_extractors
from .ingest import Defaults, RawArticle, Skipped
from .ingest.fetch import FetchState, state_path
from .ingest.sources import Sources
from .models import Article, Fact
from .nlp import Piece, load_nlp, parse_pieces, split_offsets
from .resolve import resolve_entities
from .store import METADATA_FIELDS, MetadataChange, Store
from .store.catalog import metadata_changes

logger = logging.getLogger(__name__)

Progress = Callable[[int], None]
F = TypeVar("F", bound=Fact)


@dataclass
class IngestReport:
    """What one ingest did: stored, already known, skipped, and extractor failures.

    ``updated`` are known texts that came with other metadata (stored over the old);
    ``reextracted`` the ones among them whose facts were redone for a new date.
    """

    stored: list[str] = field(default_factory=list)
    duplicates: int = 0
    skipped: list[Skipped] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)
    # One line per article whose extraction stopped at ``settings.extract_budget``: it is
    # stored with the facts found before then.
    over_budget: list[str] = field(default_factory=list)
    facts: Counter[str] = field(default_factory=Counter)
    updated: list[MetadataChange] = field(default_factory=list)
    reextracted: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.skipped and not self.failures and not self.over_budget


def ingest(
    paths: Sequence[str],
    store: Store,
    settings: Settings,
    *,
    defaults: Defaults | None = None,
    progress: Progress | None = None,
    stdin: TextIO | None = None,
) -> IngestReport:
    """Read ``paths``, parse and extract each new article, and store it with its facts.

    Args:
        paths: files, directories (walked recursively), ``-`` for JSON lines on stdin,
            RSS/Atom files, and URLs of feeds or pages (fetched politely; what was
            fetched is remembered beside the database for the next run).
        store: where articles and facts go; one transaction per ``settings.batch_size``.
        settings: model names, batch size, workers, size cap, disabled extractors.
        defaults: publication date and outlet for inputs that carry none.
        progress: called with the number of articles each time a batch is stored.
        stdin: the stream ``-`` reads (default ``sys.stdin``).

    Returns:
        The run report; bad inputs are in ``report.skipped``, never raised.

    Raises:
        ModelNotFoundError: no spaCy pipeline is installed.
        StoreError: the database cannot be written.
    """
    sources = Sources(settings, FetchState(state_path(store.path)))
    report = ingest_items(
        sources.read(paths, stdin=stdin), store, settings, defaults=defaults, progress=progress
    )
    sources.commit()
    return report


def ingest_items(
    items: Iterable[RawArticle | Skipped],
    store: Store,
    settings: Settings,
    *,
    defaults: Defaults | None = None,
    progress: Progress | None = None,
) -> IngestReport:
    """Store the new articles among ``items`` (as read by :class:`Sources`) with their facts.

    Duplicates (by text hash) are counted, skipped items listed, and id clashes skipped.
    """
    report = IngestReport()
    articles = _new_articles(items, store, defaults or Defaults(), report)
    ingest_articles(articles, store, settings, report=report, progress=progress)
    return report


def ingest_articles(
    articles: Iterable[Article],
    store: Store,
    settings: Settings,
    *,
    report: IngestReport,
    progress: Progress | None = None,
) -> None:
    """Parse, extract and store articles that are known to be new.

    With ``settings.workers`` above 1, worker processes parse *and* extract, and this
    process only reads and writes: see :func:`extract_articles`.
    """
    store_extracted(
        extract_articles(articles, settings), store, settings, report=report, progress=progress
    )


def store_extracted(
    results: Iterable[Extracted],
    store: Store,
    settings: Settings,
    *,
    report: IngestReport,
    progress: Progress | None = None,
) -> None:
    """The one writer: store extracted articles in batches, then resolve entities.

    Args:
        results: ``(article, facts, notes)`` of new articles, in input order; ``notes``
            holds the article's extractor failures and over-budget line.
        store: one transaction per ``settings.batch_size`` articles.
        settings: the batch size.
        report: collects what was stored, the extractor failures and the articles over
            their extraction budget.
        progress: called with the number of articles each time a batch is stored.
    """
    batch: list[Article] = []
    facts: list[Fact] = []
    for article, produced, notes in results:
        batch.append(article)
        facts.extend(produced)
        report.failures.extend(notes.failures)
        report.over_budget.extend(notes.over_budget)
        if len(batch) >= settings.batch_size:
            _commit(store, batch, facts, report, progress)
            batch, facts = [], []
    if batch:
        _commit(store, batch, facts, report, progress)
    redated = [change.article_id for change in report.updated if change.redated]
    if redated:
        # Relative dates ("on Monday") were resolved against the old publication date.
        redone = reextract(store, settings, ids=redated)
        report.reextracted.extend(redone.stored)
        report.failures.extend(redone.failures)
    # Also when nothing new was stored: a run killed during resolution stored its articles
    # but not their entities, and the rerun finds every article a duplicate. Without
    # changed mentions this is one read, no write.
    resolve_entities(store)


# An article, its facts, and a report of its own holding its failures and over-budget line.
Extracted = tuple[Article, list[Fact], IngestReport]


def extract_articles(articles: Iterable[Article], settings: Settings) -> Iterator[Extracted]:
    """``(article, facts, notes)`` for each article, in input order.

    One worker parses and extracts in this process. More start ``settings.workers``
    processes that each parse and extract a chunk of articles and send back only the facts
    (a ``Doc`` never crosses a process boundary: serializing it costs as much as a good
    part of the parse). The facts are those of the one-process path, with the same ids and
    order: each article is parsed on its own and extraction is per article.

    A text longer than ``settings.chunk_chars`` has its pieces shared out over the worker
    processes (``settings.piece_workers`` of them when ``workers`` is 1, started when the
    first such text arrives), so one long dump uses every CPU; its facts are again the
    one-process path's.
    """
    nlp = load_nlp(settings.models)
    extractors = get_extractors(settings.disabled)
    with _Pools(settings) as pools:
        for long, group in groupby(articles, key=lambda a: len(a.text) > settings.chunk_chars):
            if long:
                for article in group:
                    yield _extract_long(article, pools, nlp, extractors, settings)
            elif settings.workers <= 1:
                yield from extract_pieces(
                    parse_articles(nlp, group, settings, workers=1),
                    extractors,
                    settings.extract_budget,
                )
            else:
                yield from _extract_in_workers(group, pools.for_articles(), settings)


# Articles per task sent to a worker. Small enough that the last tasks of a run keep both
# workers busy (at 32, 110 articles split 64/46 between two workers), large enough that
# nlp.pipe batches well and the per-task overhead stays under 1 % (measured with bench).
TASK_ARTICLES = 8
# The smallest task at the end of a run (see _chunks): nlp.pipe over one article took 8 %
# more CPU per article than over 8, over two 1 % more (600-word articles, one process).
TAIL_ARTICLES = 2

_worker: tuple[Language, list[Extractor], Settings] | None = None

# What a worker sends back for one piece of a long text: the facts of each extractor (ids
# and offsets already those of the whole text), the seconds extraction took, the failures.
PieceResult = tuple[dict[str, list[Fact]], float, list[str]]


def _start_worker(settings: Settings) -> None:
    """Pool initializer: the model and extractors of this worker process."""
    global _worker
    # After a fork the model loaded by the parent is already in load_nlp's cache.
    _worker = (load_nlp(settings.models), get_extractors(settings.disabled), settings)


def _extract_task(articles: list[Article]) -> list[tuple[list[Fact], IngestReport]]:
    """Worker side: parse and extract a chunk of articles; return facts and notes."""
    if _worker is None:
        raise RuntimeError("worker process was not initialized")
    nlp, extractors, settings = _worker
    pieces = parse_articles(nlp, articles, settings, workers=1)
    return [
        (facts, notes)
        for _, facts, notes in extract_pieces(pieces, extractors, settings.extract_budget)
    ]


def _piece_task(article: Article, start: int) -> PieceResult:
    """Worker side: parse one piece of a long text and run every extractor over it.

    ``article`` carries the piece as its text (the whole text is not pickled for each
    piece); ``start`` is where the piece begins in the whole text.
    """
    if _worker is None:
        raise RuntimeError("worker process was not initialized")
    nlp, extractors, _ = _worker
    run = _Extraction(article, extractors, IngestReport())
    run.read(lambda: nlp(article.text), article.text, start)
    return run.results, run.spent, run.report.failures


class _Pools:
    """The worker processes of one extraction run, started only when first needed."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.pool: multiprocessing.pool.Pool | None = None
        self.size = 0  # processes of the pool once started

    def __enter__(self) -> _Pools:
        return self

    def __exit__(self, *exc: object) -> None:
        if self.pool is not None:
            self.pool.terminate()
            self.pool.join()

    def for_articles(self) -> multiprocessing.pool.Pool:
        pool = self._start(self.settings.workers)
        assert pool is not None  # workers > 1 here
        return pool

    def for_pieces(self) -> multiprocessing.pool.Pool | None:
        """The pool that shares out a long text's pieces, or None to read them here."""
        if self.settings.workers > 1:
            return self._start(self.settings.workers)
        return self._start(self.settings.piece_workers or os.cpu_count() or 1)

    def _start(self, size: int) -> multiprocessing.pool.Pool | None:
        if size <= 1:
            return None
        if self.pool is None:
            methods = multiprocessing.get_all_start_methods()
            # fork shares the parent's loaded model and registered extractors (plugins
            # included) with every worker; spawn (where fork is missing) loads both again.
            context = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
            self.pool = context.Pool(size, initializer=_start_worker, initargs=(self.settings,))
            self.size = size
        return self.pool


def _extract_in_workers(
    articles: Iterable[Article], pool: multiprocessing.pool.Pool, settings: Settings
) -> Iterator[Extracted]:
    # Tasks in flight are bounded, so a corpus of any size streams through in order.
    window = 2 * settings.workers
    pending: deque[tuple[list[Article], AsyncResult[list[tuple[list[Fact], IngestReport]]]]]
    pending = deque()
    for chunk in _chunks(articles, TASK_ARTICLES, settings.workers):
        pending.append((chunk, pool.apply_async(_extract_task, (chunk,))))
        if len(pending) >= window:
            yield from _results(*pending.popleft())
    while pending:
        yield from _results(*pending.popleft())


def _results(
    chunk: list[Article], result: AsyncResult[list[tuple[list[Fact], IngestReport]]]
) -> Iterator[Extracted]:
    for article, (facts, notes) in zip(chunk, result.get(), strict=True):
        yield article, facts, notes


def _chunks(articles: Iterable[Article], size: int, workers: int) -> Iterator[list[Article]]:
    """Tasks of ``size`` articles, then smaller ones for the last of the input.

    A free worker takes the next task, so with equal tasks the run ends with one worker
    busy for up to a whole task while the others wait: 120 articles in tasks of 8 went
    64/56, the last task's seconds (about 6 % of the run) on one core. Reading
    ``workers * size`` articles ahead tells where the input ends; what is left then goes
    out in tasks of ``1 / (2 * workers)`` of what remains, shrinking towards
    :data:`TAIL_ARTICLES`, so the workers finish within a small task of each other.
    Which articles share a task changes nothing in their facts (each is extracted on
    its own; the stored rows of 215 articles were the same either way).
    """
    buffered: deque[Article] = deque()
    for article in articles:
        buffered.append(article)
        if len(buffered) >= size + workers * size:
            yield [buffered.popleft() for _ in range(size)]
    while buffered:
        take = min(size, max(TAIL_ARTICLES, -(-len(buffered) // (2 * workers))))
        if len(buffered) - take < TAIL_ARTICLES:
            take = len(buffered)
        yield [buffered.popleft() for _ in range(take)]


def _extract_long(
    article: Article,
    pools: _Pools,
    nlp: Language,
    extractors: Sequence[Extractor],
    settings: Settings,
) -> Extracted:
    """One text longer than ``chunk_chars``, its pieces read in parallel by the pieces' pool.

    The pieces are sent in order, a few more than there are processes at a time, and their
    facts are taken back in order. The budget counts every piece's extraction seconds; the
    first piece whose facts would end past it is dropped with every later one, and the
    pieces still being read then are left to finish unread.
    """
    pool = pools.for_pieces()
    if pool is None:
        return next(
            extract_pieces(
                parse_articles(nlp, [article], settings, workers=1),
                extractors,
                settings.extract_budget,
            )
        )
    run = _Extraction(article, extractors, IngestReport(), settings.extract_budget)
    window = 2 * pools.size
    pending: deque[tuple[int, int, AsyncResult[PieceResult]]] = deque()
    offsets = split_offsets(article.text, settings.chunk_chars)
    while True:
        for start, end in offsets:
            piece = dataclasses.replace(article, text=article.text[start:end])
            pending.append((start, end, pool.apply_async(_piece_task, (piece, start))))
            if len(pending) >= window:
                break
        if not pending:
            break
        start, end, result = pending.popleft()
        results, spent, failures = result.get()
        if run.budget and run.spent + spent > run.budget:
            run.stop(start, end, extractors, everything=True)
            break
        run.spent += spent
        run.report.failures.extend(failures)
        for name, facts in results.items():
            run.results[name].extend(facts)
    return article, run.facts(), run.report


def reextract(
    store: Store,
    settings: Settings,
    *,
    progress: Progress | None = None,
    ids: Sequence[str] | None = None,
) -> IngestReport:
    """Run the enabled extractors again over every stored article and swap in their facts.

    For a database built by older extractor versions: the texts stay, the facts are redone.
    Each article's swap is one transaction, so an interrupted run leaves every article with
    either its old facts or its new ones. ``ids`` limits the run to those articles (one
    whose publication date was corrected).
    """
    report = IngestReport()
    names = [e.name for e in get_extractors(settings.disabled)]
    for article, facts, notes in extract_articles(store.articles(ids), settings):
        report.failures.extend(notes.failures)
        report.over_budget.extend(notes.over_budget)
        store.replace_facts(article.id, names, facts)
        report.stored.append(article.id)
        report.facts.update(f.KIND for f in facts)
        if progress is not None:
            progress(1)
    if report.stored:
        resolve_entities(store)
    return report


def _commit(
    store: Store,
    batch: list[Article],
    facts: list[Fact],
    report: IngestReport,
    progress: Progress | None,
) -> None:
    # Another process may have stored some of these texts since they were found new (two
    # ingests of overlapping inputs): the store leaves those out under its write lock.
    done = store.add_new_batch(batch, facts)
    kept = {a.id for a in done.stored}
    report.stored.extend(a.id for a in done.stored)
    report.duplicates += len(done.duplicates)
    report.skipped.extend(
        Skipped(a.source or a.id, f"article id {a.id!r} is already stored with other text")
        for a in done.clashes
    )
    report.facts.update(f.KIND for f in facts if f.article in kept)
    if progress is not None:
        progress(len(batch))


def _new_articles(
    items: Iterable[RawArticle | Skipped], store: Store, defaults: Defaults, report: IngestReport
) -> Iterator[Article]:
    """Articles not stored yet; duplicates are counted, id clashes skipped."""
    check = NewArticles(store, report)
    for item in items:
        if isinstance(item, Skipped):
            report.skipped.append(item)
            continue
        article = item.to_article(defaults)
        # The metadata the input itself gives: the run's defaults and an outlet taken from
        # the URL stand in for missing metadata, they do not correct what is stored.
        given = {name: getattr(item, name) for name in METADATA_FIELDS}
        if check.admit(article, item.source, metadata=given):
            yield article


class NewArticles:
    """Which articles to store: not in the store, and not met earlier in this run.

    A text already stored (by its hash) counts as a duplicate; another text under an id
    already taken is skipped with a reason. Every engine applies this same rule, in input
    order, so they store the same articles. A stored text that comes with other
    ``metadata`` (a corrected date or outlet) has it updated instead, and is listed in
    ``report.updated``.
    """

    def __init__(self, store: Store, report: IngestReport) -> None:
        self.store = store
        self.report = report
        self._texts: set[str] = set()
        self._ids: set[str] = set()

    def admit(
        self, article: Article, source: str, *, metadata: Mapping[str, str | None] | None = None
    ) -> bool:
        """Whether ``article`` is new; duplicates and id clashes go into the report.

        Args:
            article: the article as it would be stored.
            source: the input it was read from, for the report.
            metadata: the metadata fields the input gives (None values: not given); a
                stored text with other values for them is updated. None compares nothing.
        """
        sha = article.text_sha256
        if sha in self._texts:
            self.report.duplicates += 1
            return False
        stored = self.store.stored_metadata(sha)
        if stored is not None:
            wanted = {k: v for k, v in (metadata or {}).items() if v is not None}
            if metadata_changes(stored, wanted):
                change = self.store.update_metadata(stored.id, wanted, source=source)
                logger.info("updated metadata of %s (%s)", stored.id, change.describe())
                self.report.updated.append(change)
            else:
                self.report.duplicates += 1
            return False
        if article.id in self._ids or self.store.article_sha(article.id) is not None:
            self.report.skipped.append(
                Skipped(source, f"article id {article.id!r} is already stored with other text")
            )
            return False
        self._texts.add(sha)
        self._ids.add(article.id)
        return True


def parse_articles(
    nlp: Language, articles: Iterable[Article], settings: Settings, *, workers: int
) -> Iterator[Piece[Article]]:
    """The parse pieces of ``articles`` in input order (see :func:`parse_pieces`)."""
    return parse_pieces(
        nlp,
        ((a.text, a) for a in articles),
        limit=settings.chunk_chars,
        workers=workers,
        batch_size=settings.batch_size,
    )


def extract_pieces(
    pieces: Iterable[Piece[Article]], extractors: Sequence[Extractor], budget: float
) -> Iterator[Extracted]:
    """``(article, facts, notes)`` for each article of a stream of parse pieces.

    A text longer than ``settings.chunk_chars`` comes as several pieces; the extractors
    read them one at a time, so the cost of an extractor that compares every sentence
    with every other stays bounded by the piece and memory by one piece's parse. A
    name or a date in one piece does not explain a pronoun in the next: no news report
    comes near 100,000 characters, and a text that does is a dump whose facts need not
    link across pieces.

    Args:
        pieces: from :func:`parse_articles`, each article's pieces in order.
        extractors: the enabled extractors, each after those it requires.
        budget: seconds of extraction an article may take; 0 sets no limit. An article
            that runs out keeps the facts found so far and its line in
            ``notes.over_budget``; its remaining pieces are neither parsed nor read.
    """
    stream = iter(pieces)
    for piece in stream:
        run = _Extraction(piece.context, extractors, IngestReport(), budget)
        run.add(piece)
        while not piece.last:
            piece = next(stream)
            run.add(piece)
        yield piece.context, run.facts(), run.report


def run_extractors(
    doc: Doc, article: Article, extractors: Sequence[Extractor], report: IngestReport | None = None
) -> list[Fact]:
    """Every extractor's facts for one article, stamped with provenance.

    An extractor that raises on one article loses its facts for that article only; the
    failure is logged and listed in the report, and the article is stored all the same.
    """
    run = _Extraction(article, extractors, report if report is not None else IngestReport())
    run.read(doc, article.text, 0)
    return run.facts()


class _Extraction:
    """One article's extraction: the extractors in order over each piece of its text,
    until the article's time budget is spent."""

    def __init__(
        self,
        article: Article,
        extractors: Sequence[Extractor],
        report: IngestReport,
        budget: float = 0.0,
    ) -> None:
        self.article = article
        self.extractors = extractors
        self.report = report
        self.budget = budget
        self.results: dict[str, list[Fact]] = {e.name: [] for e in extractors}
        self.spent = 0.0
        # Seconds per character each extractor took on the previous piece: the next call
        # is skipped when it would end past the budget, not only once the budget is gone,
        # so an article ends within its budget rather than one 100,000-character step
        # beyond it.
        self.rates: dict[str, float] = {}
        self.stopped = False

    def add(self, piece: Piece[Article]) -> None:
        """Extract from one more piece, unless the budget is already spent."""
        if not self.stopped:
            self.read(piece.doc, piece.text, piece.start)

    def read(self, doc: Doc | Callable[[], Doc], text: str, start: int) -> None:
        """Run the extractors over the ``Doc`` of ``text``, which begins at ``start``."""
        article = self.article
        if start or len(text) != len(article.text):
            # An extractor reads the piece as its article: offsets into the piece's text.
            article = dataclasses.replace(article, text=text)
        parsed: Doc | None = None
        local: dict[str, list[Fact]] = {}
        # One memo per Doc: what one extractor builds from this piece (the quotes' speaker
        # finder, the proposals' parties) the ones after it take instead of building again.
        memo = ArticleMemo()
        for k, extractor in enumerate(self.extractors):
            expected = self.rates.get(extractor.name, 0.0) * len(text)
            if self.budget and self.spent + expected > self.budget:
                self.stop(start, start + len(text), self.extractors[k:], everything=not k)
                return
            if parsed is None:
                parsed = doc() if callable(doc) else doc
            began = time.perf_counter()
            try:
                produced = list(extractor.func(parsed, Context(article, local, extractor, memo)))
            except ConfigError:
                raise  # an undeclared read is a bug in the extractor's registration
            except Exception as e:  # a bug in one extractor must not lose the article
                message = f"extractor {extractor.label} failed on article {article.id}: {e!r}"
                # The run report carries the one-line message; the traceback is for -vv.
                logger.debug(message, exc_info=True)
                self.report.failures.append(message)
                produced = []
            took = time.perf_counter() - began
            self.spent += took
            self.rates[extractor.name] = took / max(len(text), 1)
            facts = self.results[extractor.name]
            # The index counts within the piece (offsets already tell pieces apart), so a
            # piece's ids do not depend on what earlier pieces found and a worker can stamp
            # them; a text of one piece gets the ids it always had.
            stamped = [
                _shifted(f, start).with_provenance(extractor.label, i)
                for i, f in enumerate(produced)
            ]
            facts.extend(stamped)
            # Later extractors of this piece read its facts with offsets into the piece.
            local[extractor.name] = [_shifted(f, -start) for f in stamped] if start else stamped

    def facts(self) -> list[Fact]:
        """Every fact found, extractor by extractor, in text order within each."""
        return [f for facts in self.results.values() for f in facts]

    def stop(self, start: int, end: int, skipped: Sequence[Extractor], everything: bool) -> None:
        self.stopped = True
        message = (
            f"article {self.article.id} ran out of its {self.budget:g} s extraction budget "
            f"(setting extract_budget) at character {start:,} of {len(self.article.text):,}; "
            f"not run from there: {', '.join(e.name for e in skipped)}"
        )
        if not everything:
            message += f"; the others stopped at character {end:,}"
        logger.info(message)
        self.report.over_budget.append(message)


def _shifted(fact: F, offset: int) -> F:
    """``fact`` with its offsets moved by ``offset`` characters."""
    if not offset:
        return fact
    return dataclasses.replace(fact, start=fact.start + offset, end=fact.end + offset)
