"""The ingest pipeline: read → parse → extract → store, and a report of what happened."""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import TextIO, cast

from spacy.language import Language
from spacy.tokens import Doc

from .config import Settings
from .errors import ConfigError
from .extract import Context, Extractor, get_extractors
from .ingest import Defaults, RawArticle, Skipped, read_inputs
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
        paths: files, directories (walked recursively) or ``-`` for JSON lines on stdin.
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
    report = IngestReport()
    items = read_inputs(paths, max_bytes=settings.max_bytes, stdin=stdin)
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
    """Parse, extract and store articles that are known to be new."""
    nlp = load_nlp(settings.models)
    extractors = get_extractors(settings.disabled)
    batch: list[Article] = []
    facts: list[Fact] = []
    for doc, article in parse_articles(nlp, articles, settings):
        batch.append(article)
        facts.extend(run_extractors(doc, article, extractors, report))
        if len(batch) >= settings.batch_size:
            _commit(store, batch, facts, report, progress)
            batch, facts = [], []
    if batch:
        _commit(store, batch, facts, report, progress)
    if report.stored:
        resolve_entities(store)


def reextract(
    store: Store, settings: Settings, *, progress: Progress | None = None
) -> IngestReport:
    """Run the enabled extractors again over every stored article and swap in their facts.

    For a database built by older extractor versions: the texts stay, the facts are redone.
    Each article's swap is one transaction, so an interrupted run leaves every article with
    either its old facts or its new ones.
    """
    report = IngestReport()
    nlp = load_nlp(settings.models)
    extractors = get_extractors(settings.disabled)
    names = [e.name for e in extractors]
    for doc, article in parse_articles(nlp, store.articles(), settings):
        facts = run_extractors(doc, article, extractors, report)
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
    seen_text: set[str] = set()
    seen_id: set[str] = set()
    for item in items:
        if isinstance(item, Skipped):
            report.skipped.append(item)
            continue
        article = item.to_article(defaults)
        if article.text_sha256 in seen_text or store.has_text(article.text_sha256):
            report.duplicates += 1
            continue
        if article.id in seen_id or store.article_sha(article.id) is not None:
            report.skipped.append(
                Skipped(item.source, f"article id {article.id!r} is already stored with other text")
            )
            continue
        seen_text.add(article.text_sha256)
        seen_id.add(article.id)
        yield article


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
