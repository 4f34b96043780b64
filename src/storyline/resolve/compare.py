"""Figures compared across sources: where outlets agree, disagree, or a number moved on.

Figures of one kind about the same thing (the same counted noun in the same place) form a
group; every pair of values from different reports gets a verdict:

- ``agree``: the values' intervals overlap once each is widened by :data:`TOLERANCE`
  (a point value ``v`` is ``[v, v]``; "more than 30" is ``[30, ∞)``; "up to 30" is
  ``[0, 30]``; an approximate value is widened by :data:`APPROX_TOLERANCE` instead);
- ``update``: they do not agree and the later one is dated later (its ``as_of`` date, else
  its article's publication day): the number moved on;
- ``contradiction``: they do not agree and are dated the same day (or neither is dated).

A syndicated copy is not a source of its own: its figures are left out (``copies``).
Values an order of magnitude apart are not two counts of one thing but two things (a
strike's toll and the war's, both "killed in Telvano"): a group splits where neighbouring
values, in size order, are :data:`SAME_THING_RATIO` or more apart.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass
from typing import Any

from ..models import Article, Figure, Mention

# Two independent counts of one toll within 10 % of each other are the same report of it
# (casualty tallies are rounded: "about 1,200" and "1,139" agree); beyond that an analyst
# would call them different numbers.
TOLERANCE = 0.10
# Revised tolls and rival counts of one thing stay within a factor of about two of each
# other (12 → 19 killed; 60,000 vs 18,000 marchers is 3.3); a factor of 5 separates a
# local count from a total.
SAME_THING_RATIO = 5.0
APPROX_TOLERANCE = 0.20
# Kinds whose figures are about the conflict's toll or the deal's terms; "other" (prices,
# percentages, ages) is too mixed to compare without knowing what was measured.
COMPARED_KINDS = frozenset(
    {
        "killed",
        "injured",
        "hostages_taken",
        "hostages_held",
        "released",
        "displaced",
        "sheltering",
        "prisoners",
        "aid",
    }
)
# Tolls of harm only grow: the dead of a strike are counted again later, never fewer. A
# later count that is clearly lower is a later incident in the same place (a second strike
# on the same town), not an update, so it is not set beside the first.
GROWING_KINDS = frozenset({"killed", "injured"})
PLACE_TYPES = frozenset({"GPE", "LOC", "FAC"})
SHARE_UNITS = frozenset({"percentage", "fraction", "percent", "per cent"})
# Counted nouns that name no subgroup: "30 people", "30 Palestinians" and a bare "30 killed"
# count the same toll, while "30 children" is a different figure. Demonyms (capitalized)
# count as generic too: one outlet's "Tarvenians" is another's "people".
GENERIC_COUNTED = frozenset({"people", "person", "persons", "individual", "individuals"})
_SENTENCE_END = re.compile(r"[.!?]\s+|\n")


@dataclass(frozen=True)
class FigureValue:
    """One source's value in a group."""

    value: float | None
    low: float | None
    high: float | None
    qualifier: str
    article: str
    outlet: str | None
    published: str | None
    as_of: str | None
    source: str | None
    figure: str
    text: str


@dataclass(frozen=True)
class FigurePair:
    a: int
    b: int
    verdict: str


@dataclass(frozen=True)
class FigureGroup:
    kind: str
    counted: str | None
    where: str | None
    values: tuple[FigureValue, ...]
    pairs: tuple[FigurePair, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "counted": self.counted,
            "where": self.where,
            "values": [asdict(v) for v in self.values],
            "pairs": [asdict(p) for p in self.pairs],
        }


def compare_figures(
    figures: Iterable[Figure],
    articles: Sequence[Article],
    mentions: Iterable[Mention] = (),
    copies: Mapping[str, str] | None = None,
) -> list[FigureGroup]:
    """Group comparable figures and judge each pair of sources.

    Args:
        figures: figures (with corpus-wide source names, if resolved).
        articles: the articles they come from (outlet and publication date).
        mentions: entity mentions, to find the place a figure's sentence names.
        copies: syndicated copy id → original id; copies' figures are left out.

    Returns:
        Groups with at least two values from different articles, most values first.
    """
    by_id = {a.id: a for a in articles}
    skip = set(copies or {})
    places = _places_by_article(mentions)
    groups: dict[tuple[str, str | None, str | None], list[FigureValue]] = defaultdict(list)
    for figure in figures:
        article = by_id.get(figure.article)
        if figure.kind not in COMPARED_KINDS or article is None or figure.article in skip:
            continue
        if figure.value is None and figure.low is None and figure.high is None:
            continue
        # Only counts of what happened are compared: "33 would be released in the first
        # phase" is a term of a deal, not a tally that another source could contradict.
        if getattr(figure, "status", "occurred") != "occurred":
            continue
        where = _place_of(figure, article.text, places.get(figure.article, []))
        counted = _counted(figure.counted)
        # A share ("half of the population", "80 %") and a count never measure alike.
        if figure.unit in SHARE_UNITS:
            counted = f"share of {counted or 'population'}"
        groups[(figure.kind, counted, where)].append(
            FigureValue(
                value=figure.value,
                low=figure.low,
                high=figure.high,
                qualifier=figure.qualifier,
                article=figure.article,
                outlet=article.outlet,
                published=article.published,
                as_of=figure.as_of,
                source=figure.source,
                figure=figure.id,
                text=figure.text,
            )
        )
    out = []
    for (kind, counted, where), found in groups.items():
        things = _same_things(found)
        if kind in GROWING_KINDS:
            things = [part for values in things for part in _incidents(values)]
        for values in things:
            if len({v.article for v in values}) < 2:
                continue
            values.sort(key=lambda v: (_when(v) or "9999", v.article, v.figure))
            pairs = [
                FigurePair(i, j, judge(values[i], values[j]))
                for i in range(len(values))
                for j in range(i + 1, len(values))
                if values[i].article != values[j].article
            ]
            out.append(FigureGroup(kind, counted, where, tuple(values), tuple(pairs)))
    out.sort(key=lambda g: (-len(g.values), g.kind, g.counted or "", g.where or ""))
    return out


def _same_things(values: list[FigureValue]) -> list[list[FigureValue]]:
    """Split values where neighbours (in size order) are an order of magnitude apart."""
    ordered = sorted(values, key=_size)
    parts: list[list[FigureValue]] = []
    for value in ordered:
        if parts and _size(value) < SAME_THING_RATIO * max(_size(parts[-1][-1]), 1e-9):
            parts[-1].append(value)
        else:
            parts.append([value])
    return parts


def _incidents(values: list[FigureValue]) -> list[list[FigureValue]]:
    """Split a growing toll where a later-dated value falls below an earlier one.

    In date order, a value starts a new incident when it is dated after, and does not
    agree with, a larger value of the incident so far; same-day or undated values stay
    together (two sources disagreeing on one day are a contradiction, which is shown).
    """
    ordered = sorted(values, key=lambda v: (_when(v) or "9999", v.article, v.figure))
    parts: list[list[FigureValue]] = []
    for value in ordered:
        when = _when(value)
        lower = bool(parts) and any(
            (w := _when(v)) is not None
            and when is not None
            and w < when
            and _size(v) > _size(value)
            and not _overlap(_interval(v), _interval(value))
            for v in parts[-1]
        )
        if parts and not lower:
            parts[-1].append(value)
        else:
            parts.append([value])
    return parts


def _size(v: FigureValue) -> float:
    """A value's middle: the value itself, or the middle of its range."""
    if v.value is not None:
        return v.value
    low = v.low if v.low is not None else 0.0
    high = v.high if v.high is not None else low
    return (low + high) / 2


def judge(a: FigureValue, b: FigureValue) -> str:
    """``agree``, ``update`` or ``contradiction`` for two values (see the module doc)."""
    if _overlap(_interval(a), _interval(b)):
        return "agree"
    when_a, when_b = _when(a), _when(b)
    if when_a and when_b and when_a != when_b:
        return "update"
    return "contradiction"


def _interval(v: FigureValue) -> tuple[float, float]:
    low = v.low if v.low is not None else v.value
    high = v.high if v.high is not None else v.value
    low = low if low is not None else 0.0
    high = high if high is not None else low
    if v.qualifier in ("more_than", "at_least"):
        high = float("inf")
    elif v.qualifier in ("less_than", "up_to"):
        low = 0.0
    slack = APPROX_TOLERANCE if v.qualifier == "approx" else TOLERANCE
    return low * (1 - slack), high * (1 + slack)


def _overlap(a: tuple[float, float], b: tuple[float, float]) -> bool:
    return a[0] <= b[1] and b[0] <= a[1]


def _when(v: FigureValue) -> str | None:
    """The day a value holds for: its as-of date, else the day it was published."""
    for day in (v.as_of, v.published):
        if day and re.fullmatch(r"\d{4}-\d\d-\d\d.*", day):
            return day[:10]
    return None


def _counted(noun: str | None) -> str | None:
    if not noun or noun[:1].isupper() or noun.lower() in GENERIC_COUNTED:
        return None
    return noun.lower()


def _places_by_article(mentions: Iterable[Mention]) -> dict[str, list[Mention]]:
    places: dict[str, list[Mention]] = defaultdict(list)
    for mention in mentions:
        if mention.type in PLACE_TYPES:
            places[mention.article].append(mention)
    return places


def _place_of(figure: Figure, text: str, places: list[Mention]) -> str | None:
    """The place named in the figure's sentence nearest to it, if any."""
    start = max((m.end() for m in _SENTENCE_END.finditer(text, 0, figure.start)), default=0)
    found = _SENTENCE_END.search(text, figure.end)
    end = found.start() if found else len(text)
    inside = [m for m in places if m.start >= start and m.end <= end]
    if not inside:
        return None
    nearest = min(inside, key=lambda m: abs(m.start - figure.start))
    return nearest.name or nearest.text
