"""Running the pipeline on a gold set and printing the tables."""

from __future__ import annotations

import logging
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..config import Settings
from ..export import build_export
from ..ingest import Defaults
from ..models import Article
from ..pipeline import IngestReport, ingest_articles
from ..store import Store
from .gold import GoldSet, load_gold
from .score import score_export

logger = logging.getLogger(__name__)

# Which columns each category's table shows, in order, after P/R/F1.
ACCURACIES = {
    "quotes": ("speaker_exact", "speaker_lenient", "kind"),
    "figures": ("kind", "qualifier", "source", "unit"),
    "events": ("date", "target"),
    "proposals": ("proposer", "phase_count", "phase_duration", "terms_jaccard"),
    "positions": ("stance",),
}


@dataclass
class EvalResult:
    name: str
    documents: int
    scores: dict[str, dict[str, dict[str, Any]]]
    seconds: float
    failures: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "documents": self.documents,
            "seconds": round(self.seconds, 2),
            "scores": self.scores,
            "failures": self.failures,
        }


def evaluate(gold_path: str | Path, settings: Settings) -> EvalResult:
    """Ingest the gold documents into a scratch database, export, and score (contract §3).

    Raises:
        GoldFormatError: the gold file breaks the contract.
        ModelNotFoundError: no spaCy pipeline is installed.
    """
    started = time.perf_counter()
    gold = load_gold(gold_path)
    export, article_of, failures = export_gold(gold, settings)
    scores = score_export(gold, export, article_of)
    return EvalResult(
        name=gold.name,
        documents=len(gold.documents),
        scores=scores,
        seconds=time.perf_counter() - started,
        failures=failures,
    )


def export_gold(
    gold: GoldSet, settings: Settings, *, with_text: bool = False
) -> tuple[dict[str, Any], dict[str, str], list[str]]:
    """The contract export of the gold documents, ingested into a scratch database.

    Returns:
        the export; gold document id → the stored article id holding its text (documents
        with the same text share one article); the ingest's failures.
    """
    articles: dict[str, Article] = {}
    for doc in gold.documents:
        article = doc.article.to_article(Defaults())
        articles.setdefault(article.text_sha256, article)
    report = IngestReport()
    with (
        tempfile.TemporaryDirectory(prefix="storyline-eval-") as tmp,
        Store(Path(tmp) / "eval.db") as store,
    ):
        ingest_articles(articles.values(), store, settings, report=report)
        export = build_export(store, with_text=with_text)
    article_of = {
        doc.id: articles[doc.article.to_article(Defaults()).text_sha256].id
        for doc in gold.documents
    }
    return export, article_of, report.failures


def format_tables(result: EvalResult) -> str:
    """The scores as one plain-text table per category."""
    lines = [f"{result.name}: {result.documents} documents, {result.seconds:.1f}s"]
    for category, rows in result.scores.items():
        extra = [c for c in ACCURACIES.get(category, ()) if any(c in r for r in rows.values())]
        header = ["", "P", "R", "F1", "pred", "gold", *extra]
        table = [header]
        for row, m in rows.items():
            cells = [row, *(f"{m[k]:.3f}" for k in ("precision", "recall", "f1"))]
            cells += [str(m["predicted"]), str(m["gold"])]
            cells += [f"{m[c]:.3f} ({m[c + '_n']})" if c in m else "-" for c in extra]
            table.append(cells)
        widths = [max(len(r[i]) for r in table) for i in range(len(header))]
        lines.append("")
        lines.append(category)
        for r in table:
            lines.append(
                "  "
                + "  ".join(
                    c.ljust(w) if i == 0 else c.rjust(w)
                    for i, (c, w) in enumerate(zip(r, widths, strict=True))
                )
            )
    if result.failures:
        lines.append("")
        lines.append(f"{len(result.failures)} extractor failure(s); first: {result.failures[0]}")
    return "\n".join(lines)
