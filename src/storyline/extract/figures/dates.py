"""The date a figure holds for: the article's date unless its clause names another day.

Only a day that dates the figure's own clause counts: "Early Sunday, a drone ...
killing at least five" (the Sunday before the article's date), "as of March 3",
"on Nov. 9". A day after "since", "from", "after" or "before" opens a period and leaves
the figure at the article's date ("killed 900 since March 3").
"""

from __future__ import annotations

import bisect
import datetime as dt
import re

from spacy.tokens import Doc, Span, Token

from ..common.syntax import clause_verb

_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
    "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
_PERIOD_OPENERS = {"since", "from", "after", "before", "until", "till", "between", "during"}
_DAY_MONTH = re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?([A-Za-z]{3,9})\.?", re.I)
_MONTH_DAY = re.compile(r"\b([A-Za-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?\b(?:,?\s+(\d{4}))?")


def _parse_iso(value: str | None) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


def _month(word: str) -> int | None:
    return _MONTHS.get(word[:3].lower()) if word[:3].lower() in _MONTHS else None


def resolve_day(text: str, published: dt.date) -> dt.date | None:
    """The day ``text`` names, relative to ``published``; None if it names no single day."""
    lower = text.lower()
    if "yesterday" in lower:
        return _days_before(published, 1)
    if "today" in lower or "tonight" in lower or "this morning" in lower:
        return published
    for i, name in enumerate(_WEEKDAYS):
        if name in lower:
            return _days_before(published, (published.weekday() - i) % 7)
    found = _MONTH_DAY.search(text)
    month = _month(found.group(1)) if found else None
    if found and month:
        day, year = int(found.group(2)), found.group(3)
        return _dated(published, int(year) if year else None, month, day)
    found = _DAY_MONTH.search(text)
    month = _month(found.group(2)) if found else None
    if found and month:
        return _dated(published, None, month, int(found.group(1)))
    return None


def _days_before(published: dt.date, days: int) -> dt.date | None:
    """The day ``days`` before ``published``; None before 1 January of year 1."""
    try:
        return published - dt.timedelta(days=days)
    except OverflowError:  # a report dated 0001-01-01 that says "yesterday"
        return None


def _dated(published: dt.date, year: int | None, month: int, day: int) -> dt.date | None:
    """A month and day in the year that puts it on or before ``published``."""
    try:
        if year is not None:
            return dt.date(year, month, day)
        candidate = dt.date(published.year, month, day)
        return candidate if candidate <= published else dt.date(published.year - 1, month, day)
    except ValueError:
        return None


class DateIndex:
    """The date entities of one ``Doc``, read once (``Span.ents`` rescans the whole doc)."""

    def __init__(self, doc: Doc) -> None:
        self.ents = [e for e in doc.ents if e.label_ in ("DATE", "TIME")]
        # A figure reads only the dates of its sentence, found by bisection, and each
        # date's clause verbs are climbed to once: reading every date of the text for every
        # figure was quadratic in a long one.
        self._starts = [e.start for e in self.ents]
        self._verbs: dict[int, tuple[int, int]] = {}

    def _clause_verbs(self, k: int) -> tuple[int, int]:
        found = self._verbs.get(k)
        if found is None:
            root = self.ents[k].root
            found = self._verbs[k] = (clause_verb(root.head).i, clause_verb(root).i)
        return found

    def figure_date(self, anchor: Token, sent: Span, published: str | None) -> str | None:
        """The ISO date a figure holds for: a day its clause names, else ``published``."""
        base = _parse_iso(published)
        if base is None:
            return published
        clause = clause_verb(anchor)
        # The figure's clause and the one above it: "Early Sunday, a drone hit a school,
        # killing at least five" dates "hit", which "killing" hangs from.
        verbs = {clause.i, clause_verb(clause.head).i}
        lo = bisect.bisect_left(self._starts, sent.start)
        for k in range(lo, bisect.bisect_left(self._starts, sent.end, lo)):
            ent = self.ents[k]
            before = ent.doc[ent.start - 1].lower_ if ent.start > 0 else ""
            if before in _PERIOD_OPENERS or ent.root.head.lower_ in _PERIOD_OPENERS:
                continue
            head_verb, own_verb = self._clause_verbs(k)
            if head_verb not in verbs and own_verb not in verbs:
                continue
            day = resolve_day(ent.text, base)
            if day is not None and day <= base:
                return day.isoformat()
        return base.isoformat()
