"""Date expressions resolved against the publication date: one test per class of expression.

Publication days used: Wednesday 2025-06-04 (mid-week) and Monday 2025-06-09 (a week's
first day, for the week boundary).
"""

from __future__ import annotations

import datetime as dt
import random
import re
import sys

import pytest

from storyline.extract.common import dates
from storyline.extract.common.dates import (
    clause_tense,
    find_dates,
    names_day,
    parse_published,
    resolve_date,
)
from storyline.matching.periods import add_months, period_bounds

from ...handmade import parse, tokenize

WEDNESDAY = "2025-06-04"
MONDAY = "2025-06-09"


@pytest.mark.parametrize(
    ("text", "published", "tense", "expected"),
    [
        # weekdays: the latest such day not after publication in the past tense …
        ("on Wednesday", WEDNESDAY, "past", "2025-06-04"),
        ("on Tuesday", WEDNESDAY, "past", "2025-06-03"),
        ("Thursday", WEDNESDAY, "past", "2025-05-29"),
        ("Wednesday’s", WEDNESDAY, "past", "2025-06-04"),
        ("Wednesday night’s", "2025-06-05", "past", "2025-06-04"),
        # … across the week boundary …
        ("on Friday", MONDAY, "past", "2025-06-06"),
        ("on Sunday", MONDAY, "past", "2025-06-08"),
        ("on Monday", MONDAY, "past", "2025-06-09"),
        # … and the next one not before publication in the future tense
        ("on Thursday", WEDNESDAY, "future", "2025-06-05"),
        ("on Friday", MONDAY, "future", "2025-06-13"),
        ("on Tuesday", WEDNESDAY, "future", "2025-06-10"),
        ("last Friday", MONDAY, "past", "2025-06-06"),
        ("last Monday", MONDAY, "past", "2025-06-02"),
        ("next Monday", MONDAY, "past", "2025-06-16"),
        # times of day
        ("late Tuesday", WEDNESDAY, "past", "2025-06-03"),
        ("Late Tuesday", WEDNESDAY, "past", "2025-06-03"),
        ("Tuesday night", WEDNESDAY, "past", "2025-06-03"),
        ("early on Monday", WEDNESDAY, "past", "2025-06-02"),
        ("Sunday morning", MONDAY, "past", "2025-06-08"),
        # days relative to publication
        ("yesterday", WEDNESDAY, "past", "2025-06-03"),
        ("last night", WEDNESDAY, "past", "2025-06-03"),
        ("today", WEDNESDAY, "past", "2025-06-04"),
        ("earlier in the day", WEDNESDAY, "past", "2025-06-04"),
        ("throughout the day", WEDNESDAY, "past", "2025-06-04"),
        ("this morning", WEDNESDAY, "past", "2025-06-04"),
        ("tomorrow", WEDNESDAY, "future", "2025-06-05"),
        # weeks, months, years
        ("last week", WEDNESDAY, "past", "2025-W22"),
        ("this week", WEDNESDAY, "past", "2025-W23"),
        ("next week", WEDNESDAY, "future", "2025-W24"),
        ("last month", WEDNESDAY, "past", "2025-05"),
        ("last year", WEDNESDAY, "past", "2024"),
        # "ago"
        ("exactly four months ago", WEDNESDAY, "past", "2025-02-04"),
        ("two days ago", WEDNESDAY, "past", "2025-06-02"),
        ("a week ago", WEDNESDAY, "past", "2025-05-28"),
        ("three years ago", WEDNESDAY, "past", "2022-06-04"),
        # month and day: the latest past one, or the next one for the future
        ("Oct. 7", WEDNESDAY, "past", "2024-10-07"),
        ("on May 30", WEDNESDAY, "past", "2025-05-30"),
        ("June 4", WEDNESDAY, "past", "2025-06-04"),
        ("on June 10", WEDNESDAY, "past", "2024-06-10"),
        ("on June 10", WEDNESDAY, "future", "2025-06-10"),
        ("on April 1", WEDNESDAY, "future", "2026-04-01"),
        ("7 October", WEDNESDAY, "past", "2024-10-07"),
        ("October 7, 2023", WEDNESDAY, "past", "2023-10-07"),
        ("Tuesday, Oct. 7, 2025", WEDNESDAY, "future", "2025-10-07"),
        # month names
        ("in November", WEDNESDAY, "past", "2024-11"),
        ("in May", WEDNESDAY, "past", "2025-05"),
        ("in June", WEDNESDAY, "past", "2025-06"),
        ("in April", WEDNESDAY, "future", "2026-04"),
        ("mid-August", WEDNESDAY, "future", "2025-08"),
        ("late February", WEDNESDAY, "past", "2025-02"),
        ("November 2023", WEDNESDAY, "past", "2023-11"),
        ("last May", WEDNESDAY, "past", "2025-05"),
        ("last June", WEDNESDAY, "past", "2024-06"),
        # years and ISO dates need no publication date
        ("in 1988", None, "past", "1988"),
        ("2024-11-09", None, "past", "2024-11-09"),
        ("November 9, 2024", None, "past", "2024-11-09"),
    ],
)
def test_resolve_date(text: str, published: str | None, tense: str, expected: str) -> None:
    assert resolve_date(text, published, tense) == expected  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "text",
    ["on Wednesday", "yesterday", "last week", "Oct. 7", "exactly four months ago", "in May"],
)
def test_relative_dates_need_a_publication_date(text: str) -> None:
    assert resolve_date(text, None) is None


@pytest.mark.parametrize(
    "text", ["a few days ago", "several weeks ago", "the day before", "recently", "February 30"]
)
def test_unresolvable_expressions(text: str) -> None:
    assert resolve_date(text, WEDNESDAY) is None


def test_publication_timestamps_and_dates() -> None:
    assert parse_published("2025-06-04T09:30:00-04:00") == dt.date(2025, 6, 4)
    assert parse_published(dt.date(2025, 6, 4)) == dt.date(2025, 6, 4)
    assert parse_published("not a date") is None
    assert resolve_date("yesterday", dt.date(2025, 6, 4)) == "2025-06-03"


@pytest.mark.parametrize(
    ("value", "first", "last"),
    [
        ("2025-06-04", "2025-06-04", "2025-06-04"),
        ("2025-W23", "2025-06-02", "2025-06-08"),
        ("2024-02", "2024-02-01", "2024-02-29"),
        ("2024", "2024-01-01", "2024-12-31"),
    ],
)
def test_period_bounds(value: str, first: str, last: str) -> None:
    assert period_bounds(value) == (dt.date.fromisoformat(first), dt.date.fromisoformat(last))


def test_period_bounds_rejects_other_forms() -> None:
    with pytest.raises(ValueError, match="not an ISO"):
        period_bounds("June")


def test_add_months_clamps_to_the_month_end() -> None:
    assert add_months(dt.date(2024, 3, 31), -1) == dt.date(2024, 2, 29)
    assert add_months(dt.date(2024, 12, 15), 1) == dt.date(2025, 1, 15)


def test_names_day() -> None:
    assert names_day("on Thursday") and names_day("April 1") and names_day("tomorrow")
    assert not names_day("in April") and not names_day("next week")


FUTURE = """
Varn Varn PROPN NNP nsubj 2
will will AUX MD aux 2
meet meet VERB VB ROOT 2
Hallo Hallo PROPN NNP dobj 2
on on ADP IN prep 2
Friday Friday PROPN NNP pobj 4
. . PUNCT . punct 2
"""

PAST = """
Varn Varn PROPN NNP nsubj 1
met meet VERB VBD ROOT 1
Hallo Hallo PROPN NNP dobj 1
on on ADP IN prep 1
Friday Friday PROPN NNP pobj 3
. . PUNCT . punct 1
"""

EXPECTED = """
Hallo Hallo PROPN NNP nsubj 2
is be AUX VBZ auxpass 2
expected expect VERB VBN ROOT 2
to to PART TO aux 4
arrive arrive VERB VB xcomp 2
on on ADP IN prep 4
Friday Friday PROPN NNP pobj 5
. . PUNCT . punct 2
"""


def test_find_dates_reads_the_tense_of_the_clause() -> None:
    (future,) = find_dates(parse(FUTURE), MONDAY)
    assert (future.text, future.tense, future.value) == ("on Friday", "future", "2025-06-13")
    (past,) = find_dates(parse(PAST), MONDAY)
    assert (past.text, past.tense, past.value) == ("on Friday", "past", "2025-06-06")
    (expected,) = find_dates(parse(EXPECTED), MONDAY)
    assert (expected.tense, expected.value) == ("future", "2025-06-13")


def test_find_dates_offsets_and_relations() -> None:
    doc = parse(PAST)
    (found,) = find_dates(doc, MONDAY)
    assert doc.text[found.start : found.end] == found.text
    assert found.relation == "at" and doc[found.head].text == "on"
    assert clause_tense(doc[3:6]) == "past"


def test_find_dates_in_plain_text() -> None:
    doc = tokenize("The truce collapsed on Oct. 3, and talks resume until Friday.")
    found = find_dates(doc, WEDNESDAY)
    assert [(d.text, d.relation) for d in found] == [("on Oct. 3", "at"), ("until Friday", "until")]
    assert found[0].value == "2024-10-03"


def test_a_weekday_fixes_the_year_of_a_day_without_one() -> None:
    # 3 March is a Monday in 2025, not in 2024.
    assert resolve_date("Monday, 3 March", "2024-12-20", "past") == "2025-03-03"
    assert resolve_date("on Friday, May 3", "2024-05-10") == "2024-05-03"


def test_a_month_day_is_the_occurrence_the_tense_allows() -> None:
    # A past clause: the latest occurrence not after publication; a future one: the next.
    assert resolve_date("October 7", "2024-06-01", "past") == "2023-10-07"
    assert resolve_date("on October 1st", "2024-11-15", "past") == "2024-10-01"
    assert resolve_date("on December 1st", "2024-11-15", "future") == "2024-12-01"


@pytest.mark.parametrize(
    ("text", "published"),
    [
        ("999999999 days ago", "2025-03-04"),  # timedelta overflows the calendar
        ("99999999999999999999 weeks ago", "2025-03-04"),  # past a C int
        ("9999 years ago", "2025-03-04"),  # add_months finds no year 0
        ("yesterday", "0001-01-01"),
        ("last year", "0001-06-01"),
        ("tomorrow", "9999-12-31"),
        ("next year", "9999-06-01"),
        ("in 20١٢", None),  # \d matches Arabic-Indic digits; an ISO value is ASCII
    ],
)
def test_dates_off_the_calendar_resolve_to_none(text: str, published: str | None) -> None:
    assert resolve_date(text, published) is None


# The finder runs only over windows around anchors (dates._windows); over any text it must
# find what it finds reading the whole text. The longest expressions of each form, around
# their anchors, are where a window too narrow would show.
_LONGEST = (
    "more than a couple of days ago",
    "earlier on coming Wednesday morning’s",
    "late on Wednesday, September 21st, 2023",
    "September 21st",
    "Sept. 3rd",
    "earlier on Saturday, 21st of Sep, 2023",
    "through early-mid--September 2023",
    "earlier this afternoon",
    "throughout the day",
    "yesterday evening",
    "later in the weekend",
    "exactly 123456 years ago",
    "during mid-2023",
    "2024-05-01",
    "nightomorrow",
    "Octomorrow",
)
_FILLERS = (" ", "", "\n\n\n\n\n\n", " - ", "-----", " 12345 ", ", ", "x", "ı", "İ", " May 5", "5")


def _all_matches(text: str) -> list[tuple[int, int, str]]:
    found = []
    for match in dates._FINDER.finditer(text):
        stripped = match.group().rstrip()
        found.append((match.start(), match.start() + len(stripped), stripped))
    return found


@pytest.mark.parametrize("expression", _LONGEST)
def test_the_windows_hold_the_longest_expressions(expression: str) -> None:
    for before in _FILLERS:
        for after in _FILLERS:
            for text in (
                f"The talks{before}{expression}{after}ended.",
                f"{before}{expression}{after}",
                f"{'lorem ipsum ' * 10}{before}{expression}{after}{' dolor sit' * 10}",
            ):
                assert list(dates._matches(text)) == _all_matches(text), text


def test_the_windows_find_what_the_whole_text_holds() -> None:
    words = (
        " ".join(_LONGEST) + " on by as of in of this last next mid- the a one 21st 31 3 1999 "
        "2020s day days week weekend month year night today tonight tomorrow yesterday ago "
        "Monday sunday MONDAY Jan. March May June Sept. Dec Market DAY ToDay nıght İn K ’s"
    ).split()
    gaps = (" ", " ", "", "\n\n\n\n\n", "          ", "-", "---", ", ", " 7 ")
    rng = random.Random(4)
    for _ in range(3000):
        text = "".join(rng.choice(words) + rng.choice(gaps) for _ in range(rng.randint(1, 40)))
        assert list(dates._matches(text)) == _all_matches(text), text


def test_anchor_words_fold_to_lower_case_as_the_finder_matches_them() -> None:
    # The anchor words are found in text.translate(_AS_I).lower(); the finder's (?i) must
    # take exactly those characters for their letters, and the folding keep every offset.
    letters = set("daywkmonthrigfve")
    for code in range(sys.maxunicode + 1):
        char = chr(code)
        if char.lower() == char and char.upper() == char:
            continue  # no case: under (?i) it matches only itself
        folded = char.translate(dates._AS_I).lower()
        assert len(folded) == 1, hex(code)
        for letter in letters:
            assert (re.fullmatch(f"(?i:{letter})", char) is not None) == (folded == letter)
