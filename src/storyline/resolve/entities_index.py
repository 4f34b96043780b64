"""The working state of cross-article resolution: article members and corpus entities.

A :class:`Member` is what one article says about one of its actors: the article-level
canonical name the ``entities`` extractor gave, the surface forms, roles, affiliation,
type votes and mention count. An :class:`EntityState` aggregates the members that name the
same real actor; :class:`EntityIndex` finds the entity a new member belongs to (same name,
surname of a full name, misspelling, acronym, demonym, role holder).
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from rapidfuzz import fuzz

from ..matching.lexicon import Lexicon
from ..matching.names import (
    initials,
    is_acronym,
    is_demonym_of,
    name_key,
    name_word_key,
    name_words,
    phrase_tokens,
    same_given_name,
)
from ..models import Entity

# Two spellings of a first name are one person's when they agree this much (rapidfuzz
# ratio, 0-100) and the surnames are equal: "Antony"/"Anthony" 92, "Annika"/"Annica" 83;
# "Anton"/"Anna" is 67, "Joe"/"Jill" 57.
FIRST_NAME_RATIO = 80
# Whole organization names: "Ostrivia Defence Forces"/"Ostrivian Defence Forces" is 97.
ORG_NAME_RATIO = 92
# A role descriptor ("the chief mediator") goes to a holder of that role seen within this
# many days of the article: offices change hands over years, not weeks.
ROLE_WINDOW_DAYS = 365
# Articles a person must appear in before a surname the model typed as something else
# may join them.
WELL_ATTESTED = 3


@dataclass
class Member:
    """One article's contribution to one entity."""

    article: str
    name: str
    votes: Counter[str] = field(default_factory=Counter)
    forms: set[str] = field(default_factory=set)
    roles: set[str] = field(default_factory=set)
    affiliations: Counter[str] = field(default_factory=Counter)
    mentions: int = 0
    published: str | None = None
    descriptor: bool = False
    entity: str = ""
    # The full name the article's headline gives this person ("Joe Biden" where the body
    # says "Joseph R. Biden, Jr." or "Biden"); see matching.names.headline_name.
    headline: str | None = None

    @property
    def type(self) -> str:
        return self.votes.most_common(1)[0][0] if self.votes else "OTHER"

    @property
    def affiliation(self) -> str | None:
        return self.affiliations.most_common(1)[0][0] if self.affiliations else None

    def to_json(self) -> str:
        return json.dumps(
            {
                "votes": dict(self.votes),
                "forms": sorted(self.forms),
                "roles": sorted(self.roles),
                "affiliations": dict(self.affiliations),
                "mentions": self.mentions,
                "published": self.published,
                "descriptor": self.descriptor,
                "headline": self.headline,
            }
        )

    @classmethod
    def from_row(cls, article: str, name: str, entity: str, data: str) -> Member:
        raw: dict[str, Any] = json.loads(data)
        return cls(
            article=article,
            name=name,
            votes=Counter(raw.get("votes", {})),
            forms=set(raw.get("forms", ())),
            roles=set(raw.get("roles", ())),
            affiliations=Counter(raw.get("affiliations", {})),
            mentions=int(raw.get("mentions", 0)),
            published=raw.get("published"),
            descriptor=bool(raw.get("descriptor", False)),
            entity=entity,
            headline=raw.get("headline"),
        )


@dataclass
class EntityState:
    """An entity being resolved: its public fields plus what matching needs."""

    id: str
    name: str
    type: str = "OTHER"
    aliases: set[str] = field(default_factory=set)
    roles: set[str] = field(default_factory=set)
    classes: set[str] = field(default_factory=set)
    affiliation: str | None = None
    mentions: int = 0
    articles: set[str] = field(default_factory=set)
    first: str | None = None
    last: str | None = None

    def __post_init__(self) -> None:
        self._keys: dict[str, tuple[str, ...]] = {}
        self._words: set[tuple[str, ...]] = set()
        self._index_names((self.name, *self.aliases))

    def _index_names(self, names: Iterable[str]) -> list[str]:
        added = [n for n in names if n not in self._keys]
        for name in added:
            key = name_key(name)
            self._keys[name] = key
            self._words.add(name_word_key(key))
        return added

    def add_names(self, names: Iterable[str]) -> list[str]:
        """Take ``names`` as aliases; returns the ones that are new."""
        added = self._index_names(names)
        self.aliases.update(added)
        return added

    def name_keys(self) -> set[tuple[str, ...]]:
        """Every name and alias as a key (see :func:`name_key`)."""
        return set(self._keys.values())

    def word_keys(self) -> set[tuple[str, ...]]:
        """Every name and alias as identifying words (see :func:`name_words`)."""
        return self._words

    def to_entity(self) -> Entity:
        return Entity(
            id=self.id,
            name=self.name,
            type=self.type,
            aliases=tuple(sorted(self.aliases - {self.name})),
            affiliation=self.affiliation,
            # Case-insensitive order, ties broken by the text itself: a set has no order.
            roles=tuple(sorted(self.roles, key=lambda r: (r.lower(), r))),
            mentions=self.mentions,
            articles=tuple(sorted(self.articles)),
        )

    def to_json(self) -> str:
        data = self.to_entity().to_dict()
        data.update(classes=sorted(self.classes), first=self.first, last=self.last)
        return json.dumps(data)

    @classmethod
    def from_json(cls, data: str) -> EntityState:
        raw: dict[str, Any] = json.loads(data)
        return cls(
            id=raw["id"],
            name=raw["name"],
            type=raw.get("type", "OTHER"),
            aliases=set(raw.get("aliases", ())),
            roles=set(raw.get("roles", ())),
            classes=set(raw.get("classes", ())),
            affiliation=raw.get("affiliation"),
            mentions=int(raw.get("mentions", 0)),
            articles=set(raw.get("articles", ())),
            first=raw.get("first"),
            last=raw.get("last"),
        )


def role_classes(roles: set[str], lex: Lexicon) -> set[str]:
    """The canonical roles of role phrases ("Dorvan's special envoy" → envoy)."""
    out: set[str] = set()
    for role in roles:
        found = lex.role_class(phrase_tokens(role))
        if found:
            out.add(found)
    return out


class EntityIndex:
    """Entities by alias, surname, initials and role, kept current as members join."""

    def __init__(self, entities: list[EntityState], lex: Lexicon) -> None:
        self.lex = lex
        self.entities: dict[str, EntityState] = {}
        self.by_key: dict[tuple[str, ...], set[str]] = {}
        self.by_last: dict[str, set[str]] = {}
        self.by_initials: dict[str, set[str]] = {}
        # One-word names by their first four letters: a demonym starts like its place
        # ("Ostrivian", "Ostrivia"), so matching one needs no scan of every entity.
        self.by_prefix: dict[str, set[str]] = {}
        # People by role, under the role and its head word ("defence minister", "minister").
        self.by_role: dict[str, set[str]] = {}
        for entity in entities:
            self.add(entity)

    def add(self, entity: EntityState, names: Iterable[str] | None = None) -> None:
        """Index ``entity``: all its names, or only ``names`` when those are what is new."""
        self.entities[entity.id] = entity
        for name in (entity.name, *entity.aliases) if names is None else names:
            key = name_key(name)
            self.by_key.setdefault(key, set()).add(entity.id)
            words = name_word_key(key)
            if len(words) >= 2:
                self.by_last.setdefault(words[-1], set()).add(entity.id)
                self.by_initials.setdefault(initials(name), set()).add(entity.id)
        if " " not in entity.name:
            self.by_prefix.setdefault(entity.name.lower()[:4], set()).add(entity.id)
        for held in entity.classes:
            for role in {held, self.lex.role_head(held)}:
                self.by_role.setdefault(role, set()).add(entity.id)

    def remove(self, entity_id: str) -> None:
        """Forget a merged entity; the lookup tables keep its id, :meth:`live` drops it."""
        self.entities.pop(entity_id, None)

    def live(self, ids: set[str] | None) -> list[EntityState]:
        return [self.entities[i] for i in sorted(ids or ()) if i in self.entities]

    def places_of(self, demonym: str) -> list[EntityState]:
        """One-word places ``demonym`` is formed from ("Ostrivian" → Ostrivia)."""
        return [
            e
            for e in self.live(self.by_prefix.get(demonym.lower()[:4]))
            if e.type == "GPE" and is_demonym_of(demonym, e.name)
        ]

    def demonyms_of(self, place: str) -> list[EntityState]:
        """One-word entities formed from ``place`` the way demonyms are."""
        return [
            e
            for e in self.live(self.by_prefix.get(place.lower()[:4]))
            if is_demonym_of(e.name, place)
        ]

    def find(self, member: Member) -> EntityState | None:
        """The entity ``member`` names, or None when it is a new actor (or ambiguous)."""
        if member.descriptor:
            return self.holder(member)
        key = name_key(member.name)
        words = name_word_key(key)
        exact = self.live(self.by_key.get(key))
        longer = (
            [
                e
                for e in self.live(self.by_last.get(words[-1]))
                if any(_ends(k, words) for k in e.word_keys())
                and self._short_form(member, e, words)
            ]
            if words
            else []
        )
        if longer and member.roles:
            # "Kell" with a title joins the namesake holding it, even when an earlier
            # untitled "Kell" made an entity of its own.
            tied = self._tied(longer, member)
            if len(tied) == 1:
                return tied[0]
        if exact:
            return self._pick(exact, member)
        if len(words) == 1 and is_acronym(member.name):
            found = self.live(self.by_initials.get(member.name.replace(".", "")))
            if len(found) == 1:
                return found[0]
        if len(words) == 1:
            places = self.places_of(member.name)
            if len(places) == 1 and not member.name.endswith("s"):
                return places[0]
        if longer:
            return self._pick(longer, member)
        if len(words) >= 3 and member.type == "PERSON":
            # "Crooked Dana Voss" once, "Dana Voss" everywhere else: a known full name after
            # extra words is that person.
            shorter = [
                e
                for e in self.live(self.by_last.get(words[-1]))
                if e.type == "PERSON"
                and any(len(k) >= 2 and _ends(words, k) for k in e.word_keys())
            ]
            if len(shorter) == 1:
                return shorter[0]
        if len(words) == 1:
            # "Sable" and "Sables": one group, in the adjective and the plural.
            other = words[0][:-1] if words[0].endswith("s") else words[0] + "s"
            same = [e for e in self.live(self.by_key.get((other,))) if not e.classes]
            if len(same) == 1 and member.type != "GPE":
                return same[0]
        if len(words) >= 2:
            return self._fuzzy(member, words)
        return None

    def _short_form(self, member: Member, entity: EntityState, words: tuple[str, ...]) -> bool:
        """Whether a shorter name may stand for a longer one: a person's surname ("Sten"
        for "Mara Sten", whatever the model typed either), or a generic organization word
        ("the Front" for "the Sable Front"); never a place ("Caldera", "South Caldera")."""
        if self.lex.country(words) is not None:
            return False
        if member.type == "PERSON" and entity.type == "PERSON":
            return True
        if entity.type == "PERSON":
            # A surname the model typed otherwise ("Trump" as an organization) joins only a
            # well-attested person, with a title or in several articles: "Sable Brigade"
            # mistyped as a person once must not take in "Brigade".
            return member.type != "GPE" and (
                bool(entity.classes) or len(entity.articles) >= WELL_ATTESTED
            )
        return len(words) == 1 and words[0] in self.lex.org_words and entity.type == "ORG"

    def _fuzzy(self, member: Member, words: tuple[str, ...]) -> EntityState | None:
        """A misspelled full name ("Ilse Varga"), a nickname's ("Bill Varga" for "William
        Varga"), or a misspelled organization name."""
        if member.type == "PERSON":
            for entity in self.live(self.by_last.get(words[-1])):
                for other in entity.word_keys():
                    if (
                        len(other) == len(words)
                        and other[1:] == words[1:]
                        and (
                            fuzz.ratio(other[0], words[0]) >= FIRST_NAME_RATIO
                            # "Joe" and "Joseph": a nickname is the same first name
                            or same_given_name(other[0], words[0])
                        )
                    ):
                        return entity
            return None
        name = " ".join(words)
        for entity in self.live(self.by_last.get(words[-1])):
            if entity.type == "PERSON":
                continue
            for other in entity.word_keys():
                if fuzz.ratio(" ".join(other), name) >= ORG_NAME_RATIO:
                    return entity
        return None

    def _pick(self, options: list[EntityState], member: Member) -> EntityState | None:
        """One of several entities a name fits: the one its roles or affiliation tie to."""
        if len(options) == 1:
            return options[0]
        exact = [e for e in options if name_key(e.name) == name_key(member.name)]
        if len(exact) == 1:
            return exact[0]
        tied = self._tied(options, member)
        return tied[0] if len(tied) == 1 else None

    def _tied(self, options: list[EntityState], member: Member) -> list[EntityState]:
        """The options a member's roles or affiliation point to."""
        classes = role_classes(member.roles, self.lex)
        return [
            e
            for e in options
            if any(self.lex.roles_match(c, held) for c in classes for held in e.classes)
            or (member.affiliation is not None and member.affiliation == e.affiliation)
        ]

    def holder(self, member: Member) -> EntityState | None:
        """The person holding a descriptor's role ("the chief mediator") near its date."""
        classes = role_classes({member.name, *member.roles}, self.lex)
        if not classes:
            return None
        wanted = member.affiliation
        ids: set[str] = set()
        for c in classes:
            ids |= self.by_role.get(c, set())
        options = [
            e
            for e in self.live(ids)
            if e.type == "PERSON"
            and any(self.lex.roles_match(c, held) for c in classes for held in e.classes)
            and (wanted is None or e.affiliation is None or self.same(wanted, e.affiliation))
            and _in_window(member.published, e.first, e.last)
        ]
        if len(options) > 1 and wanted is not None:
            options = [e for e in options if e.affiliation and self.same(wanted, e.affiliation)]
        return options[0] if len(options) == 1 else None

    def same(self, a: str, b: str) -> bool:
        """Whether two affiliation strings name one entity ("Front", "Sable Front")."""
        return a == b or self.canonical(a) == self.canonical(b)

    def canonical(self, name: str) -> str:
        """The entity name an alias stands for, when exactly one entity has it."""
        found = self.live(self.by_key.get(name_key(name)))
        if len(found) == 1:
            return found[0].name
        words = name_words(name)
        if len(words) == 1:
            longer = [e for e in self.live(self.by_last.get(words[0])) if e.type != "PERSON"]
            if len(longer) == 1:
                return longer[0].name
            places = self.places_of(name)
            if len(places) == 1:
                return places[0].name
        return name


def _ends(full: tuple[str, ...], words: tuple[str, ...]) -> bool:
    return len(full) > len(words) and full[-len(words) :] == words


def _in_window(day: str | None, first: str | None, last: str | None) -> bool:
    if not day or not first or not last:
        return True
    try:
        at = date.fromisoformat(day[:10])
        start = date.fromisoformat(first[:10])
        end = date.fromisoformat(last[:10])
    except ValueError:
        return True
    return (start - at).days <= ROLE_WINDOW_DAYS and (at - end).days <= ROLE_WINDOW_DAYS
