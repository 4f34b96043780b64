"""The shared walks over a parse, on hand-built parses: one test per walk and option."""

from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Doc, Token

from storyline.extract.common.syntax import (
    NOMINAL_SUBJECTS,
    agent_of,
    clause_verb,
    climb,
    governing_verb,
    highest,
    inherited_subject,
    is_negated,
    subject_of,
)

from ...handmade import parse

# Officials said talks would open in Kesh following a meeting.
REPORTED = """
Officials official NOUN NNS nsubj 1
said say VERB VBD ROOT 1
talks talk NOUN NNS nsubj 4
would would AUX MD aux 4
open open VERB VB ccomp 1
in in ADP IN prep 4
Kesh Kesh PROPN NNP pobj 5
following follow VERB VBG prep 4
a a DET DT det 9
meeting meeting NOUN NN pobj 7
. . PUNCT . punct 1
"""

# Mandrik rejected the plan and met Osk.
COORDINATED = """
Mandrik Mandrik PROPN NNP nsubj 1
rejected reject VERB VBD ROOT 1
the the DET DT det 3
plan plan NOUN NN dobj 1
and and CCONJ CC cc 1
met meet VERB VBD conj 1
Osk Osk PROPN NNP dobj 5
. . PUNCT . punct 1
"""

# The plan was rejected by Qaremia.
PASSIVE = """
The the DET DT det 1
plan plan NOUN NN nsubjpass 3
was be AUX VBD auxpass 3
rejected reject VERB VBN ROOT 3
by by ADP IN agent 3
Qaremia Qaremia PROPN NNP pobj 4
. . PUNCT . punct 3
"""


def indices(tokens: Iterable[Token]) -> list[int]:
    return [t.i for t in tokens]


def test_climb_goes_up_nearest_first_to_the_root() -> None:
    doc = parse(REPORTED)
    assert indices(climb(doc[6])) == [5, 4, 1]
    assert indices(climb(doc[1])) == []  # the root has nothing above it


def test_climb_stops_at_its_limit() -> None:
    doc = parse(REPORTED)
    assert indices(climb(doc[6], 2)) == [5, 4]
    assert indices(climb(doc[6], 0)) == []


def test_climb_with_self_yields_the_start_first() -> None:
    doc = parse(REPORTED)
    assert indices(climb(doc[6], 1, with_self=True)) == [6, 5]


def test_climb_through_leaves_only_by_the_given_arcs() -> None:
    doc = parse(REPORTED)
    # Kesh leaves by pobj to "in"; "in" is a prep, so the walk ends there.
    assert indices(climb(doc[6], through={"pobj"})) == [5]
    assert indices(climb(doc[6], through={"prep"})) == []


def test_highest_is_where_the_climb_ends() -> None:
    doc = parse(COORDINATED)
    assert highest(doc[5], through={"conj"}).i == 1
    assert highest(doc[6]).i == 1
    assert highest(doc[1]).i == 1  # the root itself
    assert highest(doc[6], through={"conj"}).i == 6  # Osk's arc is dobj: no step


def test_clause_verb_is_the_nearest_verb_at_or_above() -> None:
    doc = parse(REPORTED)
    assert clause_verb(doc[6]).i == 4  # Kesh → open
    assert clause_verb(doc[4]).i == 4  # a verb is its own clause
    assert clause_verb(doc[3]).i == 3  # "would" is an AUX
    assert clause_verb(doc[3], skip_aux=True).i == 4


def test_clause_verb_without_a_verb_is_the_root() -> None:
    doc = parse(
        """
        The the DET DT det 1
        talks talk NOUN NNS ROOT 1
        in in ADP IN prep 1
        Kesh Kesh PROPN NNP pobj 2
        """
    )
    assert clause_verb(doc[3]).i == 1


def test_governing_verb_skips_prepositional_verbs() -> None:
    doc = parse(REPORTED)
    assert governing_verb(doc[9]).i == 4  # "following" heads a phrase, not the clause
    assert governing_verb(doc[6]).i == 4
    assert governing_verb(doc[1]).i == 1  # the root verb is its own


def test_governing_verb_is_none_without_a_verb() -> None:
    doc = parse(
        """
        The the DET DT det 1
        talks talk NOUN NNS ROOT 1
        in in ADP IN prep 1
        Kesh Kesh PROPN NNP pobj 2
        """
    )
    assert governing_verb(doc[3]) is None


def test_subject_of_reads_the_verb_children_only() -> None:
    doc = parse(COORDINATED)
    assert subject_of(doc[1]).text == "Mandrik"
    assert subject_of(doc[5]) is None  # no climbing to the first conjunct


def test_subject_of_labels() -> None:
    doc = parse(
        """
        What what PRON WP dobj 2
        he he PRON PRP nsubj 2
        said say VERB VBD csubj 3
        mattered matter VERB VBD ROOT 3
        . . PUNCT . punct 3
        """
    )
    assert subject_of(doc[3]).text == "said"
    assert subject_of(doc[3], NOMINAL_SUBJECTS) is None


def test_agent_of_a_passive() -> None:
    doc = parse(PASSIVE)
    assert agent_of(doc[3]).text == "Qaremia"
    assert agent_of(parse(COORDINATED)[1]) is None


def test_inherited_subject_along_conjunctions() -> None:
    doc = parse(COORDINATED)
    assert inherited_subject(doc[5]).text == "Mandrik"
    assert inherited_subject(doc[1]).text == "Mandrik"


def test_inherited_subject_of_a_passive_is_its_agent() -> None:
    doc = parse(PASSIVE)
    assert inherited_subject(doc[3]).text == "Qaremia"
    assert subject_of(doc[3]).text == "plan"


def test_inherited_subject_looks_past_a_dateline() -> None:
    doc = parse(
        """
        KALVAR KALVAR PROPN NNP nsubj 5
        , , PUNCT , punct 0
        Qaremia Qaremia PROPN NNP appos 0
        — — PUNCT : punct 0
        Mandrik Mandrik PROPN NNP appos 0
        rejected reject VERB VBD ROOT 5
        the the DET DT det 7
        plan plan NOUN NN dobj 5
        . . PUNCT . punct 5
        """
    )
    assert inherited_subject(doc[5]).text == "Mandrik"
    assert subject_of(doc[5]).text == "KALVAR"


def never(dep: str) -> Doc:
    """Rovania never signed, with "never" on the arc ``dep``."""
    return parse(
        f"""
        Rovania Rovania PROPN NNP nsubj 2
        never never ADV RB {dep} 2
        signed sign VERB VBD ROOT 2
        . . PUNCT . punct 2
        """
    )


def test_is_negated_by_a_neg_child() -> None:
    doc = never("neg")
    assert is_negated(doc[2])
    assert is_negated(doc[2], never=None)


def test_is_negated_never_as_an_adverb_or_on_any_arc() -> None:
    adverb, other = never("advmod")[2], never("npadvmod")[2]
    assert is_negated(adverb) and is_negated(adverb, never="any")
    assert not is_negated(adverb, never=None)
    assert not is_negated(other) and is_negated(other, never="any")


def test_is_negated_implied_by_a_verb_of_not_doing() -> None:
    failed = parse(
        """
        Rovania Rovania PROPN NNP nsubj 1
        failed fail VERB VBD ROOT 1
        to to PART TO aux 3
        reach reach VERB VB xcomp 1
        Kesh Kesh PROPN NNP dobj 3
        """
    )
    assert not is_negated(failed[3])
    assert is_negated(failed[3], implied=True)
    has_yet = parse(
        """
        Rovania Rovania PROPN NNP nsubj 1
        has have VERB VBZ ROOT 1
        yet yet ADV RB advmod 1
        to to PART TO aux 4
        allow allow VERB VB xcomp 1
        aid aid NOUN NN dobj 4
        """
    )
    assert is_negated(has_yet[4], implied=True) and not is_negated(has_yet[4])


def test_is_negated_by_a_stranded_not() -> None:
    doc = parse(
        """
        They they PRON PRP nsubj 1
        agreed agree VERB VBD ROOT 1
        not not PART RB neg 1
        to to PART TO aux 4
        rearm rearm VERB VB xcomp 1
        """
    )
    assert is_negated(doc[1])
    assert not is_negated(doc[4], never=None)
    assert is_negated(doc[4], never=None, stranded=True)
