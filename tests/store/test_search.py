"""Full-text search: kept in step by every write, filled by the migration, safe to type into."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from storyline.models import Article, Quote
from storyline.store import Store, match_expression
from storyline.store.schema import MIGRATIONS, apply_migration

FTS_VERSION = next(i for i, m in enumerate(MIGRATIONS, 1) if "articles_fts" in m)


def _article(i: int, text: str, title: str = "") -> Article:
    return Article(id=f"a{i}", text=text, title=title or f"Report {i}", text_sha256=f"{i:064d}")


def _quote(article: Article, words: str, speaker: str, n: int = 0) -> Quote:
    start = article.text.index(words)
    return Quote(
        article=article.id,
        start=start,
        end=start + len(words),
        text=words,
        speaker=speaker,
        extractor="quotes@1",
        id=f"q-{article.id}-{n}",
    )


def _hits(store: Store, words: str) -> tuple[list[str], list[str]]:
    """The ids of the articles and of the quotes that match, sorted."""
    articles = store.search_articles(words, limit=50).items
    quotes = store.search_quotes(words, limit=50).items
    return sorted(h.article.id for h in articles), sorted(h.row.fact.id for h in quotes)


@pytest.mark.parametrize(
    ("typed", "expression"),
    [
        ("ceasefire", '"ceasefire"*'),
        ("Cease fire", '"Cease"* "fire"*'),
        ("zero-sum game", '"zero sum"* "game"*'),
        ('"NOT" OR * ( ) NEAR', '"NOT"* "OR"* "NEAR"*'),  # FTS5 syntax is only words
        ("!! -- ", None),
    ],
)
def test_what_is_typed_becomes_quoted_phrases(typed: str, expression: str | None) -> None:
    assert match_expression(typed) == expression


def test_search_is_kept_in_step_by_ingest_and_reextract(tmp_path: Path) -> None:
    one = _article(1, "Talks on the ceasefire resumed. “We want calm,” said Ilsa Varn.")
    two = _article(2, "Shelling went on near Dunholt.", title="Ceasefire in doubt")
    with Store(tmp_path / "s.db") as store:
        store.add_batch([one, two], [_quote(one, "We want calm", "Ilsa Varn")])
        assert _hits(store, "CEASEFIRE") == (["a1", "a2"], [])  # text or title, any case
        assert _hits(store, "ceasefir") == (["a1", "a2"], [])  # a prefix
        assert _hits(store, "varn") == (["a1"], ["q-a1-0"])  # a quote's speaker too
        assert _hits(store, "want calm") == (["a1"], ["q-a1-0"])
        assert _hits(store, "calm want") == (["a1"], ["q-a1-0"])  # every word, any order
        assert _hits(store, "want-calm") == (["a1"], ["q-a1-0"])  # a phrase ...
        assert _hits(store, "calm-want") == ([], [])  # ... keeps its order
        # Reextract: the quote is replaced, and search follows.
        new = _quote(one, "Talks on the ceasefire", "Mediators", 1)
        store.replace_facts("a1", ["quotes"], [new])
        assert _hits(store, "varn") == (["a1"], [])
        assert _hits(store, "mediators") == ([], ["q-a1-1"])
        # Deleting an article (and, by cascade, its quotes) takes them out of the index.
        with store.transaction("delete"):
            store.conn.execute("DELETE FROM articles WHERE id = 'a1'")
        assert _hits(store, "ceasefire") == (["a2"], [])
        assert _hits(store, "mediators") == ([], [])
        with store.transaction("rename"):
            store.conn.execute("UPDATE articles SET title = 'Truce holds' WHERE id = 'a2'")
        assert _hits(store, "ceasefire") == ([], []) and _hits(store, "truce") == (["a2"], [])
        assert store.integrity_ok()
        store.conn.execute("INSERT INTO articles_fts(articles_fts) VALUES('integrity-check')")


def test_hits_come_best_first_and_page_by_offset_or_key(tmp_path: Path) -> None:
    articles = [
        _article(i, "aid " * (1 + i % 4) + f"filler words number {i} of many here")
        for i in range(9)
    ]
    with Store(tmp_path / "s.db") as store:
        store.add_batch(articles, [])
        whole = store.search_articles("aid", limit=50)
        assert whole.total == 9 and whole.after is None
        ranked = [h.article.id for h in whole.items]
        assert ranked[:2] == ["a3", "a7"]  # four mentions rank above one
        assert all(h.article.text for h in whole.items)  # hits carry their text
        keyed, offset, after = [], 0, None
        while True:
            page = store.search_articles("aid", limit=2, after=after)
            by_offset = store.search_articles("aid", limit=2, offset=offset)
            assert [h.article.id for h in page.items] == [h.article.id for h in by_offset.items]
            assert page.offset == offset
            keyed.extend(h.article.id for h in page.items)
            if page.after is None:
                break
            after, offset = page.after, offset + 2
        assert keyed == ranked
        assert store.search_articles("!!", limit=5).total == 0


def test_the_migration_indexes_what_an_older_database_holds(tmp_path: Path) -> None:
    db = tmp_path / "old.db"
    conn = sqlite3.connect(db, isolation_level=None)
    for number in range(FTS_VERSION - 1):
        apply_migration(conn, number)
    conn.execute(
        "INSERT INTO articles (id, text_sha256, title, text, ingested_at) "
        "VALUES ('a1', 'x', 'Old news', 'The ceasefire held.', 'now')"
    )
    conn.execute(
        'INSERT INTO quotes (id, article_id, start, "end", extractor, text, speaker) '
        "VALUES ('q1', 'a1', 4, 13, 'quotes@1', 'ceasefire', 'Ilsa Varn')"
    )
    conn.close()
    with Store(db) as store:  # migrates
        assert store.found_version == FTS_VERSION - 1
        assert _hits(store, "ceasefire") == (["a1"], ["q1"])
        assert _hits(store, "old news") == (["a1"], [])
        later = _article(2, "A later ceasefire report.")
        store.add_batch([later], [])
        assert _hits(store, "ceasefire") == (["a1", "a2"], ["q1"])
