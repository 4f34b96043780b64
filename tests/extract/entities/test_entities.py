"""Entities: names, titles, descriptors and article-level clusters on hand-built parses.

Every sentence here is invented (a fictional conflict between Ostrivia and Caldera, with
Dorvan mediating). The fast tests build parsed ``Doc``s by hand; the slow ones run the real
model on the golden files in ``tests/golden/entities`` (``<case>.txt`` the article,
``<case>.json`` the expected mentions) and on the seed articles in ``../shared``. After a
deliberate change of behaviour, regenerate the golden files with::

    REGEN_GOLDEN=1 .venv/bin/pytest tests/extract/entities/test_entities.py -k golden

and review the diff before committing.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from spacy.language import Language
from spacy.tokens import Doc

from storyline.extract.common.mentions import MentionIndex
from storyline.extract.entities.extractor import extract_entities
from storyline.extract.registry import Context
from storyline.matching.lexicon import load_lexicon, plural
from storyline.matching.names import initials, is_demonym_of, phrase_tokens
from storyline.models import Article, Mention

from ... import handmade
from ...support import GOLDEN_ROOT, check_golden

GOLDEN = GOLDEN_ROOT / "entities"
_POS = {
    "NNP": "PROPN", "NNPS": "PROPN", "NN": "NOUN", "NNS": "NOUN", "VBD": "VERB", "VBZ": "VERB",
    "VB": "VERB", "VBN": "VERB", "MD": "AUX", "DT": "DET", "IN": "ADP", "JJ": "ADJ",
    "POS": "PART", ".": "PUNCT", ",": "PUNCT", "PRP": "PRON", "CC": "CCONJ", "TO": "PART",
    "-LRB-": "PUNCT", "-RRB-": "PUNCT", "CD": "NUM",
}  # fmt: skip

# A token: (word, tag, dep, head index within its sentence, entity label or "").
Token = tuple[str, str, str, int, str]


def build(*sentences: list[Token]) -> Doc:
    """A parsed ``Doc`` from sentences of (word, tag, dep, head, entity) tokens."""
    words: list[str] = []
    tags: list[str] = []
    deps: list[str] = []
    heads: list[int] = []
    labels: list[str] = []
    for sentence in sentences:
        base = len(words)
        for word, tag, dep, head, ent in sentence:
            words.append(word)
            tags.append(tag)
            deps.append(dep)
            heads.append(base + head)
            labels.append(ent)
    return handmade.build(
        words,
        heads=heads,
        deps=deps,
        pos=[_POS.get(t, "X") for t in tags],
        tags=tags,
        lemmas=[w.lower() for w in words],
        ents=handmade.iob(labels),
    )


def run(doc: Doc, outlet: str | None = None) -> list[Mention]:
    article = Article(id="a1", text=doc.text, outlet=outlet)
    return extract_entities(doc, Context(article))


def names_of(mentions: list[Mention]) -> list[tuple[str, str, str]]:
    return [(m.text, m.name, m.type) for m in mentions]


# -- sentences ---------------------------------------------------------------------------

# Ostrivian Prime Minister Ilsa Varga met Calderan envoys.
S_TITLE: list[Token] = [
    ("Ostrivian", "JJ", "amod", 2, "NORP"),
    ("Prime", "NNP", "compound", 2, ""),
    ("Minister", "NNP", "compound", 4, ""),
    ("Ilsa", "NNP", "compound", 4, "PERSON"),
    ("Varga", "NNP", "nsubj", 5, "PERSON"),
    ("met", "VBD", "ROOT", 5, ""),
    ("Calderan", "JJ", "amod", 7, "NORP"),
    ("envoys", "NNS", "dobj", 5, ""),
    (".", ".", "punct", 5, ""),
]
# Varga said Ostrivia was ready.   (the model calls the surname a place)
S_SURNAME: list[Token] = [
    ("Varga", "NNP", "nsubj", 1, "GPE"),
    ("said", "VBD", "ROOT", 1, ""),
    ("Ostrivia", "NNP", "nsubj", 3, "GPE"),
    ("was", "VBD", "ccomp", 1, ""),
    ("ready", "JJ", "acomp", 3, ""),
    (".", ".", "punct", 1, ""),
]
# The prime minister rejected the plan.
S_DESCRIPTOR: list[Token] = [
    ("The", "DT", "det", 2, ""),
    ("prime", "JJ", "amod", 2, ""),
    ("minister", "NN", "nsubj", 3, ""),
    ("rejected", "VBD", "ROOT", 3, ""),
    ("the", "DT", "det", 5, ""),
    ("plan", "NN", "dobj", 3, ""),
    (".", ".", "punct", 3, ""),
]
# Varga's office said talks would resume.
S_OFFICE: list[Token] = [
    ("Varga", "NNP", "poss", 2, "PERSON"),
    ("'s", "POS", "case", 0, ""),
    ("office", "NN", "nsubj", 3, ""),
    ("said", "VBD", "ROOT", 3, ""),
    ("talks", "NNS", "nsubj", 6, ""),
    ("would", "MD", "aux", 6, ""),
    ("resume", "VB", "ccomp", 3, ""),
    (".", ".", "punct", 3, ""),
]
# An Ostrivian official confirmed it.
S_ANONYMOUS: list[Token] = [
    ("An", "DT", "det", 2, ""),
    ("Ostrivian", "JJ", "amod", 2, "NORP"),
    ("official", "NN", "nsubj", 3, ""),
    ("confirmed", "VBD", "ROOT", 3, ""),
    ("it", "PRP", "dobj", 3, ""),
    (".", ".", "punct", 3, ""),
]
# The Ostrivian official declined to give details.
S_ANAPHOR: list[Token] = [
    ("The", "DT", "det", 2, ""),
    ("Ostrivian", "JJ", "amod", 2, "NORP"),
    ("official", "NN", "nsubj", 3, ""),
    ("declined", "VBD", "ROOT", 3, ""),
    ("comment", "NN", "dobj", 3, ""),
    (".", ".", "punct", 3, ""),
]
# Calderan officials said the Coastal Relief Council (CRC) was ready.
S_ACRONYM: list[Token] = [
    ("Calderan", "JJ", "amod", 1, "NORP"),
    ("officials", "NNS", "nsubj", 2, ""),
    ("said", "VBD", "ROOT", 2, ""),
    ("the", "DT", "det", 6, ""),
    ("Coastal", "NNP", "compound", 6, "ORG"),
    ("Relief", "NNP", "compound", 6, "ORG"),
    ("Council", "NNP", "nsubj", 11, "ORG"),
    ("(", "-LRB-", "punct", 6, ""),
    ("CRC", "NNP", "appos", 6, ""),
    (")", "-RRB-", "punct", 6, ""),
    ("was", "VBD", "aux", 11, ""),
    ("ready", "JJ", "ccomp", 2, ""),
    (".", ".", "punct", 2, ""),
]
# CRC trucks reached Caldera.
S_ACRONYM_AGAIN: list[Token] = [
    ("CRC", "NNP", "compound", 1, ""),
    ("trucks", "NNS", "nsubj", 2, ""),
    ("reached", "VBD", "ROOT", 2, ""),
    ("Caldera", "NNP", "dobj", 2, "GPE"),
    (".", ".", "punct", 2, ""),
]
# Jon Pell, the Dorvan envoy, met Varga.
S_APPOSITION: list[Token] = [
    ("Jon", "NNP", "compound", 1, "PERSON"),
    ("Pell", "NNP", "nsubj", 7, "PERSON"),
    (",", ",", "punct", 1, ""),
    ("the", "DT", "det", 5, ""),
    ("Dorvan", "NNP", "compound", 5, "NORP"),
    ("envoy", "NN", "appos", 1, ""),
    (",", ",", "punct", 1, ""),
    ("met", "VBD", "ROOT", 7, ""),
    ("Varga", "NNP", "dobj", 7, "PERSON"),
    (".", ".", "punct", 7, ""),
]
# The envoy said Pell would return.
S_ENVOY: list[Token] = [
    ("The", "DT", "det", 1, ""),
    ("envoy", "NN", "nsubj", 2, ""),
    ("said", "VBD", "ROOT", 2, ""),
    ("Pell", "NNP", "nsubj", 5, ""),
    ("would", "MD", "aux", 5, ""),
    ("return", "VB", "ccomp", 2, ""),
    (".", ".", "punct", 2, ""),
]


# -- names, titles, types ----------------------------------------------------------------


def test_title_gives_role_and_affiliation_and_surname_joins_full_name() -> None:
    mentions = run(build(S_TITLE, S_SURNAME))
    by_text = {m.text: m for m in mentions}
    varga = by_text["Ilsa Varga"]
    assert (varga.name, varga.type, varga.role) == ("Ilsa Varga", "PERSON", "Prime Minister")
    surname = by_text["Varga"]
    # The model called the surname a place; the full name and title outvote it.
    assert (surname.name, surname.type, surname.role) == ("Ilsa Varga", "PERSON", "Prime Minister")
    # "Ostrivian" and "Ostrivia" are one place: the demonym links to the country.
    assert by_text["Ostrivian"].name == "Ostrivia"
    assert by_text["Ostrivia"].type == "GPE"
    assert varga.affiliation == "Ostrivia"


def test_offsets_are_the_mention_words() -> None:
    doc = build(S_TITLE, S_OFFICE)
    for mention in run(doc):
        assert doc.text[mention.start : mention.end] == mention.text
        assert mention.article == "a1"


def test_title_words_are_not_names() -> None:
    texts = [m.text for m in run(build(S_TITLE))]
    assert "Prime Minister" not in texts
    assert "Minister" not in texts


def test_possessive_office_is_an_organization_of_its_own() -> None:
    mentions = run(build(S_TITLE, S_OFFICE))
    office = next(m for m in mentions if m.text.endswith("office"))
    assert (office.text, office.name) == ("Varga's office", "Varga's office")
    # The person inside keeps a mention without the possessive.
    assert ("Varga", "Ilsa Varga", "PERSON") in names_of(mentions)


def test_parenthesized_acronym_and_its_later_uses_join_the_name() -> None:
    mentions = run(build(S_ACRONYM, S_ACRONYM_AGAIN))
    council = [m for m in mentions if m.name == "Coastal Relief Council"]
    assert [m.text for m in council] == ["Coastal Relief Council", "CRC", "CRC"]
    assert {m.type for m in council} == {"ORG"}


# -- descriptors -------------------------------------------------------------------------


def test_definite_role_resolves_to_the_named_holder() -> None:
    mentions = run(build(S_TITLE, S_DESCRIPTOR))
    descriptor = next(m for m in mentions if m.text == "prime minister")
    assert (descriptor.name, descriptor.type) == ("Ilsa Varga", "PERSON")
    assert descriptor.role == "prime minister"


def test_anonymous_source_is_unnamed_and_its_anaphor_too() -> None:
    mentions = run(build(S_SURNAME, S_ANONYMOUS, S_ANAPHOR))
    sources = [m for m in mentions if m.name.startswith("unnamed")]
    assert [(m.text, m.name) for m in sources] == [
        ("Ostrivian official", "unnamed Ostrivian official"),
        ("Ostrivian official", "unnamed Ostrivian official"),
    ]
    # "Ostrivian" is tied to the country because the article names it.
    assert sources[0].affiliation == "Ostrivia"
    assert run(build(S_ANONYMOUS))[0].affiliation == "Ostrivian"


def test_group_of_officials_is_named_as_written() -> None:
    mentions = run(build(S_ACRONYM, S_ACRONYM_AGAIN))
    group = next(m for m in mentions if m.text == "Calderan officials")
    assert (group.name, group.type, group.affiliation) == ("Calderan officials", "ORG", "Caldera")


def test_apposition_gives_a_role_that_a_later_descriptor_resolves_by() -> None:
    mentions = run(build(S_APPOSITION, S_ENVOY))
    pell = [m for m in mentions if m.name == "Jon Pell"]
    assert [m.text for m in pell] == ["Jon Pell", "Dorvan envoy", "envoy", "Pell"]
    assert pell[0].role == "Dorvan envoy"


def test_outlet_name_in_the_text_is_an_organization() -> None:
    # A contrived clash: an outlet named like the country it reports from.
    mentions = run(build(S_SURNAME), outlet="Ostrivia")
    place = next(m for m in mentions if m.text == "Ostrivia")
    assert place.type == "ORG"


def test_mention_index_finds_the_speaker_span() -> None:
    doc = build(S_TITLE, S_SURNAME, S_OFFICE)
    index = MentionIndex(run(doc))
    start = doc.text.index("Varga's office")
    found = index.at(start, start + len("Varga's office"))
    assert found is not None and found.name == "Varga's office"
    said = doc.text.index("said")
    before = index.before(said)
    assert before is not None and before.name == "Ilsa Varga"


def test_role_without_a_holder_keeps_its_words_for_corpus_resolution() -> None:
    mentions = run(build(S_DESCRIPTOR))
    assert [(m.text, m.name, m.role) for m in mentions] == [
        ("prime minister", "prime minister", "prime minister")
    ]


# -- lexicons ----------------------------------------------------------------------------


def test_lexicon_tables() -> None:
    lex = load_lexicon()
    assert lex.country(("israeli",)) == "Israel"
    assert lex.country(("americans",)) == "United States"
    assert lex.country(("u.s.",)) == "United States"
    assert lex.role_class(phrase_tokens("top diplomat")) == "secretary of state"
    assert lex.role_class(phrase_tokens("Foreign Minister")) == "secretary of state"
    assert lex.role_class(phrase_tokens("senior official")) == "official"
    assert lex.role_class(phrase_tokens("former prime minister")) == "former prime minister"
    assert lex.is_role_word("minister") and not lex.is_role_word("house")


@pytest.mark.parametrize(
    ("word", "place", "expected"),
    [
        ("Ostrivian", "Ostrivia", True),
        ("Ostrivians", "Ostrivia", True),
        ("Calderan", "Caldera", True),
        ("Kenyan", "Kenya", True),
        ("Israeli", "Israel", True),
        ("Houthis", "Houthi", False),
        ("Varga", "Ostrivia", False),
        ("Ostrivia", "Ostrivia", False),
    ],
)
def test_demonym_morphology(word: str, place: str, expected: bool) -> None:
    assert is_demonym_of(word, place) is expected


def test_small_helpers() -> None:
    assert initials("Coastal Relief Council") == "CRC"
    assert initials("Organisation of Islamic Cooperation") == "OIC"
    assert plural("Israeli") == "Israelis" and plural("Chinese") == "Chinese"
    assert phrase_tokens("secretary-general") == ("secretary", "-", "general")


# -- the real model: golden files and the seeds ------------------------------------------


def _golden_cases() -> list[Path]:
    return sorted(GOLDEN.glob("*.txt"))


def _as_json(mentions: list[Mention]) -> list[dict[str, Any]]:
    keep = ("start", "end", "text", "name", "type", "role", "affiliation")
    return [{k: m.to_dict()[k] for k in keep} for m in mentions]


@pytest.mark.slow
@pytest.mark.parametrize("case", _golden_cases(), ids=lambda p: p.stem)
def test_golden(case: Path, nlp: Language) -> None:
    text = case.read_text(encoding="utf-8").strip()
    article = Article(id=case.stem, text=text, outlet="Harbor Ledger")
    got = _as_json(extract_entities(nlp(text), Context(article)))
    assert got == check_golden(case.with_suffix(".json"), got)


@pytest.mark.slow
def test_seed_speakers_actors_and_holders_are_mentions(shared_dir: Path, nlp: Language) -> None:
    """Every gold name that the seed text spells out is some mention's canonical name."""
    gold = json.loads((shared_dir / "data" / "gold" / "seeds.json").read_text(encoding="utf-8"))
    fields = (("quotes", "speaker"), ("events", "actor"), ("positions", "holder"))
    missing: list[str] = []
    checked = 0
    for document in gold["documents"]:
        path = shared_dir / "data" / "seeds" / f"{document['id']}.txt"
        text = path.read_text(encoding="utf-8").strip()
        mentions = extract_entities(nlp(text), Context(Article(id=document["id"], text=text)))
        names = {m.name for m in mentions}
        flat = text.replace("’", "'").lower()
        for section, field in fields:
            for item in document.get(section, ()):
                name = item.get(field)
                if name and name.lower() in flat:
                    checked += 1
                    if name not in names:
                        missing.append(f"{document['id']} {section}: {name}")
    assert checked > 20
    assert missing == []
