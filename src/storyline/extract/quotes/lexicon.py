"""The word lists the quotes extractor reads, loaded once from ``storyline/lexicons``.

One entry per line, ``#`` comments; a row with a ``|`` in a one-word list, like any row
with the wrong number of fields, is a :class:`~storyline.errors.LexiconError`.
"""

from __future__ import annotations

from functools import cache

import numpy
from spacy.attrs import DEP, LEMMA, POS
from spacy.tokens import Token

from ...lexicons import lexicon_rows
from .columns import TokenColumns


@cache
def load_lexicon(name: str) -> frozenset[str]:
    """The entries of the word list ``lexicons/<name>`` (one field a row), lower-cased."""
    return frozenset(word.lower() for (word,) in lexicon_rows(name, fields=1))


def reporting_verbs() -> frozenset[str]:
    """Verbs whose clause complement is reported speech ("said that ...")."""
    return load_lexicon("reporting_verbs.txt")


@cache
def cue_verbs() -> frozenset[str]:
    """Every verb that attributes a quoted span to its subject."""
    return reporting_verbs() | load_lexicon("quote_cue_verbs.txt")


def speech_nouns() -> frozenset[str]:
    """Nouns that name what someone said, as the subject of "<noun> was plain: ..."."""
    return load_lexicon("speech_nouns.txt")


def titles() -> frozenset[str]:
    """Titles and honorifics that precede a name and are not part of it."""
    return load_lexicon("speaker_titles.txt")


def verb_key(token: Token) -> str:
    """The lexicon key of a verb: its lemma, with its particle for phrasal verbs."""
    lemma: str = token.lemma_.lower()
    for child in token.children:
        if child.dep_ == "prt":
            return f"{lemma} {child.lower_}"
    return lemma


def is_verb_in(token: Token, lexicon: frozenset[str]) -> bool:
    """Whether ``token`` is a verb whose lemma (or phrasal form) is in ``lexicon``."""
    if token.pos_ != "VERB":
        return False
    lemma: str = token.lemma_.lower()
    return lemma in lexicon or verb_key(token) in lexicon


def anonymous_heads() -> frozenset[str]:
    """Singular heads that stand for an anonymous source ("an official", "a diplomat")."""
    return _ANONYMOUS


# The seed annotation keeps such a speaker as "unnamed <descriptor>" ("an Ardanian
# official" → "unnamed Ardanian official"); a transcript labels one the same way
# ("SENIOR ADMINISTRATION OFFICIAL").
_ANONYMOUS = frozenset(
    {"official", "source", "diplomat", "aide", "adviser", "advisor", "insider",
     "negotiator", "officer", "spokesman", "spokeswoman", "spokesperson", "person",
     "lawmaker", "analyst", "staffer", "member"}
)  # fmt: skip


@cache
def role_titles() -> dict[str, frozenset[str]]:
    """Role descriptor → the titles it stands for (``lexicons/speaker_roles.txt``)."""
    roles: dict[str, frozenset[str]] = {}
    # descriptor = title | title | ...: the first field holds the descriptor and a title
    for first, *more in lexicon_rows("speaker_roles.txt", fields=(1, None)):
        role, _, title = first.lower().partition("=")
        names = [title, *(m.lower() for m in more)]
        roles[role.strip()] = frozenset(n.strip() for n in names if n.strip())
    return roles


def verbs_maybe_in(columns: TokenColumns, lexicon: frozenset[str]) -> list[int]:
    """The indices of the tokens that can pass :func:`is_verb_in`, in text order.

    Verbs whose lemma is in ``lexicon``, and verbs with a particle (their phrasal form may
    be): a filter over the whole doc at once, so that the other tokens are never read.
    """
    lemmas, lemma_at = columns.named(LEMMA)
    listed = numpy.array([lemma.lower() in lexicon for lemma in lemmas], dtype=bool)[lemma_at]
    phrasal = numpy.zeros(len(listed), dtype=bool)
    head = columns.head
    phrasal[[head[i] for i in columns.where(DEP, ("prt",))]] = True
    verb = numpy.zeros(len(listed), dtype=bool)
    verb[columns.where(POS, ("VERB",))] = True
    found: list[int] = numpy.flatnonzero(verb & (listed | phrasal)).tolist()
    return found
