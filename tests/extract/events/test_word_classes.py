"""Issue 11: event types from WordNet word classes, flips, dating as readers date.

Every sentence is invented (Marda, Rovania, Tarvenia and the Front do not exist).
"""

from __future__ import annotations

import pytest
from spacy.language import Language

from storyline.errors import LexiconError
from storyline.extract.events.extractor import extract_events, joint_subject
from storyline.extract.events.lexicon import load_verb_classes, parse_trigger
from storyline.extract.events.wordnet import is_a, load_wordnet
from storyline.extract.registry import Context
from storyline.models import Article, Event, Mention

PUBLISHED = "2025-06-04"  # a Wednesday


def run(
    nlp: Language, text: str, published: str | None = PUBLISHED, title: str | None = None
) -> list[Event]:
    doc = nlp(text)
    article = Article(id="a1", text=doc.text, published=published, title=title)
    # The entities extractor's work, by hand: every "Ilse Varden" is one person.
    at = [i for i in range(len(text)) if text.startswith("Ilse Varden", i)]
    mentions = [
        Mention(article="a1", start=i, end=i + 11, text="Ilse Varden", name="Ilse Varden",
                type="PERSON")
        for i in at
    ]  # fmt: skip
    return [e for e in extract_events(doc, Context(article, {"entities": mentions}))]


# -- the resource -----------------------------------------------------------------------


def test_wordnet_is_read_from_the_installed_package() -> None:
    wordnet = load_wordnet()
    assert wordnet.synsets("attack", "v")  # a lemma found by binary search
    assert wordnet.synset("weapon.n.01") is not None
    assert wordnet.synset("weapon.n.99") is None


def test_noun_classes_reach_hyponyms() -> None:
    assert is_a("rifle", "n", frozenset({"weapon.n.01"}))
    assert is_a("battalion", "n", frozenset({"military_unit.n.01"}))
    assert not is_a("banana", "n", frozenset({"weapon.n.01"}))


@pytest.mark.parametrize(
    ("verb", "kind"),
    [("strafe", "ASSAULT"), ("torch", "ASSAULT"), ("imprison", "COERCE/arrest"),
     ("deport", "COERCE/arrest"), ("lambaste", "ACCUSE"), ("laud", "SUPPORT"),
     ("donate", "AID"), ("spurn", "REJECT"), ("walk", None), ("announce", None)],
)  # fmt: skip
def test_verb_classes_type_unlisted_verbs(verb: str, kind: str | None) -> None:
    assert load_verb_classes().label(verb) == kind


def test_a_synset_in_a_lexicon_line_is_a_class() -> None:
    trigger = parse_trigger("AID/military supply +weapon|weapon.n.01", noun=False)
    assert trigger.objects == frozenset({"weapon"})
    assert trigger.object_classes == frozenset({"weapon.n.01"})
    with pytest.raises(LexiconError):
        parse_trigger("ATTACK strafe", noun=False)


# -- triggers and flips (the real model) -------------------------------------------------


@pytest.mark.slow
@pytest.mark.parametrize(
    ("sentence", "kind"),
    [
        ("Tarvenia supplied rifles to the Front on Monday.", "AID"),
        ("Marda dispatched two battalions to the border on Monday.", "MOBILIZE"),
        ("Rovanian gunships strafed the convoy on Monday.", "ASSAULT"),
        ("Rovania called off a scheduled trip to Marda on Monday.", "SANCTION"),
        ("Marda halted its offensive on Monday.", "RETREAT"),
        ("Marda halted flights after a drone struck the airport on Monday.", "SANCTION"),
    ],
)
def test_word_classes_and_flips(nlp: Language, sentence: str, kind: str) -> None:
    events = run(nlp, sentence)
    assert events and events[0].type == kind, events


# -- actors --------------------------------------------------------------------------------


@pytest.mark.slow
def test_the_caller_is_the_actor(nlp: Language) -> None:
    (call,) = [e for e in run(nlp, "President Ilse Varden spoke today with King Oren.")
               if e.type == "CONSULT"]  # fmt: skip
    assert call.actor is not None and "Varden" in call.actor


@pytest.mark.slow
def test_a_thing_is_no_actor(nlp: Language) -> None:
    events = run(nlp, "Two thousand lorries entered the Tessel valley on Monday.")
    assert all(e.actor is None or "lorr" not in e.actor for e in events)


@pytest.mark.slow
def test_first_person_is_the_author_named_in_the_title(nlp: Language) -> None:
    text = "Ilse Varden is grateful. I condemn the attack on the port of Selda."
    title = "Statement from President Ilse Varden on the Attack in Selda"
    accusations = [e for e in run(nlp, text, title=title) if e.type == "ACCUSE"]
    assert accusations and accusations[0].actor == "Ilse Varden"


@pytest.mark.slow
def test_coordinated_speech_acts_are_two_events_in_a_statement(nlp: Language) -> None:
    text = "Ilse Varden condemned the attacks and urged both sides to return to the table."
    title = "Statement from Ilse Varden"
    assert {"ACCUSE", "REQUEST"} <= {e.type for e in run(nlp, text, title=title)}
    # A news report's sentence is one event, as PLOVER codes it.
    assert len(run(nlp, text)) == 1


# -- dating as readers date ------------------------------------------------------------


@pytest.mark.slow
def test_an_undated_speech_act_takes_the_article_day(nlp: Language) -> None:
    (event,) = [e for e in run(nlp, "Ilse Varden condemned the rocket attacks.")
                if e.type == "ACCUSE"]  # fmt: skip
    assert (event.date, event.date_inferred, event.date_text) == (PUBLISHED, True, None)


@pytest.mark.slow
def test_an_undated_material_act_stays_undated(nlp: Language) -> None:
    events = [e for e in run(nlp, "The Front burned three villages.") if e.type == "ASSAULT"]
    assert events and events[0].date is None and not events[0].date_inferred


@pytest.mark.slow
def test_a_date_inside_what_is_urged_is_not_the_urging(nlp: Language) -> None:
    text = "Ilse Varden urged both sides to return to the table on Monday, 9 June."
    (event,) = [e for e in run(nlp, text) if e.type == "REQUEST"]
    assert event.date == PUBLISHED and event.date_inferred


@pytest.mark.slow
def test_first_person_is_the_titled_author_even_when_the_body_never_names_her(
    nlp: Language,
) -> None:
    text = "We welcome the decision to reopen the northern crossing."
    title = "Statement from Council Spokesperson Orla Menard on the Northern Crossing"
    [support] = [e for e in run(nlp, text, title=title) if e.type == "SUPPORT"]
    assert support.actor == "Orla Menard"


@pytest.mark.slow
def test_both_leaders_are_one_event_under_the_readouts_principal(nlp: Language) -> None:
    text = (
        "Ilse Varden spoke today with Prime Minister Tomas Heyl of Rovania. "
        "Both leaders agreed to keep their teams in close contact. "
        "The two leaders also agreed to reopen the crossing at Selda."
    )
    title = "Readout of President Ilse Varden's Call with Prime Minister Tomas Heyl of Rovania"
    agreements = [e for e in run(nlp, text, title=title) if e.type == "AGREE"]
    assert agreements and {e.actor for e in agreements} == {"Ilse Varden"}
    consults = [e for e in run(nlp, text, title=title) if e.type == "CONSULT"]
    assert len(consults) == 1


def test_a_joint_subject_is_a_plural_party_noun_with_both_two_or_the(nlp: Language) -> None:
    for sentence, joint in (
        ("Both leaders agreed.", True),
        ("The two sides agreed.", True),
        ("The leaders agreed.", True),
        ("Rovanian leaders agreed.", False),
        ("Two ministers from Selda agreed.", True),
        ("The leader agreed.", False),
    ):
        subject = next(t for t in nlp(sentence) if t.dep_ == "nsubj")
        assert joint_subject(subject) is joint, sentence


@pytest.mark.slow
def test_a_commitment_made_in_a_statement_is_dated_by_it(nlp: Language) -> None:
    text = "We are prepared to help the relief agencies at the crossing."
    title = "Statement from Council Spokesperson Orla Menard on the Crossing"
    [agree] = [e for e in run(nlp, text, title=title) if e.type == "AGREE"]
    assert agree.date == PUBLISHED and agree.status == "planned"
    # A third party's readiness, reported without a time, is not dated by the report.
    [other] = [e for e in run(nlp, "The Front is prepared to free the hostages.") if e.actor]
    assert other.date is None


@pytest.mark.slow
def test_a_restated_commitment_is_a_stance_not_an_event(nlp: Language) -> None:
    text = "Ilse Varden reaffirmed her steadfast commitment to the security of Rovania."
    assert not [e for e in run(nlp, text) if e.type in ("AGREE", "SUPPORT")]
    # A restated demand still reports what is demanded, and a new pledge is an act.
    assert [e.type for e in run(nlp, "Ilse Varden reiterated her demand for a ceasefire.")] == [
        "REQUEST"
    ]
    assert "AGREE" in {e.type for e in run(nlp, "Ilse Varden pledged to send 40 trucks of aid.")}


@pytest.mark.slow
def test_what_a_told_meeting_discussed_is_no_second_meeting(nlp: Language) -> None:
    text = (
        "Ilse Varden met Prime Minister Tomas Heyl in Selda on Monday. "
        "Ilse Varden discussed the reopening of the crossing. "
        "On Friday, Ilse Varden discussed the crossing again with the Front's envoys."
    )
    consults = [e for e in run(nlp, text) if e.type == "CONSULT"]
    # The first meeting and Friday's, which has its own day; the topic is neither.
    assert len(consults) == 2 and all(e.date_text for e in consults)


@pytest.mark.slow
@pytest.mark.parametrize(
    "text",
    [
        "Ilse Varden expressed the need to reopen the crossing at Selda.",
        "Ilse Varden raised the importance of protecting aid workers in Selda.",
        "Ilse Varden discussed the need for Rovania to let the convoys through.",
    ],
)
def test_a_stated_need_is_a_request(nlp: Language, text: str) -> None:
    assert [(e.type, e.actor) for e in run(nlp, text)] == [("REQUEST", "Ilse Varden")]


@pytest.mark.slow
def test_a_need_met_or_a_need_noun_alone_is_no_request(nlp: Language) -> None:
    assert not [e for e in run(nlp, "Ilse Varden noted the needs of the camps.") if e.type]


@pytest.mark.slow
def test_a_readouts_meeting_told_as_a_noun_is_of_its_day(nlp: Language) -> None:
    text = "Ilse Varden's meetings with Tomas Heyl covered the convoys."
    title = "Readout of Envoy Ilse Varden's Meetings in Rovania"
    [meeting] = [e for e in run(nlp, text, title=title) if e.type == "CONSULT"]
    assert meeting.date == PUBLISHED and meeting.date_inferred
    # In a news report a meeting named without a time is background.
    [meeting] = [e for e in run(nlp, text) if e.type == "CONSULT"]
    assert meeting.date is None


@pytest.mark.slow
def test_the_day_of_what_is_welcomed_is_not_the_welcomes(nlp: Language) -> None:
    text = "Ilse Varden welcomed the session to be held on March 15 in Selda."
    title = "Statement from President Ilse Varden on the Selda Talks"
    [support] = [e for e in run(nlp, text, title=title) if e.type == "SUPPORT"]
    assert support.date == PUBLISHED


@pytest.mark.slow
def test_officials_from_our_governments_act_for_the_statements_authors(nlp: Language) -> None:
    text = "Senior officials from our governments have held intensive talks in Kalvar."
    title = "Joint Statement from Corvania, Lirevia, and Qaremia"
    [talks] = [e for e in run(nlp, text, title=title) if e.type == "CONSULT"]
    assert talks.actor == "Corvania"


@pytest.mark.slow
def test_allowing_for_something_lets_no_one_in(nlp: Language) -> None:
    text = "The plan bridges the gaps in a manner that allows for a swift truce in Selda."
    assert not [e for e in run(nlp, text) if e.type == "RETREAT"]
    assert [e.type for e in run(nlp, "Rovania allowed aid convoys into Selda.")] == ["RETREAT"]
