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
    # Each extractor's own time beside the bare parse (issue 11: events + figures ≤ 15 %).
    assert set(figures["extractor_shares"]) == {e.name for e in get_extractors()}
    assert all(share > 0 for share in figures["extractor_shares"].values())


def test_articles_of_600_words() -> None:
    from storyline.bench import regroup
    from storyline.ingest import RawArticle

    paragraphs = [" ".join(["word"] * 130) for _ in range(20)]
    raw = [
        RawArticle(source="a.txt", text="\n\n".join(paragraphs[:11])),
        RawArticle(source="b.txt", text="\n\n".join(paragraphs[11:])),
    ]
    grouped = regroup(raw, 600)
    sizes = [len(r.text.split()) for r in grouped]
    assert sum(sizes) == 20 * 130
    assert sizes == [650, 650, 650, 650]
    assert all("\n\n" in r.text for r in grouped)


def test_articles_per_day() -> None:
    from storyline.bench import BenchResult

    result = BenchResult(
        documents=100, words=60_000, workers=2, parse_seconds=9.0, ingest_seconds=10.0
    )
    figures = result.to_dict()
    assert figures["articles_per_day"] == 864_000
    assert figures["articles_600_words_per_day"] == 864_000
    assert figures["ratio"] == 0.9


def test_extractor_shares_are_of_the_bare_parse() -> None:
    from storyline.bench import BenchResult

    result = BenchResult(
        documents=10, words=6_000, workers=1, parse_seconds=8.0, ingest_seconds=10.0,
        extractor_seconds={"events": 0.6, "figures": 0.4},
    )  # fmt: skip
    assert result.extractor_shares == {"events": 0.075, "figures": 0.05}
    assert result.to_dict()["extractor_shares"] == {"events": 0.075, "figures": 0.05}
