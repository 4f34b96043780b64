"""Word classes that tell a person's name from names of other kinds.

The small model types names loosely: a person after a verb it reads as a company, a strait
or a law as a person. These classes (each a lexicon under ``storyline/lexicons``) are
general facts about English names, not lists of names: a person's name holds no
geographic feature word, no law or document noun, no byline or credit word, and a given
name that is mostly a place or a common word ("Washington", "Green") is no evidence of a
person by itself.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import cache

from ...lexicons import lexicon_rows
from ...matching.lexicon import Lexicon


@dataclass(frozen=True)
class WordClasses:
    """The word classes, lower case."""

    lookalikes: frozenset[str]
    geographic: frozenset[str]
    documents: frozenset[str]
    credits: frozenset[str]


@cache
def load_word_classes() -> WordClasses:
    """The word-class lexicons, read once per process."""

    def words(name: str) -> frozenset[str]:
        return frozenset(word for (word,) in lexicon_rows(name, fields=1))

    return WordClasses(
        lookalikes=words("name_lookalikes.txt"),
        geographic=words("geographic_words.txt"),
        documents=words("document_words.txt"),
        credits=words("credit_words.txt"),
    )


def is_person_given_name(word: str, lex: Lexicon, classes: WordClasses) -> bool:
    """Whether ``word`` (lower case) is a given name that is evidence of a person on its
    own: a known given name (accents aside: "José") that is not mostly a place or a
    common word."""
    word = _plain(word)
    return (
        word not in classes.lookalikes
        and lex.is_given_name(word)
        and lex.country((word,)) is None
        and (word,) not in lex.capitals
    )


def looks_like_full_name(key: tuple[str, ...], lex: Lexicon, classes: WordClasses) -> bool:
    """Whether a name of two to four words reads as a person's full name: a given name,
    then words none of which makes it an organization, a place, a facility or a document
    ("Tomas Heyl", not "Tomas Heyl Foundation", "Mara Strait" or "Selda Bill")."""
    return is_person_given_name(key[0], lex, classes) and could_be_full_name(key, lex, classes)


def could_be_full_name(key: tuple[str, ...], lex: Lexicon, classes: WordClasses) -> bool:
    """Whether two to four words may be a person's full name, given no evidence of a given
    name: none of them makes it an organization, a place, a facility or a document."""
    if not 2 <= len(key) <= 4:
        return False
    last = key[-1]
    return (
        last not in lex.org_words
        and last not in classes.geographic
        and (last,) not in lex.facilities
        and (last,) not in lex.institutions
        and lex.country((last,)) is None
        and not any(w in classes.documents for w in key[1:])
    )


@cache
def _plain(word: str) -> str:
    """``word`` without its accents."""
    if word.isascii():
        return word
    decomposed = unicodedata.normalize("NFKD", word)
    return "".join(c for c in decomposed if not unicodedata.combining(c))
