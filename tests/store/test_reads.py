"""The store's filtered, paged reads: every filter, offset and keyset paging, time limits."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from storyline.errors import StoreError
from storyline.models import Article, Entity, Event, Figure, Position, Quote
from storyline.resolve.entities import NAME_FIELDS
from storyline.store import (
    Actors,
    ArticleQuery,
    FactQuery,
    QueryTimeoutError,
    Store,
    change_token,
    fact_key,
)
from storyline.store.entities import MemberRow
from storyline.store.reads import ACTOR_COLUMNS

ENDLESS = "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT count(*) FROM c"


def _article(i: int, outlet: str | None, published: str | None) -> Article:
    text = f"Report {i}. Annika Brosz met Karl Varn. “We want a truce,” said Brosz. 40 died."
    return Article(
        id=f"a{i}",
        text=text,
        title=f"Report {i}",
        outlet=outlet,
        published=published,
        text_sha256=f"{i:064d}",
    )


def _facts(article: Article, i: int) -> list[Quote | Event | Figure | Position]:
    text = article.text
    q = text.index("We want")
    return [
        Quote(
            article=article.id,
            start=q,
            end=q + 14,
            text=text[q : q + 14],
            speaker="Brosz" if i % 2 else "Ada Lind",
            kind="direct" if i % 3 else "partial",
            id=f"q{i}",
            extractor="quotes@1",
        ),
        Event(
            article=article.id,
            start=10,
            end=13,
            text="met",
            type="CONSULT" if i % 2 else "ACCUSE",
            actor="Brosz",
            target="Karl Varn",
            date=f"2025-03-{i + 1:02d}" if i < 5 else None,
            period="2025-W12" if i == 5 else ("2025-04" if i == 6 else None),
            status="planned" if i == 3 else "occurred",
            id=f"e{i}",
            extractor="events@1",
        ),
        Figure(
            article=article.id,
            start=text.index("40"),
            end=text.index("40") + 2,
            text="40",
            value=40.0,
            kind="killed",
            source="officials",
            id=f"f{i}",
            extractor="figures@1",
        ),
    ]


@pytest.fixture
def store(tmp_path: Path) -> Store:
    """Eight articles (one undated, one without outlet) with a quote, an event, a figure."""
    outlets = ["Kestrel Wire", "kestrel wire", "Veyra Today", None]
    articles = [
        _article(i, outlets[i % 4], f"2025-03-{i + 1:02d}" if i != 7 else None) for i in range(8)
    ]
    with Store(tmp_path / "s.db") as writer:
        writer.add_batch(articles, [f for i, a in enumerate(articles) for f in _facts(a, i)])
        brosz = Entity(id="e-brosz", name="Annika Brosz", aliases=("Brosz",), mentions=9)
        writer.replace_entities([brosz, Entity(id="e-varn", name="Karl Varn")])
        with writer.transaction("members"):
            writer.add_entity_members(
                MemberRow(a.id, "Brosz", "e-brosz", "{}") for a in articles[:4]
            )
    return Store(tmp_path / "s.db", read_only=True)


def test_actor_columns_are_the_resolvers_name_fields() -> None:
    assert set(ACTOR_COLUMNS) == set(NAME_FIELDS)


def test_names_are_lifted_to_the_entitys_and_quotes_get_their_speakers_entity(
    store: Store,
) -> None:
    rows = store.query_facts(Quote, FactQuery()).items
    by_article = {r.fact.article: r.fact for r in rows if isinstance(r.fact, Quote)}
    assert by_article["a1"].speaker == "Annika Brosz"  # a1's "Brosz" joined the entity
    assert by_article["a1"].speaker_entity == "e-brosz"
    assert by_article["a5"].speaker == "Brosz"  # a5's was never resolved: left as stored
    assert by_article["a5"].speaker_entity is None
    row = next(r for r in rows if r.fact.article == "a0")
    assert (row.outlet, row.published) == ("Kestrel Wire", "2025-03-01")


def test_every_filter(store: Store) -> None:
    def ids(cls: type, **where: object) -> list[str]:
        return [r.fact.id for r in store.query_facts(cls, FactQuery(**where)).items]  # type: ignore[arg-type]

    assert ids(Quote, article="a2") == ["q2"]
    assert ids(Quote, articles=("a2", "a4", "zz")) == ["q2", "q4"]
    assert ids(Quote, outlet="KESTREL WIRE") == ["q0", "q1", "q4", "q5"]  # case ignored
    assert ids(Quote, kind="partial") == ["q0", "q3", "q6"]
    assert ids(Event, kind="ACCUSE") == ["e0", "e2", "e4", "e6"]
    assert ids(Event, statuses=("planned",)) == ["e3"]
    assert ids(Quote, text="WANT a") == [f"q{i}" for i in range(8)]
    assert ids(Quote, text="want_") == []  # LIKE's wildcards are plain characters
    assert ids(Figure, statuses=("occurred",)) == [f"f{i}" for i in range(8)]
    # Other facts by their article's day (a7 is undated); events by their own.
    assert ids(Quote, start="2025-03-03", end="2025-03-04") == ["q2", "q3"]
    assert ids(Quote, start="2025-03-07") == ["q6"]
    # e5's week 12 of 2025 is 17-23 March, e6's April; e7 is undated.
    assert ids(Event, start="2025-03-05", end="2025-03-18") == ["e4", "e5"]
    assert ids(Event, start="2025-04-30") == ["e6"]
    assert ids(Event, end="2025-03-01") == ["e0"]


def test_actors_by_entity_and_by_stored_name(store: Store) -> None:
    def ids(cls: type, actors: Actors) -> list[str]:
        found = store.query_facts(cls, FactQuery(actors=actors)).items  # type: ignore[arg-type]
        return [r.fact.id for r in found]

    # Resolved names count through the entity; unresolved ones only when listed.
    assert ids(Quote, Actors(entities=("e-brosz",))) == ["q1", "q3"]
    assert ids(Quote, Actors(entities=("e-brosz",), names=("Brosz",))) == ["q1", "q3", "q5", "q7"]
    # A stored name tied to another entity than the one asked for does not count.
    assert ids(Quote, Actors(names=("Brosz",))) == ["q5", "q7"]
    assert ids(Event, Actors(names=("Karl Varn",))) == [f"e{i}" for i in range(8)]
    assert ids(Figure, Actors(entities=("e-brosz",))) == []
    page = store.query_facts(Quote, FactQuery(actors=Actors(names=("Ada Lind",))), limit=2)
    assert page.total == 4 and page.after == fact_key(page.items[-1].fact)


@settings(max_examples=25, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(limit=st.integers(1, 9), kind=st.sampled_from([None, "direct"]))
def test_offset_and_keyset_pages_agree(store: Store, limit: int, kind: str | None) -> None:
    query = FactQuery(kind=kind)
    whole = [r.fact.id for r in store.query_facts(Quote, query).items]
    by_offset, by_key, after, offset = [], [], None, 0
    while True:
        page = store.query_facts(Quote, query, limit=limit, offset=offset)
        assert page.offset == offset and page.total == len(whole)
        by_offset.extend(r.fact.id for r in page.items)
        keyed = store.query_facts(Quote, query, limit=limit, after=after)
        assert keyed.offset == len(by_key)
        by_key.extend(r.fact.id for r in keyed.items)
        if page.after is None:
            assert keyed.after is None
            break
        after, offset = keyed.after, offset + limit
    assert by_offset == by_key == whole


def test_articles_filters_order_and_paging(store: Store) -> None:
    def ids(**where: object) -> list[str]:
        return [a.id for a in store.query_articles(ArticleQuery(**where)).items]  # type: ignore[arg-type]

    assert ids() == [f"a{i}" for i in range(8)]  # by day, undated (a7) last
    assert ids(outlet="kestrel WIRE") == ["a0", "a1", "a4", "a5"]
    assert ids(start="2025-03-02", end="2025-03-03") == ["a1", "a2"]
    assert ids(entities=("e-brosz",)) == ["a0", "a1", "a2", "a3"]
    assert ids(articles=("a6", "a7", "nope")) == ["a6", "a7"]
    assert ids(words="report 5") == ["a5"]
    assert ids(words="truc") == ids()  # the last word of a phrase is a prefix
    assert ids(words="!!") == []
    first = store.query_articles(ArticleQuery(), limit=5)
    assert [a.text for a in first.items] == [""] * 5  # texts only when asked for
    rest = store.query_articles(ArticleQuery(), limit=5, after=first.after, with_text=True)
    assert [a.id for a in rest.items] == ["a5", "a6", "a7"] and rest.offset == 5
    assert rest.items[0].text.startswith("Report 5.") and rest.after is None


def test_single_reads(store: Store) -> None:
    article = store.article("a3")
    assert (
        article is not None and article.text.startswith("Report 3") and store.article("x") is None
    )
    assert set(store.articles_by_id(["a1", "a2", "zz"])) == {"a1", "a2"}
    entity = store.entity("e-brosz")
    assert entity is not None and entity.aliases == ("Brosz",) and store.entity("x") is None
    assert store.count_entities() == 2
    outlets = store.outlets()
    assert (outlets[0].outlet, outlets[0].articles) == ("Kestrel Wire", 4)
    assert store.outlets()[-1].outlet is None
    assert store.actor_names(Event) == {
        "actor": ["Brosz"],
        "target": ["Karl Varn"],
    }
    rows = store.facts_by_id(Quote, ["q1", "nope"])
    assert list(rows) == ["q1"] and rows["q1"].fact.speaker == "Annika Brosz"


def test_the_change_token_moves_with_a_write(store: Store) -> None:
    before = change_token(store.path)
    assert store.change_token() == before  # reading changes nothing
    with Store(store.path) as writer:
        writer.replace_entities([])
    assert change_token(store.path) != before
    assert change_token(Path(store.path).parent / "none.db") == (None, None)


def test_a_query_over_the_time_limit_is_stopped(store: Store) -> None:
    with Store(store.path, read_only=True, query_timeout_ms=50) as limited:
        with pytest.raises(QueryTimeoutError, match="longer than 50 ms") as caught, limited.reads():
            limited.conn.execute(ENDLESS).fetchall()
        assert caught.value.limit_ms == 50
        assert limited.count_articles() == 8  # the connection goes on serving
        with pytest.raises(StoreError, match="cannot read") as other, limited.reads():
            limited.conn.execute("SELECT * FROM no_such_table")
        assert not isinstance(other.value, QueryTimeoutError)


def test_no_limit_without_the_setting_and_never_on_a_writer(tmp_path: Path) -> None:
    with Store(tmp_path / "w.db", query_timeout_ms=1) as writer:
        assert writer.query_timeout_ms is None  # a write is never cut short
    with Store(tmp_path / "w.db", read_only=True, query_timeout_ms=0) as reader:
        assert reader.query_timeout_ms is None


def test_a_read_only_store_may_be_used_from_another_thread(store: Store) -> None:
    found: list[int] = []
    worker = threading.Thread(target=lambda: found.append(store.count_articles()))
    worker.start()
    worker.join()
    assert found == [8]


def test_a_paging_key_of_the_wrong_shape_is_a_store_error(store: Store) -> None:
    with pytest.raises(StoreError):
        store.query_facts(Quote, FactQuery(), limit=2, after=("a1",))
