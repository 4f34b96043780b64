"""Name matching shared by the extractors, the resolver and the views.

Pure string functions: whether two names can be one party (initials, acronyms, demonyms,
token overlap). They sit below ``extract/`` so that cross-document code can use them
without importing an extractor.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache
from itertools import pairwise

# Phrases are split the way spaCy splits them: on spaces, with a hyphen between letters as
# a token of its own ("secretary-general" → secretary, -, general).
_TOKEN = re.compile(r"[^\s-]+|-")


def phrase_tokens(text: str) -> tuple[str, ...]:
    """``text`` as a tuple of lower-cased tokens, split like spaCy splits a phrase."""
    return tuple(_TOKEN.findall(text.lower().replace("’", "'")))


# Words an acronym's letters skip: "Organisation of Islamic Cooperation" is OIC.
_ACRONYM_SKIP = frozenset({"of", "the", "and", "for", "de", "al", "el", "-", "&", "in", "on"})


def initials(name: str) -> str:
    """The capital initials of a name: "United Relief Coordination Agency" → "URCA"."""
    words = name.replace("-", " ").split()
    return "".join(w[0] for w in words if w.lower() not in _ACRONYM_SKIP and w[:1].isupper())


def is_acronym(name: str) -> bool:
    """Two to six capital letters, dots allowed ("URCA", "U.N.")."""
    letters = name.replace(".", "")
    return letters.isalpha() and letters.isupper() and 2 <= len(letters) <= 6


def is_demonym_of(word: str, place: str) -> bool:
    """Whether ``word`` is formed from ``place`` the way demonyms are ("Ostrivian",
    "Calderan", "Kenyan", "Iraqi" from Ostrivia, Caldera, Kenya, Iraq); plurals too."""
    w, p = word.lower(), place.lower()
    if len(p) < 4 or not p.isalpha() or not w.isalpha() or w == p:
        return False
    for form in (w, w[:-1] if w.endswith("s") else ""):
        if not form or form == p:  # "Sables" is the plural of "Sable", not a demonym
            continue
        if any(form == p + end for end in ("n", "an", "ian", "i", "ese", "ish")):
            return True
        if p[-1] in "aeiouy" and any(form == p[:-1] + end for end in ("an", "ian", "i", "ese")):
            return True
    return False


# -- given names and nicknames ---------------------------------------------------------
# English given names and their nicknames come from the ``nicknames`` package (its
# hand-curated table: "joseph" has nickname "joe"); other languages' given names are in
# ``lexicons/given_names.txt`` (read by :func:`storyline.matching.lexicon.load_lexicon`).


@cache
def _nickname_table() -> dict[str, frozenset[str]]:
    """Each English given name → the names it can stand for or be short for."""
    from nicknames import name_triplets  # the one module that imports the package

    related: dict[str, set[str]] = {}
    for triplet in name_triplets():
        a, b = triplet.name1.lower(), triplet.name2.lower()
        related.setdefault(a, set()).add(b)
        related.setdefault(b, set()).add(a)
    return {name: frozenset(others) for name, others in related.items()}


def is_english_given_name(word: str) -> bool:
    """Whether ``word`` is a given name or nickname of the ``nicknames`` table ("Joe")."""
    return word.lower().strip(".") in _nickname_table()


def same_given_name(a: str, b: str) -> bool:
    """Whether two first names can be one person's: equal, or one a nickname of the other
    ("Joe" / "Joseph", "Bill" / "William"), or an initial of the other ("J." / "Joseph")."""
    x, y = a.lower().strip("."), b.lower().strip(".")
    if x == y:
        return True
    if len(x) == 1 or len(y) == 1:
        return x[:1] == y[:1]
    table = _nickname_table()
    return y in table.get(x, frozenset()) or x in table.get(y, frozenset())


# -- names as keys ---------------------------------------------------------------------


def name_key(name: str) -> tuple[str, ...]:
    """A name as lower-cased tokens, without a leading "the"."""
    key = phrase_tokens(name)
    return key[1:] if key[:1] == ("the",) else key


# Left out when names are compared: Arabic article particles, which vary between outlets
# ("al-Rashad", "el-Rashad", "Rashad"), generational suffixes and middle initials ("Thomas R.
# Varga Jr." is "Thomas Varga").
_PARTICLES = frozenset({"-", "'s", "'", "al", "el", "jr", "jr.", "sr", "sr.", "ii", "iii"})


def name_words(name: str) -> tuple[str, ...]:
    """The words of a name that identify it (no particles, suffixes or initials)."""
    return name_word_key(name_key(name))


def name_word_key(key: tuple[str, ...]) -> tuple[str, ...]:
    """The identifying words of a name already split by :func:`name_key`."""
    return tuple(
        w for w in key if w not in _PARTICLES and not (len(w) == 2 and w[1] == "." and len(key) > 2)
    )


# A capitalized word as a headline writes it: letters, apostrophes, dots and hyphens.
_HEADLINE_WORD = re.compile(r"[^\W\d_][\w'’.-]*")


def headline_name(title: str, name: str, is_given_name: Callable[[str], bool]) -> str | None:
    """The full name a headline gives the person an article calls ``name``, or None.

    A headline names people the way its readers know them ("President Joe Biden's Call"),
    often where the body has the formal style ("Joseph R. Biden, Jr.") or only the
    surname. Found as a capitalized given name right before the surname (an apostrophe-s
    after it allowed): one the person's own first name allows ("Joe" for "Joseph"),
    or, for a surname alone, any given name ``is_given_name`` knows.
    """
    written = name.replace(",", " ")
    words = name_words(written)
    if not words:
        return None
    surname = [p for p in written.split() if p.lower() not in _PARTICLES][-1]
    for before, word in pairwise(_headline_words(title)):
        base = re.sub(r"['’]s$", "", word)
        if base.lower() != words[-1] or not before[:1].isupper() or before.isupper():
            continue
        if len(words) >= 2:
            if not same_given_name(before, words[0]):
                continue
        elif not is_given_name(before):
            continue
        return f"{before} {surname}"
    return None


@cache
def _headline_words(title: str) -> tuple[str, ...]:
    """A title's words, read once for all the people of its article."""
    return tuple(_HEADLINE_WORD.findall(title.replace("\u00a0", " ")))
