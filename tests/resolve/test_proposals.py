"""One proposal across reports: sources merged, counterproposals linked, status history."""

from __future__ import annotations

from storyline.models import Article, Phase, Proposal, Term
from storyline.resolve.proposals import compare_terms, track_proposals

ARTICLES = [
    Article(id="a", text="x", outlet="Ledger", published="2025-03-04"),
    Article(id="b", text="x", outlet="Bluewater", published="2025-03-05"),
    Article(id="c", text="x", outlet="Kestrel", published="2025-03-06"),
    Article(id="d", text="x", outlet="Kestrel", published="2025-03-12"),
    Article(id="e", text="x", outlet="Kestrel", published="2025-03-21"),
]


def _phases(*days: int, aid: str = "up to 600 aid trucks a day") -> tuple[Phase, ...]:
    first = (Term(kind="ceasefire", text="fighting would stop"), Term(kind="aid", text=aid))
    return tuple(
        Phase(index=i + 1, duration_days=(d, d), terms=first if i == 0 else ())
        for i, d in enumerate(days)
    )


def _proposal(
    article: str,
    label: str,
    proposer: str | None,
    phases: tuple[Phase, ...],
    status: str = "proposed",
) -> Proposal:
    return Proposal(
        article=article,
        start=0,
        end=1,
        text=label,
        label=label,
        proposer=proposer,
        status=status,
        phases=phases,
        id=f"p-{article}",
    )


def test_one_plan_from_two_outlets_a_reference_and_a_counterproposal() -> None:
    proposals = [
        _proposal("a", "three-phase plan", "Lirevia", _phases(42, 42, 42)),
        _proposal("b", "truce plan", "Lirevia", _phases(42, 42, 42, aid="500 trucks a day")),
        _proposal(
            "c",
            "ceasefire plan",
            None,
            (Phase(index=0, terms=(Term(kind="ceasefire", text="ceasefire"),)),),
        ),
        _proposal("d", "counterproposal", "Veyra Front", _phases(60, 90)),
        _proposal("e", "bridging text", "Lirevia", _phases(42, 35, 35), status="accepted"),
    ]
    plan, counter = track_proposals(proposals, ARTICLES)
    assert plan.articles == ["a", "b", "c", "e"]
    assert counter.articles == ["d"] and counter.answers == plan.id
    history = [(h.status, h.date, h.article) for h in plan.history]
    assert history == [
        ("proposed", "2025-03-04", "a"),
        ("amended", "2025-03-21", "e"),
        ("accepted", "2025-03-21", "e"),
    ]
    assert plan.status == "accepted"
    assert [p.duration_days for p in plan.phases] == [(42, 42), (35, 35), (35, 35)]
    assert plan.to_dict()["answers"] is None and counter.to_dict()["answers"] == plan.id


def test_phase_count_alone_never_merges_two_proposers() -> None:
    proposals = [
        _proposal("a", "plan", "Lirevia", _phases(42, 42)),
        _proposal("b", "plan", "Corvania", _phases(42, 42)),
    ]
    assert len(track_proposals(proposals, ARTICLES)) == 2


def test_terms_that_differ_between_sources() -> None:
    proposals = [
        _proposal("a", "plan", "Lirevia", _phases(42, 42)),
        _proposal(
            "b",
            "plan",
            "Lirevia",
            (
                Phase(
                    index=1, duration_days=(42, 42), terms=(Term(kind="ceasefire", text="a truce"),)
                ),
            ),
        ),
    ]
    (plan,) = track_proposals(proposals, ARTICLES)
    (difference,) = compare_terms(plan)
    assert (difference.phase, difference.kind) == (1, "aid")
    assert (difference.present, difference.absent) == (("a",), ("b",))
    assert difference.texts == ("up to 600 aid trucks a day",)


def _bare(article: str, label: str = "ceasefire plan", status: str = "proposed") -> Proposal:
    """A reference that names no proposer and no phases ("the ceasefire plan")."""
    reference = (Phase(index=0, terms=(Term(kind="ceasefire", text="ceasefire"),)),)
    return _proposal(article, label, None, reference, status=status)


def test_a_bare_reference_is_not_to_a_counterproposal() -> None:
    """ "The deal" after a counterproposal still means the plan: a counterproposal is
    called by that name."""
    proposals = [
        _proposal("a", "three-phase plan", "Lirevia", _phases(42, 42, 42)),
        _proposal("d", "counterproposal", "Veyra Front", _phases(60, 90)),
        _bare("e", "deal"),
    ]
    plan, counter = track_proposals(proposals, ARTICLES)
    assert plan.articles == ["a", "e"] and counter.articles == ["d"]


def test_a_later_mention_does_not_take_a_plan_back_to_proposed() -> None:
    proposals = [
        _proposal("a", "three-phase plan", "Lirevia", _phases(42, 42, 42)),
        _proposal("b", "truce plan", "Lirevia", _phases(42, 42, 42), status="under_negotiation"),
        _bare("c"),
    ]
    (plan,) = track_proposals(proposals, ARTICLES)
    assert [(h.status, h.article) for h in plan.history] == [
        ("proposed", "a"),
        ("under_negotiation", "b"),
    ]
    assert plan.articles == ["a", "b", "c"] and plan.status == "under_negotiation"
