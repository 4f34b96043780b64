"""Quoted spans in raw text: which marks open, which close, which are apostrophes.

News text mixes typographies: curly and straight double marks in one article (even one
quote: “…," ), the typewriter pair ``''…''`` of some archives, single marks as primary
quotes in headlines, single marks nested in double ones, and apostrophes that look like
closing single marks (``Velorias’``, ``don’t``, ``’90s``). A mark's direction is read from
its neighbours (space before and a letter after opens; a letter or punctuation before and
space or punctuation after closes); the curly shape only breaks ties, because writers and
converters get it wrong.

Pairing is done per paragraph (a line of the text), without nesting for double marks. A
new opener while a quote is still open means the earlier quote lost its closing mark: it
is dropped, so that it neither swallows nor hides the well-formed quotes after it. A quote
still open at the end of a paragraph continues when the next paragraph opens with a mark
(the newspaper convention for multi-paragraph quotes) and the quote opened a sentence or
went on past the end of one; otherwise a quote that opened a sentence is kept up to the
end of its paragraph, and a fragment left open in mid-sentence is broken and dropped,
along with the single-marked words inside it. A line break inside a sentence (the next
line goes on in lower case, with no blank line between) is a hard wrap of the source, not
a paragraph end: a quote runs over it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from spacy.tokens import Doc

# Two-character typewriter marks are matched whole so that ``''`` is not read as two
# apostrophes. Every branch opens with a distinct character, a set the regex engine scans
# for rather than trying each branch at each position.
_MARK = re.compile(r"'(?:')?|``|[\"“”„‟«»‘’‚‛‹›]")
_DOUBLE_OPENING = frozenset({"``", "“", "„", "‟", "«"})
_DOUBLE_CLOSING = frozenset({"”", "»"})
_SINGLE_OPENING = frozenset({"‘", "‚", "‛", "‹"})
_SINGLE_CLOSING = frozenset({"’", "›"})
_DOUBLE = frozenset({"``", "''", '"', "“", "”", "„", "‟", "«", "»"})

# What may stand right before an opening mark / right after a closing mark.
_BEFORE_OPEN = frozenset(" \t\n([{—–-/:;,")
_AFTER_CLOSE = frozenset(" \t\n)]}.,;:!?—–-…/")
# Elisions written with a leading apostrophe: not opening single marks.
_ELISION = re.compile(r"(?:em|tis|til|twas|cause|n|s|bout|round|nuff)\b|\d0s\b|\d\d\b", re.I)
_DECADE = re.compile(r"\d0s\b|\d\d\b")

OPEN, CLOSE, EITHER = 1, 2, 3


@dataclass(frozen=True)
class MarkedSpan:
    """The words between one pair of quotation marks.

    ``start``/``end`` are the offsets of the quoted words (marks and surrounding blank
    space excluded); ``opening`` is the offset of the opening mark. A quote that runs over
    several paragraphs has one ``segments`` entry per paragraph; ``closed`` is False when
    the closing mark was missing and the span stops at the end of its paragraph.
    """

    start: int
    end: int
    opening: int
    closing: int | None
    segments: tuple[tuple[int, int], ...]
    single: bool = False

    @property
    def closed(self) -> bool:
        return self.closing is not None


@dataclass(frozen=True)
class _Mark:
    start: int
    end: int
    role: int
    curly_role: int


def find_quoted_spans(text: str) -> list[MarkedSpan]:
    """Every quoted span of ``text``, in order.

    Double-marked quotes, and single-marked ones not nested in a double-marked quote.

    Args:
        text: the article's stored text.

    Returns:
        The spans, sorted by start; nested single-marked quotes are part of their outer
        quote and not listed.
    """
    doubles: list[_Mark] = []
    singles: list[_Mark] = []
    for match in _MARK.finditer(text):
        mark = match.group()
        if mark in _DOUBLE:
            doubles.append(_double_mark(text, match.start(), match.end(), mark))
        else:
            single = _single_mark(text, match.start(), match.end(), mark)
            if single is not None:
                singles.append(single)
    spans, broken = _pair_doubles(text, doubles)
    spans.extend(_pair_singles(text, singles, spans, broken))
    spans.sort(key=lambda s: s.start)
    return spans


def _context(text: str, start: int, end: int) -> tuple[str, str]:
    before = text[start - 1] if start > 0 else "\n"
    after = text[end] if end < len(text) else "\n"
    return before, after


def _double_mark(text: str, start: int, end: int, mark: str) -> _Mark:
    before, after = _context(text, start, end)
    curly = OPEN if mark in _DOUBLE_OPENING else CLOSE if mark in _DOUBLE_CLOSING else EITHER
    can_open = (before in _BEFORE_OPEN or before in _DOUBLE or before in "‘’'") and not (
        after.isspace()
    )
    can_close = (after in _AFTER_CLOSE or after in _DOUBLE or after in "‘’'") and not (
        before.isspace() or start == 0
    )
    if can_open and not can_close:
        role = OPEN
    elif can_close and not can_open:
        role = CLOSE
    else:
        role = curly
    return _Mark(start, end, role, curly)


def _single_mark(text: str, start: int, end: int, mark: str) -> _Mark | None:
    """A single mark's role, or None when it is an apostrophe."""
    before, after = _context(text, start, end)
    if before.isalnum() and after.isalnum():
        return None  # don’t, O’Neill
    if (before.isspace() or before in _BEFORE_OPEN or before in _DOUBLE) and not after.isspace():
        if (mark in _SINGLE_CLOSING or mark == "'") and _ELISION.match(text, end):
            return None  # ’90s, ’em, 'til: a leading apostrophe, not an opening mark
        if _DECADE.match(text, end):
            return None  # ‘90s, typed with the wrong mark
        return _Mark(start, end, OPEN, OPEN)
    if not before.isspace() and (after in _AFTER_CLOSE or after in _DOUBLE):
        if mark in _SINGLE_OPENING:
            return None
        return _Mark(start, end, CLOSE, CLOSE)
    return None


# A sentence ending inside a quote and another starting: the quote opened on a fragment
# ("said the plan “is a pause. They used ...") but goes on in whole sentences, so it may run
# on into the next paragraph like a quote that opened a sentence.
_SENTENCES = re.compile(r"[a-z]{2}[.?!…][^\S\n]+[A-Z]")
# A line break that wraps a sentence: the next line goes on in lower case.
_SOFT_WRAP = re.compile(r"(?<![\n.?!:;])[^\S\n]*\n[^\S\n]*(?=[a-z])")


def _paragraph_end(text: str, offset: int) -> int:
    at = text.find("\n", offset)
    while at >= 0 and _soft_wrap(text, at):
        at = text.find("\n", at + 1)
    return len(text) if at < 0 else at


def _soft_wrap(text: str, newline: int) -> bool:
    """Whether the line break at ``newline`` wraps a sentence rather than ends a paragraph."""
    line_start = text.rfind("\n", 0, newline)
    start = line_start + 1 if line_start >= 0 else 0
    return _SOFT_WRAP.match(text, start + len(text[start:newline].rstrip())) is not None and (
        newline > start
    )


def _hard_break(text: str, start: int, end: int) -> bool:
    """Whether a paragraph ends between ``start`` and ``end``."""
    at = text.find("\n", start, end)
    while at >= 0:
        if not _soft_wrap(text, at):
            return True
        at = text.find("\n", at + 1, end)
    return False


def _next_paragraph_opens(text: str, offset: int, marks: list[_Mark], index: int) -> bool:
    """Whether the paragraph after ``offset`` starts with the mark ``marks[index]``."""
    if index >= len(marks):
        return False
    mark = marks[index]
    between = text[offset : mark.start]
    return "\n" in between and not between.strip() and mark.role != CLOSE


def _pair_doubles(text: str, marks: list[_Mark]) -> tuple[list[MarkedSpan], list[tuple[int, int]]]:
    """The double-marked spans, and the ranges of the broken quotes that were dropped."""
    spans: list[MarkedSpan] = []
    broken: list[tuple[int, int]] = []
    opened: _Mark | None = None
    segments: list[tuple[int, int]] = []
    seg_start = 0
    i = 0
    while i < len(marks):
        mark = marks[i]
        if opened is not None and _hard_break(text, seg_start, mark.start):
            # The quote reached the end of its paragraph without a closing mark.
            par_end = _paragraph_end(text, seg_start)
            if (
                _opens_sentence(text, opened.start) or _SENTENCES.search(text, seg_start, par_end)
            ) and _next_paragraph_opens(text, par_end, marks, i):
                segments.append((seg_start, par_end))
                seg_start = mark.end
                i += 1
                continue
            if _opens_sentence(text, opened.start):
                segments.append((seg_start, par_end))
                spans.extend(_span(text, opened, None, segments))
            else:
                broken.append((opened.start, par_end))
            opened, segments = None, []
        if opened is None:
            if mark.role != CLOSE:
                opened, seg_start, segments = mark, mark.end, []
        elif mark.role == OPEN and mark.curly_role != CLOSE:
            # A new opener inside an open quote: the earlier one lost its closing mark.
            broken.append((opened.start, mark.start))
            opened, seg_start, segments = mark, mark.end, []
        else:
            segments.append((seg_start, mark.start))
            spans.extend(_span(text, opened, mark, segments))
            opened, segments = None, []
        i += 1
    if opened is not None:
        par_end = _paragraph_end(text, seg_start)
        if _opens_sentence(text, opened.start):
            segments.append((seg_start, par_end))
            spans.extend(_span(text, opened, None, segments))
        else:
            broken.append((opened.start, par_end))
    return spans, broken


def _opens_sentence(text: str, offset: int) -> bool:
    """Whether the mark at ``offset`` opens a sentence or follows ``said:`` / ``said,``.

    Only such quotes may run on into the next paragraph; an unclosed fragment in
    mid-sentence is a broken quote instead.
    """
    line_start = text.rfind("\n", 0, offset) + 1
    before = text[line_start:offset].rstrip()
    return not before or before[-1] in ".?!:,;—–”\"’'"


def _opens_paragraph(text: str, offset: int) -> bool:
    line_start = text.rfind("\n", 0, offset) + 1
    return not text[line_start:offset].strip()


def _span(
    text: str, opened: _Mark, closing: _Mark | None, segments: list[tuple[int, int]]
) -> list[MarkedSpan]:
    """The span for one pair of marks, its segments trimmed of blank space; [] if empty."""
    trimmed = []
    for start, end in segments:
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if end > start:
            trimmed.append((start, end))
    if not trimmed or not any(c.isalnum() for s, e in trimmed for c in text[s:e]):
        return []
    return [
        MarkedSpan(
            start=trimmed[0][0],
            end=trimmed[-1][1],
            opening=opened.start,
            closing=closing.start if closing is not None else None,
            segments=tuple(trimmed),
            single=opened.end - opened.start == 1 and text[opened.start] not in _DOUBLE,
        )
    ]


def _pair_singles(
    text: str, marks: list[_Mark], doubles: list[MarkedSpan], broken: list[tuple[int, int]]
) -> list[MarkedSpan]:
    """Single-marked quotes outside double-marked ones.

    A single opener pairs with a closer in the same paragraph; a closer that follows an
    ``s`` and is followed by a word (``the Velorias’ plan``) is more likely a possessive, so
    it is taken only when the paragraph has no better closer.
    """
    # A broken double-marked quote is still a quote: the single marks inside it are nested
    # ones, not quotes of their own.
    inside = [(s.opening, (s.closing or s.end) + 1) for s in doubles] + broken

    def nested(offset: int) -> bool:
        return any(a <= offset < b for a, b in inside)

    free = [m for m in marks if not nested(m.start)]
    spans: list[MarkedSpan] = []
    i = 0
    while i < len(free):
        mark = free[i]
        if mark.role != OPEN:
            i += 1
            continue
        par_end = _paragraph_end(text, mark.end)
        closers = [
            (j, m)
            for j, m in enumerate(free[i + 1 :], start=i + 1)
            if m.role == CLOSE and m.start < par_end
        ]
        best = next(((j, m) for j, m in closers if not _possessive(text, m)), None)
        if best is None and closers:
            best = closers[0]
        if best is None:
            i += 1
            continue
        j, closing = best
        if any(mark.end <= a < closing.start for a, _ in inside):
            i += 1  # a single-marked quote may not contain a double-marked one
            continue
        spans.extend(_span(text, mark, closing, [(mark.end, closing.start)]))
        i = j + 1
    return spans


def _possessive(text: str, mark: _Mark) -> bool:
    before = text[mark.start - 1] if mark.start > 0 else ""
    after = text[mark.end : mark.end + 2]
    return before in "sSzZ" and len(after) == 2 and after[0] == " " and after[1].isalnum()


def quoted_tokens(doc: Doc, spans: Iterable[MarkedSpan]) -> set[int]:
    """Indices of the tokens of ``doc`` inside the quoted spans, their marks included."""
    quoted: set[int] = set()
    for span in spans:
        first = doc.char_span(span.opening, span.opening + 1, alignment_mode="expand")
        last_char = span.closing if span.closing is not None else span.end - 1
        last = doc.char_span(last_char, last_char + 1, alignment_mode="expand")
        if first is not None and last is not None:
            quoted.update(range(first.start, last.end))
    return quoted
