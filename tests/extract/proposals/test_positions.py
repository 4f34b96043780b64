"""Positions: stance cues and holders on hand-built parses, the real model on invented
sentences, golden files, and the dev gold files.

Every sentence here is invented (Qaremia, the Salt Coast Alliance and their Norvalese
mediators do not exist). Golden files live in ``tests/golden/positions``: ``<case>.txt``
is the article, ``<case>.json`` the mentions and quotes the case is run with (as the
entities and quotes extractors gave them when the file was made, so the file pins only
the positions code) and the positions expected. Regenerate them on purpose, and review
the diff, with::

    REGEN_GOLDEN=1 .venv/bin/pytest tests/extract/proposals/test_positions.py -k golden
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest
from spacy.language import Language
from spacy.tokens import Doc

from storyline.extract import get_extractors
from storyline.extract.proposals.cues import find_cues
from storyline.extract.proposals.lexicon import condition_markers, stance_cues
from storyline.extract.proposals.positions import extract_positions
from storyline.extract.registry import Context
from storyline.models import STANCES, Article, Mention, Position, Quote
from storyline.pipeline import run_extractors

from ...handmade import parse
from ...support import EXAMPLES_GOLD, GOLDEN_ROOT, score_extractors

GOLDEN = GOLDEN_ROOT / "positions"


def stances(doc: Doc) -> list[tuple[str, str]]:
    return [(c.token.text, c.stance) for c in find_cues(doc[:])]


def mention(doc: Doc, word: str, name: str, kind: str, **extra: Any) -> Mention:
    start = doc.text.index(word)
    return Mention(
        article="a1", start=start, end=start + len(word), text=word, name=name, type=kind,
        **extra,
    )  # fmt: skip


def positions(doc: Doc, mentions: list[Mention]) -> list[Position]:
    article = Article(id="a1", text=doc.text)
    return extract_positions(doc, Context(article, {"entities": mentions, "quotes": []}))


# -- lexicons ---------------------------------------------------------------------------


def test_lexicons_speak_the_contract_vocabulary() -> None:
    table = stance_cues()
    assert {pos for _, pos in table} == {"VERB", "ADJ", "NOUN"}
    assert {c.stance for cues in table.values() for c in cues} <= set(STANCES)
    assert ("if",) in condition_markers() and ("as", "long", "as") in condition_markers()


# -- cues (hand-built parses) -----------------------------------------------------------

REJECTED = """
Mandrik Mandrik PROPN NNP nsubj 1
rejected reject VERB VBD ROOT 1
the the DET DT det 3
plan plan NOUN NN dobj 1
. . PUNCT . punct 1
"""


def test_a_stance_verb_is_a_cue() -> None:
    assert stances(parse(REJECTED)) == [("rejected", "reject")]


def test_a_negated_acceptance_is_a_rejection() -> None:
    doc = parse(
        """
        Mandrik Mandrik PROPN NNP nsubj 3
        did do AUX VBD aux 3
        not not PART RB neg 3
        accept accept VERB VB ROOT 3
        the the DET DT det 5
        plan plan NOUN NN dobj 3
        . . PUNCT . punct 3
        """
    )
    assert stances(doc) == [("accept", "reject")]


def test_an_acceptance_with_if_is_a_condition() -> None:
    doc = parse(
        """
        Qaremia Qaremia PROPN NNP nsubj 2
        would would AUX MD aux 2
        agree agree VERB VB ROOT 2
        to to ADP IN prep 2
        a a DET DT det 5
        truce truce NOUN NN pobj 3
        if if SCONJ IN mark 8
        Telmani Telmani PROPN NNP nsubj 8
        agreed agree VERB VBD advcl 2
        . . PUNCT . punct 2
        """
    )
    # the "agreed" inside the if clause is the condition's content, not a stance
    assert stances(doc) == [("agree", "condition")]


def test_a_cue_in_another_cues_complement_is_not_its_own() -> None:
    doc = parse(
        """
        Osk Osk PROPN NNP nsubj 1
        urged urge VERB VBD ROOT 1
        Qaremia Qaremia PROPN NNP dobj 1
        to to PART TO aux 4
        accept accept VERB VB xcomp 1
        the the DET DT det 6
        plan plan NOUN NN dobj 4
        . . PUNCT . punct 1
        """
    )
    assert stances(doc) == [("urged", "demand")]


def test_a_stance_noun_and_a_readiness_adjective() -> None:
    doc = parse(
        """
        Mandrik Mandrik PROPN NNP poss 2
        's 's PART POS case 0
        rejection rejection NOUN NN nsubj 3
        surprised surprise VERB VBD ROOT 3
        Telmani Telmani PROPN NNP dobj 3
        , , PUNCT , punct 3
        who who PRON WP nsubj 7
        was be AUX VBD relcl 4
        ready ready ADJ JJ acomp 7
        to to PART TO aux 10
        talk talk VERB VB xcomp 8
        . . PUNCT . punct 3
        """
    )
    assert stances(doc) == [("rejection", "reject"), ("ready", "offer")]


def test_must_in_a_reported_clause_is_a_demand_and_a_negated_future_a_refusal() -> None:
    doc = parse(
        """
        Osk Osk PROPN NNP nsubj 1
        said say VERB VBD ROOT 1
        Qaremia Qaremia PROPN NNP nsubj 4
        must must AUX MD aux 4
        open open VERB VB ccomp 1
        the the DET DT det 6
        crossings crossing NOUN NNS dobj 4
        and and CCONJ CC cc 1
        Mandrik Mandrik PROPN NNP nsubj 11
        would would AUX MD aux 11
        not not PART RB neg 11
        budge budge VERB VB conj 1
        . . PUNCT . punct 1
        """
    )
    assert stances(doc) == [("must", "demand"), ("budge", "reject")]


# -- holders (hand-built parses with mentions) ------------------------------------------


def test_the_subject_holds_the_stance() -> None:
    doc = parse(REJECTED)
    found = positions(doc, [mention(doc, "Mandrik", "Aurel Mandrik", "PERSON", role="PM")])
    (position,) = found
    assert (position.holder, position.stance, position.issue) == (
        "Aurel Mandrik",
        "reject",
        "the plan",
    )
    assert doc.text[position.start : position.end] == position.text


def test_a_person_reporting_their_own_side_holds_its_stance() -> None:
    doc = parse(
        """
        Mandrik Mandrik PROPN NNP nsubj 1
        said say VERB VBD ROOT 1
        Qaremia Qaremia PROPN NNP nsubj 5
        would would AUX MD aux 5
        not not PART RB neg 5
        accept accept VERB VB ccomp 1
        the the DET DT det 7
        text text NOUN NN dobj 5
        . . PUNCT . punct 1
        """
    )
    mentions = [
        mention(doc, "Mandrik", "Aurel Mandrik", "PERSON", affiliation="Qaremia"),
        mention(doc, "Qaremia", "Qaremia", "GPE"),
    ]
    (position,) = positions(doc, mentions)
    assert (position.holder, position.stance) == ("Aurel Mandrik", "reject")


def test_a_bystander_named_once_holds_no_position() -> None:
    doc = parse(REJECTED)
    assert positions(doc, [mention(doc, "Mandrik", "Mandrik", "PERSON")]) == []


def test_an_anonymous_source_holds_no_position() -> None:
    doc = parse(REJECTED)
    found = positions(doc, [mention(doc, "Mandrik", "unnamed official", "PERSON", role="x")])
    assert found == []


def test_an_office_speaks_for_its_head() -> None:
    doc = parse(
        """
        Mandrik Mandrik PROPN NNP poss 2
        's 's PART POS case 0
        office office NOUN NN nsubj 3
        rejected reject VERB VBD ROOT 3
        the the DET DT det 5
        plan plan NOUN NN dobj 3
        . . PUNCT . punct 3
        """
    )
    mentions = [
        mention(doc, "Mandrik's office", "Mandrik's office", "ORG"),
        mention(doc, "Mandrik", "Aurel Mandrik", "PERSON", role="PM"),
    ]
    (position,) = positions(doc, mentions)
    assert (position.holder, position.stance) == ("Aurel Mandrik", "reject")


def test_a_dateline_is_not_the_subject() -> None:
    doc = parse(
        """
        KALVAR KALVAR PROPN NNP nsubj 6
        , , PUNCT , punct 0
        Qaremia Qaremia PROPN NNP conj 0
        — — PUNCT : punct 0
        Mandrik Mandrik PROPN NNP appos 0
        later later ADV RB advmod 6
        rejected reject VERB VBD ROOT 6
        the the DET DT det 8
        plan plan NOUN NN dobj 6
        . . PUNCT . punct 6
        """
    )
    mentions = [
        mention(doc, "KALVAR", "Kalvar", "GPE"),
        mention(doc, "Mandrik", "Aurel Mandrik", "PERSON", role="PM"),
    ]
    (position,) = positions(doc, mentions)
    assert position.holder == "Aurel Mandrik"


# -- the real model ---------------------------------------------------------------------


def run_article(nlp: Language, text: str) -> list[tuple[str | None, str]]:
    article = Article(id="a1", text=text, published="2031-03-04")
    wanted = [e for e in get_extractors() if e.name in ("entities", "quotes", "positions")]
    facts = run_extractors(nlp(text), article, wanted)
    found = [f for f in facts if isinstance(f, Position)]
    for position in found:
        assert text[position.start : position.end] == position.text
    return [(p.holder, p.stance) for p in found]


@pytest.mark.slow
def test_stances_and_holders_on_the_real_model(nlp: Language) -> None:
    text = (
        "Qaremian Prime Minister Aurel Mandrik on Tuesday rejected the Alliance's "
        "counterproposal. The Salt Coast Alliance has offered to free the sick. Pieter Osk, "
        'the Norvalese envoy, welcomed the offer. "Qaremia must open the crossings," '
        "Osk said."
    )
    assert run_article(nlp, text) == [
        ("Aurel Mandrik", "reject"),
        ("Salt Coast Alliance", "offer"),
        ("Pieter Osk", "support"),  # welcoming is support (ANNOTATION.md), not acceptance
        ("Pieter Osk", "demand"),
    ]


@pytest.mark.slow
def test_compound_holders_each_hold_the_stance(nlp: Language) -> None:
    text = (
        "The Qaremian government and the Salt Coast Alliance have agreed to a truce, the "
        "Norvalese envoy Pieter Osk said."
    )
    assert run_article(nlp, text) == [("Qaremian", "accept"), ("Salt Coast Alliance", "accept")]


# -- golden files ------------------------------------------------------------------------


def golden_cases() -> list[str]:
    return sorted(p.stem for p in GOLDEN.glob("*.txt"))


def golden_title(name: str) -> str | None:
    """An official statement's title (``<case>.title``): who "I" and "we" are."""
    path = GOLDEN / f"{name}.title"
    return path.read_text(encoding="utf-8").strip() if path.exists() else None


def run_golden(nlp: Language, name: str, regenerate: bool) -> tuple[list[Any], list[Any]]:
    text = (GOLDEN / f"{name}.txt").read_text(encoding="utf-8")
    article = Article(id=name, text=text, published="2031-03-04", title=golden_title(name))
    doc = nlp(text)
    path = GOLDEN / f"{name}.json"
    if regenerate:
        wanted = [e for e in get_extractors() if e.name in ("entities", "quotes")]
        facts = run_extractors(doc, article, wanted)
        context = {
            "mentions": [f.to_dict() for f in facts if isinstance(f, Mention)],
            "quotes": [f.to_dict() for f in facts if isinstance(f, Quote)],
        }
    else:
        context = json.loads(path.read_text(encoding="utf-8"))["context"]
    given = {
        "entities": [Mention.from_dict(m) for m in context["mentions"]],
        "quotes": [Quote.from_dict(q) for q in context["quotes"]],
    }
    got = [p.to_dict() for p in extract_positions(doc, Context(article, given))]
    if regenerate:
        payload = {"context": context, "positions": got}
        path.write_text(json.dumps(payload, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        return got, got
    return got, json.loads(path.read_text(encoding="utf-8"))["positions"]


@pytest.mark.slow
@pytest.mark.parametrize("name", golden_cases())
def test_golden(nlp: Language, name: str) -> None:
    got, expected = run_golden(nlp, name, bool(os.environ.get("REGEN_GOLDEN")))
    assert got == expected


# -- the dev gold files ------------------------------------------------------------------


def score_positions(nlp: Language, gold_file: Path) -> dict[str, Any]:
    names = ("entities", "quotes", "positions")
    return score_extractors(nlp, gold_file, names, "positions")["holder+stance"]


@pytest.mark.slow
def test_seeds_floor(nlp: Language, shared_dir: Path) -> None:
    scores = score_positions(nlp, shared_dir / "data/gold/seeds.json")
    assert scores["f1"] >= 0.75, scores


@pytest.mark.slow
def test_examples_floor(nlp: Language) -> None:
    scores = score_positions(nlp, EXAMPLES_GOLD)
    assert scores["f1"] >= 0.75, scores
