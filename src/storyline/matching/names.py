"""Name matching shared by the extractors, the resolver and the views.

Pure string functions: whether two names can be one party (initials, acronyms, demonyms,
token overlap). They sit below ``extract/`` so that cross-document code can use them
without importing an extractor.
"""

from __future__ import annotations

import re
from functools import cache

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
