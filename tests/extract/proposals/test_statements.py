"""Official statements: authors and participants from the title, first person and joint
holders, need and evaluation wording, pledges, and questions that state nothing.

Every name here is invented (Ilse Varden, Aurel Mandrik, Qaremia, Norvale, the Ostin
League); the titles follow the shapes official statements use.
"""

from __future__ import annotations

import pytest
from spacy.language import Language

from storyline.extract import get_extractors
from storyline.extract.common.authors import TitleName, read_authors
from storyline.models import Article, Position, Proposal
from storyline.pipeline import run_extractors

# -- authors (titles only, no model) ----------------------------------------------------

KNOWN = (
    TitleName("Ilse Varden", "PERSON"),
    TitleName("Aurel Mandrik", "PERSON"),
    TitleName("Qaremia", "GPE"),
)


def names(found: tuple[TitleName, ...]) -> list[str]:
    return [n.name for n in found]


def test_a_statement_title_names_its_author() -> None:
    authors = read_authors("Statement from President Ilse Varden on the Kalvar Talks", KNOWN)
    assert authors.kind == "statement" and names(authors.authors) == ["Ilse Varden"]
    assert authors.voices_own_text


def test_a_title_name_takes_the_articles_canonical_name() -> None:
    authors = read_authors("Remarks by President Varden Marking One Year Since the Siege", KNOWN)
    assert names(authors.authors) == ["Ilse Varden"]


def test_a_readout_has_a_principal_and_participants_but_no_voice() -> None:
    title = "Readout of President Ilse Varden’s Call with Prime Minister Aurel Mandrik of Qaremia"
    authors = read_authors(title, KNOWN)
    assert authors.kind == "readout"
    assert names(authors.authors) == ["Ilse Varden"]
    assert names(authors.participants) == ["Ilse Varden", "Aurel Mandrik"]
    assert not authors.voices_own_text  # a readout narrates


def test_a_readout_with_a_group_names_no_one() -> None:
    title = "Readout of President Ilse Varden’s Meeting with Families of Those Held in the Delta"
    assert names(read_authors(title, KNOWN).participants) == ["Ilse Varden"]


def test_a_joint_statement_has_each_government_as_author() -> None:
    authors = read_authors("Joint Statement from Lirevia, Corvania, and Qaremia")
    assert names(authors.authors) == ["Lirevia", "Corvania", "Qaremia"]


def test_a_group_statement_is_the_groups() -> None:
    assert names(read_authors("G7 Leaders’ Statement on the Delta").authors) == ["G7"]


@pytest.mark.parametrize(
    "title",
    [None, "Kalvar talks stall as mediators press on", "Background Press Call on the Talks"],
)
def test_a_report_or_a_press_call_has_no_author(title: str | None) -> None:
    assert read_authors(title).kind == "none"


# -- positions on the real model --------------------------------------------------------

READOUT = "Readout of President Ilse Varden’s Call with Prime Minister Aurel Mandrik of Qaremia"
STATEMENT = "Statement from President Ilse Varden on the Kalvar Talks"
JOINT = "Joint Statement from Lirevia, Corvania, and Qaremia"


def run(nlp: Language, text: str, title: str | None, family: str = "positions") -> list[object]:
    article = Article(id="a1", text=text, published="2031-03-04", title=title)
    wanted = [e for e in get_extractors() if e.name in ("entities", "quotes", family)]
    return list(run_extractors(nlp(text), article, wanted))


def stances(nlp: Language, text: str, title: str | None) -> list[tuple[str | None, str]]:
    found = [f for f in run(nlp, text, title) if isinstance(f, Position)]
    for position in found:
        assert text[position.start : position.end] == position.text
    return [(p.holder, p.stance) for p in found]


@pytest.mark.slow
def test_both_leaders_hold_one_position_each(nlp: Language) -> None:
    text = (
        "President Ilse Varden spoke today with Prime Minister Aurel Mandrik. "
        "Both leaders welcomed the progress made in Kalvar."
    )
    assert stances(nlp, text, READOUT) == [("Ilse Varden", "support"), ("Aurel Mandrik", "support")]


@pytest.mark.slow
def test_need_and_importance_are_demands_of_who_voices_them(nlp: Language) -> None:
    text = (
        "President Ilse Varden spoke today with Prime Minister Aurel Mandrik. "
        "President Varden underlined the importance of reopening the crossings. "
        "Prime Minister Mandrik discussed the need to protect civilians."
    )
    assert stances(nlp, text, READOUT) == [("Ilse Varden", "demand"), ("Aurel Mandrik", "demand")]


@pytest.mark.slow
def test_agreeing_to_act_is_an_offer_and_to_keep_in_touch_is_none(nlp: Language) -> None:
    text = (
        "President Ilse Varden spoke today with Prime Minister Aurel Mandrik. "
        "Prime Minister Mandrik agreed to allow fuel convoys into the delta. "
        "The leaders agreed to remain in close coordination."
    )
    assert stances(nlp, text, READOUT) == [("Aurel Mandrik", "offer")]


@pytest.mark.slow
def test_a_commitment_to_a_partys_security_is_support(nlp: Language) -> None:
    text = (
        "President Ilse Varden spoke today with Prime Minister Aurel Mandrik. "
        "The President reaffirmed her ironclad commitment to Qaremia’s security."
    )
    assert stances(nlp, text, READOUT) == [("Ilse Varden", "support")]


@pytest.mark.slow
def test_a_statements_own_sentences_are_its_authors(nlp: Language) -> None:
    text = (
        "I am outraged by the attack on the aid convoy. That investigation must be swift. "
        "Now is the moment to bring the captives home. "
        "We will never stop working to bring them home."
    )
    assert stances(nlp, text, STATEMENT) == [
        ("Ilse Varden", "oppose"),
        ("Ilse Varden", "demand"),
        ("Ilse Varden", "demand"),
        ("Ilse Varden", "offer"),
    ]


@pytest.mark.slow
def test_we_in_a_joint_statement_is_each_author(nlp: Language) -> None:
    text = "The situation along the border is intolerable."
    assert stances(nlp, text, JOINT) == [
        ("Lirevia", "oppose"),
        ("Corvania", "oppose"),
        ("Qaremia", "oppose"),
    ]


@pytest.mark.slow
def test_a_readouts_narration_and_a_question_state_no_stance(nlp: Language) -> None:
    text = (
        "President Ilse Varden spoke today with Prime Minister Aurel Mandrik. "
        "The situation along the border is intolerable. Will Qaremia accept the plan?"
    )
    assert stances(nlp, text, READOUT) == []


# -- proposals: a concrete signal ---------------------------------------------------------


def proposals(nlp: Language, text: str, title: str | None) -> list[Proposal]:
    return [f for f in run(nlp, text, title, "proposals") if isinstance(f, Proposal)]


@pytest.mark.slow
def test_an_aspiration_is_no_proposal(nlp: Language) -> None:
    text = (
        "President Ilse Varden spoke today with Prime Minister Aurel Mandrik. The two "
        "leaders discussed progress towards a ceasefire and captive release deal, which "
        "remains the goal of both governments."
    )
    assert proposals(nlp, text, READOUT) == []


@pytest.mark.slow
def test_a_deal_on_the_table_is_a_proposal(nlp: Language) -> None:
    text = (
        "President Ilse Varden phoned Prime Minister Aurel Mandrik this morning. The two "
        "leaders reviewed the deal on the table now to win the release of captives "
        "along with an immediate ceasefire."
    )
    (proposal,) = proposals(nlp, text, READOUT)
    assert proposal.proposer is None
    assert {t.kind for t in proposal.phases[0].terms} == {"hostage_release", "ceasefire"}


@pytest.mark.slow
def test_a_presented_proposal_needs_no_terms_and_names_its_proposer(nlp: Language) -> None:
    text = (
        "Today, Qaremia presented to both sides a bridging proposal that closes the "
        "remaining gaps. The proposal builds on the progress of the past week."
    )
    (proposal,) = proposals(nlp, text, JOINT)
    assert proposal.proposer == "Qaremia"


@pytest.mark.slow
def test_a_term_names_who_it_obliges(nlp: Language) -> None:
    text = (
        "Norvale on Monday presented a ceasefire plan. In the first stage, Qaremia would "
        "withdraw its troops from the delta, and the fighting would stop."
    )
    (proposal,) = proposals(nlp, text, None)
    obliged = {t.kind: t.obliged for phase in proposal.phases for t in phase.terms}
    assert obliged["withdrawal"] == "Qaremia"
    assert obliged["ceasefire"] is None
