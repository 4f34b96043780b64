"""Phases of a proposal in one sentence: how many, which one, and how long each lasts.

Three kinds of phase reference are read from a sentence's tokens:

- a *count*: "three phases", "a three-phase plan", "two stages" — the number of phases;
- an *ordinal*: "the first phase", "stage two", "the next stage", "the last phase", and the
  elliptical "In the second, ...", "The third would bring ...", "the second and third are
  cut to" (an ordinal heading its own noun phrase, once phases are being described);
- a *duration* tied to one of them: "two stages of 30 days each", "three phases, each
  lasting 40 days", "the second phase, lasting 80 days", "the first still runs 40 days",
  "a first phase of six weeks", "four to five weeks each", "the first 50 days".

Durations are in days (a week is 7 days, a month 30). A duration is tied to the reference
just before it only when the words between them are linking words ("of", "lasting",
"each", "is cut to"), so "the start of a five-year rebuilding plan" after "the
last stage" is not read as the last stage's length.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from spacy.tokens import Span, Token

from ..common.numbers import find_numbers, int_of, lex
from .columns import DocWords, within

PHASE_WORDS = frozenset({"phase", "phases", "stage", "stages"})
ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6,
    "initial": 1, "opening": 1, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4,
}  # fmt: skip
RELATIVE = {"next": "next", "last": "last", "final": "last", "closing": "last"}
CARDINALS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "i": 1, "ii": 2,
             "iii": 3, "iv": 4}  # fmt: skip
# Days per unit; a month is counted as 30 days.
UNIT_DAYS = {"day": 1, "days": 1, "week": 7, "weeks": 7, "month": 30, "months": 30}
# Words allowed between a phase reference and the duration that gives its length.
LINKING = frozenset(
    {"of", ",", "lasting", "lasts", "last", "would", "will", "each", "still", "is", "are",
     "be", "was", "were", "shortened", "extended", "cut", "reduced", "to", "set", "at",
     "about", "around", "roughly", "some", "approximately", "for", "running", "runs", "run",
     "spanning", "spans", "span", "—", "–", "-", "(", "covering", "covers", "and", "up",
     "lengthened", "stretched"}
)  # fmt: skip
MAX_PHASES = 10
# The words that can make a phase reference, elliptical ordinals included.
_REF_WORDS = PHASE_WORDS | set(ORDINALS) | set(RELATIVE)
_UNIT = re.compile(r"\s*(?:-\s*)?(days?|weeks?|months?)\b", re.IGNORECASE)
_RANGE = re.compile(r"\s*(?:to|-|–|—|or|and)\s*$", re.IGNORECASE)
_BETWEEN = re.compile(r"\bbetween\s*$", re.IGNORECASE)
# A unit word of ``_UNIT`` that can follow a number: one that ends a letter run ("today",
# "Monday") cannot, as ``lex`` reads a number's word as a whole letter run.
_UNIT_WORD = re.compile(r"(?<![^\W\d_])(?:day|week|month)", re.IGNORECASE)


@dataclass(frozen=True)
class PhaseRef:
    """A reference to phases: ``count`` of them, or phase ``index`` (or ``relative``)."""

    first: int  # token index (in the doc) where the reference starts
    last: int  # token index where it ends (inclusive)
    index: int | None = None
    count: int | None = None
    relative: str | None = None  # "next" or "last" when the index depends on context


@dataclass(frozen=True)
class Duration:
    """A length in days (``low``..``high``) found at characters ``start``..``end``."""

    low: int
    high: int
    start: int
    end: int
    each: bool  # "each" follows: the length of every phase in the reference


def phase_refs(sent: Span, elliptical: bool, words: DocWords | None = None) -> list[PhaseRef]:
    """Phase references in ``sent``; ``elliptical`` allows bare ordinals ("the second").

    ``words``, the columns of the sentence's doc, name the phase words and ordinals in it
    at once, instead of reading every token.
    """
    refs: list[PhaseRef] = []
    doc = sent.doc
    candidates: Iterable[int] = range(sent.start, sent.end)
    if words is not None:
        found = words.with_lower(_REF_WORDS if elliptical else PHASE_WORDS)
        candidates = within(found, sent.start, sent.end)
    for i in candidates:
        tok = doc[i]
        lower = tok.lower_
        if lower in PHASE_WORDS:
            ref = _phase_word_ref(sent, i)
            if ref is not None:
                refs.append(ref)
        elif elliptical and (lower in ORDINALS or lower in RELATIVE) and _bare_ordinal(tok):
            index = ORDINALS.get(lower)
            refs.append(PhaseRef(tok.i, tok.i, index=index, relative=RELATIVE.get(lower)))
    return refs


def _phase_word_ref(sent: Span, k: int) -> PhaseRef | None:
    """The reference a phase word at doc index ``k`` makes, reading only ``sent``."""
    doc = sent.doc
    tok = doc[k]
    # "three-phase", "two - stage": a number right before, with or without a hyphen
    j = k - 1
    if j >= sent.start and doc[j].text in ("-", "‐", "–"):
        j -= 1
    if j >= sent.start:
        before = doc[j]
        count = _count_value(before)
        if count is not None:
            return PhaseRef(j, tok.i, count=count)
        word = before.lower_
        if word in ORDINALS:
            return PhaseRef(j, tok.i, index=ORDINALS[word])
        if word in RELATIVE:
            return PhaseRef(j, tok.i, relative=RELATIVE[word])
    # "phase one", "stage 2"
    if k + 1 < sent.end:
        after = doc[k + 1]
        value = CARDINALS.get(after.lower_)
        if value is None:
            value = int_of(after.text, most=2)
        if value is not None and tok.lower_ in ("phase", "stage") and 0 < value <= MAX_PHASES:
            return PhaseRef(tok.i, after.i, index=value)
    return None


def _count_value(tok: Token) -> int | None:
    text = tok.lower_
    if text in CARDINALS and text not in ("i",):
        value: float | None = CARDINALS[text]
    elif text.isdecimal():
        value = int_of(text)
    else:
        numbers = find_numbers(lex(text))
        value = numbers[0].value if len(numbers) == 1 and numbers[0].form == "words" else None
    if value is None or value != int(value) or not 0 < value <= MAX_PHASES:
        return None
    return int(value)


def _bare_ordinal(tok: Token) -> bool:
    """An ordinal heading its own noun phrase: "In the second, ...", "The third would"."""
    if tok.dep_ in ("amod", "advmod", "npadvmod", "nummod", "compound", "quantmod"):
        return False
    if tok.i == 0 or tok.doc[tok.i - 1].lower_ not in ("the", "and", ","):
        return False
    nxt = tok.doc[tok.i + 1] if tok.i + 1 < len(tok.doc) else None
    # "the first to arrive", "the first of them", "the first time": not a phase
    return nxt is None or (nxt.lower_ not in ("to", "of") and nxt.pos_ not in ("NOUN", "PROPN"))


def durations(sent: Span) -> list[Duration]:
    """Lengths in days in ``sent``: "40 days", "four to five weeks", "between 5 and 6 weeks"."""
    text = sent.text
    if not _names_unit(text):
        return []  # no number of the sentence has a unit to measure a length
    base = sent.start_char
    found: list[Duration] = []
    numbers = find_numbers(lex(text))
    used: set[int] = set()
    for n, number in enumerate(numbers):
        if n in used or number.value is None:
            continue
        unit = _UNIT.match(text, number.end)
        low = high = number.value
        start = number.start
        if unit is None and n + 1 < len(numbers):
            # "four to five weeks": the first number borrows the second's unit
            nxt = numbers[n + 1]
            gap = text[number.end : nxt.start]
            if nxt.value is not None and (
                _RANGE.match(gap)
                or (gap.strip().lower() == "and" and _BETWEEN.search(text[:start]))
            ):
                unit = _UNIT.match(text, nxt.end)
                if unit is not None:
                    high = nxt.value
                    used.add(n + 1)
        if unit is None:
            continue
        factor = UNIT_DAYS[unit.group(1).lower()]
        between = _BETWEEN.search(text[:start])
        if between:
            start = between.start()
        end = unit.end()
        each = text[end:].lstrip().lower().startswith("each")
        low_days, high_days = round(low * factor), round(high * factor)
        if low_days <= 0 or high_days < low_days:
            continue
        found.append(Duration(low_days, high_days, base + start, base + end, each))
    return found


def tie_durations(
    sent: Span, refs: Sequence[PhaseRef], lengths: Sequence[Duration]
) -> list[tuple[PhaseRef, Duration]]:
    """Pair each duration with the phase reference it measures, if any.

    A duration measures the reference that ends just before it, across linking words only;
    a coordination of ordinals ("the second and third are cut to ...") shares it. A
    duration right before a phase word ("a six-week first phase") measures that phase.
    """
    doc = sent.doc
    pairs: list[tuple[PhaseRef, Duration]] = []
    for length in lengths:
        first_tok = _token_at(sent, length.start)
        last_tok = _token_at(sent, length.end - 1)
        if first_tok is None or last_tok is None:
            continue
        before = [r for r in refs if r.last < first_tok.i]
        tied = False
        if before:
            ref = max(before, key=lambda r: r.last)
            gap = doc[ref.last + 1 : first_tok.i]
            if all(t.lower_ in LINKING for t in gap):
                group = _coordinated(ref, refs)
                pairs.extend((r, length) for r in group)
                tied = True
        if not tied:
            after = [r for r in refs if r.first > last_tok.i and r.first - last_tok.i <= 2]
            if after and after[0].index is not None:
                pairs.append((after[0], length))
    return pairs


def _coordinated(ref: PhaseRef, refs: Sequence[PhaseRef]) -> list[PhaseRef]:
    """``ref`` and the ordinals joined to it by "and" ("the second and third")."""
    group = [ref]
    ordered = sorted(refs, key=lambda r: r.first)
    k = ordered.index(ref)
    while k > 0:
        prev = ordered[k - 1]
        if group[0].first - prev.last == 2 and prev.index is not None:
            group.insert(0, prev)
            k -= 1
        else:
            break
    return group


def _token_at(sent: Span, char: int) -> Token | None:
    for tok in sent:
        if tok.idx <= char < tok.idx + len(tok.text) + 1:
            return tok
    return None


def _names_unit(text: str) -> bool:
    """Whether ``text`` can hold a unit of ``_UNIT`` right after a number: reading its
    numbers is the cost, and most sentences name no length."""
    return _UNIT_WORD.search(text) is not None


def first_days(sent: Span, lengths: Sequence[Duration] | None = None) -> Duration | None:
    """The length of an opening period of the proposal: "within the first 50 days";
    ``lengths`` are the sentence's :func:`durations` if the caller has them."""
    for length in durations(sent) if lengths is None else lengths:
        tok = _token_at(sent, length.start)
        if tok is not None and tok.i > 0 and tok.doc[tok.i - 1].lower_ in ("first", "initial"):
            return length
    return None
