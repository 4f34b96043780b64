"""``storyline bench``: ingest keeps up with the bare parse."""

from __future__ import annotations

import pytest

from storyline.bench import run_bench
from storyline.config import Settings
from storyline.extract import get_extractors

from .conftest import EXAMPLES

pytestmark = pytest.mark.slow


def test_ingest_without_extractors_runs_near_bare_parse_speed() -> None:
    """With the extractor slots empty, ingest must run at ≥ 0.9× the bare parse (issue 2)."""
    settings = Settings(disabled=tuple(e.name for e in get_extractors()))
    # A timing on a shared 2-core machine can lose a round to a neighbour; a second try
    # tells a real slowdown (fails twice) from noise (measured margin: 0.95 to 1.02).
    for _ in range(2):
        result = run_bench(EXAMPLES / "corpus", settings, copies=8, rounds=3)
        if result.ratio >= 0.9:
            break
    assert result.documents >= 80
    assert result.ratio >= 0.9, result.to_dict()


def test_bench_figures_are_complete() -> None:
    result = run_bench(EXAMPLES / "corpus", Settings(), copies=1, rounds=1)
    figures = result.to_dict()
    assert {"parse_docs_per_s", "ingest_words_per_s", "ratio"} <= set(figures)
    assert figures["ratio"] > 0
