"""The service layer: read-only, what it keeps dropped when the database file changes."""

from __future__ import annotations

import shutil
from pathlib import Path

from fastapi.testclient import TestClient
from hypothesis import given, settings
from hypothesis import strategies as st

from storyline.api import create_app
from storyline.api.service import NameIndex
from storyline.config import Settings
from storyline.matching.events import same_name
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


def test_the_kept_state_is_reused_while_the_file_is_unchanged(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    shutil.copy(hostile_db(), db)
    catalog = create_app(Settings(db=str(db))).state.catalog
    with catalog.reader() as read:
        first = read.record
        timeline = read.timeline()
    with catalog.reader() as read:
        assert read.record is first and read.timeline() is timeline
    with Store(db) as store:  # a write: the next request starts a fresh state
        store.replace_entities([])
    with catalog.reader() as read:
        assert read.record is not first and read.entities == []


NAMES = ["Annika Brosz", "Brosz", "Karl Brosz", "brosz", "Ilsa Varn", "Varn", "Il. Varn", "", "—"]


@settings(max_examples=200, deadline=None)
@given(
    indexed=st.lists(st.sampled_from(NAMES) | st.text(max_size=12), max_size=8),
    asked=st.lists(st.sampled_from(NAMES) | st.text(max_size=12), max_size=3),
)
def test_the_name_index_finds_what_same_name_finds(indexed: list[str], asked: list[str]) -> None:
    index = NameIndex((name, str(i)) for i, name in enumerate(indexed))
    expected = {str(i) for i, name in enumerate(indexed) if any(same_name(name, a) for a in asked)}
    assert index.find(asked) == expected
