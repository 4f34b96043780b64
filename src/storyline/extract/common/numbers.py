"""Reading numbers in running text: digits, words, vague magnitudes, fractions, ordinals.

Pure text in, spans out; no spaCy, so every form is unit-tested on plain strings. The
figures extractor adds units, ranges and meaning on top (``figures_units``, ``figures``).

Forms and their values:

- digits: ``27,000`` → 27000, ``2.5 million`` → 2500000, ``$3.4bn`` → 3.4e9 (the ``$`` is
  the unit's business), ``-5`` and ``minus-3.5`` are negative, ``.750`` → 0.75;
- words: ``three`` → 3, ``twenty-five`` → 25, ``a hundred`` → 100, ``two dozen`` → 24,
  ``half a million`` → 500000, ``two and a half`` → 2.5;
- fraction: ``half``, ``a third``, ``two-thirds``, ``one fourth`` → 0.5, 1/3, 2/3, 0.25,
  ``one in five`` → 0.2 (the NewsQuant convention: a proportion is a fraction of one);
  the typographic fraction slash and the vulgar fraction signs are numbers as written:
  ``3⁄4`` → 0.75, ``2 3⁄4`` and ``2¾`` → 2.75, ``½`` → 0.5 (a plain ``/`` is not read so:
  ``3/4`` is as often a date);
- vague: one convention for every plural magnitude (the seeds gold's encoding): a
  magnitude M taken an unknown number of times is the range ``[2·M, 10·M − 1]`` —
  ``hundreds`` 200–999, ``thousands`` 2,000–9,999, ``tens of thousands`` 20,000–99,999,
  ``hundreds of thousands`` 200,000–999,999, ``dozens`` 24–119; ``several``, ``a few``
  and ``many`` before a magnitude (``several hundred``) read the same way;
- ordinal: ``fifth``, ``5th``, ``twenty-first`` → 5, 5, 21 (the extractor keeps only
  those that count occurrences, "her fifth visit").
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from dataclasses import dataclass
from functools import cache
from typing import NamedTuple

from ...lexicons import lexicon_rows


@cache
def number_words() -> dict[str, tuple[tuple[float, str], ...]]:
    """Number word → its readings ``(value, class)``; "third" is an ordinal and a fraction."""
    table: dict[str, list[tuple[float, str]]] = defaultdict(list)
    for word, value, kind in lexicon_rows("number_words.txt", fields=3):
        table[word.lower()].append((float(value), kind))
    return {word: tuple(readings) for word, readings in table.items()}


# Digit runs keep their separators ("1,463.87"); words are letter runs (so "μm" is one
# word); anything else is one character, so "$", "%", "-" and "/" are tokens of their own.
# The whitespace before each token is matched too: every other character is a token, so
# the tokens and the runs before them tile the text and ``findall`` alone (no match
# objects) gives every offset.
_LEX = re.compile(r"(\s*)(\d+(?:[.,]\d+)*|[^\W\d_]+|\S)")
_THOUSANDS = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?")

# Magnitudes written right after the digits: "40k", "6.2M", "$3.4bn", "12m".
_SUFFIX_SCALES = {
    "k": 1e3, "K": 1e3, "m": 1e6, "M": 1e6, "mn": 1e6, "mln": 1e6, "MM": 1e6, "b": 1e9,
    "B": 1e9, "bn": 1e9, "bln": 1e9, "Bn": 1e9, "tn": 1e12, "trn": 1e12, "Tn": 1e12,
}  # fmt: skip
# The same set, written after a space: only the unambiguous ones ("7 B people", "3 bn").
_SPACED_SCALES = {"bn", "Bn", "mn", "mln", "bln", "tn", "trn"}
# A lower-case "m" right after digits is a million ("12m of its radios", "£4.2m",
# "3.1m sales") unless it reads as metres: after "the"/"a" ("the 100m in 9.58 seconds",
# "a 5m wall") or before a word of length or place ("100m race", "5m high", "10m away").
_METRE_CONTEXT = {
    "tall", "high", "long", "deep", "wide", "away", "above", "below", "race", "sprint",
    "dash", "hurdles", "freestyle", "backstroke", "breaststroke", "butterfly", "relay",
    "medley", "final", "mark", "radius", "altitude", "depth", "in", "at", "on", "from",
    "into", "under", "over", "across", "along", "off", "behind",
}  # fmt: skip
_METRE_BEFORE = {"the", "a", "an"}
_CURRENCY_SIGNS = {"$", "€", "£", "¥", "₹", "₪", "₩", "₦", "₺", "₽"}
_SIGNS = {"-", "−", "–"}
# U+2044 FRACTION SLASH: typesetting writes "3⁄4" with it and nothing else does.
_FRACTION_SLASH = "⁄"
# The vulgar fraction signs of Unicode (one character each; "2½" is two and a half).
_VULGAR = {
    "½": 1 / 2, "⅓": 1 / 3, "⅔": 2 / 3, "¼": 1 / 4, "¾": 3 / 4, "⅕": 1 / 5, "⅖": 2 / 5,
    "⅗": 3 / 5, "⅘": 4 / 5, "⅙": 1 / 6, "⅚": 5 / 6, "⅛": 1 / 8, "⅜": 3 / 8, "⅝": 5 / 8,
    "⅞": 7 / 8,
}  # fmt: skip
_HEDGE_MAGNITUDE = {"several", "few", "many", "some"}
_POSSESSIVES = {"the", "their", "its", "his", "her", "our", "your", "my", "them", "those"}
_ORDINAL_SUFFIXES = {"st", "nd", "rd", "th"}


class Tok(NamedTuple):
    """One lexical token of the text, with its character offsets.

    A named tuple, not a dataclass: a text has a token per word and punctuation mark, and
    a frozen dataclass takes several times as long to build.
    """

    text: str
    lower: str
    start: int
    end: int
    space: bool  # whitespace (or the start of the text) right before it


def lex(text: str) -> list[Tok]:
    """Cut ``text`` into digit runs, letter runs and single other characters."""
    toks: list[Tok] = []
    append = toks.append
    # ``tuple.__new__`` builds the named tuple without its Python-level ``__new__``.
    new = tuple.__new__
    end = 0
    for gap, word in _LEX.findall(text):
        start = end + len(gap)
        end = start + len(word)
        append(new(Tok, (word, word.lower(), start, end, start == 0 or gap != "")))
    return toks


@dataclass(frozen=True)
class Number:
    """A number read at tokens ``first..last`` (inclusive), characters ``start..end``."""

    start: int
    end: int
    first: int
    last: int
    value: float | None = None
    low: float | None = None
    high: float | None = None
    form: str = "digits"
    scale: float = 1.0  # the magnitude written with it: 1e6 for "2.5 million", "12m"

    @property
    def is_range(self) -> bool:
        return self.value is None


# The largest value a number may have: a quadrillion. Past 2**53 (about 9e15) a float no
# longer holds every whole number, no count or sum in the news comes near it, and a bound
# keeps every product of a value with scales and unit factors finite: a run of 400 nines
# is 1e400, infinity as a float, which int() and JSON both refuse.
MAX_VALUE = 1e15


def digit_value(text: str) -> float | None:
    """The value of a digit run ("27,000", "2.5"), None for "1,2", "1.2.3" or past MAX_VALUE."""
    if _THOUSANDS.fullmatch(text) is None:
        return None
    value = float(text.replace(",", ""))
    return value if value <= MAX_VALUE else None


def int_of(text: str, most: int = 18) -> int | None:
    """The whole number a run of at most ``most`` decimal digits writes, else None.

    ``str.isdigit`` is true of "²" and "①", which ``int()`` refuses, and ``int()`` refuses
    runs of more than 4,300 digits; a decimal digit of any script ("١٢") is read.
    """
    if not text.isdecimal() or len(text) > most:
        return None
    return int(text)


def _readings(word: str, cls: str) -> float | None:
    for value, kind in number_words().get(word, ()):
        if kind == cls:
            return value
    return None


def _is_digits(tok: Tok) -> bool:
    return tok.text[0].isdigit()


def _attached(toks: list[Tok], j: int) -> bool:
    """Whether token ``j`` exists and follows the previous one with no space."""
    return j < len(toks) and not toks[j].space


def _reads_metres(toks: list[Tok], first: int, j: int) -> bool:
    """Whether the "m" at ``j`` after the number starting at ``first`` is metres."""
    prev = toks[first - 1] if first > 0 else None
    if prev is not None and (
        prev.text in _CURRENCY_SIGNS or (prev.text.isalpha() and not toks[first].space)
    ):
        return False
    nxt = toks[j + 1].lower if j + 1 < len(toks) else ""
    if nxt == "of":
        return False
    return nxt in _METRE_CONTEXT or (prev is not None and prev.lower in _METRE_BEFORE)


def _scales_after(
    toks: list[Tok], j: int, value: float, first: int | None = None
) -> tuple[float, int]:
    """Multiply ``value`` by the magnitude words and suffixes from ``j``; the next index."""
    if _attached(toks, j) and toks[j].text in _SUFFIX_SCALES:
        text = toks[j].text
        if not (text == "m" and _reads_metres(toks, j - 1 if first is None else first, j)):
            return value * _SUFFIX_SCALES[text], j + 1
    if j < len(toks) and toks[j].space and toks[j].text in _SPACED_SCALES:
        return value * _SUFFIX_SCALES[toks[j].text], j + 1
    if (
        j + 1 < len(toks)
        and toks[j].space
        and toks[j].text in {"B", "M"}
        and toks[j + 1].text[:1].islower()
    ):
        return value * _SUFFIX_SCALES[toks[j].text], j + 1
    while j < len(toks):
        scale = _readings(toks[j].lower, "scale")
        if scale is None:
            break
        value *= scale
        j += 1
    return value, j


def _read_words(toks: list[Tok], i: int) -> tuple[float, int] | None:
    """A spelled-out number from ``i``: (value, index of its last token)."""
    total = 0.0
    current = 0.0
    last_cls = ""
    end = -1
    j = i
    n = len(toks)
    while j < n:
        word = toks[j].lower
        nxt = toks[j + 1].lower if j + 1 < n else ""
        if word in ("a", "an") and end < 0 and _readings(nxt, "scale") is not None:
            current, last_cls = 1.0, "unit"
            j += 1
            continue
        if word == "-" and last_cls == "ten" and _attached(toks, j) and _attached(toks, j + 1):
            if _readings(nxt, "unit") is not None:
                j += 1
                continue
            break
        if word == "and" and last_cls == "scale" and j + 1 < n:
            if _readings(nxt, "unit") is not None or _readings(nxt, "ten") is not None:
                j += 1
                continue
            break
        unit, ten, scale = (_readings(word, c) for c in ("unit", "ten", "scale"))
        if (
            unit is not None
            and last_cls not in ("unit",)
            and not (last_cls == "ten" and unit >= 10)
        ):
            current += unit
            last_cls = "unit"
        elif ten is not None and last_cls not in ("unit", "ten"):
            current += ten
            last_cls = "ten"
        elif scale is not None and last_cls:
            if scale <= 100:
                current = (current or 1.0) * scale
            else:
                total += (current or 1.0) * scale
                current = 0.0
            last_cls = "scale"
        else:
            break
        end = j
        j += 1
    if end < 0:
        return None
    return total + current, end


def _read_vague(toks: list[Tok], i: int) -> Number | None:
    """ "hundreds", "tens of thousands", "several hundred", "a few dozen" at ``i``."""
    j = i
    if toks[j].lower == "a" and j + 1 < len(toks) and toks[j + 1].lower == "few":
        j += 1
    magnitude: float | None = None
    if toks[j].lower in _HEDGE_MAGNITUDE and j + 1 < len(toks):
        scale = _readings(toks[j + 1].lower, "scale")
        if scale is None:
            return None
        # "some hundred" is about a hundred, not hundreds.
        if toks[j].lower == "some":
            return None
        magnitude, j = scale, j + 1
        while j + 1 < len(toks) and _readings(toks[j + 1].lower, "scale") is not None:
            magnitude *= _readings(toks[j + 1].lower, "scale") or 1.0
            j += 1
    else:
        base = _readings(toks[j].lower, "vague")
        if base is None:
            return None
        # "tens" and "scores" are counts only as "tens of ..." / "scores of ...".
        nxt = toks[j + 1].lower if j + 1 < len(toks) else ""
        if toks[j].lower in ("tens", "scores") and nxt != "of":
            return None
        magnitude = base
    # "hundreds of thousands": each further "of <plural magnitude>" multiplies.
    while j + 2 < len(toks) and toks[j + 1].lower == "of":
        more = _readings(toks[j + 2].lower, "vague")
        if more is None or more < 1000:
            break
        magnitude *= more
        j += 2
    return Number(
        toks[i].start, toks[j].end, i, j, low=2 * magnitude, high=10 * magnitude - 1, form="vague"
    )


def _numerator(toks: list[Tok], i: int) -> tuple[float, int] | None:
    """The numerator of a fraction at ``i``: "a", "one", "two", "3"; (value, next index)."""
    word = toks[i].lower
    if word in ("a", "an"):
        return 1.0, i + 1
    unit = _readings(word, "unit")
    if unit is not None and 1 <= unit <= 19:
        return unit, i + 1
    if _is_digits(toks[i]):
        value = digit_value(toks[i].text)
        if value is not None and value == int(value) and 1 <= value <= 19:
            return value, i + 1
    return None


def _read_fraction(toks: list[Tok], i: int) -> Number | None:
    """ "half", "a third of", "two-thirds", "one in five" at ``i``."""
    n = len(toks)
    word = toks[i].lower
    if word == "half":
        return _read_half(toks, i, i)
    numerator = _numerator(toks, i)
    if numerator is None:
        return None
    value, j = numerator
    if j < n and toks[j].lower == "half" and value == 1:
        return _read_half(toks, j, i)
    hyphen = j < n and toks[j].text in _SIGNS and _attached(toks, j) and _attached(toks, j + 1)
    if hyphen:
        j += 1
    if j >= n:
        return None
    denominator = _readings(toks[j].lower, "fraction")
    if denominator is not None and denominator > 2:
        plural = toks[j].lower.endswith("s")
        nxt = toks[j + 1].lower if j + 1 < n else ""
        if hyphen or (plural and value > 1) or nxt == "of" or nxt in _POSSESSIVES:
            return Number(
                toks[i].start, toks[j].end, i, j, value=value / denominator, form="fraction"
            )
        return None
    # "one in five", "three out of four", "one of four": a proportion.
    k = j
    if k + 1 < n and toks[k].lower == "out" and toks[k + 1].lower == "of":
        k += 1
    elif not (k < n and toks[k].lower in ("in", "of")):
        return None
    if hyphen or k + 1 >= n:
        return None
    of = _numerator(toks, k + 1) if toks[k + 1].lower not in ("a", "an") else None
    whole = of[0] if of else None
    if whole is None and _is_digits(toks[k + 1]):
        whole = digit_value(toks[k + 1].text)
    # "one in five", "1 in 100"; not "10 in 2019" (a year) or "3 in 4.5 hours".
    if whole is None or whole <= value or whole > 1000 or whole != int(whole):
        return None
    return Number(toks[i].start, toks[k + 1].end, i, k + 1, value=value / whole, form="fraction")


def _slash_fraction(toks: list[Tok], i: int) -> float | None:
    """The value of "3⁄4" written with the fraction slash at ``i``, else None."""
    if not (
        i + 2 < len(toks)
        and _is_digits(toks[i])
        and toks[i + 1].text == _FRACTION_SLASH
        and _attached(toks, i + 1)
        and _attached(toks, i + 2)
        and _is_digits(toks[i + 2])
    ):
        return None
    numerator, denominator = digit_value(toks[i].text), digit_value(toks[i + 2].text)
    if numerator is None or not denominator:
        return None
    return numerator / denominator


def _read_written_fraction(toks: list[Tok], i: int) -> Number | None:
    """ "3⁄4" (fraction slash) or "¾" (a vulgar fraction sign) at ``i``."""
    vulgar = _VULGAR.get(toks[i].text)
    if vulgar is not None:
        return Number(toks[i].start, toks[i].end, i, i, value=vulgar, form="fraction")
    value = _slash_fraction(toks, i)
    if value is None:
        return None
    return Number(toks[i].start, toks[i + 2].end, i, i + 2, value=value, form="fraction")


def _fraction_after(toks: list[Tok], j: int) -> tuple[float, int] | None:
    """The fraction that completes a whole number ending before ``j``: "2¾", "2 3⁄4"."""
    if _attached(toks, j) and toks[j].text in _VULGAR:
        return _VULGAR[toks[j].text], j + 1
    if j < len(toks) and toks[j].space:
        value = _slash_fraction(toks, j)
        if value is not None and value < 1:
            return value, j + 3
    return None


def _read_half(toks: list[Tok], j: int, first: int) -> Number | None:
    """ "half" at ``j`` (after "a"/"one" at ``first``): 0.5, or "half a million"."""
    n = len(toks)
    prev = toks[first - 1].lower if first > 0 else ""
    # "the first half", "the second half of 2024": a period, not a proportion.
    if prev in (
        "the", "first", "second", "other", "latter", "former", "1st", "2nd", "this", "that",
        "each", "every", "per",
    ):  # fmt: skip
        return None
    # "half-time", "half-brother": a compound word, not a number.
    if j + 1 < n and toks[j + 1].text in _SIGNS and _attached(toks, j + 1):
        return None
    if j + 2 < n and toks[j + 1].lower in ("a", "an"):
        scale = _readings(toks[j + 2].lower, "scale")
        if scale is not None:
            return Number(
                toks[first].start, toks[j + 2].end, first, j + 2, value=0.5 * scale, form="words"
            )
        # "half a percentage point", "half an hour": half of one of what follows.
        if toks[j + 2].text.isalpha():
            return Number(toks[first].start, toks[j + 1].end, first, j + 1, 0.5, form="words")
    return Number(toks[first].start, toks[j].end, first, j, value=0.5, form="fraction")


def _read_ordinal(toks: list[Tok], i: int) -> Number | None:
    """ "fifth", "5th", "twenty-first" at ``i``."""
    n = len(toks)
    if _is_digits(toks[i]):
        if _attached(toks, i + 1) and toks[i + 1].lower in _ORDINAL_SUFFIXES:
            value = digit_value(toks[i].text)
            if value is not None:
                return Number(toks[i].start, toks[i + 1].end, i, i + 1, value=value, form="ordinal")
        return None
    ten = _readings(toks[i].lower, "ten")
    if (
        ten is not None
        and i + 2 < n
        and toks[i + 1].text in _SIGNS
        and _attached(toks, i + 1)
        and _attached(toks, i + 2)
    ):
        unit = _readings(toks[i + 2].lower, "ordinal")
        if unit is not None and unit < 10:
            return Number(
                toks[i].start, toks[i + 2].end, i, i + 2, value=ten + unit, form="ordinal"
            )
    value = _readings(toks[i].lower, "ordinal")
    if value is None:
        return None
    return Number(toks[i].start, toks[i].end, i, i, value=value, form="ordinal")


def _sign_before(toks: list[Tok], i: int) -> tuple[float, int]:
    """(-1, index of the sign) if the number at ``i`` is negative, else (1, ``i``)."""
    if i == 0 or toks[i].space:
        return 1.0, i
    sign = toks[i - 1]
    if sign.text not in _SIGNS:
        return 1.0, i
    before = toks[i - 2] if i >= 2 else None
    if before is not None and before.lower == "minus" and not sign.space:
        return -1.0, i - 2
    # "-5 yards", "$-50.8bn", "(-3)": the sign starts a word; "2-1" and "F-35" are not signs.
    if sign.space or (before is not None and before.text in ("$", "(", "€", "£", "=")):
        return -1.0, i - 1
    return 1.0, i


def _read_digits(toks: list[Tok], i: int) -> Number | None:
    """ "27,000", "2.5 million", "-5", ".750", "40k" at ``i``."""
    tok = toks[i]
    first = i
    if tok.text == "." and tok.space and _attached(toks, i + 1) and _is_digits(toks[i + 1]):
        value = digit_value("0." + toks[i + 1].text)
        i += 1
    elif _is_digits(tok):
        value = digit_value(tok.text)
    else:
        return None
    if value is None:
        return None
    sign, first = _sign_before(toks, first)
    if sign > 0 and first > 0 and toks[first - 1].lower == "minus" and toks[first].space:
        sign, first = -1.0, first - 1
    if _slash_fraction(toks, i) is not None:
        return None  # "3⁄4" is a fraction (read by _read_written_fraction)
    part = _fraction_after(toks, i + 1) if value == int(value) else None
    if part is not None:
        value += part[0]
        i = part[1] - 1
    base = value
    value, j = _scales_after(toks, i + 1, value, first)
    value, j = _exponent(toks, j, value)
    last = j - 1
    scale = value / base if base else 1.0
    return Number(toks[first].start, toks[last].end, first, last, sign * value, scale=scale)


def _exponent(toks: list[Tok], j: int, value: float) -> tuple[float, int]:
    """Scientific notation after the digits: "2.5×10−4", "3 x 10^8"."""
    n = len(toks)
    if not (j + 2 < n and toks[j].text in ("×", "x", "*") and toks[j + 1].text == "10"):
        return value, j
    k = j + 2
    if toks[k].text == "^":
        k += 1
    negative = k < n and toks[k].text in _SIGNS
    if negative:
        k += 1
    power = int_of(toks[k].text, most=3) if k < n and not toks[k].space else None
    if power is None:
        return value, j
    # 10.0**309 raises OverflowError; past MAX_VALUE the number is dropped anyway.
    return (value * 10.0 ** (-power) if negative else _times_ten(value, power)), k + 1


def _times_ten(value: float, power: int) -> float:
    return value * 10.0**power if power <= 300 else math.inf


def _read_spelled(toks: list[Tok], i: int) -> Number | None:
    """ "three", "twenty-five", "a hundred", "two and a half", "minus five" at ``i``."""
    read = _read_words(toks, i)
    if read is None:
        return None
    value, last = read
    n = len(toks)
    # "two and a half (million)"
    if (
        last + 3 < n
        and toks[last + 1].lower == "and"
        and toks[last + 2].lower in ("a", "one")
        and toks[last + 3].lower == "half"
    ):
        value += 0.5
        last += 3
        if last + 1 < n and _readings(toks[last + 1].lower, "scale") is not None:
            value, nxt = _scales_after(toks, last + 1, value)
            last = nxt - 1
    first = i
    if i > 0 and toks[i - 1].lower == "minus":
        value, first = -value, i - 1
    scale = _readings(toks[last].lower, "scale") or 1.0
    return Number(
        toks[first].start, toks[last].end, first, last, value=value, form="words", scale=scale
    )


def _read_fold(toks: list[Tok], i: int) -> Number | None:
    """ "fivefold", "tenfold": a multiple written as one word."""
    word = toks[i].lower
    if not word.endswith("fold") or len(word) <= 4:
        return None
    value = _readings(word[:-4], "unit") or _readings(word[:-4], "ten")
    if value is None:
        return None
    return Number(toks[i].start, toks[i].end, i, i, value=value, form="multiple")


def _could_start(tok: Tok) -> bool:
    return (
        tok.text[0].isdigit()
        or tok.text in _VULGAR
        or tok.lower in number_words()
        or tok.lower in _STARTERS
        or tok.lower.endswith("fold")
    )


_STARTERS = {"a", "an", "several", "few", "many", ".", "minus"}


def read_number(toks: list[Tok], i: int) -> Number | None:
    """The number that starts at token ``i``, or None; vague and fraction forms first."""
    if not _could_start(toks[i]):
        return None
    for reader in (
        _read_written_fraction,
        _read_vague,
        _read_fraction,
        _read_ordinal,
        _read_digits,
        _read_fold,
        _read_spelled,
    ):
        number = reader(toks, i)
        if number is not None:
            return number
    return None


def _bounded(number: Number) -> bool:
    """Whether every value of ``number`` is finite and at most MAX_VALUE in size.

    Scales multiply ("a trillion trillion", "1e15 million", "5 x 10^999"): the bound on
    digit runs alone does not bound them.
    """
    return all(
        v is None or (math.isfinite(v) and abs(v) <= MAX_VALUE)
        for v in (number.value, number.low, number.high)
    )


@cache
def _starter_words() -> frozenset[str]:
    """The lower-cased words :func:`_could_start` accepts besides digits and signs."""
    return frozenset(number_words()) | _STARTERS


def find_numbers(toks: list[Tok]) -> list[Number]:
    """Every number in ``toks``, left to right, none overlapping."""
    found: list[Number] = []
    # :func:`_could_start` over the whole text first, once per distinct word: most tokens
    # start no number, and a text repeats its words. The test reads only a token's lower
    # case (digits and fraction signs have no case).
    words = _starter_words()
    lowers = [tok.lower for tok in toks]
    starters = {
        w for w in set(lowers) if w[0].isdigit() or w in _VULGAR or w in words or w.endswith("fold")
    }
    starts = [k for k, w in enumerate(lowers) if w in starters]
    i = 0
    for k in starts:
        if k < i:
            continue
        i = k
        number = read_number(toks, i)
        if number is None:
            i += 1
            continue
        if _bounded(number):
            found.append(number)
        # An unbounded number is no number, and its words are no other ("5 x 10^999" is
        # not 5, 10 and 999).
        i = number.last + 1
    return found
