"""The ingest pipeline end to end: idempotence, batching, and a killed ingest."""

from __future__ import annotations

import multiprocessing
import os
import random
import signal
import sqlite3
import time
from pathlib import Path

import pytest

from storyline.config import Settings
from storyline.extract import Context, get_extractors, register
from storyline.extract import registry as registry_module
from storyline.ingest import Defaults
from storyline.models import Article, Quote
from storyline.pipeline import IngestReport, ingest, run_extractors
from storyline.store import Store
from storyline.store.schema import FACT_TABLES

pytestmark = pytest.mark.slow

SENTENCES = (
    "Envoys from Dravana and the Coastal League met in Portvale on Monday.",
    "The mediator said a draft would be ready within days.",
    "Officials reported that 14 detainees were freed at the northern crossing.",
)


def write_corpus(directory: Path, n: int) -> None:
    directory.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        text = f"Report {i}.\n\n{SENTENCES[i % 3]} {SENTENCES[(i + 1) % 3]} Item {i} ends here."
        (directory / f"r{i:03d}.txt").write_text(text, encoding="utf-8")


def test_ingest_is_idempotent(tmp_path: Path) -> None:
    write_corpus(tmp_path / "in", 12)
    settings = Settings(db=str(tmp_path / "s.db"), batch_size=5)
    with Store(settings.db) as store:
        first = ingest([str(tmp_path / "in")], store, settings, defaults=Defaults("2025-03-01"))
        second = ingest([str(tmp_path / "in")], store, settings)
        assert len(first.stored) == 12 and first.ok
        assert (len(second.stored), second.duplicates) == (0, 12)
        assert store.count_articles() == 12
        assert {a.published for a in store.articles()} == {"2025-03-01"}


def test_a_failing_extractor_loses_only_its_facts(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(registry_module, "_REGISTRY", dict(registry_module._REGISTRY))

    @register("boom", version=1)
    def boom(doc: object, context: Context) -> list[Quote]:
        raise RuntimeError("broken on purpose")

    article = Article(id="a1", text="The envoys met.")
    report = IngestReport()
    from storyline.nlp import load_nlp

    doc = load_nlp(Settings().models)(article.text)
    run_extractors(doc, article, get_extractors(), report)
    assert len(report.failures) == 1 and "boom@1" in report.failures[0]


def _ingest_child(corpus: str, db: str) -> None:
    settings = Settings(db=db, batch_size=10)
    with Store(db) as store:
        ingest([corpus], store, settings)


def test_killed_ingest_leaves_a_consistent_database(tmp_path: Path) -> None:
    """SIGKILL an ingest of 200 documents at a random point, 20 times; rerun; check."""
    corpus = tmp_path / "in"
    write_corpus(corpus, 200)
    settings = Settings(batch_size=10)
    from storyline.nlp import load_nlp

    load_nlp(settings.models)  # loaded once here; the forked children inherit it
    context = multiprocessing.get_context("fork")
    rng = random.Random(20261122)
    killed_midway = 0
    for round_ in range(20):
        db = str(tmp_path / f"kill{round_}.db")
        child = context.Process(target=_ingest_child, args=(str(corpus), db))
        child.start()
        time.sleep(rng.uniform(0.05, 1.5))
        if child.pid is not None and child.is_alive():
            os.kill(child.pid, signal.SIGKILL)
        child.join()
        with Store(db) as store:
            partial = store.count_articles()
            killed_midway += 0 < partial < 200
            report = ingest([str(corpus)], store, Settings(db=db, batch_size=10))
            assert report.ok
            assert store.integrity_ok()
            assert store.count_articles() == 200
            assert len(report.stored) == 200 - partial
        with sqlite3.connect(db) as conn:
            dupes = conn.execute(
                "SELECT count(*) FROM (SELECT text_sha256 FROM articles GROUP BY text_sha256 "
                "HAVING count(*) > 1)"
            ).fetchone()[0]
            orphans = sum(
                conn.execute(
                    f"SELECT count(*) FROM {table} "
                    "WHERE article_id NOT IN (SELECT id FROM articles)"
                ).fetchone()[0]
                for table in FACT_TABLES.values()
            )
        assert (dupes, orphans) == (0, 0)
    assert killed_midway >= 3, "the kills should land in the middle of some ingests"


def test_reextract_replaces_facts_without_duplicates(tmp_path: Path) -> None:
    from storyline.pipeline import reextract

    write_corpus(tmp_path / "in", 6)
    settings = Settings(db=str(tmp_path / "s.db"))
    with Store(settings.db) as store:
        ingest([str(tmp_path / "in")], store, settings)
        before = store.count_facts()
        report = reextract(store, settings)
        assert len(report.stored) == 6 and report.ok
        assert store.count_facts() == before
        assert store.count_articles() == 6


def _example_articles(copies: int = 1) -> list[Article]:
    """The example corpus, ``copies`` times over with distinct ids."""
    import dataclasses

    from storyline.ingest import RawArticle, read_inputs

    from .conftest import EXAMPLES

    items = read_inputs([str(EXAMPLES / "corpus")], max_bytes=5_000_000)
    articles = [r.to_article(Defaults()) for r in items if isinstance(r, RawArticle)]
    return [dataclasses.replace(a, id=f"{a.id}-{k}") for k in range(copies) for a in articles]


def test_workers_extract_exactly_what_one_process_extracts() -> None:
    """Two worker processes that parse and extract give the same facts, ids and order."""
    from storyline.pipeline import extract_articles

    articles = _example_articles(copies=2)
    one = list(extract_articles(articles, Settings(workers=1)))
    two = list(extract_articles(articles, Settings(workers=2)))
    assert [a.id for a, _, _ in two] == [a.id for a in articles]
    assert len(one) == len(two) == 28  # the 14 example articles, twice
    for (a1, facts1, notes1), (a2, facts2, notes2) in zip(one, two, strict=True):
        assert a1 == a2 and notes1.failures == notes2.failures == []
        assert [f.to_dict() for f in facts1] == [f.to_dict() for f in facts2]
    assert sum(len(f) for _, f, _ in two) > 500


def test_an_extractor_failing_in_a_worker_is_reported(monkeypatch: pytest.MonkeyPatch) -> None:
    from storyline.pipeline import extract_articles

    monkeypatch.setattr(registry_module, "_REGISTRY", dict(registry_module._REGISTRY))

    @register("boom", version=1)
    def boom(doc: object, context: Context) -> list[Quote]:
        raise RuntimeError("broken on purpose")

    articles = _example_articles()[:3]
    results = list(extract_articles(articles, Settings(workers=2)))
    assert [len(notes.failures) for _, _, notes in results] == [1, 1, 1]
    assert all("boom@1" in notes.failures[0] for _, _, notes in results)
    assert all(facts for _, facts, _ in results)  # the other extractors' facts are kept


def test_ingest_with_two_workers(tmp_path: Path) -> None:
    write_corpus(tmp_path / "in", 20)
    settings = Settings(db=str(tmp_path / "s.db"), batch_size=4, workers=2)
    with Store(settings.db) as store:
        report = ingest([str(tmp_path / "in")], store, settings)
        assert len(report.stored) == 20 and report.ok
        assert store.count_articles() == 20
        assert sum(report.facts.values()) == sum(store.count_facts().values())
