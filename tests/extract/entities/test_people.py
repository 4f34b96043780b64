"""People that hold: given names, nicknames, organizations named by their head word.

Every name is invented or a common given name; the model-backed tests are ``slow``.
"""

from __future__ import annotations

import pytest
from spacy.language import Language

from storyline.extract.entities.extractor import extract_entities
from storyline.extract.entities.wordclasses import is_person_given_name, load_word_classes
from storyline.extract.registry import Context
from storyline.matching.lexicon import load_lexicon
from storyline.matching.names import headline_name, is_english_given_name, same_given_name
from storyline.models import Article, Mention


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ("Joe", "Joseph", True),
        ("Bill", "William", True),
        ("J.", "Joseph", True),
        ("Jana", "Jana", True),
        ("Joe", "Jane", False),
        ("Mira", "Maria", False),
    ],
)
def test_same_given_name(a: str, b: str, expected: bool) -> None:
    assert same_given_name(a, b) is expected
    assert same_given_name(b, a) is expected


def test_given_names_from_the_package_and_the_list() -> None:
    lex = load_lexicon()
    assert is_english_given_name("Joseph") and not is_english_given_name("Tolva")
    assert lex.is_given_name("Yahya") and lex.is_given_name("joe")
    assert not lex.is_given_name("Ministry")
    assert lex.given_name_gender("Petra") == "f"
    assert lex.given_name_gender("Anton") == "m"
    assert lex.given_name_gender("Andrea") is None


def mentions(nlp: Language, text: str) -> dict[str, tuple[str | None, str]]:
    doc = nlp(text)
    found = extract_entities(doc, Context(Article(id="a1", text=text)))
    return {m.text: (m.name, m.type) for m in found if isinstance(m, Mention)}


@pytest.mark.slow
def test_nickname_joins_the_full_name(nlp: Language) -> None:
    got = mentions(
        nlp,
        "Joseph R. Halden met the Kestrian envoy in Tolva. Joe Halden said the talks "
        "went well. Later Halden flew home.",
    )
    assert got["Joe Halden"] == ("Joseph R. Halden", "PERSON")
    assert got["Halden"] == ("Joseph R. Halden", "PERSON")


@pytest.mark.slow
def test_the_agency_is_the_organization_it_names(nlp: Language) -> None:
    got = mentions(
        nlp,
        "The Northern Relief Coordination Agency sent 40 trucks to Merrow. Ardania closed "
        "the Tolva crossing on Sunday. The agency said the trucks carried flour.",
    )
    assert got["agency"][0] == "Northern Relief Coordination Agency"


@pytest.mark.slow
def test_the_office_is_the_office_named_before_and_no_other_organization(nlp: Language) -> None:
    got = mentions(
        nlp,
        "The Selda Relief Office counted 12,000 returns. The Veyra Front disputed the "
        "count. The office said the number would double by March.",
    )
    assert got["office"][0] == "Selda Relief Office"
    # No organization named with the noun: "the party" is no one named here.
    got = mentions(nlp, "The Veyra Front met in Kalvar. The party said the talks would resume.")
    assert "party" not in got


@pytest.mark.slow
def test_the_doctor_is_the_physician_named_before(nlp: Language) -> None:
    got = mentions(
        nlp,
        "Anneke Rusel, a family physician, runs the harbour clinic. Tomas Heyl, a former "
        "health minister, visited it. The doctor said the beds were full.",
    )
    assert got["doctor"][0] == "Anneke Rusel"
    # A role in apposition makes an unknown name a person's (the model typed it a place).
    assert got["Anneke Rusel"] == ("Anneke Rusel", "PERSON")


@pytest.mark.slow
def test_a_role_said_of_a_firm_leaves_it_an_organization(nlp: Language) -> None:
    got = mentions(nlp, "Brevik Partners, an adviser to the ministry, backed the plan.")
    assert got["Brevik Partners"][1] == "ORG"


def test_given_names_across_languages() -> None:
    lex = load_lexicon()
    for name in ("Jonas", "Hanne", "Benoit", "Jagmeet", "Katarzyna", "Ngozi", "Takeshi"):
        assert lex.is_given_name(name.lower()), name
    # Accents aside, as a name is written in the text.
    assert is_person_given_name("benoît", lex, load_word_classes())
    assert lex.given_name_gender("Mette") == "f"


@pytest.mark.slow
def test_the_name_the_model_cut_short_is_whole(nlp: Language) -> None:
    # The model tags only the given name here, or only the surname (as an organization).
    got = mentions(nlp, "The mayor met Oleksandr Rask on Monday. Rask said the mill was shut.")
    assert got["Oleksandr Rask"] == ("Oleksandr Rask", "PERSON")
    assert got["Rask"] == ("Oleksandr Rask", "PERSON")
    text = "Dinesh Malhotra, a retired teacher, watched. “We need it,” Malhotra added."
    assert mentions(nlp, text)["Malhotra"] == ("Dinesh Malhotra", "PERSON")


@pytest.mark.slow
def test_a_surname_is_the_person_named_before_it(nlp: Language) -> None:
    got = mentions(
        nlp,
        "Jonas Melk has fished the shoals for four decades. “Out here, the boats still "
        "shoot,” Melk says.\n\nMelk’s daughter, Hanne Melk, runs the co-operative.",
    )
    assert got["Jonas Melk"] == ("Jonas Melk", "PERSON")
    assert got["Melk"] == ("Jonas Melk", "PERSON")


@pytest.mark.slow
def test_who_after_a_full_name_says_person(nlp: Language) -> None:
    got = mentions(
        nlp,
        "The Front named Marta Zelenko, replacing Ivo Brandt, who stepped down last week. "
        "Brandt, reached at his home in Kalvar, welcomed the appointment.",
    )
    assert got["Ivo Brandt"] == ("Ivo Brandt", "PERSON")
    assert got["Brandt"] == ("Ivo Brandt", "PERSON")
    # A firm stays a firm ("Co." ends organization names).
    got = mentions(nlp, "Brisca Motor Co., who build trucks, said output fell.")
    assert got["Brisca Motor Co."][1] == "ORG"


@pytest.mark.slow
def test_the_n_year_old_is_the_person_named_last_outside_quotes(nlp: Language) -> None:
    text = (
        "Ivo Brandt, who stepped down last week, welcomed the appointment. "
        "The 71-year-old said his successor was tough."
    )
    assert mentions(nlp, text)["71-year-old"] == ("Ivo Brandt", "PERSON")
    # A person named only inside the quote is not who speaks.
    text = "\u201cTomas Heyl is a fine leader,\u201d the 46-year-old said."
    assert "46-year-old" not in mentions(nlp, text)


@pytest.mark.slow
def test_a_slash_between_credits_parts_two_names(nlp: Language) -> None:
    got = mentions(nlp, "A boat lies idle in the harbour. (Lise Aarhus/Tarvenia Morning Post)")
    assert got["Lise Aarhus"] == ("Lise Aarhus", "PERSON")
    assert got["Tarvenia Morning Post"] == ("Tarvenia Morning Post", "ORG")


def test_a_headline_gives_the_name_a_person_goes_by() -> None:
    known = load_lexicon().is_given_name
    title = "Readout of Premier Toby\u00a0Renvald’s Call with the Envoy"
    assert headline_name(title, "Tobias K. Renvald, Jr.", known) == "Toby Renvald"
    assert headline_name(title, "Renvald", known) == "Toby Renvald"
    # Another first name, a role word, or capitals only: no name.
    assert headline_name(title, "Mara Renvald", known) is None
    assert headline_name("Envoy Renvald's Call", "Renvald", known) is None
    assert headline_name("PREMIER TOBY RENVALD", "Renvald", known) is None


def the_president(nlp: Language, text: str, title: str | None, after: int) -> str:
    """Whom the bare "President" after character ``after`` names, under ``title``."""
    article = Article(id="a1", text=text, title=title)
    found = extract_entities(nlp(text), Context(article, {}))
    [mention] = [m for m in found if m.text == "President" and m.start > after]
    return mention.name


@pytest.mark.slow
def test_the_president_of_a_readout_is_its_principal(nlp: Language) -> None:
    text = (
        "President Ilse Varden spoke today with President Tomas Heyl of Rovania. "
        "The President thanked President Heyl for his support."
    )
    title = "Readout of President Ilse Varden's Call with President Tomas Heyl of Rovania"
    assert the_president(nlp, text, title, after=60) == "Ilse Varden"
    # In a news report the nearest president named before is meant.
    assert the_president(nlp, text, None, after=60) == "Tomas Heyl"


@pytest.mark.slow
def test_the_president_is_the_president_the_title_names(nlp: Language) -> None:
    text = (
        "President Ilse Varden will host Prime Minister Tomas Heyl. Last week President "
        "Anders Kolm of Selda called for talks. The President will discuss the crossing."
    )
    title = "Background Press Call Previewing the Meeting Between President Varden and Prime Minister Heyl"
    assert the_president(nlp, text, title, after=120) == "Ilse Varden"


@pytest.mark.slow
def test_an_unnamed_official_is_unnamed_once(nlp: Language) -> None:
    got = mentions(nlp, "An unnamed official said the talks in Selda had stalled again.")
    assert got["unnamed official"][0] == "unnamed official"


@pytest.mark.slow
def test_the_bare_descriptor_is_the_unnamed_source_introduced_before(nlp: Language) -> None:
    got = mentions(
        nlp,
        "A Rovanian diplomat involved in the talks said the swap was delayed. "
        "The diplomat said a new list would follow.",
    )
    assert got["diplomat"][0] == "unnamed Rovanian diplomat"


@pytest.mark.slow
def test_an_untagged_name_opening_with_a_given_name_is_a_person(nlp: Language) -> None:
    text = (
        "Envoy sees a narrow path\n\nIlse Varden has spent eleven months shuttling "
        "between Kalvar and Selda. Varden, 61, declined to discuss the draft."
    )
    got = mentions(nlp, text)
    assert got["Ilse Varden"] == ("Ilse Varden", "PERSON")
    assert got["Varden"][0] == "Ilse Varden"
