"""The ingest pipeline: read → parse → extract → store, and a report of what happened."""

from __future__ import annotations

import logging
import multiprocessing
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from multiprocessing.pool import AsyncResult
from typing import TextIO, cast

from spacy.language import Language
from spacy.tokens import Doc

from .config import Settings
from .errors import ConfigError
from .extract import Context, Extractor, get_extractors
from .ingest import Defaults, RawArticle, Skipped
from .ingest.fetch import FetchState, state_path
from .ingest.sources import Sources
from .models import Article, Fact
from .nlp import load_nlp, parse_texts
from .resolve import resolve_entities
from .store import Store

logger = logging.getLogger(__name__)

Progress = Callable[[int], None]


@dataclass
class IngestReport:
    """What one ingest did: stored, already known, skipped, and extractor failures."""

    stored: list[str] = field(default_factory=list)
    duplicates: int = 0
    skipped: list[Skipped] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)
    facts: Counter[str] = field(default_factory=Counter)

    @property
    def ok(self) -> bool:
        return not self.skipped and not self.failures


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
        results: ``(article, facts, failures)`` of new articles, in input order.
        store: one transaction per ``settings.batch_size`` articles.
        settings: the batch size.
        report: collects what was stored and the extractor failures.
        progress: called with the number of articles each time a batch is stored.
    """
    batch: list[Article] = []
    facts: list[Fact] = []
    for article, produced, failures in results:
        batch.append(article)
        facts.extend(produced)
        report.failures.extend(failures)
        if len(batch) >= settings.batch_size:
            _commit(store, batch, facts, report, progress)
            batch, facts = [], []
    if batch:
        _commit(store, batch, facts, report, progress)
    if report.stored:
        resolve_entities(store)


Extracted = tuple[Article, list[Fact], list[str]]


def extract_articles(articles: Iterable[Article], settings: Settings) -> Iterator[Extracted]:
    """``(article, facts, failures)`` for each article, in input order.

    One worker parses and extracts in this process. More start ``settings.workers``
    processes that each parse and extract a chunk of articles and send back only the facts
    (a ``Doc`` never crosses a process boundary: serializing it costs as much as a good
    part of the parse). The facts are those of the one-process path, with the same ids and
    order: each article is parsed on its own and extraction is per article.
    """
    if settings.workers <= 1:
        nlp = load_nlp(settings.models)
        extractors = get_extractors(settings.disabled)
        for doc, article in parse_articles(nlp, articles, settings):
            report = IngestReport()
            yield article, run_extractors(doc, article, extractors, report), report.failures
        return
    yield from _extract_in_workers(articles, settings)


# Articles per task sent to a worker. Small enough that the last tasks of a run keep both
# workers busy (at 32, 110 articles split 64/46 between two workers), large enough that
# nlp.pipe batches well and the per-task overhead stays under 1 % (measured with bench).
TASK_ARTICLES = 8

_worker: tuple[Language, list[Extractor], Settings] | None = None


def _start_worker(settings: Settings) -> None:
    """Pool initializer: the model and extractors of this worker process."""
    global _worker
    # After a fork the model loaded by the parent is already in load_nlp's cache.
    _worker = (load_nlp(settings.models), get_extractors(settings.disabled), settings)


def _extract_task(articles: list[Article]) -> list[tuple[list[Fact], list[str]]]:
    """Worker side: parse and extract a chunk of articles; return facts and failures."""
    if _worker is None:
        raise RuntimeError("worker process was not initialized")
    nlp, extractors, settings = _worker
    out: list[tuple[list[Fact], list[str]]] = []
    for doc, article in parse_texts(
        nlp,
        ((a.text, a) for a in articles),
        limit=settings.chunk_chars,
        workers=1,
        batch_size=settings.batch_size,
    ):
        report = IngestReport()
        out.append(
            (run_extractors(doc, cast(Article, article), extractors, report), report.failures)
        )
    return out


def _extract_in_workers(articles: Iterable[Article], settings: Settings) -> Iterator[Extracted]:
    methods = multiprocessing.get_all_start_methods()
    # fork shares the parent's loaded model and registered extractors (plugins included)
    # with every worker; spawn (where fork is missing) loads both again in each worker.
    context = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
    load_nlp(settings.models)
    get_extractors(settings.disabled)
    # Tasks in flight are bounded, so a corpus of any size streams through in order.
    window = 2 * settings.workers
    with context.Pool(settings.workers, initializer=_start_worker, initargs=(settings,)) as pool:
        pending: deque[tuple[list[Article], AsyncResult[list[tuple[list[Fact], list[str]]]]]]
        pending = deque()
        for chunk in _chunks(articles, TASK_ARTICLES):
            pending.append((chunk, pool.apply_async(_extract_task, (chunk,))))
            if len(pending) >= window:
                yield from _results(*pending.popleft())
        while pending:
            yield from _results(*pending.popleft())


def _results(
    chunk: list[Article], result: AsyncResult[list[tuple[list[Fact], list[str]]]]
) -> Iterator[Extracted]:
    for article, (facts, failures) in zip(chunk, result.get(), strict=True):
        yield article, facts, failures


def _chunks(articles: Iterable[Article], size: int) -> Iterator[list[Article]]:
    chunk: list[Article] = []
    for article in articles:
        chunk.append(article)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def reextract(
    store: Store, settings: Settings, *, progress: Progress | None = None
) -> IngestReport:
    """Run the enabled extractors again over every stored article and swap in their facts.

    For a database built by older extractor versions: the texts stay, the facts are redone.
    Each article's swap is one transaction, so an interrupted run leaves every article with
    either its old facts or its new ones.
    """
    report = IngestReport()
    names = [e.name for e in get_extractors(settings.disabled)]
    for article, facts, failures in extract_articles(store.articles(), settings):
        report.failures.extend(failures)
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
    store.add_batch(batch, facts)
    report.stored.extend(a.id for a in batch)
    report.facts.update(f.KIND for f in facts)
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
        if check.admit(article, item.source):
            yield article


class NewArticles:
    """Which articles to store: not in the store, and not met earlier in this run.

    A text already stored (by its hash) counts as a duplicate; another text under an id
    already taken is skipped with a reason. Every engine applies this same rule, in input
    order, so they store the same articles.
    """

    def __init__(self, store: Store, report: IngestReport) -> None:
        self.store = store
        self.report = report
        self._texts: set[str] = set()
        self._ids: set[str] = set()

    def admit(self, article: Article, source: str) -> bool:
        """Whether ``article`` is new; duplicates and id clashes go into the report."""
        sha = article.text_sha256
        if sha in self._texts or self.store.has_text(sha):
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
    nlp: Language, articles: Iterable[Article], settings: Settings
) -> Iterator[tuple[Doc, Article]]:
    """``(doc, article)`` pairs in input order, parsed in ``settings.workers`` processes."""
    for doc, article in parse_texts(
        nlp,
        ((a.text, a) for a in articles),
        limit=settings.chunk_chars,
        workers=settings.workers,
        batch_size=settings.batch_size,
    ):
        yield doc, cast(Article, article)


def run_extractors(
    doc: Doc, article: Article, extractors: Sequence[Extractor], report: IngestReport | None = None
) -> list[Fact]:
    """Every extractor's facts for one article, stamped with provenance.

    An extractor that raises on one article loses its facts for that article only; the
    failure is logged and listed in the report, and the article is stored all the same.
    """
    results: dict[str, list[Fact]] = {}
    for extractor in extractors:
        try:
            produced = list(extractor.func(doc, Context(article, results, extractor)))
        except ConfigError:
            raise  # an undeclared read is a bug in the extractor's registration, not the text
        except Exception as e:  # a bug in one extractor must not lose the article
            message = f"extractor {extractor.label} failed on article {article.id}: {e!r}"
            # The run report carries the one-line message; the traceback is for -vv.
            logger.debug(message, exc_info=True)
            if report is not None:
                report.failures.append(message)
            produced = []
        results[extractor.name] = [
            f.with_provenance(extractor.label, i) for i, f in enumerate(produced)
        ]
    return [f for facts in results.values() for f in facts]
