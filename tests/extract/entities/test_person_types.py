"""Who is a person: given names against stray labels, surnames, middle initials, and
names of other kinds the model calls people. Hand-built parses of invented sentences."""

from __future__ import annotations

from storyline.extract.entities.wordclasses import (
    is_person_given_name,
    load_word_classes,
    looks_like_full_name,
)
from storyline.matching.lexicon import load_lexicon
from storyline.models import Mention

from .test_entities import Token, build, run


def said(name: list[tuple[str, str]]) -> list[Token]:
    """ "<name> said ." with each name word labelled as given."""
    n = len(name)
    words: list[Token] = [
        (w, "NNP", "compound" if i < n - 1 else "nsubj", n - 1 if i < n - 1 else n, label)
        for i, (w, label) in enumerate(name)
    ]
    return [*words, ("said", "VBD", "ROOT", n, ""), (".", ".", "punct", n, "")]


def by_text(mentions: list[Mention]) -> dict[str, tuple[str, str]]:
    return {m.text: (m.name, m.type) for m in mentions}


def test_surname_the_model_calls_an_organization_joins_the_full_name() -> None:
    doc = build(
        said([("Tomas", "PERSON"), ("Heyl", "PERSON")]),
        said([("Heyl", "ORG")]),
        said([("Heyl", "ORG")]),
        said([("Heyl", "GPE")]),
    )
    mentions = run(doc)
    assert {(m.name, m.type) for m in mentions} == {("Tomas Heyl", "PERSON")}
    assert len(mentions) == 4


def test_a_full_name_the_model_calls_an_organization_is_a_person() -> None:
    doc = build(said([("Ilse", "ORG"), ("Quist", "ORG")]), said([("Quist", "GPE")]))
    assert set(by_text(run(doc)).values()) == {("Ilse Quist", "PERSON")}


def test_an_organization_named_after_a_person_stays_one() -> None:
    doc = build(said([("Ilse", "ORG"), ("Quist", "ORG"), ("Foundation", "ORG")]))
    assert by_text(run(doc))["Ilse Quist Foundation"][1] == "ORG"


def test_middle_initial_is_ignored_unless_two_initials_differ() -> None:
    same = run(build(said([("Tomas", "PERSON"), ("R.", "PERSON"), ("Heyl", "PERSON")]),
                     said([("Tomas", "PERSON"), ("Heyl", "PERSON")])))  # fmt: skip
    assert {m.name for m in same} == {"Tomas R. Heyl"}
    two = run(build(said([("Tomas", "PERSON"), ("R.", "PERSON"), ("Heyl", "PERSON")]),
                    said([("Tomas", "PERSON"), ("K.", "PERSON"), ("Heyl", "PERSON")])))  # fmt: skip
    assert {m.name for m in two} == {"Tomas R. Heyl", "Tomas K. Heyl"}


def test_nickname_and_initial_join_the_formal_name() -> None:
    mentions = run(
        build(
            said([("Joseph", "PERSON"), ("R.", "PERSON"), ("Halden", "PERSON")]),
            said([("Joe", "PERSON"), ("Halden", "PERSON")]),
            said([("Halden", "ORG")]),
        )
    )
    assert {(m.name, m.type) for m in mentions} == {("Joseph R. Halden", "PERSON")}


def test_words_before_a_full_name_are_not_part_of_it() -> None:
    for lead in ("Opposition", "By", "Photo"):
        got = by_text(run(build(said([(lead, "PERSON"), ("Ilse", "PERSON"), ("Quist", "PERSON")]))))
        assert got == {"Ilse Quist": ("Ilse Quist", "PERSON")}, lead


def test_a_transcript_label_ends_at_its_colon() -> None:
    doc = build(
        [
            ("QUIST", "NNP", "nsubj", 2, "PERSON"),
            (":", ":", "punct", 2, "PERSON"),  # the model runs on past the colon
            ("Thanks", "NNS", "ROOT", 2, "PERSON"),
            (".", ".", "punct", 2, ""),
        ]
    )
    texts = [m.text for m in run(doc)]
    assert "QUIST" in texts
    assert not any(":" in t for t in texts)


def test_a_plural_group_the_model_calls_a_person_is_a_group() -> None:
    doc = build(
        [
            ("the", "DT", "det", 1, ""),
            ("Veyrans", "NNPS", "nsubj", 2, "PERSON"),
            ("fired", "VBD", "ROOT", 2, ""),
            (".", ".", "punct", 2, ""),
        ]
    )
    assert by_text(run(doc))["Veyrans"][1] == "NORP"


def test_a_named_place_after_the_is_no_person() -> None:
    doc = build(
        [
            ("Ships", "NNS", "nsubj", 1, ""),
            ("crossed", "VBD", "ROOT", 1, ""),
            ("the", "DT", "det", 4, ""),
            ("Bab", "NNP", "compound", 4, "PERSON"),
            ("Selda", "NNP", "dobj", 1, "PERSON"),
            (".", ".", "punct", 1, ""),
        ]
    )
    assert by_text(run(doc))["Bab Selda"][1] != "PERSON"


def test_laws_and_geographic_features_are_no_people() -> None:
    doc = build(
        said([("Public", "PERSON"), ("Law", "PERSON")]),
        said([("Kalvar", "PERSON"), ("Strait", "PERSON")]),
    )
    got = by_text(run(doc))
    assert "Public Law" not in got
    assert got["Kalvar Strait"][1] == "LOC"


def test_given_names_that_are_mostly_places_or_words_prove_nothing() -> None:
    lex, classes = load_lexicon(), load_word_classes()
    assert is_person_given_name("tomas", lex, classes)
    assert is_person_given_name("josé", lex, classes)
    assert not is_person_given_name("washington", lex, classes)
    assert looks_like_full_name(("ilse", "quist"), lex, classes)
    assert not looks_like_full_name(("ilse", "quist", "foundation"), lex, classes)
    assert not looks_like_full_name(("green", "bay"), lex, classes)
    assert not looks_like_full_name(("ilse", "strait"), lex, classes)


def test_a_dateline_the_model_ran_into_a_name_is_cut_at_its_dash() -> None:
    # KALVAR - Ilse Varden said .   (the model takes the dateline into the name)
    doc = build(
        [
            ("KALVAR", "NNP", "compound", 3, "PERSON"),
            ("-", "HYPH", "punct", 3, "PERSON"),
            ("Ilse", "NNP", "compound", 3, "PERSON"),
            ("Varden", "NNP", "nsubj", 4, "PERSON"),
            ("said", "VBD", "ROOT", 4, ""),
            (".", ".", "punct", 4, ""),
        ]
    )
    assert "Ilse Varden" in {m.name for m in run(doc) if m.type == "PERSON"}
    assert not any("KALVAR" in m.name for m in run(doc) if m.type == "PERSON")
