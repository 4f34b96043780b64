"""``storyline eval``: score the pipeline on a gold file (contract §2 and §3)."""

from __future__ import annotations

from .gold import GoldDocument, GoldSet, load_gold
from .run import EvalResult, evaluate, format_tables
from .score import score_export

__all__ = [
    "EvalResult",
    "GoldDocument",
    "GoldSet",
    "evaluate",
    "format_tables",
    "load_gold",
    "score_export",
]
