"""Test databases for the API and the dashboard, built once per test session.

``corpus_db()`` ingests the bundled example corpus (loads spaCy: tests using it are
``slow``); ``hostile_db()`` stores a hand-made record whose every shown field carries
markup and script, in milliseconds.
"""

from __future__ import annotations

import atexit
import functools
import shutil
import tempfile
from pathlib import Path

from fastapi.testclient import TestClient

from storyline.cli import main
from storyline.config import Settings
from storyline.models import Article, Entity, Event, Figure, Position, Proposal, Quote
from storyline.store import Store
from storyline.web import create_site

from ..conftest import EXAMPLES

SCRIPT = "<script>window.__xss = 1</script>"
IMG = '<img src=x onerror="window.__xss = 2">'
HOSTILE_ID = "h-<u>x</u>"


def _scratch() -> Path:
    folder = Path(tempfile.mkdtemp(prefix="storyline-web-"))
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    return folder


@functools.cache
def corpus_db() -> Path:
    """The example corpus, ingested (spaCy)."""
    db = _scratch() / "corpus.db"
    code = main(["-q", "ingest", str(EXAMPLES / "corpus"), "--db", str(db)])
    if code != 0:
        raise RuntimeError(f"ingest of the example corpus failed with exit code {code}")
    return db


def hostile_text() -> str:
    return (
        f"Talks resumed on Monday. {SCRIPT} The envoy met the mediator in Vantis.\n\n"
        f"“We will not sign {IMG},” said Mallory. Some 40 people were killed on Sunday."
    )


def write_hostile_db(db: Path) -> Path:
    """A record with markup in the title, outlet, url, text, speaker and entity names."""
    text = hostile_text()
    article = Article(
        id=HOSTILE_ID,
        text=text,
        title=f"Hostile {SCRIPT} title",
        outlet=f"Wire {IMG}",
        published="2025-03-03",
        url="javascript:window.__xss=5",
        text_sha256="f" * 64,
    )
    speaker = f"Mallory {IMG}"
    quote_start = text.index("We will")
    figure_start = text.index("Some 40")
    event_start = text.index("met the")
    facts = [
        Quote(
            article=article.id,
            start=quote_start,
            end=text.index(",”"),
            text=text[quote_start : text.index(",”")],
            kind="direct",
            speaker=speaker,
            id="q-hostile",
            extractor="quotes@1",
        ),
        Figure(
            article=article.id,
            start=figure_start,
            end=figure_start + 17,
            text=text[figure_start : figure_start + 17],
            value=40,
            unit="people",
            kind="killed",
            qualifier="approx",
            source=f"officials {SCRIPT}",
            id="f-hostile",
            extractor="figures@1",
        ),
        Event(
            article=article.id,
            start=event_start,
            end=event_start + 7,
            text="met the",
            type="CONSULT",
            actor=speaker,
            target=f"Mediator {SCRIPT}",
            date="2025-03-03",
            status="occurred",
            id="e-hostile",
            extractor="events@1",
        ),
        Position(
            article=article.id,
            start=quote_start,
            end=quote_start + 16,
            text=text[quote_start : quote_start + 16],
            holder=speaker,
            stance="reject",
            issue=f"the deal {SCRIPT}",
            id="p-hostile-pos",
            extractor="positions@1",
        ),
        Proposal(
            article=article.id,
            start=0,
            end=5,
            text="Talks",
            label=f"plan {SCRIPT}",
            proposer=speaker,
            status="tabled",
            id="p-hostile",
            extractor="proposals@1",
        ),
    ]
    entities = [
        Entity(
            id="e-mallory",
            name=speaker,
            type="PERSON",
            aliases=(f"M {SCRIPT}",),
            mentions=3,
            articles=(article.id,),
        ),
        Entity(
            id=f"e-{SCRIPT}",
            name=f"Mediator {SCRIPT}",
            type="PERSON",
            mentions=1,
            articles=(article.id,),
        ),
    ]
    with Store(db) as store:
        store.add_batch([article], facts)
        store.replace_entities(entities)
    return db


@functools.cache
def hostile_db() -> Path:
    return write_hostile_db(_scratch() / "hostile.db")


def client_for(db: Path) -> TestClient:
    """A test client of the whole site (API and pages) over ``db``."""
    return TestClient(create_site(Settings(db=str(db))), raise_server_exceptions=False)
