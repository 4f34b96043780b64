"""Reading numbers in plain text: one test per form (digits, words, vague, fractions...).

Every sentence is invented (a fictional conflict between Ostrivia and Caldera). These
tests need no spaCy model: ``numbers`` works on text alone.
"""

from __future__ import annotations

import pytest

from storyline.extract.common.numbers import (
    MAX_VALUE,
    Number,
    digit_value,
    find_numbers,
    int_of,
    lex,
)


def read(text: str) -> list[tuple[str, float | None, float | None, float | None, str]]:
    """(surface, value, low, high, form) of every number in ``text``."""
    return [
        (text[n.start : n.end], n.value, n.low, n.high, n.form) for n in find_numbers(lex(text))
    ]


def only(text: str) -> Number:
    numbers = find_numbers(lex(text))
    assert len(numbers) == 1, [text[n.start : n.end] for n in numbers]
    return numbers[0]


@pytest.mark.parametrize(
    ("text", "surface", "value"),
    [
        ("Ostrivia says 27,000 people fled.", "27,000", 27000),
        ("The index rose to 2,104.55 points.", "2,104.55", 2104.55),
        ("A convoy of 11000 trucks.", "11000", 11000),
        ("Inflation hit 3.9 per cent.", "3.9", 3.9),
        ("Some 2.5 million people sheltered.", "2.5 million", 2_500_000),
        ("It cost $3.4bn to rebuild.", "3.4bn", 3.4e9),
        ("The fund lost 40k in a week.", "40k", 40_000),
        ("Sales reached 6.2M units.", "6.2M", 6_200_000),
        ("It has 12m of its radios in use.", "12m", 12_000_000),
        ("The region holds 7 B people.", "7 B", 7e9),
        ("The account fell to -5 points.", "-5", -5),
        ("Debt grew to $-20.4bn last year.", "-20.4bn", -20.4e9),
        ("Nights reach minus-30 degrees.", "minus-30", -30),
        ("They posted a .750 record.", ".750", 0.75),
        ("A mass of 2.5×10−4 kilograms.", "2.5×10−4", 2.5e-4),
        ("Rs 500 crore was pledged.", "500 crore", 5e9),
    ],
)
def test_digits(text: str, surface: str, value: float) -> None:
    number = only(text)
    assert text[number.start : number.end] == surface
    assert number.value == pytest.approx(value)
    assert number.form == "digits"


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("three phases", 3),
        ("twenty-five rockets", 25),
        ("a hundred soldiers", 100),
        ("three hundred and twenty-five thousand voters", 325_000),
        ("a dozen envoys", 12),
        ("two dozen drones", 24),
        ("half a million refugees", 500_000),
        ("two and a half years", 2.5),
        ("two million residents", 2_000_000),
    ],
)
def test_words(text: str, value: float) -> None:
    number = only(text)
    assert number.value == pytest.approx(value)
    assert number.form == "words"


@pytest.mark.parametrize(
    ("text", "low", "high"),
    [
        ("hundreds of prisoners", 200, 999),
        ("thousands of families", 2_000, 9_999),
        ("tens of thousands of homes", 20_000, 99_999),
        ("Hundreds of thousands are hungry", 200_000, 999_999),
        ("millions of dollars", 2e6, 1e7 - 1),
        ("dozens of villages", 24, 119),
        ("several hundred guards", 200, 999),
        ("a few dozen drones", 24, 119),
    ],
)
def test_vague_magnitudes_are_ranges(text: str, low: float, high: float) -> None:
    number = only(text)
    assert (number.value, number.low, number.high) == (None, low, high)
    assert number.form == "vague" and number.is_range


def test_tens_and_scores_need_of() -> None:
    assert read("test scores rose") == []
    assert read("the tens digit") == []


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("more than half of the camps", 0.5),
        ("A third of the wells", 1 / 3),
        ("two-thirds of the budget", 2 / 3),
        ("three quarters of voters", 0.75),
        ("One fourth of the population", 0.25),
        ("one in five children", 0.2),
        ("three out of four clinics", 0.75),
        ("Half the shelters", 0.5),
    ],
)
def test_fractions(text: str, value: float) -> None:
    number = only(text)
    assert number.value == pytest.approx(value)
    assert number.form == "fraction"


@pytest.mark.parametrize(
    "text",
    ["a third term in office", "the first half of the year", "the second half", "half-time"],
)
def test_not_fractions(text: str) -> None:
    assert all(form != "fraction" for *_, form in read(text))


@pytest.mark.parametrize(
    ("text", "value"),
    [("her fifth visit", 5), ("the 21st round", 21), ("the twenty-first session", 21)],
)
def test_ordinals(text: str, value: float) -> None:
    number = only(text)
    assert (number.value, number.form) == (value, "ordinal")


def test_multiples() -> None:
    number = only("exports grew fivefold")
    assert (number.value, number.form) == (5, "multiple")


def test_dash_between_digits_is_no_sign() -> None:
    assert [v for _, v, *_ in read("a 3-1 win")] == [3, 1]
    assert [v for _, v, *_ in read("the F-16 jet")] == [16]


def test_metres_or_millions() -> None:
    assert only("the 100m in record time").value == 100
    assert only("a 5m wall").value == 5
    assert only("£4.2m in aid").value == 4_200_000


@pytest.mark.parametrize(
    ("text", "value"), [("34,000", 34000.0), ("1.5", 1.5), ("1,2", None), ("1.2.3", None)]
)
def test_digit_value(text: str, value: float | None) -> None:
    assert digit_value(text) == value


def test_offsets_slice_the_text() -> None:
    text = "Caldera freed 1,300 detainees, some two hundred of them women, over three weeks."
    for number in find_numbers(lex(text)):
        assert text[number.start : number.end].strip() == text[number.start : number.end]


# -- numbers at the edge (found by tests/fuzz): no number rather than an infinite one -----


@pytest.mark.parametrize(
    "text",
    [
        "At least " + "9" * 400 + " people",  # float("9" * 400) is infinity
        "killed 5 x 10^999 people",  # 10.0 ** 999 raises OverflowError
        "a trillion trillion trillion trillion trillion trillion people",
        "1,000,000,000,000,000,000 dollars",
    ],
)
def test_numbers_past_the_bound_are_no_numbers(text: str) -> None:
    for number in find_numbers(lex(text)):
        assert number.value is not None and number.value <= MAX_VALUE, number


def test_an_unbounded_number_leaves_no_pieces_behind() -> None:
    assert find_numbers(lex("5 x 10^999 people")) == []


def test_a_superscript_is_no_exponent() -> None:
    # "²" is a digit to str.isdigit, but int("²") raises.
    assert [n.value for n in find_numbers(lex("5 x 10^² people"))] == [5.0, 10.0]


@pytest.mark.parametrize(
    ("text", "value"),
    [("12", 12), ("١٢", 12), ("²", None), ("①", None), ("1.5", None), ("9" * 19, None), ("", None)],
)
def test_int_of(text: str, value: int | None) -> None:
    assert int_of(text) == value
