"""The general lexicons names are matched against: countries, titles, organizations.

Each lexicon is a data file under ``storyline/lexicons/`` (one entry per line, fields
separated by ``|``, ``#`` comments), loaded once per process into lookup tables keyed by
lower-cased token tuples, so that matching a phrase in a ``Doc`` is a dictionary lookup on
its tokens' ``lower_``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache

from ..lexicons import lexicon_rows
from .names import is_english_given_name, phrase_tokens

# Words before a title that change who holds it: a "former prime minister" is not the one a
# later "the prime minister" refers to.
ROLE_MODIFIERS = frozenset(
    {"former", "deputy", "acting", "interim", "outgoing", "incoming", "assistant", "vice"}
)
# Modifiers kept in the role's text that leave the office the same ("top", "senior").
ROLE_ADJECTIVES = frozenset({"top", "senior", "chief", "then", "newly", "current", "longtime"})


def _words(name: str) -> list[str]:
    """The entries of a one-field lexicon."""
    return [word for (word,) in lexicon_rows(name, fields=1)]


def _lists(row: list[str]) -> list[list[str]]:
    """A row's fields as comma-separated lists ("UN, U.N." → ["UN", "U.N."])."""
    return [[x.strip() for x in field.split(",") if x.strip()] for field in row]


def plural(word: str) -> str:
    """The plural of a demonym or role noun (regular English rules only)."""
    lower = word.lower()
    if lower.endswith(("ese", "sh", "ch", "ss", "x", "swiss")):
        return word
    if lower.endswith("man"):
        return word[:-3] + ("men" if word[-3:].islower() else "MEN")
    if lower.endswith("y") and lower[-2:-1] not in "aeiou":
        return word[:-1] + "ies"
    return word + "s"


@dataclass(frozen=True)
class Lexicon:
    """All lookup tables, keyed by lower-cased token tuples."""

    countries: dict[tuple[str, ...], str] = field(default_factory=dict)
    demonyms: dict[tuple[str, ...], str] = field(default_factory=dict)
    plural_demonyms: frozenset[tuple[str, ...]] = frozenset()
    capitals: dict[tuple[str, ...], str] = field(default_factory=dict)
    organizations: dict[tuple[str, ...], str] = field(default_factory=dict)
    roles: dict[tuple[str, ...], str] = field(default_factory=dict)
    roles_by_last: dict[str, tuple[tuple[str, ...], ...]] = field(default_factory=dict)
    role_heads: frozenset[str] = frozenset()
    honorifics: frozenset[str] = frozenset()
    source_nouns: dict[str, str] = field(default_factory=dict)
    plural_sources: frozenset[str] = frozenset()
    institutions: frozenset[tuple[str, ...]] = frozenset()
    facilities: frozenset[tuple[str, ...]] = frozenset()
    org_words: frozenset[str] = frozenset()
    given_names: dict[str, str] = field(default_factory=dict)

    def is_given_name(self, word: str) -> bool:
        """Whether ``word`` is a known given name: listed, or in the ``nicknames`` table."""
        low = word.lower().strip(".")
        return low in self.given_names or is_english_given_name(low)

    def given_name_gender(self, word: str) -> str | None:
        """ "f" or "m" for a listed given name with a usual gender, else None."""
        return self.given_names.get(word.lower().strip(".")) or None

    def country(self, key: Sequence[str]) -> str | None:
        """The canonical country a name, alias or demonym (``("kenyan",)``) stands for."""
        key = tuple(key)
        return self.countries.get(key) or self.demonyms.get(key)

    def role_class(self, key: Sequence[str]) -> str | None:
        """The canonical role of a title phrase, ignoring leading adjectives like "top".

        "top diplomat" is itself listed; "senior Front official" reaches "official" once the
        affiliation is taken out by the caller and "senior" is dropped here.
        """
        key = tuple(key)
        while key:
            found = self.roles.get(key)
            if found is not None:
                return found
            if key[0] in ROLE_MODIFIERS:
                inner = self.role_class(key[1:])
                return f"{key[0]} {inner}" if inner else None
            key = key[1:]
        return None

    def role_head(self, role: str) -> str:
        """The head word of a role ("minister" for "defence minister")."""
        return _head(phrase_tokens(role))

    def roles_match(self, wanted: str, held: str) -> bool:
        """Whether a descriptor's role names an office someone holds: the same role, or its
        head word ("minister" for a "defence minister", not "prime minister" for
        "minister")."""
        return wanted == held or wanted == _head(phrase_tokens(held))

    def is_role_word(self, word: str) -> bool:
        """Whether ``word`` (lower case) heads some title ("minister", "chief", "speaker")."""
        return word in self.role_heads

    def is_person_noun(self, word: str) -> bool:
        """Whether ``word`` (lower case) names a person: a title's head or a source noun
        ("minister", "spokeswoman", "official")."""
        return word in self.role_heads or word in self.source_nouns


def _head(key: tuple[str, ...]) -> str:
    """The head word of a title: the word before "of"/"for" ("speaker of the house"), or
    the last word ("prime minister")."""
    for i, word in enumerate(key):
        if word in ("of", "for", "to") and i:
            return key[i - 1]
    return key[-1]


@cache
def load_lexicon() -> Lexicon:
    """The lexicons of ``storyline/lexicons``, read once per process."""
    countries: dict[tuple[str, ...], str] = {}
    demonyms: dict[tuple[str, ...], str] = {}
    plurals: set[tuple[str, ...]] = set()
    capitals: dict[tuple[str, ...], str] = {}
    # canonical name | aliases | demonyms | capitals
    for row in lexicon_rows("countries.txt", fields=4):
        (name,), aliases, nyms, caps = _lists(row)
        for alias in (name, *aliases):
            countries[phrase_tokens(alias)] = name
            if alias.lower().startswith("the "):
                countries[phrase_tokens(alias[4:])] = name
        for nym in nyms:
            demonyms[phrase_tokens(nym)] = name
            many = phrase_tokens(plural(nym))
            if many != phrase_tokens(nym):
                demonyms[many] = name
                plurals.add(many)
        for cap in caps:
            capitals[phrase_tokens(cap)] = name
    organizations: dict[tuple[str, ...], str] = {}
    # canonical name [| aliases]
    for row in lexicon_rows("organizations.txt", fields=(1, 2)):
        (name,), aliases = _lists(row)
        for alias in (name, *aliases):
            organizations[phrase_tokens(alias)] = name
    roles: dict[tuple[str, ...], str] = {}
    # role | synonym | ...: any number of synonyms, the first canonical
    for row in lexicon_rows("titles.txt", fields=(1, None)):
        synonyms = [s for s in row if s]
        for synonym in synonyms:
            roles.setdefault(phrase_tokens(synonym), synonyms[0])
    by_last: dict[str, list[tuple[str, ...]]] = {}
    for key in roles:
        by_last.setdefault(key[-1], []).append(key)
    heads = {_head(key) for key in roles}
    sources: dict[str, str] = {}
    plural_sources: set[str] = set()
    # singular [| irregular plural]
    for one, irregular in lexicon_rows("source_nouns.txt", fields=(1, 2)):
        more = irregular or plural(one)
        sources[one] = one
        sources[more] = one
        plural_sources.add(more)
    return Lexicon(
        countries=countries,
        demonyms=demonyms,
        plural_demonyms=frozenset(plurals),
        capitals=capitals,
        organizations=organizations,
        roles=roles,
        roles_by_last={k: tuple(sorted(v, key=len, reverse=True)) for k, v in by_last.items()},
        role_heads=frozenset(heads),
        honorifics=frozenset(_words("honorifics.txt")),
        source_nouns=sources,
        plural_sources=frozenset(plural_sources),
        institutions=frozenset(phrase_tokens(x) for x in _words("institution_nouns.txt")),
        facilities=frozenset(phrase_tokens(x) for x in _words("facility_nouns.txt")),
        org_words=frozenset(_words("organization_words.txt")),
        # given name [| f or m]
        given_names={
            name.lower(): gender.lower()
            for name, gender in lexicon_rows("given_names.txt", fields=(1, 2))
        },
    )
