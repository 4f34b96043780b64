"""Units around a number: currency signs and codes, measurement units, "per" compounds.

Works on the lexical tokens of ``numbers.lex``; the tables are the data files
``figure_units.txt`` and ``figure_currencies.txt``. Canonical names follow the NewsQuant
gold (singular nouns: "mile", "day", "percentage", "dollar").
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from functools import cache

from ..common.numbers import Number, Tok, lex
from .lexicon import UnitEntry, currencies, units

# Hyphens join a number to its unit ("five-year", "4.5-inch") and the parts of a unit
# ("year-old", "lb-ft"); they are skipped when matching.
_JOINERS = {"-", "‑", "–"}
# "a"/"an" starts a rate only before a unit ("$900 a month", "80,000 barrel-a-day").
_RATE_WORDS = {"per", "/", "a", "an"}
# A "pound" with a magnitude this large is money, not weight ("2 billion pounds").
_POUND_AS_MONEY = 1e5


@dataclass(frozen=True)
class Unit:
    """A unit read next to a number: canonical name, dimension, factor, token extent."""

    name: str
    dimension: str
    factor: float
    first: int
    last: int


def _key(entry: UnitEntry) -> tuple[str, ...]:
    toks = lex(" ".join(entry.tokens))
    return tuple(t.text if entry.exact_case else t.lower for t in toks if t.text not in _JOINERS)


@cache
def _index(kind: str) -> dict[str, list[tuple[tuple[str, ...], UnitEntry]]]:
    """First token → (token key, entry), longest keys first; ``kind`` picks the table."""
    table: dict[str, list[tuple[tuple[str, ...], UnitEntry]]] = defaultdict(list)
    entries = units() if kind == "unit" else currencies()
    for entry in entries:
        if kind == "prefix" and entry.dimension not in ("prefix", "both"):
            continue
        if kind == "suffix" and entry.dimension not in ("suffix", "both"):
            continue
        key = _key(entry)
        if key:
            table[key[0]].append((key, entry))
    for rows in table.values():
        rows.sort(key=lambda row: -len(row[0]))
    return dict(table)


def _match_forward(toks: list[Tok], j: int, kind: str) -> tuple[UnitEntry, int] | None:
    """The longest entry of table ``kind`` whose tokens start at ``j``; (entry, last index)."""
    while j < len(toks) and toks[j].text in _JOINERS and not toks[j].space:
        j += 1
    if j >= len(toks):
        return None
    index = _index(kind)
    candidates = index.get(toks[j].text, [])
    if toks[j].lower != toks[j].text:
        candidates = candidates + index.get(toks[j].lower, [])
    candidates.sort(key=lambda row: -len(row[0]))
    for key, entry in candidates:
        k = j
        last = -1
        ok = True
        for part in key:
            while k < len(toks) and toks[k].text in _JOINERS and last >= 0:
                k += 1
            if k >= len(toks):
                ok = False
                break
            text = toks[k].text if entry.exact_case else toks[k].lower
            if text != part:
                ok = False
                break
            last = k
            k += 1
        # A unit ends at a word boundary: "5 in" must not read "5 inch" off "5 inches",
        # and "m" must not be the start of "miles".
        if ok and (k >= len(toks) or toks[k].space or not toks[k].text[0].isalpha()):
            return entry, last
    return None


@cache
def _prefixes_by_last() -> dict[str, list[tuple[int, tuple[str, ...], UnitEntry]]]:
    """Last token → (rank, token key, entry) of the currency prefixes; rank is the row's
    place in ``_index`` order, which decides between prefixes of one length.

    A prefix can only end with the token before the number, so only the rows keyed by
    that token's text (or lower case) need trying, not the whole table.
    """
    table: dict[str, list[tuple[int, tuple[str, ...], UnitEntry]]] = defaultdict(list)
    rows = [row for rows in _index("prefix").values() for row in rows]
    for rank, (key, entry) in enumerate(rows):
        table[key[-1]].append((rank, key, entry))
    return dict(table)


def _match_backward(toks: list[Tok], end: int) -> tuple[UnitEntry, int] | None:
    """The longest currency prefix ending right before token ``end``; (entry, first index)."""
    if end <= 0:
        return None
    table = _prefixes_by_last()
    before = toks[end - 1]
    candidates = table.get(before.text, [])
    if before.lower != before.text:
        # Exact-case rows are keyed by text, the others by lower case: no row is in both.
        candidates = sorted(candidates + table.get(before.lower, []))
    best: tuple[UnitEntry, int] | None = None
    for _, key, entry in candidates:
        first = end - len(key)
        if first < 0:
            continue
        window = toks[first:end]
        texts = [t.text if entry.exact_case else t.lower for t in window]
        if tuple(texts) != key:
            continue
        # Letters glued to the number must be the whole prefix ("RM4.10", not "FORM2").
        if first > 0 and not window[0].space and toks[first - 1].text[-1:].isalnum():
            continue
        if best is None or first < best[1]:
            best = (entry, first)
    return best


def currency_before(toks: list[Tok], number: Number) -> Unit | None:
    """A currency sign or code right before ``number`` ("$", "US $", "RM", "USD ")."""
    found = _match_backward(toks, number.first)
    if found is None:
        return None
    entry, first = found
    return Unit(entry.name, "currency", 1.0, first, number.first - 1)


def unit_after(toks: list[Tok], number: Number) -> Unit | None:
    """A unit or currency right after ``number`` ("km", "per cent", "euros", "-year-old")."""
    j = number.last + 1
    # "millions of dollars", "tens of thousands of euros"
    if number.form == "vague" and j + 1 < len(toks) and toks[j].lower == "of":
        j += 1
    found = _match_forward(toks, j, "unit")
    money = _match_forward(toks, j, "suffix")
    if money is not None and (found is None or money[1] >= found[1]):
        entry, last = money
        return Unit(entry.name, "currency", 1.0, j, last)
    if found is None:
        return None
    entry, last = found
    name, dimension = entry.name, entry.dimension
    if name == "pound" and number.value is not None and abs(number.value) >= _POUND_AS_MONEY:
        name, dimension = "pound sterling", "currency"
    return Unit(name, dimension, entry.factor, j, last)


# Prime marks after a number are feet and inches ("30′", "5′11″"); the typewriter
# apostrophe and double quote stand in for them ("30'", "5'11\"").
_FOOT_MARKS = {"′", "'"}
_INCH_MARKS = {"″", '"'}
# Marks that open a quotation: a typewriter apostrophe after one of them closes it.
_OPENING = {"'", "‘"}


def prime_after(toks: list[Tok], number: Number) -> Unit | None:
    """Feet or inches written as a prime right after ``number`` ("30'", "6′", "11″").

    The typewriter apostrophe is a foot mark only when it opens no word ("30's" is a
    decade, "30'" before a letter is no mark) and closes no quotation: an apostrophe that
    opened a quotation earlier on the line ("'the toll is 30'") makes it a closing one. A
    typewriter double quote is an inch mark only after feet ("5'11\"").
    """
    j = number.last + 1
    if not _attached_mark(toks, j):
        return None
    mark = toks[j].text
    if mark in _FOOT_MARKS:
        if mark == "'" and _opens_quote(toks, number.first):
            return None
        return Unit("foot", "length", 1.0, j, j)
    if mark == "″" or (
        mark == '"' and number.first >= 2 and toks[number.first - 1].text in _FOOT_MARKS
    ):
        return Unit("inch", "length", 1.0, j, j)
    return None


def _attached_mark(toks: list[Tok], j: int) -> bool:
    """A mark glued to the number before it and to no word after it ("5'11" is feet)."""
    if j >= len(toks) or toks[j].space:
        return False
    return j + 1 >= len(toks) or toks[j + 1].space or not toks[j + 1].text[0].isalpha()


def _opens_quote(toks: list[Tok], first: int, reach: int = 60) -> bool:
    """Whether an opening single quotation mark stands before token ``first`` on its line."""
    for k in range(first - 1, max(-1, first - 1 - reach), -1):
        tok = toks[k]
        if tok.text in _OPENING and tok.space and k + 1 < len(toks) and not toks[k + 1].space:
            return True
        if tok.text in (".", "!", "?") and k + 1 < len(toks) and toks[k + 1].space:
            return False
    return False


def rate_after(toks: list[Tok], last: int) -> tuple[str, int] | None:
    """A "per X" after token ``last`` ("per barrel", "a month", "/h"): (X's name, last index)."""
    j = last + 1
    while j < len(toks) and toks[j].text in _JOINERS:
        j += 1
    if j + 1 >= len(toks) or toks[j].lower not in _RATE_WORDS:
        return None
    found = _match_forward(toks, j + 1, "unit")
    if found is not None:
        entry, end = found
        # A rate keeps its period as written: "per week" is not "per 7 days".
        name = entry.name if entry.factor == 1 else entry.tokens[0].rstrip("s")
        return name, end
    # "per share", "per person": any word after "per", but only "per".
    nxt = toks[j + 1]
    if toks[j].lower == "per" and nxt.text.isalpha() and nxt.text.islower():
        return nxt.lower, j + 1
    return None


def unit_word(word: str) -> Unit | None:
    """The unit a single word names ("years", "km"), or None; token extent left empty."""
    for key, entry in _index("unit").get(word, []) + _index("unit").get(word.lower(), []):
        if len(key) == 1 and (key[0] == word if entry.exact_case else key[0] == word.lower()):
            return Unit(entry.name, entry.dimension, entry.factor, -1, -1)
    return None
