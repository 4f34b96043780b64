"""The article catalog: metadata by text hash, corrections, removals and fact counts."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from storyline.errors import StoreError
from storyline.models import Article, Event, Fact, Figure, Mention, Proposal, Quote
from storyline.resolve.entities import resolve_entities
from storyline.store import METADATA_FIELDS, MetadataChange, Store, UnknownArticleError
from storyline.store.schema import FACT_TABLES


def corpus() -> tuple[list[Article], list[Fact]]:
    """Two invented reports: the second names the envoy by surname only."""
    one = Article(
        id="r1",
        text="Envoy Ilka Doran said “the border stays open” in Saltmere.",
        title="Saltmere parley",
        outlet="Tidewater Courier",
        published="2025-04-07",
        text_sha256="sha-r1",
    )
    two = Article(id="r2", text="Doran’s office: 300 displaced near Dravec.", text_sha256="sha-r2")
    facts: list[Fact] = [
        Mention(article="r1", start=6, end=16, text="Ilka Doran", name="Ilka Doran",
                type="PERSON"),
        Mention(article="r1", start=51, end=59, text="Saltmere", name="Saltmere", type="GPE"),
        Mention(article="r2", start=0, end=5, text="Doran", name="Doran", type="PERSON"),
        Quote(article="r1", start=23, end=45, text="the border stays open", speaker="Ilka Doran"),
        Figure(article="r2", start=16, end=19, text="300", value=300.0, kind="displaced"),
        Event(article="r2", start=20, end=29, text="displaced", type="COERCE"),
        Proposal(article="r2", start=0, end=5, text="Doran"),
    ]  # fmt: skip
    return [one, two], [f.with_provenance(f"{f.KIND}s@1", i) for i, f in enumerate(facts)]


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    articles, facts = corpus()
    with Store(tmp_path / "s.db") as opened:
        opened.add_batch(articles, facts)
        resolve_entities(opened)
        yield opened


def _rows(store: Store, sql: str) -> list[tuple[object, ...]]:
    return [tuple(r) for r in store.conn.execute(sql).fetchall()]


def test_stored_metadata_by_text_hash(store: Store) -> None:
    found = store.stored_metadata("sha-r1")
    assert found is not None and found.id == "r1" and found.text == ""
    assert (found.title, found.outlet, found.published) == (
        "Saltmere parley",
        "Tidewater Courier",
        "2025-04-07",
    )
    assert store.stored_metadata("sha-none") is None


def test_update_metadata_changes_only_what_differs(store: Store) -> None:
    change = store.update_metadata("r1", {"outlet": "Tidewater Courier", "title": "Talks open"})
    assert change == MetadataChange("r1", {"title": ("Saltmere parley", "Talks open")})
    assert change.describe() == "title Saltmere parley → Talks open" and not change.redated
    [stored] = store.articles(["r1"])
    assert stored.title == "Talks open" and stored.outlet == "Tidewater Courier"
    # The title is searchable under its new words only (the FTS trigger follows).
    assert [h.article.id for h in store.search_articles("Talks open", limit=5).items] == ["r1"]
    assert store.search_articles("parley", limit=5).items == []
    assert store.update_metadata("r1", {"title": "Talks open"}).changes == {}


def test_a_new_date_makes_the_resolver_redo_the_article(store: Store) -> None:
    assert ("r1",) in _rows(store, "SELECT article_id FROM entity_articles")
    change = store.update_metadata("r1", {"published": "2025-04-08", "url": None})
    assert change.redated and change.to_dict() == {
        "id": "r1",
        "changes": {"published": {"before": "2025-04-07", "after": "2025-04-08"}},
        "source": None,
    }
    assert ("r1",) not in _rows(store, "SELECT article_id FROM entity_articles")
    resolve_entities(store)
    assert ("r1",) in _rows(store, "SELECT article_id FROM entity_articles")
    assert {e.name for e in store.entities()} == {"Ilka Doran", "Saltmere"}


def test_update_metadata_of_an_unknown_article(store: Store) -> None:
    with pytest.raises(UnknownArticleError, match="no article 'r9' in the record"):
        store.update_metadata("r9", {"title": "x"})
    with pytest.raises(ValueError, match="not article metadata: text"):
        store.update_metadata("r1", {"text": "x"})
    assert set(METADATA_FIELDS) == {"title", "outlet", "published", "url"}


def test_remove_articles_takes_facts_and_search_rows(store: Store) -> None:
    assert {e.name: e.aliases for e in store.entities()}["Ilka Doran"] == ("Doran",)
    store.remove_articles(["r2"])
    assert [a.id for a in store.articles()] == ["r1"]
    for table in FACT_TABLES.values():
        assert _rows(store, f"SELECT DISTINCT article_id FROM {table}") in ([], [("r1",)])
    assert store.search_articles("Dravec", limit=5).items == []
    kinds = _rows(store, "SELECT kind, key FROM search_rows ORDER BY kind")
    assert {k for k, _ in kinds} == {"article", "quote"} and ("article", "r2") not in kinds
    # The entities follow once the resolver runs: the alias only r2 gave goes.
    resolve_entities(store)
    entities = {e.name: e for e in store.entities()}
    assert entities["Ilka Doran"].aliases == () and entities["Ilka Doran"].articles == ("r1",)
    assert _rows(store, "SELECT DISTINCT article_id FROM entity_members") == [("r1",)]


def test_removing_every_article_leaves_no_entity(store: Store) -> None:
    store.remove_articles(["r1", "r2", "r1"])
    resolve_entities(store)
    assert store.articles() == [] and store.entities() == []
    assert store.count_facts() == {}
    assert _rows(store, "SELECT count(*) FROM entity_members") == [(0,)]


def test_an_unknown_id_removes_nothing(store: Store) -> None:
    with pytest.raises(UnknownArticleError, match="no article 'r7', 'r8' in the record"):
        store.remove_articles(["r1", "r7", "r8"])
    assert [a.id for a in store.articles()] == ["r1", "r2"]
    assert sum(store.count_facts().values()) == 7


def test_fact_counts_leave_mentions_out(store: Store) -> None:
    counts = store.fact_counts()
    assert counts == {"r1": {"quote": 1}, "r2": {"figure": 1, "event": 1, "proposal": 1}}
    assert store.fact_counts(["r1", "r9"]) == {"r1": {"quote": 1}}


def test_a_read_only_store_refuses_corrections(store: Store) -> None:
    store.close()
    with Store(store.path, read_only=True) as ro:
        with pytest.raises(StoreError):
            ro.update_metadata("r1", {"title": "x"})
        with pytest.raises(StoreError):
            ro.remove_articles(["r1"])
        assert [a.id for a in ro.articles()] == ["r1", "r2"]
