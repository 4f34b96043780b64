"""Issue 11, events: who acts, and which clause and phrase report an event of their own.

Every sentence is invented (Tarvenia, Lirevia and the Veyra Front do not exist; nor do
Orel Danvik and Sera Mallin). The real model parses them.
"""

from __future__ import annotations

import pytest
from spacy.language import Language

from storyline.config import Settings
from storyline.extract.events.extractor import extract_events
from storyline.extract.registry import Context
from storyline.models import Article, Event
from storyline.pipeline import extract_articles

pytestmark = pytest.mark.slow

PUBLISHED = "2025-06-04"  # a Wednesday


def run(nlp: Language, text: str) -> list[Event]:
    doc = nlp(text)
    article = Article(id="a1", text=doc.text, published=PUBLISHED)
    return list(extract_events(doc, Context(article, {"entities": []})))


def kinds(events: list[Event]) -> list[tuple[str, str | None]]:
    return [(e.type, e.actor) for e in events]


# -- the caller and the called ---------------------------------------------------------


def test_calling_someone_is_a_phone_call_by_the_caller(nlp: Language) -> None:
    (call,) = run(nlp, "Sera Mallin called Orel Danvik on Tuesday to discuss the ceasefire.")
    assert (call.type, call.mode, call.actor, call.target) == (
        "CONSULT",
        "phone",
        "Sera Mallin",
        "Orel Danvik",
    )
    (called,) = run(nlp, "Orel Danvik was called by Sera Mallin on Tuesday.")
    assert (called.type, called.actor) == ("CONSULT", "Sera Mallin")


def test_a_day_after_call_makes_no_call_on(nlp: Language) -> None:
    # "on Tuesday" places the call; only "called on Tarvenia" is a request.
    assert all(e.type != "REQUEST" for e in run(nlp, "Mallin called Danvik on Tuesday."))
    (request,) = run(nlp, "The Veyra Front called on Tarvenia to withdraw its troops.")
    assert request.type == "REQUEST"


@pytest.mark.parametrize(
    "text", ["Mallin called him a liar.", "The Front called the strike off on Monday."]
)
def test_call_with_a_second_object_or_particle_is_no_phone_call(nlp: Language, text: str) -> None:
    assert all(e.type != "CONSULT" for e in run(nlp, text))


# -- one meeting, one event -------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "President Orel Danvik spoke by phone with Prime Minister Sera Mallin on Tuesday, "
        "and the two leaders discussed the ceasefire during the call.",
        "President Orel Danvik spoke by phone with Prime Minister Sera Mallin on Tuesday. "
        "The two leaders discussed the ceasefire.",
    ],
)
def test_one_phone_call_is_one_consult(nlp: Language, text: str) -> None:
    meetings = [e for e in run(nlp, text) if e.type == "CONSULT"]
    assert [e.actor for e in meetings] == ["Orel Danvik"]


def test_the_two_leaders_alone_still_meet(nlp: Language) -> None:
    (meeting,) = run(nlp, "The two leaders met in Vantis on Monday.")
    assert meeting.type == "CONSULT"


# -- endings and withdrawals ------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Tarvenia ended its cooperation with Lirevia on Monday.",
        "Tarvenia broke off talks with the Veyra Front on Monday.",
        "Tarvenia scrapped the deal with Lirevia on Monday.",
    ],
)
def test_ending_cooperation_is_a_sanction(nlp: Language, text: str) -> None:
    assert [e.type for e in run(nlp, text)] == ["SANCTION"]


@pytest.mark.parametrize(
    "text",
    [
        "Tarvenia withdrew from the talks with Lirevia.",
        "Tarvenia pulled out of the talks with Lirevia.",
        "The Veyra Front walked out of the talks in Vantis.",
    ],
)
def test_the_talks_one_leaves_are_no_meeting(nlp: Language, text: str) -> None:
    assert [e.type for e in run(nlp, text)] == ["SANCTION"]


def test_a_repeated_vow_to_attack_is_a_threat(nlp: Language) -> None:
    (vow,) = run(nlp, "Orel Danvik renewed his vow to launch a ground assault on Kesh.")
    assert vow.type == "THREATEN"


# -- events in noun phrases ---------------------------------------------------------------


def test_a_speech_act_as_subject_is_commented_on_not_reported(nlp: Language) -> None:
    text = "Danvik's sharp rejection of the offer is likely to complicate the talks."
    assert all(e.type != "REJECT" for e in run(nlp, text))
    # Beside its clause, the same noun reports the act.
    (rejection,) = run(nlp, "The talks collapsed after Danvik's rejection of the offer.")
    assert (rejection.type, rejection.actor) == ("REJECT", "Danvik")


def test_including_by_names_another_actor(nlp: Language) -> None:
    text = (
        "The offensive sparked a barrage of attacks by Veyra-backed groups, including by "
        "the Kestrel Brigade against convoys on the coast road."
    )
    attacks = [(e.actor, e.target) for e in run(nlp, text) if e.type == "ASSAULT"]
    assert ("Kestrel Brigade", "convoys") in attacks
    assert any(actor == "Veyra-backed groups" for actor, _ in attacks)


def test_holding_a_view_of_an_idea_is_no_event(nlp: Language) -> None:
    assert run(nlp, "Mallin has rejected the notion of a Tarvenian state.") == []
    (rejection,) = run(nlp, "Mallin rejected the Front's offer on Monday.")
    assert rejection.type == "REJECT"


# -- who acts -------------------------------------------------------------------------------


def test_a_document_speaks_for_its_author(nlp: Language) -> None:
    text = "The full Veyra Front response proposes three phases of 45 days each."
    assert kinds(run(nlp, text)) == [("AGREE", "Veyra Front")]


def test_officials_of_an_organization_act_for_it(nlp: Language) -> None:
    text = "Lirevian Union trade ministers called for the pullback of Tarvenian forces."
    (demand,) = run(nlp, text)
    assert demand.type == "REQUEST" and demand.actor is not None
    assert "ministers" not in demand.actor


def test_the_subject_of_a_sentence_the_parser_left_without_a_verb(nlp: Language) -> None:
    text = (
        "Nurses from three Lirevian charities collected and personally delivered $80,000 "
        "worth of medicine to the Vantis children's hospital."
    )
    (aid,) = run(nlp, text)
    assert (aid.type, aid.actor) == ("AID", "Nurses from three Lirevian charities")


def test_a_state_act_without_agent_is_the_state_s(nlp: Language) -> None:
    (arrest,) = run(nlp, "Two Lirevian journalists were arrested in Tarvenia on Monday.")
    assert (arrest.type, arrest.actor) == ("COERCE", "Tarvenia")
    (killing,) = run(nlp, "Two Lirevian journalists were killed in Tarvenia on Monday.")
    assert killing.actor is None


@pytest.mark.slow
def test_a_participle_with_a_by_agent_is_passive(nlp: Language) -> None:
    """The parser may make the modified noun the participle's subject; "by" names who acts."""
    text = "Envoy Orla Menard met families of Rovanians taken hostage by the Front in March."
    [assault] = [e for e in run(nlp, text) if e.type == "ASSAULT"]
    assert assault.actor == "Front"


@pytest.mark.slow
def test_a_subject_pronoun_continues_the_previous_subject() -> None:
    text = (
        "President Ilse Varden spoke today with Prime Minister Tomas Heyl of Rovania about "
        "the talks. He stressed the need to reopen the crossing at Selda."
    )
    article = Article(id="a1", text=text, published=PUBLISHED)
    [(_, facts, _)] = list(extract_articles([article], Settings()))
    [request] = [f for f in facts if isinstance(f, Event) and f.type == "REQUEST"]
    assert request.actor == "Ilse Varden"
