"""The word lists the figures extractor reads, loaded once from ``storyline/lexicons``.

Every file is plain text: one entry per line, fields separated by ``|``, ``#`` starts a
comment. The files say what each field means in their header.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from functools import cache

from ...errors import ConfigError
from ...lexicons import lexicon_rows


def read_rows(name: str) -> list[list[str]]:
    """The rows of ``lexicons/<name>``, each split on ``|`` and stripped."""
    return lexicon_rows(name)


def _field(row: list[str], index: int, name: str) -> str:
    if index >= len(row):
        raise ConfigError(f"lexicon {name}: row {' | '.join(row)!r} lacks field {index + 1}")
    return row[index]


@dataclass(frozen=True)
class UnitEntry:
    """One surface form of a unit: its tokens, canonical name, dimension and factor."""

    tokens: tuple[str, ...]
    name: str
    dimension: str
    factor: float = 1.0
    exact_case: bool = False


def _unit_rows(name: str) -> list[UnitEntry]:
    entries = []
    for row in read_rows(name):
        surface = _field(row, 0, name)
        flags = row[4].split() if len(row) > 4 else []
        exact = "case" in flags
        tokens = tuple(surface.split()) if exact else tuple(surface.lower().split())
        factor = float(row[3]) if len(row) > 3 and row[3] else 1.0
        entries.append(UnitEntry(tokens, _field(row, 1, name), _field(row, 2, name), factor, exact))
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
    for row in read_rows("figure_qualifiers.txt"):
        phrase = tuple(_field(row, 0, "figure_qualifiers.txt").lower().split())
        table[_field(row, 2, "figure_qualifiers.txt")].append(
            (phrase, _field(row, 1, "figure_qualifiers.txt"))
        )
    # Longest phrase first, so "more than" wins over "more".
    return {k: tuple(sorted(v, key=lambda e: -len(e[0]))) for k, v in table.items()}


@dataclass(frozen=True)
class KindCue:
    """A word that decides a figure's kind, and where it must stand to do so."""

    kind: str
    role: str


@cache
def kind_cues() -> dict[str, tuple[KindCue, ...]]:
    """Lemma → the kinds it signals, by role (``counted``, ``governor``, ``unit``)."""
    table: dict[str, list[KindCue]] = defaultdict(list)
    for row in read_rows("figure_kinds.txt"):
        lemma = _field(row, 0, "figure_kinds.txt").lower()
        table[lemma].append(
            KindCue(_field(row, 1, "figure_kinds.txt"), _field(row, 2, "figure_kinds.txt"))
        )
    return {k: tuple(v) for k, v in table.items()}


@cache
def word_set(name: str) -> frozenset[str]:
    """A one-column lexicon as a set of lower-cased entries."""
    return frozenset(row[0].lower() for row in read_rows(name))
