"""Who speaks in an official statement, read from its title: who "I" and "we" are, and
whom "both leaders" or "the two sides" mean.

Official statements name their speaker in the title, in a few fixed shapes:

- "Statement from President X on …", "Remarks by Vice President Y Marking …", "Statement
  by …", "Message from …": X is the *author*; the statement's own sentences are X's voice.
- "Readout of National Security Advisor X's Call with Prime Minister Y of Z": X is the
  readout's *principal* (who "we" is), X and Y its *participants* ("the two leaders").
  A readout narrates: its own sentences are nobody's stance unless someone says them.
- "G7 Leaders' Statement on …": the group ("G7"), author of everything it states.
- "Joint Statement from/by A, B, and C": A, B and C, each an author; "Joint Statement on
  Meeting of the A-B Group" with no list: the states the title names.

A name from the title becomes the party the article's entities already know by it (the
title's "President Varga" is the text's "Ilsa Varga"; a fuller name in the title wins
over the text's surname), else a party of its own: "I" in a statement is its author even
when the body never names them. A group or country of the lexicons keeps the lexicon's
name ("G7", not the text's "Leaders of the G7"). A document with none of
these shapes (a news report, a press call transcript) has no author: its quotes carry
their speakers.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from ...lexicons import lexicon_rows
from ...matching.events import same_name
from ...matching.lexicon import load_lexicon
from ...matching.names import phrase_tokens

# How a title opens, and what kind of document that makes. The first match wins.
_SHAPES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("joint", re.compile(r"^joint (?:press )?statement (?:from|by|of) (?P<who>.+)$", re.I)),
    ("joint", re.compile(r"^joint (?:press )?statement\b(?P<who>.*)$", re.I)),
    ("readout", re.compile(r"^readout of (?P<who>.+)$", re.I)),
    (
        "statement",
        re.compile(
            r"^(?:(?:press |video )?statement|remarks|message|letter|op-ed|address)"
            r" (?:from|by|of) (?P<who>.+)$",
            re.I,
        ),
    ),
    ("statement", re.compile(r"^(?P<who>.+?)['’]s? (?:joint )?statement\b", re.I)),
)
# Where the speaker's name ends in a statement's title: "… on the Middle East", "…
# Marking One Year", "… Announcing …" (titles capitalize them). A name's own "of" stays.
_NAME_END = re.compile(
    r"\s+(?:on|regarding|marking|announcing|at|after|following|upon|about|in|for|"
    r"concerning|celebrating|commemorating|honoring|welcoming)\s",
    re.I,
)
# A readout's principal ends at a possessive: "President Varga’s Call with …".
_POSSESSIVE = re.compile(r"^(?P<who>.+?)['’]s?\s+(?P<rest>.+)$")
_POSSESSIVE_END = re.compile(r"['’]s?$")
_WITH = re.compile(r"\bwith\s+(?P<others>.+)$", re.I)
_LIST = re.compile(r",\s*(?:and\s+)?|\s+and\s+", re.I)
# Plural heads a group's statement is signed with: "G7 Leaders", "Quad Foreign Ministers".
_GROUP_HEADS = frozenset({"leaders", "ministers", "heads", "members", "governments"})
# Lower-case words inside an Arabic, Dutch or German name: "Mohammed bin Abdulrahman".
NAME_PARTICLES = frozenset({"bin", "bint", "ibn", "al", "el", "abu", "van", "von", "de", "da"})


@dataclass(frozen=True)
class TitleName:
    """A name as a title gives it, with the type it is known to have and its state."""

    name: str
    type: str
    affiliation: str | None = None


@dataclass(frozen=True)
class Authors:
    """The speakers a title names: ``kind`` is ``statement``, ``joint``, ``readout`` or
    ``none``; ``authors`` are who "I"/"we" are; ``participants`` who "both leaders" are;
    ``sides`` the states of "the two sides"."""

    kind: str = "none"
    authors: tuple[TitleName, ...] = ()
    participants: tuple[TitleName, ...] = ()
    sides: tuple[TitleName, ...] = ()

    @property
    def voices_own_text(self) -> bool:
        """The document's own sentences are its authors' words (not a readout's narration)."""
        return self.kind in ("statement", "joint") and bool(self.authors)


def read_authors(title: str | None, known: Iterable[TitleName] = ()) -> Authors:
    """The authors, participants and sides the title of a statement names.

    Args:
        title: the article's title; None or an ordinary headline gives ``Authors()``.
        known: the parties the article's entities found, by canonical name: a title name
            that is one of them takes its canonical name.
    """
    if not title:
        return Authors()
    text = " ".join(title.split())
    parties = tuple(known)
    for kind, shape in _SHAPES:
        match = shape.match(text)
        if match is None:
            continue
        who = match.group("who").strip()
        if kind == "joint":
            return _joint(who, text, parties)
        if kind == "readout":
            return _readout(who, text, parties)
        name = _title_name(_NAME_END.split(who, maxsplit=1)[0], parties)
        if name is None:
            return Authors()
        return Authors("statement", (name,), (name,), _states(text, parties))
    return Authors()


def _joint(who: str, title: str, parties: tuple[TitleName, ...]) -> Authors:
    names: list[TitleName] = []
    if who and not who.lower().startswith(("on ", "of ", "regarding ", "following ")):
        for part in _LIST.split(_NAME_END.split(who, maxsplit=1)[0]):
            name = _title_name(part, parties)
            if name is not None and name not in names:
                names.append(name)
    states = _states(title, parties)
    authors = tuple(names) or states
    return Authors("joint", authors, authors, states or authors)


def _readout(who: str, title: str, parties: tuple[TitleName, ...]) -> Authors:
    match = _POSSESSIVE.match(who)
    if match is None:
        # "Readout of U.S.-Tarvenia Strategic Consultative Group": no principal; the sides
        # are the states it names
        states = _states(title, parties)
        return Authors("readout", (), states, states)
    principal = _title_name(match.group("who"), parties)
    others: list[TitleName] = []
    rest = _WITH.search(match.group("rest"))
    if rest is not None:
        for part in _LIST.split(rest.group("others")):
            name = _title_name(part, parties, person_only=True)
            if name is not None and name != principal and name not in others:
                others.append(name)
    participants = tuple(n for n in (principal, *others) if n is not None)
    sides = tuple(
        dict.fromkeys(
            [
                *(_state(n.affiliation, parties) for n in participants if n.affiliation),
                *_states(title, parties),
            ]
        )
    )
    return Authors("readout", (principal,) if principal else (), participants, sides)


# Title-case words that separate the phrases of a headline ("… Engagement Between
# President X and Prime Minister Y").
_TITLE_BREAKS = re.compile(r"\s+(?:[a-z][\w’'-]*|Between|And|With|Of|On|For|To|From|By|At)\s+")


def titled_people(title: str | None, known: Iterable[TitleName] = ()) -> dict[str, TitleName]:
    """The people a title names with an office, by the office's last word: "Background
    Press Call Previewing the Engagement Between President X and Prime Minister Y" gives
    {"president": X, "minister": Y}. An office two people hold in the title is left out
    (neither is "the President" of its text)."""
    if not title:
        return {}
    parties = tuple(known)
    found: dict[str, TitleName] = {}
    shared: set[str] = set()
    for part in _TITLE_BREAKS.split(" ".join(title.split())):
        words = part.split()
        name = _title_name(part, parties, person_only=True)
        if name is None or name.type != "PERSON":
            continue
        # The office is the title words before the name (the name may be the article's
        # fuller one: "President Varden" is "Ilse Varden").
        office = [w for w in words[:-1] if w.lower().rstrip(".") in title_words()]
        if not office:
            continue
        key = office[-1].lower().rstrip(".")
        if key in found and found[key] != name:
            shared.add(key)
        found[key] = name
    return {k: v for k, v in found.items() if k not in shared}


@cache
def title_words() -> frozenset[str]:
    """Words of titles and offices ("national", "security", "advisor", "sheikh")."""
    lex = load_lexicon()
    words = {w.lower() for (w,) in lexicon_rows("speaker_titles.txt", fields=1)}
    words |= set(lex.honorifics)
    for key in lex.roles:
        words.update(key)
    return frozenset(w.rstrip(".") for w in words) | {"the", "to", "of", "for", "and", "-"}


def _title_name(
    phrase: str, parties: tuple[TitleName, ...], *, person_only: bool = False
) -> TitleName | None:
    """The party a title phrase names: "President Tom Varga", "Prime Minister Halvik
    of Tarvenia", "the United Kingdom", "G7 Leaders".

    A person is the capitalized words after the titles (name particles such as "bin"
    inside); with ``person_only`` (a readout's counterpart) only a titled name counts, so
    "Families of Lirevians Taken Hostage by the Front" names no one.
    """
    phrase = phrase.strip().strip(",.;:")
    affiliation = None
    head, sep, tail = phrase.rpartition(" of ")
    if sep and (_country(tail) or _ends_in_name(head)):
        # "Prime Minister Halvik of Tarvenia": the state is the person's affiliation
        phrase, affiliation = head, _country(tail) or tail.strip()
    tokens = phrase.split()
    while tokens and tokens[0].lower() == "the":
        tokens = tokens[1:]
    if not tokens:
        return None
    lex = load_lexicon()
    group = phrase_tokens(" ".join(tokens))
    while len(group) > 1 and group[-1] in _GROUP_HEADS:
        group = group[:-1]
    country = lex.country(group)
    organization = lex.organizations.get(group)
    if country or organization:
        if person_only:
            return None
        # a lexicon name is the canonical name the entities extractor gives too; a longer
        # name ending in it ("Leaders of the G7") is a descriptor, not the group
        listed = country or organization or ""
        same = next((p for p in parties if p.name == listed), None)
        return same or TitleName(listed, "GPE" if country else "ORG")
    words = title_words()
    k = len(tokens)
    while k > 0:
        token = tokens[k - 1]
        bare = token.lower().rstrip(".")
        particle = bare in NAME_PARTICLES and k < len(tokens)
        if bare in words or not (token[:1].isupper() or particle):
            break
        k -= 1
    name, before = tokens[k:], tokens[:k]
    titled = bool(before) and before[-1].lower().rstrip(".") in words
    if not name or (before and not titled):
        return None
    if person_only and not titled:
        return None
    return _known(TitleName(" ".join(name), "PERSON", affiliation), parties)


def _ends_in_name(text: str) -> bool:
    """ "Prime Minister Aurel Mandrik" ends in a name; "Secretary" (of State) does not."""
    words = text.split()
    return bool(words) and words[-1][:1].isupper() and words[-1].lower() not in title_words()


def _known(name: TitleName, parties: tuple[TitleName, ...]) -> TitleName:
    """The article's own party for a title name (its canonical name), if it has one; a
    person the text names only in part ("President Varga") keeps the title's fuller name
    ("President Tom Varga's Call with …"), as the text's own full name would win."""
    same = [p for p in parties if p.type == name.type and same_name(p.name, name.name)]
    if not same and name.type != "PERSON":
        same = [p for p in parties if p.type != "PERSON" and same_name(p.name, name.name)]
    if not same:
        return name
    best = max(same, key=lambda p: len(p.name))
    fuller = name.type == "PERSON" and len(name.name.split()) > len(best.name.split())
    return TitleName(
        name.name if fuller else best.name, best.type, best.affiliation or name.affiliation
    )


def fuller_names(authors: Authors, parties: Iterable[TitleName]) -> dict[str, str]:
    """Article names the title gives in full: "Varga" → "Tom Varga" when the title says
    "President Tom Varga" and the text only "President Varga"."""
    found: dict[str, str] = {}
    for name in (*authors.authors, *authors.participants):
        for party in parties:
            if (
                party.type == "PERSON"
                and name.type == "PERSON"
                and party.name != name.name
                and same_name(party.name, name.name)
                and len(name.name.split()) > len(party.name.split())
            ):
                found[party.name] = name.name
    return found


def _country(text: str) -> str | None:
    return load_lexicon().country(phrase_tokens(text.strip()))


def _known_state(text: str, parties: tuple[TitleName, ...]) -> str | None:
    """A state the article's entities know by this name, when no lexicon lists it."""
    return next((p.name for p in parties if p.type == "GPE" and p.name == text), None)


def _state(name: str | None, parties: tuple[TitleName, ...]) -> TitleName:
    return _known(TitleName(name or "", "GPE"), parties)


def _states(title: str, parties: tuple[TitleName, ...]) -> tuple[TitleName, ...]:
    """The states a title names, in order: "U.S.-Tarvenia", "of Tarvenia", "Tarvenian"
    (a country of the lexicon, or a state the article's entities know)."""
    tokens = [t for t in re.split(r"[\s\-–—,:;()]+", title) if t]
    found: list[TitleName] = []
    k = 0
    while k < len(tokens):
        for size in (3, 2, 1):
            chunk = _POSSESSIVE_END.sub("", " ".join(tokens[k : k + size]))
            if not chunk[:1].isupper():
                continue
            country = _country(chunk) or _known_state(chunk, parties)
            if country is not None:
                state = _state(country, parties)
                if state not in found:
                    found.append(state)
                k += size - 1
                break
        k += 1
    return tuple(found)
