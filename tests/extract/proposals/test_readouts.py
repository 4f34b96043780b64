"""Readouts and statements of talks (issue 12): the wording official texts put positions
and proposals in, one test per kind of error the statements showed.

Hand-built parses pin each rule on its own; the real model runs the sentences end to end.
Every name is invented (Qaremia, Corvania, Lirevia, Tarvenia, the Front, Ilse Varden, Aurel
Mandrik, Tomas Oru); the sentences follow the shapes such texts use.
"""

from __future__ import annotations

import pytest
from spacy.language import Language
from spacy.tokens import Doc

from storyline.extract import get_extractors
from storyline.extract.common.authors import TitleName, fuller_names, read_authors
from storyline.extract.proposals.cues import find_cues
from storyline.extract.proposals.parties import conjuncts, lost_subject
from storyline.extract.proposals.positions import extract_positions
from storyline.extract.registry import Context
from storyline.models import Article, Mention, Position, Proposal
from storyline.pipeline import run_extractors

from ...handmade import parse


def stances(doc: Doc) -> list[tuple[str, str]]:
    return [(c.token.text, c.stance) for c in find_cues(doc[:])]


def held(doc: Doc, word: str, name: str) -> list[tuple[str, str]]:
    """The positions of ``doc`` with ``word`` a titled person called ``name``."""
    start = doc.text.index(word)
    person = Mention(
        article="a1", start=start, end=start + len(word), text=word, name=name,
        type="PERSON", role="Prime Minister",
    )  # fmt: skip
    article = Article(id="a1", text=doc.text)
    found = extract_positions(doc, Context(article, {"entities": [person], "quotes": []}))
    return [(p.holder, p.stance) for p in found]


# -- one position per stance word that says what it is about -----------------------------


def test_coordinated_stance_words_with_their_own_objects_are_two_positions() -> None:
    doc = parse(
        """
        Mandrik Mandrik PROPN NNP nsubj 1
        condemned condemn VERB VBD ROOT 1
        the the DET DT det 3
        attack attack NOUN NN dobj 1
        and and CCONJ CC cc 1
        denounced denounce VERB VBD conj 1
        the the DET DT det 7
        blockade blockade NOUN NN dobj 5
        . . PUNCT . punct 1
        """
    )
    assert held(doc, "Mandrik", "Aurel Mandrik") == [("Aurel Mandrik", "oppose")] * 2


def test_stance_words_sharing_one_object_are_one_position() -> None:
    doc = parse(
        """
        Mandrik Mandrik PROPN NNP nsubj 1
        endorsed endorse VERB VBD ROOT 1
        and and CCONJ CC cc 1
        backed back VERB VBD conj 1
        the the DET DT det 5
        plan plan NOUN NN dobj 3
        . . PUNCT . punct 1
        """
    )
    assert held(doc, "Mandrik", "Aurel Mandrik") == [("Aurel Mandrik", "support")]


# -- need and judgment wording ------------------------------------------------------------


def test_a_need_for_someone_to_act_is_a_demand() -> None:
    doc = parse(
        """
        Mandrik Mandrik PROPN NNP nsubj 1
        stressed stress VERB VBD ROOT 1
        the the DET DT det 3
        need need NOUN NN dobj 1
        for for SCONJ IN mark 8
        the the DET DT det 6
        talks talk NOUN NNS nsubj 8
        to to PART TO aux 8
        resume resume VERB VB advcl 3
        . . PUNCT . punct 1
        """
    )
    assert stances(doc) == [("need", "demand")]


def test_an_adjective_in_a_nouns_place_is_a_stance_noun() -> None:
    # "the imperative to surge aid", with "imperative" tagged as an adjective and its
    # infinitive hung on the next noun
    doc = parse(
        """
        Mandrik Mandrik PROPN NNP nsubj 1
        emphasized emphasize VERB VBD ROOT 1
        the the DET DT det 3
        imperative imperative ADJ JJ dobj 1
        to to PART TO aux 5
        surge surge VERB VB compound 6
        aid aid NOUN NN dobj 1
        . . PUNCT . punct 1
        """
    )
    assert stances(doc) == [("imperative", "demand")]


def test_a_thing_needed_is_no_demand() -> None:
    doc = parse(
        """
        Qaremia Qaremia PROPN NNP nsubj 1
        has have VERB VBZ ROOT 1
        what what PRON WP dobj 6
        it it PRON PRP nsubj 4
        needs need VERB VBZ ccomp 1
        to to PART TO aux 6
        defend defend VERB VB xcomp 4
        itself itself PRON PRP dobj 6
        . . PUNCT . punct 1
        """
    )
    assert stances(doc) == []


def test_never_forgetting_is_a_pledge_not_a_refusal() -> None:
    doc = parse(
        """
        We we PRON PRP nsubj 3
        will will AUX MD aux 3
        never never ADV RB neg 3
        forget forget VERB VB ROOT 3
        the the DET DT det 5
        siege siege NOUN NN dobj 3
        . . PUNCT . punct 3
        """
    )
    assert stances(doc) == [("forget", "offer")]


def test_saying_what_a_deal_would_bring_supports_it() -> None:
    doc = parse(
        """
        They they PRON PRP nsubj 1
        underscored underscore VERB VBD ROOT 1
        that that SCONJ IN mark 6
        the the DET DT det 4
        release release NOUN NN nsubj 6
        would would AUX MD aux 6
        result result VERB VB ccomp 1
        in in ADP IN prep 6
        a a DET DT det 9
        ceasefire ceasefire NOUN NN pobj 7
        . . PUNCT . punct 1
        """
    )
    assert stances(doc) == [("result", "support")]


def test_what_the_weather_would_bring_is_no_stance() -> None:
    doc = parse(
        """
        They they PRON PRP nsubj 1
        warned warn VERB VBD ROOT 1
        that that SCONJ IN mark 6
        the the DET DT det 4
        storm storm NOUN NN nsubj 6
        would would AUX MD aux 6
        result result VERB VB ccomp 1
        in in ADP IN prep 6
        floods flood NOUN NNS pobj 7
        . . PUNCT . punct 1
        """
    )
    assert stances(doc) == []


def test_an_obstacle_is_opposed_and_a_chance_had_is_no_judgment() -> None:
    obstacle = parse(
        """
        The the DET DT det 1
        Front front PROPN NNP nsubj 2
        is be AUX VBZ ROOT 2
        the the DET DT det 5
        only only ADJ JJ amod 5
        obstacle obstacle NOUN NN attr 2
        to to ADP IN prep 5
        a a DET DT det 8
        truce truce NOUN NN pobj 6
        . . PUNCT . punct 2
        """
    )
    assert stances(obstacle) == [("obstacle", "oppose")]
    chance = parse(
        """
        We we PRON PRP nsubj 1
        had have VERB VBD ROOT 1
        our our PRON PRP$ poss 4
        best good ADJ JJS amod 4
        opportunity opportunity NOUN NN dobj 1
        . . PUNCT . punct 1
        """
    )
    assert stances(chance) == []


# -- taking terms ---------------------------------------------------------------------------


def test_a_deal_a_party_is_ready_to_move_forward_with_is_accepted() -> None:
    # the parser reads the relative clause as a complement; the "with" left at its end
    # stands for the deal before it
    doc = parse(
        """
        They they PRON PRP nsubj 1
        discussed discuss VERB VBD ROOT 1
        the the DET DT det 3
        deal deal NOUN NN dobj 1
        , , PUNCT , punct 3
        that that SCONJ IN mark 7
        Qaremia Qaremia PROPN NNP nsubj 7
        is be AUX VBZ ccomp 1
        ready ready ADJ JJ acomp 7
        to to PART TO aux 10
        move move VERB VB xcomp 8
        forward forward ADV RB advmod 10
        with with ADP IN prep 10
        . . PUNCT . punct 1
        """
    )
    assert stances(doc) == [("ready", "accept")]


# -- parser slips and lists -----------------------------------------------------------------


def test_a_subject_the_parser_hung_on_a_place_is_found() -> None:
    doc = parse(
        """
        Today today NOUN NN npadvmod 6
        in in ADP IN prep 0
        Kalvar Kalvar PROPN NNP pobj 1
        , , PUNCT , punct 2
        Qaremia Qaremia PROPN NNP appos 2
        , , PUNCT , punct 2
        presented present VERB VBD ROOT 6
        a a DET DT det 8
        proposal proposal NOUN NN dobj 6
        . . PUNCT . punct 6
        """
    )
    subject = lost_subject(doc[6])
    assert subject is not None and subject.text == "Qaremia"


def test_a_chained_list_is_every_member() -> None:
    doc = parse(
        """
        Lirevia Lirevia PROPN NNP nsubj 6
        , , PUNCT , punct 0
        Corvania Corvania PROPN NNP conj 0
        , , PUNCT , punct 2
        and and CCONJ CC cc 2
        Qaremia Qaremia PROPN NNP conj 2
        agreed agree VERB VBD ROOT 6
        . . PUNCT . punct 6
        """
    )
    assert [t.text for t in conjuncts(doc[0])] == ["Lirevia", "Corvania", "Qaremia"]


# -- names from the title -------------------------------------------------------------------


def test_a_title_gives_the_full_name_the_text_shortens() -> None:
    known = (TitleName("Varden", "PERSON"), TitleName("Mandrik", "PERSON"))
    title = "Readout of President Ilse Varden’s Call with Prime Minister Mandrik of Qaremia"
    authors = read_authors(title, known)
    assert [n.name for n in authors.participants] == ["Ilse Varden", "Mandrik"]
    assert fuller_names(authors, known) == {"Varden": "Ilse Varden"}


def test_a_group_keeps_its_short_name_beside_a_longer_descriptor() -> None:
    known = (TitleName("Leaders of the G7", "ORG"),)
    assert [n.name for n in read_authors("G7 Leaders’ Statement on the Delta", known).authors] == [
        "G7"
    ]


def test_a_joint_title_names_states_the_article_knows() -> None:
    known = (TitleName("Tarvenia", "GPE"), TitleName("Lirevia", "GPE"))
    title = "Joint Statement on the Session of the Tarvenia-Lirevia Strategic Group"
    assert [n.name for n in read_authors(title, known).sides] == ["Tarvenia", "Lirevia"]


# -- end to end on the real model -----------------------------------------------------------

READOUT = "Readout of President Ilse Varden’s Call with Amir Sheikh Tomas Oru of Lirevia"
STATEMENT = "Statement from President Ilse Varden on the Kalvar Talks"
GROUP = "Joint Statement on the Session of the Tarvenia-Lirevia Strategic Group"
JOINT = "Joint Statement from Lirevia, Corvania, and Qaremia"


def run(nlp: Language, text: str, title: str | None) -> list[object]:
    article = Article(id="a1", text=text, published="2031-03-04", title=title)
    wanted = [e for e in get_extractors() if e.name in ("entities", "quotes", "positions",
                                                         "proposals")]  # fmt: skip
    return list(run_extractors(nlp(text), article, wanted))


def positions_of(nlp: Language, text: str, title: str | None) -> list[tuple[str | None, str]]:
    found = [f for f in run(nlp, text, title) if isinstance(f, Position)]
    for position in found:
        assert text[position.start : position.end] == position.text
    return [(p.holder, p.stance) for p in found]


def proposals_of(nlp: Language, text: str, title: str | None) -> list[Proposal]:
    return [f for f in run(nlp, text, title) if isinstance(f, Proposal)]


def kinds(proposal: Proposal) -> set[str]:
    return {t.kind for phase in proposal.phases for t in phase.terms}


@pytest.mark.slow
def test_the_leaders_who_say_what_a_deal_brings_each_support_it(nlp: Language) -> None:
    text = (
        "President Varden held a call this morning with Amir Sheikh Tomas Oru of Lirevia. "
        "They confirmed that the full ceasefire and captive release deal on the table now "
        "offers a credible way out of the war in Kalvar."
    )
    assert positions_of(nlp, text, READOUT) == [
        ("Ilse Varden", "support"),
        ("Tomas Oru", "support"),
    ]


@pytest.mark.slow
def test_an_attested_readiness_and_a_named_sides_commitment_are_theirs(nlp: Language) -> None:
    text = (
        "President Varden held a call this morning with Amir Sheikh Tomas Oru of Lirevia. "
        "The President confirmed Corvania’s readiness to go ahead with the terms handed "
        "to the Front. The President confirmed that Lirevia, together with Qaremia, "
        "would work to see every part of the agreement carried out."
    )
    found = positions_of(nlp, text, READOUT)
    assert ("Corvania", "accept") in found
    assert ("Lirevia", "offer") in found
    assert all(holder != "Ilse Varden" for holder, _ in found)


@pytest.mark.slow
def test_they_are_the_people_just_named(nlp: Language) -> None:
    text = (
        "This morning my envoys briefed me on the talks. I spoke by phone with Amir "
        "Sheikh Tomas Oru and President Ilovan about the ground covered in Kalvar, and "
        "they expressed the firm support of Lirevia and Corvania for the proposal."
    )
    assert positions_of(nlp, text, STATEMENT) == [
        ("Tomas Oru", "support"),
        ("Ilovan", "support"),
    ]


@pytest.mark.slow
def test_they_in_a_joint_statement_are_its_sides(nlp: Language) -> None:
    text = (
        "Tarvenia and Lirevia held their strategic group by video link today. The two "
        "sides over the span of an afternoon had a useful exchange on the delta. They "
        "agreed that they share the goal to see the Front defeated in Kalvar."
    )
    assert positions_of(nlp, text, GROUP) == [("Tarvenia", "support"), ("Lirevia", "support")]


@pytest.mark.slow
def test_a_phase_named_by_its_place_makes_a_proposal(nlp: Language) -> None:
    text = (
        "President Varden received Amir Sheikh Tomas Oru of Lirevia. Both stressed that "
        "the release of sick, injured, older and women captives would bring an immediate "
        "ceasefire in Kalvar lasting six weeks. That first phase of a truce would also "
        "let far more humanitarian aid reach families in Kalvar."
    )
    (proposal,) = proposals_of(nlp, text, READOUT)
    assert proposal.proposer is None
    assert kinds(proposal) == {"hostage_release", "ceasefire", "aid"}


@pytest.mark.slow
def test_a_phase_of_an_offensive_is_no_proposal(nlp: Language) -> None:
    text = (
        "The first phase of the offensive would see Tarvenian troops withdraw from the "
        "border villages and aid convoys enter the delta."
    )
    assert proposals_of(nlp, text, None) == []


@pytest.mark.slow
def test_every_noun_of_a_proposal_on_the_table_carries_its_terms(nlp: Language) -> None:
    text = (
        "President Varden held a call this morning with Amir Sheikh Tomas Oru of Lirevia. "
        "They confirmed that the full ceasefire and hostage release deal on the table now "
        "offers a credible way out of the war in Kalvar."
    )
    (proposal,) = proposals_of(nlp, text, READOUT)
    assert kinds(proposal) == {"ceasefire", "hostage_release"}


@pytest.mark.slow
def test_a_presented_proposal_gathers_the_terms_of_the_agreement(nlp: Language) -> None:
    text = (
        "For two days in Kalvar, envoys of our governments have met the negotiators "
        "without pause, working as mediators to finish the agreement for a ceasefire and a "
        "release of captives and detainees. Late this afternoon, Qaremia, with "
        "support from Lirevia and Corvania, put a bridging proposal to both parties. "
        "Technical teams will keep drafting how the agreement’s relief provisions take "
        "effect."
    )
    (proposal,) = proposals_of(nlp, text, JOINT)
    assert proposal.proposer == "Qaremia"
    assert kinds(proposal) == {"ceasefire", "hostage_release", "prisoner_release", "aid"}


@pytest.mark.slow
def test_a_readout_names_its_principal_as_the_title_does(nlp: Language) -> None:
    text = (
        "President Varden spoke today with Amir Sheikh Tomas Oru of Lirevia. The President "
        "reaffirmed her ironclad commitment to Lirevia’s security."
    )
    assert positions_of(nlp, text, READOUT) == [("Ilse Varden", "support")]
