"""Date expressions in news text, resolved against the article's publication date.

News copy dates events relative to the day it is published: "on Wednesday", "late
Tuesday", "yesterday", "last week", "exactly three months ago", "Oct. 3", "in November".
Two public calls cover it:

- :func:`resolve_date` turns one expression into an ISO value, given the publication date
  and the tense of the clause it dates;
- :func:`find_dates` finds the expressions in a parsed ``Doc``, reads each one's tense off
  the verb it attaches to, and resolves it.

Values are ISO 8601 at the precision the text gives: a day ``2024-05-01``, a month
``2024-05`` ("in May", "mid-May", "last month"), an ISO week ``2024-W17`` ("last week"), a
year ``2024``. :func:`period_bounds` turns any of them into first and last day, which is
how views sort and filter. An expression that cannot be resolved (no publication date,
"a few days ago", "the day before") gives ``None``; callers keep its text.

Tense rules (the house convention, also the seed annotation's): a bare weekday means the
latest such day not after publication in a past-tense clause, and the next such day not
before publication in a future one; "last"/"next" exclude the publication day itself. A
month and day without a year ("Oct. 3") is the latest past one, or the next one for the
future; a bare month likewise.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Literal

from spacy.tokens import Doc, Span, Token

from ...matching.periods import add_months
from .numbers import int_of
from .syntax import AUXILIARIES, OPEN_COMPLEMENTS, ROOT, climb

logger = logging.getLogger(__name__)

Tense = Literal["past", "future"]

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
MONTHS = {
    "jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3, "apr": 4,
    "april": 4, "may": 5, "jun": 6, "june": 6, "jul": 7, "july": 7, "aug": 8, "august": 8,
    "sep": 9, "sept": 9, "september": 9, "oct": 10, "october": 10, "nov": 11, "november": 11,
    "dec": 12, "december": 12,
}  # fmt: skip
NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15,
    "twenty": 20, "thirty": 30, "a couple of": 2,
}  # fmt: skip

# -- the finder's pattern -------------------------------------------------------------------
# Names are matched case-sensitively (a capital letter is what tells "May 5" from "may");
# the words around them case-insensitively, since they can start a sentence.
_WD = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_MON = (
    r"(?:Jan(?:uary|\.)?|Feb(?:ruary|\.)?|Mar(?:ch|\.)?|Apr(?:il|\.)?|May|June?|July?|"
    r"Aug(?:ust|\.)?|Sept?(?:ember|\.)?|Oct(?:ober|\.)?|Nov(?:ember|\.)?|Dec(?:ember|\.)?)"
)
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_YEAR = r"(?:1[89]|20)\d\d"
_NUM = r"(?:\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|" + (
    r"fifteen|twenty|thirty|a\s+couple\s+of|several|a\s+few|few|many)"
)
_REL = r"(?i:(?:late|early|earlier|later)\s+(?:on\s+)?)"
_PREP = r"(?i:(?:on|by|until|till|since|from|before|after|through|as\s+of)\s+)"
_PART = r"(?i:\s+(?:morning|afternoon|evening|night))"
_PATTERNS = (
    # ISO dates in running text.
    rf"\b{_YEAR}-[01]\d-[0-3]\d\b",
    # "Oct. 3", "October 3, 2023", "3 October 2023", with an optional weekday before.
    rf"(?:{_PREP}|{_REL})?(?:{_WD},?\s+)?{_MON}\s+{_DAY}\b(?:,?\s+{_YEAR}\b)?",
    rf"(?:{_PREP}|{_REL})?(?:{_WD},?\s+)?\b{_DAY}\s+(?:of\s+)?{_MON}(?:,?\s+{_YEAR}\b)?",
    # Weekdays: "on Wednesday", "late Tuesday", "Tuesday night", "last Friday".
    rf"(?:{_REL}|{_PREP})?(?i:(?:last|next|this|coming)\s+)?{_WD}(?:['’]s)?(?:{_PART}(?:['’]s)?)?\b",
    # A month, alone or with a year: "in November", "mid-August", "May 2023".
    rf"(?i:(?:in|since|by|until|during|from|through|of|early|late|last|next|this)\s+|mid-)"
    rf"(?:(?i:early|late|mid)[\s-]+)?{_MON}(?:\s+{_YEAR})?\b(?!\s*\d)",
    rf"\b{_MON}\s+{_YEAR}\b",
    # Days and periods relative to publication.
    r"(?i:\b(?:(?:earlier|later)\s+(?:today|tonight|this\s+(?:morning|afternoon|evening|week"
    r"|month|year))|(?:earlier|later)\s+in\s+the\s+(?:day|week|month)|throughout\s+the\s+day"
    r"|(?:last|this|next)\s+(?:week|month|year|weekend|morning|afternoon|evening|night)"
    r"|yesterday(?:\s+(?:morning|afternoon|evening))?|today|tonight|tomorrow)\b)",
    # "exactly three months ago", "two days ago".
    rf"(?i:\b(?:(?:exactly|nearly|almost|about|around|some|roughly|just|only|more\s+than)\s+)?"
    rf"{_NUM}\s+(?:day|week|month|year)s?\s+ago\b)",
    # Years: "in 1988", "since 2021", "in mid-2023".
    rf"(?i:\b(?:in|since|by|until|during|from|of|early|late)\s+(?:mid-)?){_YEAR}\b",
)
_FINDER = re.compile("|".join(f"(?:{p})" for p in _PATTERNS))

# -- where the finder looks -----------------------------------------------------------------
# The finder tries all its alternatives at every character of a text, which made it the
# costliest step of the events extractor; it runs only over windows around anchors found
# by cheap scans, with the same matches (tests/extract/common/test_dates.py checks both).
#
# Every match holds an anchor: a weekday or month name as the finder spells it, a year, or
# one of these words in any case ("day" of "today" and "yesterday", "night" of "tonight",
# "week" of "weekend"). Each scan finds every anchor of its kind whole: names cannot
# overlap, a year in a match starts a run of digits, and the words are looked for one by
# one, wherever they start ("nigh|t|omorrow" hides no "tomorrow"), in the lower-cased
# text. Under the finder's (?i) their letters match exactly the characters str.lower()
# maps onto them, but for "İ" and "ı", which it also takes for "i" (one lowers to two
# characters, the other stays itself).
_ANCHOR_WORDS = ("day", "week", "month", "year", "night", "morning", "afternoon", "evening",
                 "tomorrow")  # fmt: skip
# Three scans: as one alternation they run several times slower.
_ANCHOR_PATTERNS = (re.compile(_WD), re.compile(_MON), re.compile(_YEAR))
_AS_I = str.maketrans({"\u0130": "i", "\u0131": "i"})
# A window reaches so far from its anchors, counted in letters (characters other than
# whitespace, digits and hyphens: the finder's \s+, \d+ and [\s-]+ have no bound), one more
# than a match holds: at most 17 before its first anchor ("more than a couple of |days"),
# at most 5 after its last one, the character its closing \b or lookahead reads included
# ("day|s agox"). Python's re reads behind a window's start for \b, and stops at its end as
# at the end of the text; with these reaches no match, nor anything a match reads, crosses
# either.
_BEFORE = 17 + 1
_AFTER = 5 + 1
_LETTERS_BEFORE = re.compile(rf"(?:[\s\d-]*+[^\s\d-]){{{_BEFORE}}}")  # over reversed text
_LETTERS_AFTER = re.compile(rf"(?:[\s\d-]*+[^\s\d-]){{{_AFTER}}}")

# -- the resolver's patterns (over lower-cased, normalized text) ----------------------------
_LOWER_MON = r"(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|" + (
    r"sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_LEADING = re.compile(
    r"^(?:(?:on|at|in|during|of|the|by|until|till|since|from|before|after|through|as of)\s+)+"
)
_ISO = re.compile(r"((?:1[89]|20)\d\d)-([01]\d)-([0-3]\d)")
_AGO = re.compile(
    r"(?:(?:exactly|nearly|almost|about|around|some|roughly|just|only|more than)\s+)?"
    r"(\d+|[a-z]+(?: couple of)?)\s+(day|week|month|year)s?\s+ago"
)
_WEEKDAY = re.compile(
    r"(?:(late|early|earlier|later)\s+(?:on\s+)?)?(?:(last|next|this|coming)\s+)?"
    r"(monday|tuesday|wednesday|thursday|friday|saturday|sunday)(?:'s)?"
    r"(?:\s+(morning|afternoon|evening|night))?(?:'s)?$"
)
_MONTH_DAY = re.compile(
    rf"(?:(?:late|early|earlier|later)\s+(?:on\s+)?)?(?:([a-z]+day),?\s+)?"
    rf"(?:{_LOWER_MON}\s+(\d{{1,2}})(?:st|nd|rd|th)?|(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?"
    rf"{_LOWER_MON})(?:,?\s+((?:1[89]|20)\d\d))?$"
)
_MONTH = re.compile(
    rf"(?:(last|next|this)\s+)?(?:(?:early|late|mid)[\s-]+)?{_LOWER_MON}(?:\s+((?:1[89]|20)\d\d))?$"
)
_YEAR_ONLY = re.compile(r"(?:(?:early|late|mid)[\s-]+)?((?:1[89]|20)\d\d)$")
_PERIOD = re.compile(r"(?:(?:earlier|later)\s+)?(last|this|next)\s+(week|month|year)$")
_SAME_DAY = re.compile(
    r"(?:(?:earlier|later)\s+)?(?:today|tonight|this (?:morning|afternoon|evening)|"
    r"in the day|throughout the day|this (?:morning|afternoon|evening|night))$"
)
_PREVIOUS_DAY = re.compile(r"(?:yesterday(?:\s+(?:morning|afternoon|evening))?|last night)$")
_NEXT_DAY = re.compile(r"(?:tomorrow(?:\s+(?:morning|afternoon|evening|night))?)$")

# Verbs and adjectives whose complement lies ahead: "plans to meet Thursday".
FUTURE_GOVERNORS = frozenset(
    {
        "plan", "intend", "expect", "schedule", "set", "due", "likely", "hope", "aim",
        "prepare", "go", "poise", "ready", "about", "slate", "want", "seek", "wish",
        "scheduled", "expected", "slated", "intent", "poised", "bound",
    }
)  # fmt: skip
# Reporting verbs in the present ("the Front says") do not put their clause in the future.
_PRESENT_NOT_FUTURE = frozenset(
    {"say", "tell", "be", "have", "believe", "think", "know", "want", "need", "remain", "seem"}
)
# Prepositions that make a date a deadline or a bound rather than the event's day.
BOUND_WORDS = frozenset({"by", "until", "till", "since", "from", "before", "after", "through"})


@dataclass(frozen=True)
class DateMention:
    """One date expression in a document, with its resolved value.

    ``relation`` is ``at`` for the day something happened, else the preposition that makes
    it a bound (``since``, ``until``, ``by`` …); ``head`` is the doc index of the token the
    expression hangs from, which is how events find their dates.
    """

    start: int
    end: int
    text: str
    value: str | None
    tense: Tense
    head: int
    relation: str = "at"


_DAY_WORDS = re.compile(
    rf"(?i:\b(?:today|tonight|tomorrow|monday|tuesday|wednesday|thursday|friday|saturday|"
    rf"sunday)\b)|{_MON}\s+{_DAY}\b|\b{_DAY}\s+(?:of\s+)?{_MON}|\b{_YEAR}-[01]\d-[0-3]\d\b"
)


def names_day(text: str) -> bool:
    """Whether an expression names one day ("on Thursday", "April 1"), not a period."""
    return _DAY_WORDS.search(text) is not None


def parse_published(published: str | dt.date | None) -> dt.date | None:
    """The publication day from an ISO date or timestamp; None when absent or unreadable."""
    if published is None:
        return None
    if isinstance(published, dt.date):
        return published
    try:
        return dt.date.fromisoformat(published[:10])
    except ValueError:
        logger.debug("unreadable publication date %r", published)
        return None


def resolve_date(text: str, published: str | dt.date | None, tense: Tense = "past") -> str | None:
    """The ISO value of one date expression, or None when the text cannot fix it.

    Args:
        text: the expression as written ("on Wednesday", "Oct. 3", "last week").
        published: the article's publication date (ISO string or date); relative
            expressions need it, absolute ones ("Oct. 3, 2023", "in 1988") do not.
        tense: the tense of the clause it dates; ``future`` turns "on Friday" and "in
            April" forward from publication instead of back.

    Returns:
        ``YYYY-MM-DD``, ``YYYY-MM``, ``YYYY-Www`` or ``YYYY``; None when unresolvable.
    """
    try:
        value = _resolve(_normalize(text), parse_published(published), tense)
    except (OverflowError, ValueError):
        # Arithmetic past the calendar: "9999 years ago", "tomorrow" in a report dated
        # 9999-12-31. No day the calendar holds.
        return None
    if value is None or not _ISO_VALUE.fullmatch(value):
        # "in 20١٢" (Arabic-Indic digits match \d): a value every reader of an ISO date
        # takes is ASCII, and a year 0 or 10000 is none.
        return None
    return value


# What resolve_date gives: a day, an ISO week, a month or a year, in ASCII digits.
_ISO_VALUE = re.compile(r"[0-9]{4}(?:-(?:0[1-9]|1[0-2])(?:-[0-3][0-9])?|-W[0-5][0-9])?")


def _resolve(norm: str, pub: dt.date | None, tense: Tense) -> str | None:
    """:func:`resolve_date` of normalized text; may raise on calendar overflow."""
    if m := _ISO.fullmatch(norm):
        return _iso_day(int(m[1]), int(m[2]), int(m[3]))
    if m := _MONTH_DAY.fullmatch(norm):
        return _month_day(m, pub, tense)
    if m := _YEAR_ONLY.fullmatch(norm):
        return m[1]
    if m := _MONTH.fullmatch(norm):
        return _month(m, pub, tense)
    if pub is None:
        return None
    if m := _WEEKDAY.fullmatch(norm):
        return _weekday(m, pub, tense).isoformat()
    if m := _AGO.fullmatch(norm):
        return _ago(m[1], m[2], pub)
    if _SAME_DAY.fullmatch(norm):
        return pub.isoformat()
    if _PREVIOUS_DAY.fullmatch(norm):
        return (pub - dt.timedelta(days=1)).isoformat()
    if _NEXT_DAY.fullmatch(norm):
        return (pub + dt.timedelta(days=1)).isoformat()
    if m := _PERIOD.fullmatch(norm):
        return _period(m[1], m[2], pub)
    return None


def _normalize(text: str) -> str:
    norm = " ".join(text.lower().replace("’", "'").replace(",", " ,").split())
    norm = norm.replace(" ,", ",").strip(" .,")
    return _LEADING.sub("", norm)


def _iso_day(year: int, month: int, day: int) -> str | None:
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None


def _month_number(name: str) -> int:
    return MONTHS[name.rstrip(".")]


def _month_day(m: re.Match[str], pub: dt.date | None, tense: Tense) -> str | None:
    weekday = m[1] if m[1] in WEEKDAYS else None
    month = _month_number(m[2] or m[5])
    day = int(m[3] or m[4])
    if m[6]:
        return _iso_day(int(m[6]), month, day)
    if pub is None:
        return None
    candidates = [
        dt.date.fromisoformat(v)
        for v in (_iso_day(year, month, day) for year in (pub.year - 1, pub.year, pub.year + 1))
        if v is not None
    ]
    if weekday is not None:
        # "Monday, 3 March": the weekday fixes the year; the nearest year where they agree.
        agreeing = [d for d in candidates if d.weekday() == WEEKDAYS.index(weekday)]
        if agreeing:
            return min(agreeing, key=lambda d: abs((d - pub).days)).isoformat()
    return _nearest_day(candidates, pub, tense)


def _nearest_day(candidates: list[dt.date], pub: dt.date, tense: Tense) -> str | None:
    """The occurrence of a month and day a reader means: for the past the latest one not
    after publication, for the future the next one not before it."""
    if tense == "past":
        past = [d for d in candidates if d <= pub]
        return max(past).isoformat() if past else None
    ahead = [d for d in candidates if d >= pub]
    return min(ahead).isoformat() if ahead else None


def _month(m: re.Match[str], pub: dt.date | None, tense: Tense) -> str | None:
    month = _month_number(m[2])
    if m[3]:
        return f"{m[3]}-{month:02d}"
    if pub is None:
        return None
    year = pub.year
    if m[1] == "this":
        pass
    elif m[1] == "last" or (m[1] != "next" and tense == "past"):
        if month > pub.month or (m[1] == "last" and month == pub.month):
            year -= 1
    elif month < pub.month or (m[1] == "next" and month == pub.month):
        year += 1
    return f"{year}-{month:02d}"


def _weekday(m: re.Match[str], pub: dt.date, tense: Tense) -> dt.date:
    target = WEEKDAYS.index(m[3])
    back = (pub.weekday() - target) % 7
    ahead = (target - pub.weekday()) % 7
    which = m[2]
    if which == "last":
        return pub - dt.timedelta(days=back or 7)
    if which == "next":
        return pub + dt.timedelta(days=ahead or 7)
    if which == "coming" or tense == "future":
        return pub + dt.timedelta(days=ahead)
    return pub - dt.timedelta(days=back)


def _ago(amount: str, unit: str, pub: dt.date) -> str | None:
    count = int_of(amount) if amount.isdecimal() else NUMBER_WORDS.get(amount)
    if count is None:  # "a few days ago", "several weeks ago"
        return None
    if unit == "day":
        return (pub - dt.timedelta(days=count)).isoformat()
    if unit == "week":
        return (pub - dt.timedelta(weeks=count)).isoformat()
    months = count * (12 if unit == "year" else 1)
    return add_months(pub, -months).isoformat()


def _period(which: str, unit: str, pub: dt.date) -> str:
    step = {"last": -1, "this": 0, "next": 1}[which]
    if unit == "year":
        return str(pub.year + step)
    if unit == "month":
        return add_months(pub.replace(day=1), step).strftime("%Y-%m")
    year, week, _ = (pub + dt.timedelta(weeks=step)).isocalendar()
    return f"{year}-W{week:02d}"


def is_day(value: str) -> bool:
    """Whether an ISO value from :func:`resolve_date` is one day (``YYYY-MM-DD``)."""
    return re.fullmatch(r"\d{4}-\d\d-\d\d", value) is not None


# -- finding dates in a Doc -----------------------------------------------------------------


def find_dates(
    doc: Doc, published: str | dt.date | None, doc_text: str | None = None
) -> list[DateMention]:
    """Every date expression in ``doc``, resolved with the tense of the clause it dates.

    Args:
        doc: the parsed article; offsets are into ``doc.text``.
        published: the article's publication date, or None (then only absolute
            expressions resolve).
        doc_text: ``doc.text`` when the caller has it (``Doc.text`` joins the tokens anew
            on every access).
    """
    found: list[DateMention] = []
    for start, end, text in _matches(doc.text if doc_text is None else doc_text):
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None or not len(span):
            continue
        words = text.split(None, 1)
        relation = words[0].lower() if words[0].lower() in BOUND_WORDS else "at"
        tense = clause_tense(span)
        value = resolve_date(text, published, tense)
        found.append(DateMention(start, end, text, value, tense, span.root.i, relation))
    return found


def _matches(text: str) -> Iterator[tuple[int, int, str]]:
    for start, end in _windows(text):
        for match in _FINDER.finditer(text, start, end):
            # A leading "on"/"by" belongs to the expression's text, trailing space never does.
            stripped = match.group().rstrip()
            yield match.start(), match.start() + len(stripped), stripped


def _windows(text: str) -> list[tuple[int, int]]:
    """The stretches of ``text`` the finder needs to read, in order and disjoint."""
    anchors = [m.span() for pattern in _ANCHOR_PATTERNS for m in pattern.finditer(text)]
    odd_i = "\u0130" in text or "\u0131" in text  # see _ANCHOR_WORDS
    folded = (text.translate(_AS_I) if odd_i else text).lower()
    for word in _ANCHOR_WORDS:
        at = folded.find(word)
        while at >= 0:
            anchors.append((at, at + len(word)))
            at = folded.find(word, at + 1)
    anchors.sort()
    windows: list[tuple[int, int]] = []
    backwards = ""
    start = end = -1
    for first, last in anchors:
        if first > end:
            backwards = backwards or text[::-1]
            reach = _LETTERS_BEFORE.match(backwards, len(text) - first)
            begin = len(text) - reach.end() if reach is not None else 0
            if begin > end:
                if end >= 0:
                    windows.append((start, end))
                start = begin
        reach = _LETTERS_AFTER.match(text, last)
        end = max(end, reach.end() if reach is not None else len(text))
    if end >= 0:
        windows.append((start, end))
    return windows


def clause_tense(span: Span) -> Tense:
    """Whether the clause a date expression attaches to looks ahead (``future``) or not."""
    verb = _governing_verb(span.root)
    if verb is None:
        return "past"
    return "future" if is_future(verb) else "past"


def _governing_verb(token: Token) -> Token | None:
    current = token
    # A date hangs a few arcs below its verb: twelve tokens are tried, its own head first.
    for current in climb(token, 11, with_self=True):
        if current.pos_ in ("VERB", "AUX") or current.dep_ == ROOT:
            return current
    return current if current.head.i == current.i else None


def is_future(verb: Token) -> bool:
    """Whether ``verb`` refers ahead: will/shall/would, going/planning/expected to …"""
    for child in verb.children:
        if child.dep_ in AUXILIARIES and child.lower_ in ("will", "shall", "'ll", "wo"):
            return True
        if child.dep_ == "aux" and child.lower_ in ("would", "'d"):
            return True
    # Present progressive or present simple of an action verb: "is meeting", "travels".
    if verb.tag_ == "VBG" and any(
        c.dep_ == "aux" and c.tag_ in ("VBZ", "VBP") for c in verb.children
    ):
        return True
    if verb.tag_ in ("VBZ", "VBP") and verb.lemma_ not in _PRESENT_NOT_FUTURE:
        return not any(c.dep_ in AUXILIARIES for c in verb.children)
    # "is expected to meet", "plans to travel", "is due to arrive"
    for head in climb(verb, 4, through=OPEN_COMPLEMENTS):
        if head.lemma_.lower() in FUTURE_GOVERNORS or head.lower_ in FUTURE_GOVERNORS:
            return True
    return False
