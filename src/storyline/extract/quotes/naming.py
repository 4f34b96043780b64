"""Speaker names: the :class:`Speaker` model, and naming a subject from the parse alone.

:class:`ParseNamer` is the fallback of :class:`.speakers.SpeakerFinder` for articles
without ``entities`` mentions: a proper name is completed to the fullest form the article
gives it ("Smith" → "Jane Smith"), a definite descriptor goes to the person an apposition
or a title tied it to earlier ("the minister" after "Foreign Minister Jane Smith"), and
an anonymous singular source keeps its words ("unnamed Ruritanian official").
:func:`clean_name` strips what a text puts before a person's own name, whichever way the
name was found.

It is split from :mod:`.speakers` because it reads only the doc's entities and parse:
no mentions, quotes, paragraphs or the document's own voices.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property

from spacy.tokens import Doc, Span, Token

from ...matching.lexicon import load_lexicon
from ..common.syntax import NOUN_MODIFIERS
from .lexicon import anonymous_heads, role_titles, titles

PERSON, GROUP, OTHER = "person", "group", "other"
# Singular heads that stand for an anonymous source ("unnamed Ardanian official").
_ANONYMOUS = anonymous_heads()
_PERSON_NOUNS = _ANONYMOUS | frozenset(
    {"man", "woman", "minister", "president", "secretary", "leader", "chief", "mayor",
     "governor", "senator", "ambassador", "envoy", "commander", "general", "resident",
     "mother", "father", "witness", "doctor", "director", "king", "queen", "prince",
     "candidate", "nominee", "chairman", "premier", "chancellor", "head", "expert",
     "activist", "journalist", "reporter", "lawyer", "attorney", "prosecutor", "judge"}
)  # fmt: skip
_GROUP_NOUNS = frozenset(
    {"office", "ministry", "government", "group", "campaign", "committee", "agency",
     "department", "administration", "military", "army", "police", "council", "movement",
     "party", "authority", "authorities", "organization", "organisation", "union",
     "court", "embassy", "cabinet", "team", "mission", "company", "firm",
     "coalition", "alliance", "force", "forces", "house", "palace", "kremlin", "service"}
)  # fmt: skip
_DETERMINERS = frozenset({"the", "a", "an", "this", "that", "these", "those", "another"})
_INDEFINITE = frozenset({"a", "an", "another", "one"})
_SPACES = re.compile(r"\s+")
# A caption's or credit's label before a name: "Photo: Ilse Varden".
_LABEL_PREFIX = re.compile(r"^[A-Z][\w ]{0,20}:\s+")
_POSSESSIVE = re.compile(r"['’]s$")


@dataclass(frozen=True)
class Speaker:
    """A resolved speaker: the name to store and what it stands for."""

    name: str
    kind: str = PERSON

    @property
    def person(self) -> bool:
        return self.kind == PERSON


@dataclass(frozen=True)
class _Tie:
    index: int
    title: str
    speaker: Speaker


class ParseNamer:
    """Names of subjects over one parsed article, from its entities and parse alone.

    The entities are read on first use: most articles' speakers are named through the
    mentions and never need them (spaCy rebuilds ``doc.ents`` on every access).

    Args:
        doc: the parsed article.
    """

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self._ent_ties: dict[int, list[_Tie]] = {}

    @cached_property
    def ents(self) -> tuple[Span, ...]:
        """The entities of the doc, made once."""
        return tuple(self.doc.ents)

    @cached_property
    def _ent_at(self) -> list[int]:
        ent_at = [-1] * len(self.doc)
        for number, ent in enumerate(self.ents):
            ent_at[ent.start : ent.end] = [number] * len(ent)
        return ent_at

    @cached_property
    def _labels(self) -> dict[str, str]:
        return _label_votes(self.ents)

    @cached_property
    def _people(self) -> list[int]:
        """The indices of the PERSON entities in :attr:`ents`."""
        return [k for k, ent in enumerate(self.ents) if ent.label_ == "PERSON"]

    @cached_property
    def _person_names(self) -> list[tuple[tuple[str, ...], Span]]:
        """Each person entity without its titles, with its lowercased words."""
        persons = [_strip_titles(self.ents[k]) for k in self._people]
        return [(tuple(w.lower_ for w in p), p) for p in persons]

    def speaker(self, head: Token) -> Speaker:
        """The speaker a subject's head names: a proper name, or a descriptor.

        A lower-case word is no proper name whatever its tag ("the foreign ministry",
        which the small model sometimes tags as one)."""
        if head.pos_ == "PROPN" and not head.is_lower:
            return self._named(head)
        return self._descriptor(head)

    def name_span(self, head: Token) -> Span:
        """The proper name a token is part of: its entity, else its run of proper nouns."""
        doc = self.doc
        if self._ent_at[head.i] >= 0:
            ent = self.ents[self._ent_at[head.i]]
            if not any(t.pos_ in ("VERB", "AUX") for t in ent):  # not a misparsed run-on
                return ent
        left = head.i
        while left > 0 and doc[left - 1].pos_ == "PROPN" and doc[left - 1].head.i == head.i:
            left -= 1
        return doc[left : head.i + 1]

    def _named(self, head: Token) -> Speaker:
        """A proper-name subject: a person's full name, or an organization's words."""
        span = self.name_span(head)
        label = self._labels.get(head.lower_) or head.ent_type_
        given = len(span) > 1 and load_lexicon().is_given_name(span[0].text)
        # A lone surname the model typed as a place or group ("Varden" after "Ilse
        # Varden") is the person's, whatever its label.
        surname = len(span) == 1 and any(
            len(names) > 1 and names[-1] == head.lower_ for names, _ in self._person_names
        )
        if label in ("", "PERSON") or ((given or surname) and label in ("ORG", "GPE", "NORP")):
            return Speaker(self._full_name(_strip_titles(span)), PERSON)
        return Speaker(_strip_determiner(span.text), GROUP if label != "DATE" else OTHER)

    def _full_name(self, name: Span) -> str:
        """The fullest form of a person's name in the article that ends with ``name``.

        The most frequent longer form wins ("Jane Smith" over a one-off "Crooked Jane
        Smith"); when two different people share the surname and neither is at least
        twice as frequent ("Bill Smith", "Jane Smith"), the name stays as written.
        """
        key = tuple(w.lower_ for w in name)
        forms: Counter[tuple[str, ...]] = Counter()
        spelled: dict[tuple[str, ...], str] = {}
        for names, person in self._person_names:
            if len(names) > len(key) and names[-len(key) :] == key:
                forms[names] += 1
                spelled.setdefault(names, person.text)
        ranked = sorted(forms, key=lambda f: (forms[f], len(f)), reverse=True)
        if not ranked:
            return name.text
        best = ranked[0]
        rivals = [f for f in ranked[1:] if not _same_person(f, best)]
        if rivals and forms[best] < 2 * forms[rivals[0]]:
            return name.text
        return spelled[best]

    def _descriptor(self, head: Token) -> Speaker:
        """A descriptor subject: tied to an earlier named person, or kept as its words."""
        lemma = head.lemma_.lower()
        det = next((c.lower_ for c in head.children if c.dep_ in ("det", "predet")), None)
        if det in ("the", "this", "that"):
            tie = self._tie(head.i, _title_phrase(head))
            if tie is not None:
                return tie
        words = _descriptor_words(head)
        singular = head.tag_ in ("NN", "NNP")
        possessed = any(c.dep_ == "poss" for c in head.children)
        if singular and lemma in _ANONYMOUS and not possessed:
            if det in _INDEFINITE:
                return Speaker("unnamed " + words, PERSON)
            earlier = self._introduced(head) if det == "the" else None
            if earlier is not None:
                return Speaker("unnamed " + _descriptor_words(earlier), PERSON)
        if lemma in _GROUP_NOUNS or (not singular and lemma in _PERSON_NOUNS):
            return Speaker(words, GROUP)
        return Speaker(words, PERSON if singular and lemma in _PERSON_NOUNS else OTHER)

    def _introduced(self, head: Token) -> Token | None:
        """The latest earlier indefinite mention with this head and at least its modifiers.

        "the Ruritanian official" → "a Ruritanian official".
        """
        lemma = head.lemma_
        modifiers = _modifiers(head)
        for token in reversed(self.doc[: head.i]):
            if (
                token.lemma_ == lemma
                and any(c.dep_ == "det" and c.lower_ in _INDEFINITE for c in token.children)
                and modifiers <= _modifiers(token)
            ):
                return token
        return None

    def _tie(self, before: int, phrase: str) -> Speaker | None:
        """The person most recently introduced with a title this descriptor stands for."""
        wanted = {phrase} | role_titles().get(phrase, frozenset())
        # The people before ``before``, nearest first: a person's ties are read only when
        # the walk back reaches them.
        people = self._people
        starts = [self.ents[k].start for k in people]
        for k in reversed(people[: bisect.bisect_left(starts, before)]):
            for tie in reversed(self._ties_of(k)):
                if tie.title in wanted or tie.title.endswith(" " + phrase):
                    return tie.speaker
        return None

    def _ties_of(self, number: int) -> list[_Tie]:
        """Descriptors the article ties to the person entity ``ents[number]``, made once.

        By apposition ("Jane Smith, a local official") or title ("Foreign Minister Jane
        Smith"): the appositions first, then the title.
        """
        if number in self._ent_ties:
            return self._ent_ties[number]
        ent = self.ents[number]
        doc = self.doc
        titled = [
            _title_phrase(child)
            for child in ent.root.children
            if child.dep_ == "appos" and child.pos_ == "NOUN"
        ]
        title_words = titles() | {"of"}
        i = ent.start
        while i > 0 and doc[i - 1].lower_.rstrip(".") in title_words:
            i -= 1
        words = [t.lower_.rstrip(".") for t in doc[i : ent.start]]
        while words and words[0] == "of":
            words = words[1:]
        if words:
            titled.append(" ".join(words))
        ties: list[_Tie] = []
        if titled:
            speaker = self._named(ent.root)
            ties = [_Tie(ent.start, title, speaker) for title in titled]
        self._ent_ties[number] = ties
        return ties


def _label_votes(ents: Iterable[Span]) -> dict[str, str]:
    """The entity label most often given to each name's last word in this article."""
    votes: dict[str, dict[str, int]] = {}
    for ent in ents:
        # A full name ("Jane Smith") is stronger evidence than a lone surname, which the
        # small model often labels GPE or ORG.
        counts = votes.setdefault(ent[-1].lower_, {})
        label = ent.label_
        counts[label] = counts.get(label, 0) + (3 if ent.end - ent.start > 1 else 1)
    # The first label to reach the highest count, as ``Counter.most_common`` picks it.
    return {word: max(counts, key=counts.__getitem__) for word, counts in votes.items()}


def _strip_titles(span: Span) -> Span:
    """A name without its titles and possessive ("Secretary of State A B's" → "A B")."""
    title_words = titles()
    start, end = span.start, span.end
    doc = span.doc
    while end - start > 1 and (
        doc[start].lower_.rstrip(".") in title_words
        or doc[start].lower_ in _DETERMINERS
        or doc[start].lower_ == "of"
        or doc[start].ent_type_ in ("GPE", "NORP")
        or doc[start].is_punct
    ):
        start += 1
    while end - start > 1 and (doc[end - 1].tag_ == "POS" or doc[end - 1].is_punct):
        end -= 1
    return doc[start:end]


def _same_person(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """Whether two longer forms of a name can be one person ("Jane Smith", "Jane Q. Smith")."""
    return a[0] == b[0] or a[-len(b) :] == b or b[-len(a) :] == a


def _strip_determiner(text: str) -> str:
    first, _, rest = text.partition(" ")
    return rest if first.lower() in _DETERMINERS and rest else text


def _modifiers(head: Token) -> frozenset[str]:
    return frozenset(c.lower_ for c in head.lefts if c.dep_ in ("amod", "compound", "nmod"))


def _title_phrase(head: Token) -> str:
    """A descriptor's head with the title words before it: "prime minister", "diplomat"."""
    title_words = titles()
    words = [
        c.lower_
        for c in head.lefts
        if c.dep_ in NOUN_MODIFIERS and c.lower_ in title_words and not c.ent_type_
    ]
    return " ".join([*words, head.lemma_.lower()])


def _descriptor_words(head: Token) -> str:
    """A descriptor's words: its left modifiers and head, and a short "of"/"for" phrase."""
    doc = head.doc
    left = head.i
    for child in head.lefts:
        if child.dep_ not in ("det", "predet", "punct"):
            left = min(left, child.left_edge.i)
    right = head.i + 1
    for child in head.rights:
        if child.dep_ == "prep" and child.lower_ in ("of", "for", "at", "from", "with"):
            end = child.right_edge.i + 1
            if end - head.i <= 6:
                right = end
        break
    while left < head.i and (doc[left].lower_ in _DETERMINERS or doc[left].pos_ == "VERB"):
        left += 1
    # A misparse can run a descriptor into a clause ("Smith accused Jones of being a"):
    # stop at a verb after the head, and drop dangling words at the end.
    for i in range(head.i + 1, right):
        if doc[i].pos_ in ("VERB", "AUX"):
            right = i
            break
    while right > head.i + 1 and doc[right - 1].pos_ in ("DET", "CCONJ", "ADP", "PUNCT"):
        right -= 1
    return _SPACES.sub(" ", doc[left:right].text).strip()


def gender_of(name: str) -> str | None:
    """The usual gender of a person's first name, when the given-names list has one."""
    first = name.split()[0] if name.split() else ""
    return load_lexicon().given_name_gender(first)


def clean_name(name: str) -> str:
    """A speaker name without what the text put before the person's own name.

    "Photo: Ilse Varden", "unnamed official Tomas Heyl", "Harbour City's mayor Mara
    Quist", "Mayor Mara Quist" → the name. A descriptor with no name after it ("unnamed
    Ardanian official", "Tarn's office") and an organization's name ("Ministry of Foreign
    Affairs": its words after "of" are not a name of their own) stay as they are.
    """
    name = _LABEL_PREFIX.sub("", name).strip() or name
    words = name.split()
    title_words = titles()
    j = len(words)
    while j > 0 and words[j - 1][:1].isupper():
        if words[j - 1].lower().rstrip(".") in title_words:
            break
        j -= 1
    if j == 0 or j == len(words):
        return name
    before = [w.lower() for w in words[:j]]
    if before[-1] in ("of", "for", "the", "and", "de", "al", "bin", "van", "von"):
        return name
    named = words[j:]
    if len(named) < 2 and not load_lexicon().is_given_name(named[0]):
        return name
    if all(
        w == "unnamed" or w.rstrip(".") in title_words or _POSSESSIVE.search(w) or w.islower()
        for w in before
    ):
        return " ".join(named)
    return name
