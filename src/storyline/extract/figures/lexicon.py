"""The word lists the figures extractor reads, loaded once from ``storyline/lexicons``.

Every file is plain text: one entry per line, fields separated by ``|``, ``#`` starts a
comment. The files say what each field means in their header; a row with the wrong
number of fields is a :class:`~storyline.errors.LexiconError`.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from functools import cache

from ...lexicons import lexicon_rows


@dataclass(frozen=True)
class UnitEntry:
    """One surface form of a unit: its tokens, canonical name, dimension and factor."""

    tokens: tuple[str, ...]
    name: str
    dimension: str
    factor: float = 1.0
    exact_case: bool = False


def _unit_rows(name: str) -> list[UnitEntry]:
    """``surface | unit | dimension [| factor [| flags]]``: a currency has no factor."""
    entries = []
    for surface, unit, dimension, factor, flags in lexicon_rows(name, fields=(3, 5)):
        exact = "case" in flags.split()
        tokens = tuple(surface.split()) if exact else tuple(surface.lower().split())
        entries.append(UnitEntry(tokens, unit, dimension, float(factor) if factor else 1.0, exact))
    return entries


@cache
def units() -> tuple[UnitEntry, ...]:
    """Measurement units that follow a number ("km", "miles per hour", "%")."""
    return tuple(_unit_rows("figure_units.txt"))


@cache
def currencies() -> tuple[UnitEntry, ...]:
    """Currency signs, codes and names; ``dimension`` says where they stand."""
    return tuple(_unit_rows("figure_currencies.txt"))


@cache
def qualifiers() -> dict[str, tuple[tuple[tuple[str, ...], str], ...]]:
    """Hedge phrases by position (``before``/``after`` the number) → (tokens, qualifier)."""
    table: dict[str, list[tuple[tuple[str, ...], str]]] = defaultdict(list)
    for phrase, qualifier, position in lexicon_rows("figure_qualifiers.txt", fields=3):
        table[position].append((tuple(phrase.lower().split()), qualifier))
    # Longest phrase first, so "more than" wins over "more".
    return {k: tuple(sorted(v, key=lambda e: -len(e[0]))) for k, v in table.items()}


@cache
def qualifiers_by_length(position: str) -> tuple[tuple[int, dict[tuple[str, ...], str]], ...]:
    """The hedge phrases of ``position`` by length, longest first: phrase → qualifier.

    One lookup per length instead of a comparison per phrase; of two rows with the same
    words, the first listed wins, as in :func:`qualifiers`.
    """
    groups: dict[int, dict[tuple[str, ...], str]] = {}
    for phrase, qualifier in qualifiers().get(position, ()):
        groups.setdefault(len(phrase), {}).setdefault(phrase, qualifier)
    return tuple(sorted(groups.items(), key=lambda group: -group[0]))


@dataclass(frozen=True)
class KindCue:
    """A word that decides a figure's kind, and where it must stand to do so."""

    kind: str
    role: str


@cache
def kind_cues() -> dict[str, tuple[KindCue, ...]]:
    """Lemma → the kinds it signals, by role (``counted``, ``governor``, ``unit``)."""
    table: dict[str, list[KindCue]] = defaultdict(list)
    for lemma, kind, role in lexicon_rows("figure_kinds.txt", fields=3):
        table[lemma.lower()].append(KindCue(kind, role))
    return {k: tuple(v) for k, v in table.items()}
