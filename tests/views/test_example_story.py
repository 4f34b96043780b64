"""The example corpus tells the story it was written to tell: each verdict and each link.

``examples/corpus`` holds on purpose (see ``examples/README.md``): one strike's toll given
differently by two outlets on the same day (a contradiction) and revised by a third days
later (an update); the mediators' three-phase plan reported by two outlets that put the
troops' pullback in different phases; the Front's counterproposal answering that plan; a
syndicated reprint of a Kestrel Wire report; and a rowing report that has nothing to do
with the war. The corpus is ingested once per session (``corpus_db``, shared with the API
and dashboard tests).
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator

import pytest

from storyline.cli import main
from storyline.models import Figure
from storyline.resolve.compare import FigureGroup
from storyline.resolve.proposals import TrackedProposal, compare_terms
from storyline.resolve.stories import Story
from storyline.store import Store
from storyline.views.stories import compare_story_figures, list_stories, story_proposals

from ..api.support import corpus_db

pytestmark = pytest.mark.slow

KESTREL_STRIKE = "03-kestrel-telvano-strike.md"
VEYRA_TODAY_FUNERALS = "04-veyra-today.jsonl:1"
LEDGER_PLAN = "02-ledger-three-phase-plan.md"
LEDGER_TOLL_RISES = "06-ledger-brosz-meets-mediators.md"
COUNTERPROPOSAL = "08-kestrel-front-counterproposal.md"
AMBERLINE = "11-amberline-plan-and-toll.md"
REPRINT = "12-fennick-reprint-telvano-strike.md"
REGATTA = "13-fennick-lenne-regatta.md"


@pytest.fixture(scope="module")
def store() -> Iterator[Store]:
    with Store(corpus_db(), read_only=True) as opened:
        yield opened


@pytest.fixture(scope="module")
def ids(store: Store) -> dict[str, str]:
    """Corpus file name (``name.jsonl:N`` for a record) → stored article id."""
    return {os.path.basename(a.source or ""): a.id for a in store.articles()}


@pytest.fixture(scope="module")
def stories(store: Store) -> list[Story]:
    return list_stories(store)


@pytest.fixture(scope="module")
def telvano_toll(store: Store, ids: dict[str, str]) -> FigureGroup:
    """The Telvano market strike's dead, as the largest story compares them."""
    groups = [
        g
        for g in compare_story_figures(store)
        if g.kind == "killed" and g.where == "Telvano" and ids[KESTREL_STRIKE] in _articles(g)
    ]
    assert len(groups) == 1, groups
    return groups[0]


@pytest.fixture(scope="module")
def proposals(store: Store) -> list[TrackedProposal]:
    return story_proposals(store)


@pytest.fixture(scope="module")
def plan(proposals: list[TrackedProposal], ids: dict[str, str]) -> TrackedProposal:
    (found,) = [p for p in proposals if ids[LEDGER_PLAN] in p.articles]
    return found


def _articles(group: FigureGroup) -> list[str]:
    return [v.article for v in group.values]


def _verdict(group: FigureGroup, article_a: str, article_b: str) -> str:
    """The verdict on the pair of values from the two articles (each gives one)."""
    index = {v.article: i for i, v in enumerate(group.values)}
    wanted = {index[article_a], index[article_b]}
    (verdict,) = [p.verdict for p in group.pairs if {p.a, p.b} == wanted]
    return verdict


def test_the_war_reports_are_one_story_and_the_reprint_counts_once(
    stories: list[Story], ids: dict[str, str]
) -> None:
    largest = stories[0]
    assert largest.copies == {ids[REPRINT]: ids[KESTREL_STRIKE]}
    assert set(largest.articles) == set(ids.values()) - {ids[REGATTA]}
    # The reprint is listed with its story but is no report of its own.
    assert len(largest.articles) - len(largest.copies) == len(ids) - 2


def test_the_unrelated_report_is_a_story_of_its_own(
    stories: list[Story], ids: dict[str, str]
) -> None:
    assert len(stories) == 2
    assert stories[1].articles == (ids[REGATTA],)
    assert stories[1].copies == {}


def test_two_outlets_giving_the_same_toll_differently_on_one_day_contradict(
    telvano_toll: FigureGroup, ids: dict[str, str]
) -> None:
    by_article = {v.article: v for v in telvano_toll.values}
    amberline, veyra_today = by_article[ids[AMBERLINE]], by_article[ids[VEYRA_TODAY_FUNERALS]]
    assert (amberline.value, amberline.outlet) == (31, "Amberline News")
    assert (veyra_today.value, veyra_today.outlet) == (17, "Veyra Today")
    assert amberline.published == veyra_today.published == "2025-03-06"
    assert _verdict(telvano_toll, ids[AMBERLINE], ids[VEYRA_TODAY_FUNERALS]) == "contradiction"


def test_the_toll_revised_days_later_is_an_update(
    telvano_toll: FigureGroup, ids: dict[str, str]
) -> None:
    by_article = {v.article: v for v in telvano_toll.values}
    first, revised = by_article[ids[KESTREL_STRIKE]], by_article[ids[LEDGER_TOLL_RISES]]
    # "killed 12 people" on 6 March; "has risen to at least 19" on 11 March.
    assert (first.value, first.qualifier) == (12, "exact")
    assert (revised.value, revised.qualifier, revised.published) == (19, "at_least", "2025-03-11")
    assert _verdict(telvano_toll, ids[KESTREL_STRIKE], ids[LEDGER_TOLL_RISES]) == "update"


def test_the_reprint_carries_figures_but_is_no_source_in_comparisons(
    store: Store, ids: dict[str, str]
) -> None:
    reprinted = [f for f in store.facts(Figure) if f.article == ids[REPRINT]]
    assert any(f.kind == "killed" and f.value == 12 for f in reprinted)
    compared = {v.article for g in compare_story_figures(store) for v in g.values}
    assert ids[KESTREL_STRIKE] in compared
    assert ids[REPRINT] not in compared


def test_one_plan_from_two_outlets_is_one_proposal(
    proposals: list[TrackedProposal], plan: TrackedProposal, ids: dict[str, str]
) -> None:
    assert plan.proposer == "Lirevia"
    assert [p.duration_days for p in plan.phases] == [(42, 42)] * 3
    assert ids[AMBERLINE] in plan.articles
    assert ids[REPRINT] not in plan.articles
    # The Amberline account joined the Ledger's proposal instead of starting another.
    assert [p for p in proposals if p.proposer == "Lirevia"] == [plan]


def test_the_term_the_two_outlets_differ_on(plan: TrackedProposal, ids: dict[str, str]) -> None:
    """Amberline puts the pullback from Telvano in the first phase, the Ledger in the second."""
    differences = {(d.phase, d.kind): d for d in compare_terms(plan)}
    first = differences[(1, "withdrawal")]
    assert ids[AMBERLINE] in first.present and ids[LEDGER_PLAN] in first.absent
    assert any("pull back from Telvano" in t for t in first.texts)
    second = differences[(2, "withdrawal")]
    assert second.present == (ids[LEDGER_PLAN],) and second.absent == (ids[AMBERLINE],)
    # On every other term of every phase the two outlets agree.
    both = {ids[LEDGER_PLAN], ids[AMBERLINE]}
    disputed = {
        key
        for key, d in differences.items()
        if len(both & set(d.present)) == 1 and len(both & set(d.absent)) == 1
    }
    assert disputed == {(1, "withdrawal"), (2, "withdrawal")}


def test_compare_proposals_prints_the_differing_term(
    capsys: pytest.CaptureFixture[str], ids: dict[str, str]
) -> None:
    assert main(["compare", "proposals", "--db", str(corpus_db()), "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    (row,) = [r for r in rows if (r["phase"], r["kind"]) == (1, "withdrawal")]
    assert row["proposer"] == "Lirevia"
    assert ids[AMBERLINE] in row["present"] and ids[LEDGER_PLAN] in row["absent"]


def test_the_counterproposal_answers_the_plan(
    proposals: list[TrackedProposal], plan: TrackedProposal, ids: dict[str, str]
) -> None:
    (counter,) = [p for p in proposals if ids[COUNTERPROPOSAL] in p.articles]
    assert counter.proposer == "Veyra Front"
    assert counter.answers == plan.id
    assert [p.duration_days for p in counter.phases] == [(60, 60), (90, 90)]
    assert plan.answers is None
