"""The record: dict round trips and stable ids."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from storyline.models import (
    FACT_TYPES,
    Article,
    Entity,
    Figure,
    Phase,
    Proposal,
    Quote,
    Term,
    make_id,
)

names = st.text(min_size=1, max_size=20)
maybe_names = st.none() | names


@given(
    text=st.text(max_size=50),
    start=st.integers(0, 1000),
    speaker=maybe_names,
    kind=st.sampled_from(["direct", "partial", "indirect"]),
)
def test_quote_round_trip(text: str, start: int, speaker: str | None, kind: str) -> None:
    quote = Quote(
        article="a", start=start, end=start + len(text), text=text, kind=kind, speaker=speaker
    )
    assert Quote.from_dict(quote.to_dict()) == quote


@given(
    value=st.none() | st.floats(allow_nan=False, allow_infinity=False),
    low=st.none() | st.floats(allow_nan=False, allow_infinity=False),
    source=maybe_names,
)
def test_figure_round_trip(value: float | None, low: float | None, source: str | None) -> None:
    figure = Figure(article="a", start=0, end=1, value=value, low=low, source=source)
    assert Figure.from_dict(figure.to_dict()) == figure


@given(
    days=st.none() | st.tuples(st.integers(1, 90), st.integers(1, 90)),
    terms=st.lists(names, max_size=3),
)
def test_proposal_round_trip(days: tuple[int, int] | None, terms: list[str]) -> None:
    phase = Phase(
        index=1, duration_days=days, terms=tuple(Term(kind="other", text=t) for t in terms)
    )
    proposal = Proposal(article="a", start=0, end=5, proposer="X", phases=(phase,))
    data = proposal.to_dict()
    assert isinstance(data["phases"][0]["terms"], list)
    assert Proposal.from_dict(data) == proposal


def test_entity_and_article_round_trip() -> None:
    entity = Entity(id="e-1", name="Ilse Varden", type="PERSON", aliases=("Varden",), mentions=3)
    assert Entity.from_dict(entity.to_dict()) == entity
    article = Article(id="x", text="Body.", published="2025-03-01")
    assert Article.from_dict(article.to_dict()) == article


def test_from_dict_ignores_unknown_keys() -> None:
    assert Quote.from_dict({"article": "a", "start": 0, "end": 1, "future_field": 1}).article == "a"


def test_ids_are_stable_and_distinct() -> None:
    assert make_id("q", "a", 1) == make_id("q", "a", 1)
    assert make_id("q", "a", 1) != make_id("q", "a", 2)
    stamped = Quote(article="a", start=3, end=9).with_provenance("quotes@1", 0)
    assert stamped.extractor == "quotes@1" and stamped.id.startswith("q-")


def test_fact_kinds() -> None:
    assert set(FACT_TYPES) == {"mention", "quote", "figure", "event", "proposal", "position"}
