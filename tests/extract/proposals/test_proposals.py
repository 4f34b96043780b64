"""Proposals: phases, durations and terms on hand-built parses, the whole extractor on the
real model, golden files, and the dev gold files.

Every sentence here is invented (Qaremia, the Salt Coast Alliance and their Norvalese
mediators do not exist). Golden files live in ``tests/golden/proposals``: ``<case>.txt``
is the article, ``<case>.json`` the mentions and quotes the case is run with (as the
entities and quotes extractors gave them when the file was made, so the file pins only
the proposals code) and the proposals expected. Regenerate them on purpose, and review
the diff, with::

    REGEN_GOLDEN=1 .venv/bin/pytest tests/extract/proposals/test_proposals.py -k golden
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest
from spacy.language import Language
from spacy.tokens import Doc

from storyline.evaluate.score import proposal_view
from storyline.extract import get_extractors
from storyline.extract.proposals.lexicon import proposal_nouns, proposal_verbs, term_classes
from storyline.extract.proposals.phases import durations, first_days, phase_refs, tie_durations
from storyline.extract.proposals.proposals import extract_proposals
from storyline.extract.proposals.terms import find_terms
from storyline.extract.registry import Context
from storyline.models import TERM_KINDS, Article, Mention, Proposal, Quote
from storyline.pipeline import run_extractors

from ...handmade import parse, tokenize
from ...support import EXAMPLES_GOLD, GOLDEN_ROOT, score_extractors

GOLDEN = GOLDEN_ROOT / "proposals"
TERM_CLASSES = {
    "ceasefire", "stop", "fighting", "hostage", "captive", "prisoner", "release", "withdraw",
    "pull", "troops", "leave", "aid", "displaced", "return", "rebuild", "arms", "disarm",
    "talks", "start",
}  # fmt: skip


def kinds(doc: Doc) -> list[str]:
    return [t.kind for t in find_terms(list(doc))]


# -- lexicons ---------------------------------------------------------------------------


def test_lexicons_load_with_known_values() -> None:
    assert {n.kind for n in proposal_nouns().values()} == {"base", "counter"}
    assert set(proposal_verbs().values()) <= {
        "author", "table", "accepted", "rejected", "negotiated",
    }  # fmt: skip
    assert set().union(*term_classes().values()) <= TERM_CLASSES


# -- durations and phases (tokenizer only) ----------------------------------------------


@pytest.mark.parametrize(
    ("text", "low", "high", "each"),
    [
        ("two stages of 30 days each", 30, 30, True),
        ("a first phase of six weeks", 42, 42, False),
        ("four to five weeks each", 28, 35, True),
        ("between eight and ten weeks", 56, 70, False),
        ("a 45-day truce", 45, 45, False),
        ("two months", 60, 60, False),
    ],
)
def test_durations_are_days(text: str, low: int, high: int, each: bool) -> None:
    doc = tokenize(text)
    (found,) = durations(doc[:])
    assert (found.low, found.high, found.each) == (low, high, each)
    assert text[found.start : found.end].rstrip("s").endswith(("day", "week", "month"))


def test_a_count_without_a_unit_is_no_duration() -> None:
    assert durations(tokenize("three stages and 400 detainees")[:]) == []


@pytest.mark.parametrize(
    ("text", "count", "index"),
    [
        ("a three-phase plan", 3, None),
        ("two stages of the truce", 2, None),
        ("the second phase", None, 2),
        ("stage two of the plan", None, 2),
    ],
)
def test_phase_references(text: str, count: int | None, index: int | None) -> None:
    (ref,) = phase_refs(tokenize(text)[:], elliptical=False)
    assert (ref.count, ref.index) == (count, index)


def test_the_next_and_last_stage_are_relative() -> None:
    refs = phase_refs(tokenize("the next stage and the last stage")[:], elliptical=False)
    assert [r.relative for r in refs] == ["next", "last"]


def test_each_duration_measures_the_counted_phases() -> None:
    span = tokenize("The text sets out three phases, each lasting 40 days.")[:]
    ((ref, length),) = tie_durations(span, phase_refs(span, elliptical=False), durations(span))
    assert ref.count == 3 and (length.low, length.high) == (40, 40)


def test_a_duration_far_from_the_phase_measures_nothing() -> None:
    span = tokenize("The last stage would see the start of a five-year rebuilding plan.")[:]
    assert tie_durations(span, phase_refs(span, elliptical=False), durations(span)) == []


def test_the_first_days_give_an_opening_period() -> None:
    found = first_days(tokenize("troops would leave within the first 50 days")[:])
    assert found is not None and (found.low, found.high) == (50, 50)


# -- terms (hand-built parses) ----------------------------------------------------------


def test_fighting_that_stops_is_a_ceasefire() -> None:
    doc = parse(
        """
        fighting fighting NOUN NN nsubj 2
        would would AUX MD aux 2
        stop stop VERB VB ROOT 2
        . . PUNCT . punct 2
        """
    )
    assert kinds(doc) == ["ceasefire"]
    assert find_terms(list(doc))[0].text == "fighting would stop"


def test_troops_pulling_out_is_a_withdrawal() -> None:
    doc = parse(
        """
        Qaremian qaremian ADJ JJ amod 1
        troops troop NOUN NNS nsubj 3
        would would AUX MD aux 3
        pull pull VERB VB ROOT 3
        out out ADP RP prt 3
        . . PUNCT . punct 3
        """
    )
    assert kinds(doc) == ["withdrawal"]


def test_released_groups_split_into_hostages_and_prisoners() -> None:
    doc = parse(
        """
        the the DET DT det 2
        Alliance Alliance PROPN NNP nsubj 3
        would would AUX MD aux 3
        free free VERB VB ROOT 3
        20 20 NUM CD nummod 5
        captives captive NOUN NNS dobj 3
        in in ADP IN prep 3
        exchange exchange NOUN NN pobj 6
        for for ADP IN prep 7
        400 400 NUM CD nummod 10
        detainees detainee NOUN NNS pobj 8
        . . PUNCT . punct 3
        """
    )
    assert sorted(kinds(doc)) == ["hostage_release", "prisoner_release"]


def test_release_of_people_with_no_hostage_word_is_a_hostage_release() -> None:
    doc = parse(
        """
        the the DET DT det 1
        Alliance Alliance PROPN NNP nsubj 3
        would would AUX MD aux 3
        release release VERB VB ROOT 3
        women woman NOUN NNS dobj 3
        and and CCONJ CC cc 4
        children child NOUN NNS conj 4
        . . PUNCT . punct 3
        """
    )
    assert kinds(doc) == ["hostage_release"]


def test_captives_brought_home_are_a_hostage_release() -> None:
    doc = parse(
        """
        the the DET DT det 1
        stage stage NOUN NN nsubj 3
        would would AUX MD aux 3
        bring bring VERB VB ROOT 3
        the the DET DT det 5
        captives captive NOUN NNS dobj 3
        home home ADV RB advmod 3
        . . PUNCT . punct 3
        """
    )
    assert kinds(doc) == ["hostage_release"]


def test_not_rebuilding_an_arsenal_is_disarmament_and_talks_that_begin_a_negotiation() -> None:
    doc = parse(
        """
        the the DET DT det 1
        Alliance Alliance PROPN NNP nsubj 3
        would would AUX MD aux 3
        agree agree VERB VB ROOT 3
        not not PART RB neg 6
        to to PART TO aux 6
        rebuild rebuild VERB VB xcomp 3
        its its PRON PRP$ poss 8
        arsenal arsenal NOUN NN dobj 6
        and and CCONJ CC cc 3
        talks talk NOUN NNS nsubj 12
        would would AUX MD aux 12
        begin begin VERB VB conj 3
        . . PUNCT . punct 3
        """
    )
    assert kinds(doc) == ["disarmament", "negotiation"]


def test_displaced_people_going_home_and_aid() -> None:
    doc = parse(
        """
        displaced displace VERB VBN amod 1
        families family NOUN NNS nsubj 3
        would would AUX MD aux 3
        return return VERB VB ROOT 3
        home home ADV RB advmod 3
        and and CCONJ CC cc 3
        food food NOUN NN nsubj 8
        would would AUX MD aux 8
        flow flow VERB VB conj 3
        . . PUNCT . punct 3
        """
    )
    assert kinds(doc) == ["return_of_displaced", "aid"]


def test_terms_in_skipped_tokens_are_not_read() -> None:
    doc = parse(
        """
        troops troop NOUN NNS nsubj 1
        withdraw withdraw VERB VBP ROOT 1
        . . PUNCT . punct 1
        """
    )
    assert find_terms(list(doc), skip={0, 1}) == []


# -- the whole extractor, real model ----------------------------------------------------


def run_article(nlp: Language, text: str) -> list[Proposal]:
    article = Article(id="a1", text=text, published="2031-03-04")
    wanted = [e for e in get_extractors() if e.name in ("entities", "quotes", "proposals")]
    facts = run_extractors(nlp(text), article, wanted)
    return [f for f in facts if isinstance(f, Proposal)]


@pytest.mark.slow
def test_mentions_of_one_plan_merge_into_one_proposal(nlp: Language) -> None:
    text = (
        "Norvale on Monday presented a ceasefire plan drafted by the Ostin League. "
        "The plan lays out two stages of five weeks each. In the first stage, Qaremian "
        "troops would withdraw from the delta. The second stage would bring the release "
        "of all captives. Qaremia later accepted the plan."
    )
    (proposal,) = run_article(nlp, text)
    assert proposal.proposer == "Ostin League"
    assert proposal.status == "accepted"
    view = proposal_view(proposal.to_dict())
    assert view["phase_count"] == 2 and view["phase_duration_days"] == [35, 35]
    assert proposal.phases[0].terms[-1].kind == "withdrawal"
    assert [t.kind for t in proposal.phases[1].terms] == ["hostage_release"]
    assert text[proposal.start : proposal.end] == proposal.text == "ceasefire plan"


@pytest.mark.slow
def test_a_demand_that_a_plan_be_accepted_is_no_acceptance(nlp: Language) -> None:
    text = (
        "The Ostin League tabled a two-stage plan to free the captives. "
        "Families marched to demand that Qaremia accept the plan."
    )
    assert [p.status for p in run_article(nlp, text)] == ["proposed"]


@pytest.mark.slow
def test_a_counterproposal_only_named_is_no_proposal(nlp: Language) -> None:
    text = (
        "Aurel Mandrik rejected the Alliance's counterproposal on Tuesday. "
        "He said Qaremia would keep its troops in the delta."
    )
    assert run_article(nlp, text) == []


@pytest.mark.slow
def test_a_proposal_without_phases_keeps_its_terms_in_phase_zero(nlp: Language) -> None:
    text = "The mediators tabled a peace plan to free the captives and reopen aid routes."
    (proposal,) = run_article(nlp, text)
    (phase,) = proposal.phases
    assert phase.index == 0 and phase.duration_days is None
    assert {t.kind for t in phase.terms} >= {"hostage_release", "aid"}


# -- golden files ------------------------------------------------------------------------


def golden_cases() -> list[str]:
    return sorted(p.stem for p in GOLDEN.glob("*.txt"))


def golden_title(name: str) -> str | None:
    """An official statement's title (``<case>.title``): who "I" and "we" are."""
    path = GOLDEN / f"{name}.title"
    return path.read_text(encoding="utf-8").strip() if path.exists() else None


def golden_context(nlp: Language, text: str, article: Article) -> dict[str, Any]:
    """The mentions and quotes a case runs with, from the live extractors."""
    wanted = [e for e in get_extractors() if e.name in ("entities", "quotes")]
    facts = run_extractors(nlp(text), article, wanted)
    return {
        "mentions": [f.to_dict() for f in facts if isinstance(f, Mention)],
        "quotes": [f.to_dict() for f in facts if isinstance(f, Quote)],
    }


def run_golden(nlp: Language, name: str, regenerate: bool) -> tuple[list[Any], list[Any]]:
    text = (GOLDEN / f"{name}.txt").read_text(encoding="utf-8")
    article = Article(id=name, text=text, published="2031-03-04", title=golden_title(name))
    path = GOLDEN / f"{name}.json"
    saved = None if regenerate else json.loads(path.read_text(encoding="utf-8"))
    context = golden_context(nlp, text, article) if saved is None else saved["context"]
    facts = {
        "entities": [Mention.from_dict(m) for m in context["mentions"]],
        "quotes": [Quote.from_dict(q) for q in context["quotes"]],
    }
    got = [p.to_dict() for p in extract_proposals(nlp(text), Context(article, facts))]
    if regenerate:
        path.write_text(
            json.dumps({"context": context, "proposals": got}, indent=2, ensure_ascii=False) + "\n",
            encoding="utf-8",
        )
        return got, got
    return got, saved["proposals"] if saved is not None else []


@pytest.mark.slow
@pytest.mark.parametrize("name", golden_cases())
def test_golden(nlp: Language, name: str) -> None:
    got, expected = run_golden(nlp, name, bool(os.environ.get("REGEN_GOLDEN")))
    assert got == expected
    text = (GOLDEN / f"{name}.txt").read_text(encoding="utf-8")
    for proposal in got:
        assert text[proposal["start"] : proposal["end"]] == proposal["text"]
        assert {t["kind"] for p in proposal["phases"] for t in p["terms"]} <= set(TERM_KINDS)


# -- the dev gold files ------------------------------------------------------------------


def score_proposals(nlp: Language, gold_file: Path) -> dict[str, Any]:
    names = ("entities", "quotes", "proposals")
    return score_extractors(nlp, gold_file, names, "proposals")["proposal"]


@pytest.mark.slow
def test_seeds_phases_and_durations(nlp: Language, shared_dir: Path) -> None:
    scores = score_proposals(nlp, shared_dir / "data/gold/seeds.json")
    assert scores["f1"] == 1.0, scores
    assert scores["phase_count"] == 1.0 and scores["phase_duration"] == 1.0, scores


@pytest.mark.slow
def test_examples_floor(nlp: Language) -> None:
    scores = score_proposals(nlp, EXAMPLES_GOLD)
    assert scores["f1"] >= 0.9 and scores["phase_duration"] >= 0.9, scores
    assert scores["terms_jaccard"] >= 0.8 and scores["proposer"] >= 0.9, scores
