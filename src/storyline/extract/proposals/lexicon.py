"""The word lists the proposals and positions extractors read from ``storyline/lexicons``.

Every file is plain text, one entry per line, fields separated by ``|``, ``#`` starting a
comment; each file's header says what its fields mean, and a row with the wrong number
of fields is a :class:`~storyline.errors.LexiconError`. Files are read once per process.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from functools import cache

from ...lexicons import lexicon_rows


def read_words(name: str) -> list[str]:
    """The entries of the word list ``lexicons/<name>`` (one field a row), lower-cased."""
    return [word.lower() for (word,) in lexicon_rows(name, fields=1)]


@dataclass(frozen=True)
class ProposalNoun:
    """A noun naming a proposal: ``kind`` base or counter, ``strong`` if it needs no help,
    ``tabled`` if the noun itself says it was put forward ("proposal", not "deal")."""

    kind: str
    strong: bool
    tabled: bool = False


@cache
def proposal_nouns() -> dict[str, ProposalNoun]:
    table = {}
    for word, kind, strength, tabled in lexicon_rows("proposal_nouns.txt", fields=(3, 4)):
        table[word.lower()] = ProposalNoun(kind, strength == "strong", tabled == "tabled")
    return table


@cache
def proposal_modifiers() -> frozenset[str]:
    return frozenset(read_words("proposal_modifiers.txt"))


@cache
def proposal_verbs() -> dict[str, str]:
    """Verb lemma → its role around a proposal: author, table, accepted, rejected, ..."""
    table = {}
    for lemma, role in lexicon_rows("proposal_verbs.txt", fields=2):
        table[lemma.lower()] = role
    return table


@cache
def term_classes() -> dict[str, frozenset[str]]:
    """Word → the term classes it belongs to (``proposal_terms.txt``)."""
    table: dict[str, set[str]] = defaultdict(set)
    for word, cls in lexicon_rows("proposal_terms.txt", fields=2):
        table[word.lower()].add(cls)
    return {word: frozenset(classes) for word, classes in table.items()}


@dataclass(frozen=True)
class Cue:
    """A stance word: its stance and the particle it needs ("call for"), if any."""

    stance: str
    particle: str | None


@cache
def stance_cues() -> dict[tuple[str, str], tuple[Cue, ...]]:
    """(lemma, pos) → the cues it can be (``position_cues.txt``)."""
    table: dict[tuple[str, str], list[Cue]] = defaultdict(list)
    for lemma, pos, stance, particle in lexicon_rows("position_cues.txt", fields=4):
        table[(lemma.lower(), pos.upper())].append(
            Cue(stance, None if particle == "-" else particle.lower())
        )
    return {key: tuple(cues) for key, cues in table.items()}


@dataclass(frozen=True)
class Evaluation:
    """A judgment word: its stance, and whether it needs a clause ("time to act")."""

    stance: str
    needs_clause: bool


@cache
def evaluations() -> dict[tuple[str, str], Evaluation]:
    """(word, pos) → the judgment it states (``position_evaluations.txt``)."""
    table = {}
    for word, pos, stance, needs in lexicon_rows("position_evaluations.txt", fields=4):
        table[(word.lower(), pos.upper())] = Evaluation(stance, needs == "clause")
    return table


@cache
def contact_words() -> frozenset[str]:
    """Lemmas of keeping in touch (``position_contact.txt``): no stance on any issue."""
    return frozenset(read_words("position_contact.txt"))


@cache
def condition_markers() -> tuple[tuple[str, ...], ...]:
    """Condition markers as word tuples, longest first ("as long as" before "as")."""
    markers = {tuple(word.split()) for word in read_words("position_conditions.txt")}
    return tuple(sorted(markers, key=len, reverse=True))
