"""Issue 11, figures: written forms of numbers and units, and units the clause supplies.

Every sentence is invented (Tarvenia, Lirevia and the Veyra Front do not exist). The
fast tests read quantities without a parse (tokenizer only); the slow ones run the real
model, since ages, elided units and "who" are read off the clause.
"""

from __future__ import annotations

import pytest
from spacy.language import Language

from storyline.extract.common.numbers import find_numbers, lex
from storyline.extract.figures.extractor import extract_figures
from storyline.extract.figures.read import read_quantities
from storyline.extract.registry import Context
from storyline.models import DIMENSIONLESS, Article, Figure

from ... import handmade


def measured(text: str) -> list[tuple[str, float | None, str | None]]:
    """(surface, value, unit) of each quantity read without a parse."""
    return [
        (text[q.start : q.end], q.value, q.unit)
        for q in read_quantities(handmade.tokenize(text), lex(text))
    ]


def figures(nlp: Language, text: str) -> list[Figure]:
    doc = nlp(text)
    article = Article(id="a1", text=text, published="2025-06-04")
    return extract_figures(doc, Context(article, {"entities": [], "quotes": []}))


# -- numbers as typesetting writes them -------------------------------------------------


@pytest.mark.parametrize(
    ("text", "surface", "value"),
    [
        ("The pipe is 3⁄4 inch wide.", "3⁄4", 0.75),
        ("The tide rose 2 1⁄2 metres.", "2 1⁄2", 2.5),
        ("The wall is 2½ metres high.", "2½", 2.5),
        ("Only ¼ of the wells work.", "¼", 0.25),
    ],
)
def test_the_fraction_slash_and_vulgar_fractions(text: str, surface: str, value: float) -> None:
    (number,) = find_numbers(lex(text))
    assert (text[number.start : number.end], number.value) == (surface, value)


def test_a_plain_slash_is_no_fraction() -> None:
    # "3/4" is as often the third of April: not read as three quarters.
    assert all(n.value != 0.75 for n in find_numbers(lex("Talks resume on 3/4 in Vantis.")))


# -- currencies and units ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "surface", "value", "unit"),
    [
        ("Tarvenia pledged A$5 million.", "A$5 million", 5e6, "australian dollar"),
        ("Tarvenia pledged $A3 million.", "$A3 million", 3e6, "australian dollar"),
        ("Lirevia sent NZ$40 million.", "NZ$40 million", 4e7, "new zealand dollar"),
        ("Lirevia sent $NZ40 million.", "$NZ40 million", 4e7, "new zealand dollar"),
        ("The port lost HK$2 billion.", "HK$2 billion", 2e9, "hong kong dollar"),
        ("The port lost US$1.5 billion.", "US$1.5 billion", 1.5e9, "dollar"),
        ("Prices in Vantis rose 4.2pc in March.", "4.2pc", 4.2, "percentage"),
        ("The link to Kesh carries 100Mbps.", "100Mbps", 100, "megabit per second"),
        ("The border post reads -3degC at dawn.", "-3degC", -3, "celsius"),
        ("Each crate weighs 5kg.", "5kg", 5, "kilogram"),
        ("The drone flew at 30' above the ridge.", "30'", 30, "foot"),
        ("The drone flew at 30′ above the ridge.", "30′", 30, "foot"),
    ],
)
def test_written_units(text: str, surface: str, value: float, unit: str) -> None:
    assert measured(text) == [(surface, value, unit)]


@pytest.mark.parametrize(
    ("text", "unit"),
    [
        ("The road is 40 kilometers long.", "kilometre"),
        ("The road is 40 kilometres long.", "kilometre"),
        ("The wall is 3 meters high.", "metre"),
        ("The wall is 3 metres high.", "metre"),
    ],
)
def test_unit_names_have_one_spelling(text: str, unit: str) -> None:
    assert [u for _, _, u in measured(text)] == [unit]


def test_scale_suffixes_only_where_the_number_reads_so() -> None:
    assert measured("The Front raised 5m last year and 2bn this year.") == [
        ("5m", 5e6, None),
        ("2bn", 2e9, None),
    ]
    assert measured("The Front built a 5m wall.") == [("5m", 5, "metre")]


def test_signed_lists() -> None:
    values = [v for _, v, _ in measured("Vantis +1.2%, Kesh -0.4% and Selda +0.3%.")]
    assert values == [1.2, -0.4, 0.3]


def test_an_apostrophe_that_closes_a_quotation_is_no_foot_mark() -> None:
    assert measured("'The toll is 30' the minister said.") == [("30", 30, None)]
    assert all(u != "foot" for _, _, u in measured("Songs of the 90's returned."))


# -- units the clause supplies (the real model) -----------------------------------------


@pytest.mark.slow
@pytest.mark.parametrize(
    "text",
    [
        "Orla Venn will be 41 next spring.",
        "He turned 60 last week.",
        "Life expectancy for women in Vantis is about 79.",
    ],
)
def test_an_age_in_the_clause(nlp: Language, text: str) -> None:
    assert [f.unit for f in figures(nlp, text)] == ["year of age"]


@pytest.mark.slow
def test_a_toll_is_no_age(nlp: Language) -> None:
    assert [f.unit for f in figures(nlp, "The toll was 35 on Monday.")] == [DIMENSIONLESS]


@pytest.mark.slow
def test_who_counts_people(nlp: Language) -> None:
    text = "Now 68,400 people are out of work in Vantis and 95,800 who have looked for years."
    units = {f.value: f.unit for f in figures(nlp, text)}
    assert units[95_800] == "people"


@pytest.mark.slow
def test_a_change_from_a_measure_ends_in_its_unit(nlp: Language) -> None:
    text = "Her weight dropped from 208 pounds to 193, and the wait grew from 2 weeks to 3."
    units = [(f.value, f.unit) for f in figures(nlp, text)]
    assert units == [(208, "pound"), (193, "pound"), (14, "day"), (21, "day")]


@pytest.mark.slow
def test_a_parallel_clause_leaves_the_unit_out(nlp: Language) -> None:
    text = (
        "The Vantis index closed 2% higher at 2,518.36 points, while the Kesh index fell "
        "0.4% to close at 1,907.40."
    )
    units = {f.value: f.unit for f in figures(nlp, text)}
    assert units[1907.4] == "point"
    # Another preposition of the same verb is another slot: an index level, not a percent.
    (level,) = [f for f in figures(nlp, "The index rose 0.3 percent to 4,812.60.")
                if f.value == 4812.6]  # fmt: skip
    assert level.unit == DIMENSIONLESS
