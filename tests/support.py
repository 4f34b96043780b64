"""Helpers the extractor tests share: golden files and scoring one extractor on a gold file."""

from __future__ import annotations

import json
import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from spacy.language import Language

from storyline.evaluate.gold import load_gold
from storyline.evaluate.score import score_export
from storyline.export import SECTIONS
from storyline.extract import get_extractors
from storyline.ingest import Defaults
from storyline.pipeline import run_extractors

# Regenerate every golden file on purpose (and review the diff) with REGEN_GOLDEN=1.
REGENERATE = bool(os.environ.get("REGEN_GOLDEN"))
# The golden files, one folder per extractor family, wherever the test module sits.
GOLDEN_ROOT = Path(__file__).resolve().parent / "golden"
# The project's own gold file: the examples the README's eval table is run on.
EXAMPLES_GOLD = Path(__file__).resolve().parent.parent / "examples" / "gold" / "examples.json"


def check_golden(path: Path, got: Any) -> Any:
    """The expected content of a golden JSON file; with REGEN_GOLDEN=1, ``got`` first."""
    if REGENERATE:
        path.write_text(json.dumps(got, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return json.loads(path.read_text(encoding="utf-8"))


def score_extractors(
    nlp: Language, gold_file: Path, names: Sequence[str], section: str
) -> dict[str, dict[str, Any]]:
    """Scores (row → metrics) of one export section, running only the extractors ``names``."""
    gold = load_gold(gold_file)
    wanted = [e for e in get_extractors() if e.name in names]
    kind = SECTIONS[section]
    predicted = []
    for doc in gold.documents:
        article = doc.article.to_article(Defaults())
        for fact in run_extractors(nlp(article.text), article, wanted):
            if isinstance(fact, kind):
                predicted.append({**fact.to_dict(), "article": doc.id})
    scores = score_export(gold, {section: predicted}, {d.id: d.id for d in gold.documents})
    return dict(scores[section])
