"""Name matching shared by the extractors, the resolver and the views.

Pure string functions: whether two names can be one party (initials, acronyms, demonyms,
token overlap). They sit below ``extract/`` so that cross-document code can use them
without importing an extractor.
"""

from __future__ import annotations

import re

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
