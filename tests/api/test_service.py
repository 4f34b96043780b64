"""The per-process snapshot: read-only, re-read when the database file changes."""

from __future__ import annotations

import shutil
from pathlib import Path

from fastapi.testclient import TestClient

from storyline.api import create_app
from storyline.config import Settings
from storyline.models import Article, Quote
from storyline.store import Store

from .support import hostile_db


def test_a_change_to_the_file_is_seen_without_a_restart(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    shutil.copy(hostile_db(), db)
    client = TestClient(create_app(Settings(db=str(db))))
    assert client.get("/api/overview").json()["articles"] == 1
    before = db.read_bytes()
    assert client.get("/api/quotes").json()["total"] == 1
    assert db.read_bytes() == before  # serving wrote nothing
    article = Article(
        id="second", text="A second report. “We agree,” said Ada.", text_sha256="a" * 64
    )
    quote = Quote(
        article="second",
        start=19,
        end=27,
        text="We agree",
        speaker="Ada",
        id="q-2",
        extractor="quotes@1",
    )
    with Store(db) as store:
        store.add_batch([article], [quote])
    assert client.get("/api/overview").json()["articles"] == 2
    assert client.get("/api/quotes", params={"entity": "Ada"}).json()["total"] == 1


def test_the_snapshot_is_reused_while_the_file_is_unchanged(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    shutil.copy(hostile_db(), db)
    app = create_app(Settings(db=str(db)))
    first = app.state.catalog.snapshot()
    assert app.state.catalog.snapshot() is first
