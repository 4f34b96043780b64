"""From numbers to quantities: units, hedges, ranges, and the numbers that are no figures.

A ``Quantity`` is a number with its unit, its qualifier and the extent of its words
("more than 900", "some 2.5 million", "four to five weeks"); what was counted, the
kind, the source and the date come later, from the parse (``figures_context``).
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from spacy.tokens import Doc, Token

from ..common.numbers import Number, Tok, find_numbers
from .filters import (
    is_age_apposition,
    is_anaphoric,
    is_clock_time,
    is_code,
    is_date,
    is_decade_or_season,
    is_digit_chain,
    is_in_name,
    is_list_marker,
    is_reference,
    is_score,
    is_year,
    url_spans,
)
from .lexicon import qualifiers_by_length
from .units import Unit, currency_before, prime_after, rate_after, unit_after

# Verbs after which "from X to Y" is a change between two values, not a range.
CHANGE_VERBS = {
    "rise", "fall", "increase", "decrease", "drop", "climb", "grow", "jump", "slide", "slip",
    "cut", "raise", "lower", "reduce", "boost", "expand", "shrink", "slow", "plunge", "soar",
    "surge", "tumble", "decline", "gain", "lose", "go", "move", "change", "edge", "ease",
    "revise", "lift", "hike", "sink", "dip", "swell", "balloon", "double", "halve", "spike",
    "accelerate", "widen", "narrow", "improve", "shift", "upgrade", "downgrade", "bring",
}  # fmt: skip
_JOINERS = {"-", "–", "‑"}
_AGE_WORDS = {"age", "aged", "ages"}


@dataclass(frozen=True)
class Quantity:
    """A number with its unit and hedge; ``first``/``last`` are lexical token indices."""

    start: int
    end: int
    first: int
    last: int
    number: Number
    value: float | None
    low: float | None = None
    high: float | None = None
    unit: str | None = None
    dimension: str | None = None
    factor: float = 1.0
    qualifier: str = "exact"
    form: str = "digits"

    @property
    def num_start(self) -> int:
        return self.number.start

    @property
    def num_end(self) -> int:
        return self.number.end


def token_at(doc: Doc, start: int, end: int) -> Token | None:
    """The last parser token inside ``[start, end)`` (the head of "2.5 million")."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    return span[-1]


def _measure(toks: list[Tok], number: Number) -> Quantity:
    """``number`` with its currency or unit and any rate after it."""
    unit: Unit | None = currency_before(toks, number)
    first, last = number.first, number.last
    name: str | None = None
    dimension: str | None = None
    factor = 1.0
    if unit is not None:
        first = unit.first
        name, dimension = unit.name, unit.dimension
    else:
        unit = unit_after(toks, number) or prime_after(toks, number)
        if unit is not None:
            name, dimension, factor, last = unit.name, unit.dimension, unit.factor, unit.last
    if name is not None and dimension != "percent":
        rate = rate_after(toks, last)
        if rate is not None:
            name = f"{name} per {rate[0]}"
            last = rate[1]
    if number.form == "multiple" and name is None:
        name, dimension = "count", "count"
    # "at age 12", "women aged 20 to 40": an age, as NewsQuant names it.
    if name is None and number.first > 0 and toks[number.first - 1].lower in _AGE_WORDS:
        name, dimension = "year of age", "age"
    value = number.value * factor if number.value is not None else None
    low = number.low * factor if number.low is not None else None
    high = number.high * factor if number.high is not None else None
    return Quantity(
        toks[first].start, toks[last].end, first, last, number, value, low, high,
        name, dimension, factor, form=number.form,
    )  # fmt: skip


def _qualify(toks: list[Tok], q: Quantity) -> Quantity:
    """Add the hedge before ("more than", "some") or after ("or more", "-plus")."""
    for length, phrases in qualifiers_by_length("before"):
        begin = q.first - length
        if begin < 0:
            continue
        qualifier = phrases.get(tuple(t.lower for t in toks[begin : q.first]))
        if qualifier is not None:
            return replace(q, start=toks[begin].start, first=begin, qualifier=qualifier)
    j = q.last + 1
    if j < len(toks) and toks[j].text in _JOINERS:
        j += 1
    for length, phrases in qualifiers_by_length("after"):
        end = j + length
        if end > len(toks):
            continue
        qualifier = phrases.get(tuple(t.lower for t in toks[j:end]))
        if qualifier is not None:
            return replace(q, end=toks[end - 1].end, last=end - 1, qualifier=qualifier)
    if q.form == "vague":
        return replace(q, qualifier="approx")
    return q


def _is_compound_word(toks: list[Tok], number: Number) -> bool:
    """ "three-judge panel", "one-sided", "four-door": a number inside a word, no unit."""
    j = number.last + 1
    if j + 1 >= len(toks) or toks[j].text not in _JOINERS or toks[j].space:
        return False
    word = toks[j + 1]
    return not word.space and word.text[0].isalpha() and word.lower not in ("plus", "odd")


def _skip(
    text: str, toks: list[Tok], q: Quantity, token: Token | None, urls: list[tuple[int, int]]
) -> str:
    """Why ``q`` is no figure ("" if it is one): a date, time, year, code, name, label..."""
    number = q.number
    if any(a <= number.start < b for a, b in urls):
        return "url"
    has_prefix = q.first < number.first
    has_unit = q.unit is not None
    if is_clock_time(toks, number) or is_decade_or_season(toks, number):
        return "time"
    if is_digit_chain(toks, number):
        return "code"
    if not has_unit and is_date(toks, number):
        return "date"
    if is_code(toks, number, has_unit, has_prefix) or is_list_marker(text, toks, number):
        return "code"
    if not has_unit and not has_prefix and is_reference(text, toks, number):
        return "reference"
    if not has_unit and is_year(toks, number, token):
        return "year"
    if not has_unit and _is_compound_word(toks, number):
        return "word"
    if not has_prefix and not has_unit and is_in_name(toks, number, token):
        return "name"
    if is_age_apposition(toks, number, token):
        return "age"
    return "anaphora" if not has_unit and is_anaphoric(toks, number, token) else ""


def _scaled(a: Quantity, b: Quantity) -> float | None:
    """The value of ``a`` in a range with ``b``: "1.5 to 2 million" is 1.5 million."""
    if a.value is None:
        return None
    if (
        a.number.scale == 1
        and b.number.scale > 1
        and b.value is not None
        and abs(a.value) <= abs(b.value) / b.number.scale
    ):
        return a.value * b.number.scale * (b.factor if a.unit is None else 1.0)
    return a.value * (b.factor if a.unit is None else 1.0)


def _base(unit: str | None) -> str | None:
    return unit.split(" per ", 1)[0] if unit else unit


def _change_verb_before(doc: Doc, toks: list[Tok], index: int) -> bool:
    """Whether a verb of change stands within three tokens before lexical token ``index``."""
    if index < 0:
        return False
    span = doc.char_span(toks[max(0, index - 3)].start, toks[index].end, alignment_mode="expand")
    return span is not None and any(
        t.pos_ in ("VERB", "AUX") and t.lemma_.lower() in CHANGE_VERBS for t in span
    )


def _connector(toks: list[Tok], a: Quantity, b: Quantity) -> str:
    """The words between two quantities when they may join: "to", "-", "and", "or"."""
    between = toks[a.last + 1 : b.first]
    if len(between) != 1:
        return ""
    word = between[0].lower
    if word in _JOINERS:
        glued = not between[0].space and not toks[b.first].space
        return "-" if glued or between[0].text == "–" else ""
    return word if word in ("to", "and", "or", "through") else ""


def _join(doc: Doc, toks: list[Tok], a: Quantity, b: Quantity) -> list[Quantity] | None:
    """``a`` and ``b`` as one range, as two values sharing a unit, or None if unrelated."""
    word = _connector(toks, a, b)
    if not word or a.value is None or b.value is None or a.form in ("fraction", "ordinal"):
        return None
    if b.form in ("fraction", "ordinal"):
        return None
    # "between $30,000 and $45,000 a year": the rate written once covers both ends; a
    # unit written before the first number covers the second ("$5 to 8 million", "aged
    # 20 to 40").
    prefixed = a.first < a.number.first or a.dimension == "age"
    same_unit = (
        a.unit is None
        or a.unit == b.unit
        or a.unit == _base(b.unit)
        or (b.unit is None and prefixed)
    )
    before = toks[a.first - 1].lower if a.first > 0 else ""
    if a.form == "multiple" or b.form == "multiple":
        return None
    if word == "or":
        if a.unit is None and b.unit is not None:
            return [replace(a, unit=b.unit, dimension=b.dimension, value=_scaled(a, b)), b]
        return None
    if word == "and" and before != "between":
        return None
    if (before == "from" and _change_verb_before(doc, toks, a.first - 1)) or before == "by":
        if a.unit is None and b.unit is not None:
            return [replace(a, unit=b.unit, dimension=b.dimension, value=_scaled(a, b)), b]
        # "dropped from 208 pounds to 193": the unit written once holds for the value the
        # change ends at (not after "by": "rose by 5 points to 4,210" is an index level).
        if (
            before == "from"
            and a.unit is not None
            and b.unit is None
            and a.number.scale == b.number.scale == 1
            and b.first == b.number.first
            and b.form == "digits"
        ):
            value = b.value * a.factor
            return [
                a,
                replace(b, unit=a.unit, dimension=a.dimension, factor=a.factor, value=value),
            ]
        return None
    low = _scaled(a, b)
    if not same_unit or low is None or low >= b.value:
        return None
    first = a.first - 1 if before in ("between", "from") else a.first
    qualifier = a.qualifier if a.qualifier != "exact" else b.qualifier
    unit = (b.unit, b.dimension) if b.unit is not None else (a.unit, a.dimension)
    joined = replace(
        b, start=toks[first].start, first=first, value=None, low=low, high=b.value,
        qualifier=qualifier, form="range", unit=unit[0], dimension=unit[1],
    )  # fmt: skip
    return [joined]


def read_quantities(doc: Doc, toks: list[Tok], text: str | None = None) -> list[Quantity]:
    """The quantities of ``doc`` (whose ``text`` ``toks`` lexes), filtered, hedged, joined."""
    text = doc.text if text is None else text
    urls = url_spans(text)
    numbers = find_numbers(toks)
    scores: set[int] = set()
    kept: list[Quantity] = []
    skipped_last = -1
    for number in numbers:
        if number.first in scores:
            continue
        # "Stat. 410, 415" and "sections 12, 14": a list goes on where a label began.
        gap = toks[skipped_last + 1 : number.first] if skipped_last >= 0 else []
        after = toks[number.last + 1] if number.last + 1 < len(toks) else None
        if (
            gap
            and len(gap) <= 2
            and all(t.text in (",", "-", "–", "and", "to") for t in gap)
            and (after is None or not after.text[0].isalpha())
        ):
            skipped_last = number.last
            continue
        score, second = is_score(toks, number)
        if score:
            scores.add(second)
            continue
        q = _measure(toks, number)
        token = token_at(doc, number.start, number.end)
        reason = _skip(text, toks, q, token, urls)
        if reason == "reference":
            skipped_last = number.last
        if reason:
            continue
        kept.append(_qualify(toks, q))
    joined: list[Quantity] = []
    for q in kept:
        if joined:
            merged = _join(doc, toks, joined[-1], q)
            if merged is not None:
                joined[-1:] = merged
                continue
        joined.append(q)
    return joined
