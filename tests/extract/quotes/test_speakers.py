"""Speakers: transcript turns, a document's own voices, name cleaning, and whole articles.

Every text here is invented (a conflict between Tarvenia and the Veyra Front, with
Qaremia mediating in Kalvar). The fast tests read text and hand-made mentions only; the
``slow`` ones run the model and the ``entities`` extractor over short articles.
"""

from __future__ import annotations

import pytest
from spacy.language import Language

from storyline.extract import get_extractors
from storyline.extract.common.mentions import MentionIndex
from storyline.extract.quotes.extractor import extract_quotes
from storyline.extract.quotes.naming import clean_name
from storyline.extract.quotes.transcript import find_sections, find_turns
from storyline.extract.quotes.voices import VoiceReader, joined
from storyline.extract.registry import Context
from storyline.models import Article, Mention, Quote
from storyline.pipeline import run_extractors

from ... import handmade


def mention(text: str, start: int, end: int, name: str, kind: str = "PERSON") -> Mention:
    return Mention(article="a1", start=start, end=end, text=text[start:end], name=name, type=kind)


def mentions_of(text: str, names: dict[str, tuple[str, str]]) -> MentionIndex:
    """A mention at each occurrence of every written form: written → (name, type)."""
    found = []
    for written, (name, kind) in names.items():
        at = text.find(written)
        while at >= 0:
            found.append(mention(text, at, at + len(written), name, kind))
            at = text.find(written, at + 1)
    return MentionIndex(found)


# -- transcripts ----------------------------------------------------------------------

CALL = (
    "MODERATOR:\u00a0 Thanks for joining. I will turn it over to Admiral Petra Lund.\n\n"
    "ADMIRAL LUND:\u00a0 We believe the strikes worked.\n\n"
    "Q    Thanks. Can you say whether Minister Heyl said the talks would resume?\n\n"
    "ADMIRAL LUND:\u00a0 They will.\n\n"
    "SENIOR ADMINISTRATION OFFICIAL:\u00a0 I can add one thing."
)


def test_a_bare_q_and_a_no_break_space_open_turns() -> None:
    sections = find_sections(CALL)
    assert [s.label for s in sections] == [
        "MODERATOR",
        "ADMIRAL LUND",
        "Q",
        "ADMIRAL LUND",
        "SENIOR ADMINISTRATION OFFICIAL",
    ]
    assert [s.question for s in sections] == [True, False, True, False, False]
    # The question is nobody's quote, and no answer runs over it.
    assert [CALL[t.start : t.end] for t in find_turns(CALL)] == [
        "We believe the strikes worked.",
        "They will.",
        "I can add one thing.",
    ]


def test_labels_are_named_as_the_article_names_the_speaker() -> None:
    reader = VoiceReader(CALL, None, mentions_of(CALL, {"Petra Lund": ("Petra Lund", "PERSON")}))
    assert reader.label_speaker("ADMIRAL LUND") == "Petra Lund"
    assert (
        reader.label_speaker("SENIOR ADMINISTRATION OFFICIAL")
        == "unnamed senior administration official"
    )
    assert reader.label_speaker("MR. ORSO") == "Orso"


def test_the_section_of_an_offset() -> None:
    voices = VoiceReader(CALL, None, MentionIndex([])).voices
    question = CALL.index("Minister Heyl")
    section = voices.section_at(question)
    assert section is not None and section.question
    assert voices.section_at(0) is not None  # the moderator's label opens the text
    assert VoiceReader("No labels here.", None, MentionIndex([])).voices.sections == ()


# -- a document's own voices ----------------------------------------------------------


def test_a_statement_title_names_its_author() -> None:
    text = "Today I spoke with the families. President Varden thanked the mediators."
    index = mentions_of(text, {"Varden": ("Ilse Varden", "PERSON")})
    voices = VoiceReader(text, "Statement from President Ilse Varden on the Attack", index).voices
    assert voices.author == "Ilse Varden"
    assert voices.president == "Ilse Varden"


def test_a_readout_names_its_participants_and_its_president() -> None:
    text = "President Varden spoke today with Prime Minister Quist. The two leaders met."
    index = mentions_of(
        text, {"Varden": ("Ilse Varden", "PERSON"), "Quist": ("Mara Quist", "PERSON")}
    )
    title = "Readout of President Varden’s Call with Prime Minister Quist of Qaremia"
    voices = VoiceReader(text, title, index).voices
    assert voices.participants == ("Ilse Varden", "Mara Quist")
    assert voices.president == "Ilse Varden"
    assert joined(voices.participants) == "Ilse Varden and Mara Quist"


def test_a_signature_and_a_first_person_apposition_name_the_author() -> None:
    letter = "Dear Madam Speaker:\n\nI have sent the enclosed notice.\n\nSincerely,\n\nILSE Q. VARDEN JR."
    assert VoiceReader(letter, None, MentionIndex([])).voices.author == "Ilse Q. Varden"
    proclamation = "NOW, THEREFORE, I, Ilse Varden, President of Tarvenia, do proclaim:"
    assert VoiceReader(proclamation, None, MentionIndex([])).voices.author == "Ilse Varden"
    # A news report's last short line is no signature.
    news = "The talks resumed.\n\nMore Coverage Follows"
    assert VoiceReader(news, None, MentionIndex([])).voices.author is None


def test_the_president_is_the_one_named_most_not_a_visiting_one() -> None:
    text = (
        "President Varden will host the talks. President Heyl of Lirevia will attend. "
        "President Varden has said the talks matter."
    )
    index = mentions_of(
        text, {"Varden": ("Ilse Varden", "PERSON"), "Heyl": ("Tomas Heyl", "PERSON")}
    )
    assert VoiceReader(text, "Background Press Call on Kalvar", index).voices.president == (
        "Ilse Varden"
    )


# -- names ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Photo: Ilse Varden", "Ilse Varden"),
        ("unnamed official Tomas Heyl", "Tomas Heyl"),
        ("Harbour City's mayor Mara Quist", "Mara Quist"),
        ("Mayor Mara Quist", "Mara Quist"),
        # Descriptors and organizations stay as they are.
        ("unnamed Tarvenian official", "unnamed Tarvenian official"),
        ("Varden's office", "Varden's office"),
        ("Ministry of Foreign Affairs", "Ministry of Foreign Affairs"),
        ("Ilse Varden", "Ilse Varden"),
    ],
)
def test_clean_name(name: str, expected: str) -> None:
    assert clean_name(name) == expected


def test_a_surname_typed_as_a_place_is_the_person_named_before() -> None:
    # Ilse Varden spoke. “We will win,” Varden said.  (the model typed "Varden" GPE)
    doc = handmade.build(
        ["Ilse", "Varden", "spoke", ".", "“", "We", "will", "win", ",", "”", "Varden", "said", "."],
        heads=[1, 2, 2, 2, 11, 7, 7, 11, 11, 11, 11, 11, 11],
        deps=[
            "compound",
            "nsubj",
            "ROOT",
            "punct",
            "punct",
            "nsubj",
            "aux",
            "ccomp",
            "punct",
            "punct",
            "nsubj",
            "ROOT",
            "punct",
        ],
        pos=[
            "PROPN",
            "PROPN",
            "VERB",
            "PUNCT",
            "PUNCT",
            "PRON",
            "AUX",
            "VERB",
            "PUNCT",
            "PUNCT",
            "PROPN",
            "VERB",
            "PUNCT",
        ],
        tags=["NNP", "NNP", "VBD", ".", "``", "PRP", "MD", "VB", ",", "''", "NNP", "VBD", "."],
        lemmas=[
            "Ilse",
            "Varden",
            "speak",
            ".",
            "“",
            "we",
            "will",
            "win",
            ",",
            "”",
            "Varden",
            "say",
            ".",
        ],
        ents=handmade.iob(["PERSON", "PERSON", *[""] * 8, "GPE", "", ""]),
    )
    article = Article(id="a1", text=doc.text)
    (quote,) = extract_quotes(doc, Context(article, {"entities": []}))
    assert (quote.text, quote.speaker) == ("We will win,", "Ilse Varden")


# -- whole articles (the model and the entities extractor) ----------------------------

NEWS = """Kalvar talks stall as Veyra Front rejects offer

SELDA, Tarvenia (Lirevia Herald) - Tarvenian Foreign Minister Ilse Varden said on Monday that the ceasefire offer remained on the table.

"We will not walk away from these talks," Varden told reporters in Selda.

Tomas Heyl, the veteran negotiator who leads the Veyra Front delegation, rejected the offer. The veteran negotiator said the terms were "a trap for our people."

Harbour City's mayor, Mara Quist, said residents had waited long enough. The mayor added that shelters were full.

The Front issued a statement on Tuesday. The statement said the group would attend the next round in Kalvar.

She later said the talks could resume within a week.
"""

STATEMENT = """Today I spoke with the families of the Corvanian aid workers who were killed in Kalvar. I told them that we will not rest until those responsible are held to account.

We believe the ceasefire proposal remains the best path to peace, and I urged President Tomas Heyl of Lirevia to support it.
"""

READOUT = """President Ilse Varden spoke today with Prime Minister Mara Quist of Qaremia. The two leaders discussed the talks in Kalvar and efforts to bring the captives home. The President thanked Prime Minister Quist for Qaremia's support. Both leaders agreed that the ceasefire must hold.
"""

TRANSCRIPT = """Via Teleconference

MODERATOR:  Thanks, everyone, for joining. I will turn it over to Admiral Petra Lund.

ADMIRAL LUND:  Thanks. I think the strikes were successful, and we believe the Front has lost much of its launch capacity.

Q    Thanks. Can you say whether Minister Heyl said the talks would resume?

ADMIRAL LUND:  I would say the talks will resume when the Front is ready.
"""


def quotes_of(nlp: Language, text: str, title: str | None = None) -> list[Quote]:
    wanted = [e for e in get_extractors() if e.name in ("entities", "quotes", "indirect_quotes")]
    article = Article(id="a1", text=text, title=title)
    return [f for f in run_extractors(nlp(text), article, wanted) if isinstance(f, Quote)]


def speaker_of(quotes: list[Quote], words: str) -> str | None:
    (quote,) = [q for q in quotes if q.text.startswith(words)]
    return quote.speaker


@pytest.mark.slow
def test_news_speakers(nlp: Language) -> None:
    quotes = quotes_of(nlp, NEWS)
    assert speaker_of(quotes, "We will not walk away") == "Ilse Varden"
    # "the veteran negotiator": the person an apposition gave that role.
    assert speaker_of(quotes, "a trap for our people") == "Tomas Heyl"
    # "Harbour City's mayor, Mara Quist": the mayor, not the city.
    assert speaker_of(quotes, "residents had waited") == "Mara Quist"
    # "The statement" speaks for whoever issued it.
    assert speaker_of(quotes, "the group would attend") == "Veyra Front"
    # "She": the nearest woman named as a subject before.
    assert speaker_of(quotes, "the talks could resume") == "Mara Quist"


@pytest.mark.slow
def test_a_statement_speaks_for_its_author(nlp: Language) -> None:
    quotes = quotes_of(nlp, STATEMENT, "Statement from President Ilse Varden on the Attack")
    assert {q.speaker for q in quotes} == {"Ilse Varden"}
    assert speaker_of(quotes, "we will not rest") == "Ilse Varden"


@pytest.mark.slow
def test_a_readout_gives_both_leaders_and_the_president(nlp: Language) -> None:
    title = "Readout of President Ilse Varden’s Call with Prime Minister Mara Quist of Qaremia"
    quotes = quotes_of(nlp, READOUT, title)
    assert speaker_of(quotes, "the ceasefire must hold") == "Ilse Varden and Mara Quist"
    assert "leaders" not in {q.speaker for q in quotes}


@pytest.mark.slow
def test_transcript_turns_and_questions(nlp: Language) -> None:
    quotes = quotes_of(nlp, TRANSCRIPT, "Background Press Call on the Strikes in Kalvar")
    direct = [q for q in quotes if q.kind == "direct"]
    assert [q.speaker for q in direct] == ["Petra Lund", "Petra Lund"]
    indirect = [q for q in quotes if q.kind == "indirect"]
    # "I think …" in Admiral Lund's turn is hers; nothing is taken from the question.
    assert speaker_of(indirect, "the strikes were successful") == "Petra Lund"
    assert not [q for q in quotes if "Heyl" in q.text or q.speaker == "Q"]
