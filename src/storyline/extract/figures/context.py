"""What a figure is about, read off the parse: counted noun, kind, source and date.

- counted: the noun the number modifies ("2.5 million Ostrivians"), or the object of
  its "of" ("hundreds of Ostrivian detainees", "60% of the residents").
- kind: the cue words of ``figure_kinds.txt``, tried in a fixed order: the unit (money,
  duration), the counted noun's strong cues (prisoners, phases, aid...), the governing
  verb or adjective on the path up from the figure ("killed", "have fled", "dead",
  "forced from their villages"), then the counted noun's weak defaults ("hostages" →
  held, "residents" → population).
- source: the speaker of a quote the figure sits in; else "according to X"; else the
  subject of a reporting verb the figure's clause depends on ("hospital authorities
  said"). A relative clause on the way up is the reporter's background, not the speaker's
  claim ("the envoy said ... the port, where the war has driven 60% from their homes").
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable

import numpy
from spacy.attrs import LOWER
from spacy.tokens import Doc, Span, Token

from ..common.mentions import MentionIndex
from ..common.syntax import (
    AGENT,
    NOMINAL_SUBJECTS,
    NOUN_CLAUSES,
    PASSIVE_SUBJECT,
    climb,
    subject_of,
)
from .lexicon import KindCue, kind_cues

# Verbs that attribute what their clause says to their subject. A small list of our own
# (the quotes extractor keeps a fuller one); these are the verbs numbers are reported by.
REPORT_VERBS = {
    "say", "tell", "report", "announce", "state", "estimate", "claim", "confirm", "add",
    "note", "put", "count", "record", "document", "show", "indicate", "reveal", "warn",
    "declare", "insist", "acknowledge", "write", "tweet", "post", "publish", "find",
    "calculate", "tally", "assert", "allege", "explain", "testify", "brief",
}  # fmt: skip
# Nouns that stand for a document rather than its author ("according to a memo seen by
# the Vessa Herald", "figures first published in the weekly X"): the source is the author.
_DOCUMENT_NOUNS = {
    "detail", "report", "copy", "document", "figure", "data", "estimate", "statement",
    "tally", "count", "draft", "text", "version", "account", "record", "reporting",
}  # fmt: skip
# Nouns that count sources ("according to two officials") rather than make a claim.
SOURCE_NOUNS = {
    "official", "source", "diplomat", "person", "people", "officer", "witness", "aide",
    "analyst", "expert", "negotiator", "resident", "journalist", "reporter", "doctor",
}  # fmt: skip
_PRONOUNS_PERSON = {"he", "she", "him", "her"}
_PRONOUNS_GROUP = {"they", "it", "we", "them"}
_LEFT_DEPS = {"amod", "compound", "nmod", "poss", "nummod", "quantmod", "advmod", "case"}
_COUNTED_DEPS = {"nummod", "quantmod", "compound", "amod", "nmod", "det", "npadvmod"}
_ELLIPSIS = {"other", "others", "more"}


def sentence(token: Token) -> Span:
    """The sentence of ``token``; the whole ``Doc`` when nothing set sentence boundaries."""
    doc = token.doc
    return token.sent if doc.has_annotation("SENT_START") else doc[:]


class Sentences:
    """The sentences of one ``Doc``, and the "according to" source of each, read once.

    ``Token.sent`` walks the sentence on every call, and a sentence's source was looked
    up afresh for each of its figures by reading all its words.
    """

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        # Read on first use: most articles have few figures, some none.
        self._spans: list[Span] | None = None
        self._starts: list[int] = []
        self._according: list[int] | None = None
        self._sources: dict[int, Token | None] = {}

    def of(self, token: Token) -> Span:
        """The sentence of ``token``, as :func:`sentence` finds it."""
        if self._spans is None:
            doc = self.doc
            self._spans = list(doc.sents) if doc.has_annotation("SENT_START") else [doc[:]]
            self._starts = [span.start for span in self._spans]
        return self._spans[bisect.bisect_right(self._starts, token.i) - 1]

    def according_to(self, sent: Span) -> Token | None:
        """:func:`according_to` of one of the sentences."""
        if self._according is None:
            # Only the tokens that read "according" can open "according to X".
            doc = self.doc
            found = numpy.flatnonzero(doc.to_array(LOWER) == doc.vocab.strings["according"])
            self._according = found.tolist()
        if sent.start not in self._sources:
            doc = sent.doc
            lo = bisect.bisect_left(self._according, sent.start)
            hi = bisect.bisect_left(self._according, sent.end, lo)
            self._sources[sent.start] = _according_to([doc[i] for i in self._according[lo:hi]])
        return self._sources[sent.start]


def noun_phrase(head: Token) -> Span:
    """The noun phrase headed by ``head``: its modifiers and a trailing name, no clauses."""
    start = head.i
    for child in head.lefts:
        dep = child.dep_
        if dep in _LEFT_DEPS or dep == "det":
            start = min(start, child.left_edge.i)
    end = head.i
    for child in head.rights:
        dep = child.dep_
        if dep in ("appos", "compound", "flat") and child.pos_ == "PROPN":
            end = max(end, child.right_edge.i)
        elif dep == "case":
            end = max(end, child.i)
    doc = head.doc
    while start < end:
        first = doc[start]  # a new Token on every access: read it once
        if not (first.pos_ in ("DET", "PUNCT") or first.is_punct):
            break
        start += 1
    return doc[start : end + 1]


def counted_head(figure: Span, dimension: str | None, form: str) -> Token | None:
    """The noun a figure counts; ``figure`` is the span of the figure's own words.

    "tens of thousands" counts nothing by its own "of"; "two-thirds of the voters"
    may hang its "of" on either half of the fraction.
    """
    if dimension not in (None, "count", "percent") and form != "fraction":
        return None
    anchor: Token = figure.root
    end: int = figure.end_char
    for token in (anchor, *figure):
        for child in token.rights:
            if child.dep_ == "prep" and child.lower_ == "of" and child.idx >= end:
                objects: list[Token] = [c for c in child.children if c.dep_ == "pobj"]
                if objects and objects[0].pos_ in ("NOUN", "PROPN", "PRON"):
                    return objects[0]
    if dimension == "percent" or form == "fraction":
        # "Half the wells": the fraction stands before the noun it divides.
        head = anchor.head
        if anchor.dep_ in ("predet", "nummod", "quantmod", "npadvmod") and head.i > anchor.i:
            return head if head.pos_ in ("NOUN", "PROPN") else None
        return None
    head = anchor.head
    if anchor.dep_ in _COUNTED_DEPS and head.i > anchor.i and head.pos_ in ("NOUN", "PROPN"):
        # "a two bedroom flat", "the 9 nation pact": the noun the compound
        # belongs to is what was counted.
        for above in climb(head, through={"compound"}):
            if above.i < head.i or above.pos_ != "NOUN":
                break
            head = above
        return head
    if anchor.pos_ == "NOUN" and anchor.lemma_.lower() in _ELLIPSIS:
        return anchor
    return None


# Adjectives that are stop words yet name a kind of thing ("six other envoys").
_KEEP_STOP_ADJ = {"other"}


def _lemma(token: Token) -> str:
    """A word's dictionary form; plural names lose their "s" ("Ostrivians")."""
    if token.pos_ != "PROPN":
        return str(token.lemma_).lower()
    text = str(token.text).lower()
    return text[:-1] if token.tag_ == "NNPS" and text.endswith("s") else text


def _has_number(token: Token) -> bool:
    return any(c.like_num or c.pos_ == "NUM" for c in token.subtree)


def _content(tokens: list[Token], after: int) -> list[str]:
    return [
        _lemma(t)
        for t in tokens
        if t.idx >= after
        and t.pos_ in ("NOUN", "PROPN", "ADJ")
        and (not t.is_stop or t.lower_ in _KEEP_STOP_ADJ)
        and t.text[0].isalpha()
    ]


def unit_phrase(head: Token, after: int) -> str:
    """A counted noun as a unit, the NewsQuant way: the lemmas of its content words.

    ``after`` is where the figure's own words end, so that nothing of the number ("7 B
    people") leaks into the unit. A common-noun "of" object joins the unit ("900
    crates of medicine" → "crate medicine", the NewsQuant reading); a name or
    another figure does not ("three seasons of Border Nights", "rounds of four days").
    """
    # Only the words up to the head noun: a name or list after it ("two provinces, Vessa
    # and Orr") is no part of the unit.
    words = _content([t for t in noun_phrase(head) if t.i <= head.i], after)
    for obj in _prep_object(head, "of")[:1]:
        phrase = list(noun_phrase(obj))
        if not _has_number(obj) and not any(t.pos_ == "PROPN" for t in phrase):
            words += _content(phrase, after)
    return " ".join(words) or head.lemma_.lower()


def _cues(lemma: str, role: str) -> str | None:
    for cue in kind_cues().get(lemma, ()):
        if cue.role == role:
            return cue.kind
    return None


def _any_cue(tokens: list[Token], role: str) -> str | None:
    for token in tokens:
        kind = _cues(token.lemma_.lower(), role) or _cues(token.lower_, role)
        if kind is not None:
            return kind
    return None


def _prep_object(token: Token, prep: str) -> list[Token]:
    return [
        obj
        for child in token.children
        if child.dep_ == "prep" and child.lower_ == prep
        for obj in child.children
        if obj.dep_ == "pobj"
    ]


def _is_hostage_noun(counted: Token | None) -> bool:
    if counted is None:
        return False
    cues: tuple[KindCue, ...] = kind_cues().get(counted.lemma_.lower(), ())
    return any(c.kind == "hostages_held" and c.role == "default" for c in cues)


def _governor_kind(start: Token, counted: Token | None) -> str | None:
    """The kind a verb, adjective or "of"-noun above ``start`` decides, if any."""
    hostage = _is_hostage_noun(counted)
    if counted is not None:
        # "30 people killed", "captives who are still held"
        modifiers = [c for c in counted.children if c.dep_ in ("acl", "relcl", "amod")]
        kind = _any_cue(modifiers, "governor")
        if kind is None and hostage:
            kind = _any_cue(modifiers, "hostage")
        if kind is not None:
            return kind
    walk = list(climb(start, 11, with_self=True))
    if len(walk) < 12:
        # Below its bound the walk reads the sentence's root twice, the second time as a
        # governor above itself: a root adjective or verb ``start`` is its own governor.
        walk.append(walk[-1])
    came_by = ""
    for step, token in enumerate(walk):
        first = step == 0
        lemma = token.lemma_.lower()
        if not first:
            if token.pos_ in ("VERB", "ADJ", "AUX"):
                kind = _cues(lemma, "governor") or (_cues(lemma, "hostage") if hostage else None)
                if kind is not None:
                    return kind
            if token.pos_ == "NOUN" and came_by == "of":
                kind = _cues(lemma, "of")
                if kind is not None:
                    return kind
        if token.pos_ in ("VERB", "AUX") or (first and token.pos_ == "ADJ"):
            kind = _any_cue(_prep_object(token, "from"), "from") or _any_cue(
                _prep_object(token, "in"), "in"
            )
            if kind is not None:
                return kind
            complements = [
                c for c in token.children if c.dep_ in ("xcomp", "acomp", "oprd", "ccomp")
            ]
            kind = _any_cue(complements, "governor")
            if kind is not None:
                return kind
            if not first and came_by in _VALUE_OF_SUBJECT:
                kind = _subject_value_kind(token)
                if kind is not None:
                    return kind
            if not first and token.pos_ == "VERB":
                return None
        # Remember the preposition we climb through ("claimed the lives OF nine"), across the
        # preposition's own step up to its head.
        if token.dep_ == "pobj":
            came_by = token.head.lower_
        elif token.dep_ != "prep":
            came_by = token.dep_
    return None


# How a figure hangs from a verb when it states the value of the verb's subject: "the toll
# has risen TO 19", "stood AT 19", "reached 19" (dobj), "is 19" (attr).
_VALUE_OF_SUBJECT = frozenset({"to", "at", "dobj", "attr"})


def _subject_value_kind(verb: Token) -> str | None:
    """The kind a measure noun gives the value it takes as a subject.

    A noun a figure can be "of" ("a toll of 19", "a population of 800,000") names the same
    measure when the figure is its value in a clause: the toll that "has risen to at
    least 19" is a count of the dead, as a follow-up report usually words a revised toll.
    """
    subject = subject_of(verb, NOMINAL_SUBJECTS)
    return _cues(subject.lemma_.lower(), "of") if subject is not None else None


# Verbs that give their subject's age as a bare number: "he will be 35", "she turned 40".
_AGE_VERBS = frozenset({"be", "turn"})
# Nouns whose value is an age: "the average age is 41", "life expectancy is around 73".
_AGE_NOUNS = frozenset({"age", "expectancy", "lifespan"})
# Prepositions a value takes after "be": "is around 73", "was about 60".
_VALUE_PREPS = frozenset({"around", "about", "under", "over", "nearly", "almost", "at"})


def states_age(anchor: Token) -> bool:
    """Whether a bare whole number is someone's age in years.

    It is when it is what a person "is" or "turned" ("He will be 35", "Varn turned 60")
    or the value of an age ("life expectancy for men is around 73"). A person: a
    person's name or a singular personal pronoun; "they were 30" counts people as often.
    """
    verb = anchor.head
    if anchor.dep_ == "pobj" and verb.lower_ in _VALUE_PREPS:
        verb = verb.head
    elif anchor.dep_ not in ("attr", "acomp", "dobj", "oprd"):
        return False
    if verb.lemma_.lower() not in _AGE_VERBS or verb == anchor:
        return False
    subject = subject_of(verb, NOMINAL_SUBJECTS)
    if subject is None:
        return False
    if subject.lemma_.lower() in _AGE_NOUNS:
        return True
    return verb.lemma_.lower() == "turn" or (
        subject.lower_ in _PRONOUNS_PERSON or subject.ent_type_ == "PERSON"
    )


def figure_kind(anchor: Token, counted: Token | None, dimension: str | None, form: str) -> str:
    """The contract kind of a figure: money, duration, or what its words say was counted."""
    if dimension == "currency":
        return "money"
    if dimension == "time":
        return "duration"
    if counted is not None:
        nouns = [counted, *(c for c in counted.children if c.dep_ == "compound")]
        kind = _any_cue(nouns, "counted")
        if kind is not None:
            return kind
    kind = _governor_kind(counted if counted is not None else anchor, counted)
    if kind is not None:
        return kind
    if counted is not None:
        kind = _any_cue([counted, *counted.children], "in")
        if kind is not None:
            return kind
        if dimension != "percent" and form != "fraction":
            kind = _any_cue([counted], "default")
            if kind is not None:
                return kind
    return "other"


def is_sourcing_count(counted: Token | None) -> bool:
    """ "according to two officials", "three sources said": a count of sources."""
    if counted is None or counted.lemma_.lower() not in SOURCE_NOUNS:
        return False
    head = counted.head
    if counted.dep_ == "pobj" and head.lower_ == "to" and head.head.lower_ == "according":
        return True
    return counted.dep_ in NOMINAL_SUBJECTS and head.lemma_.lower() in REPORT_VERBS


def _name_of(head: Token, mentions: MentionIndex) -> str | None:
    """The canonical name of a source noun phrase, or its words without a determiner."""
    lower = head.lower_
    if head.pos_ in ("DET", "PRON", "NUM", "ADJ") and lower not in (
        _PRONOUNS_PERSON | _PRONOUNS_GROUP
    ):
        # "many of whom said", "this shows": no one to attribute the figure to.
        return None
    if lower in _PRONOUNS_PERSON or lower in _PRONOUNS_GROUP:
        types = ("PERSON",) if lower in _PRONOUNS_PERSON else ("ORG", "GPE", "NORP", "PERSON")
        mention = mentions.before(head.idx, types)
        return mention.name if mention is not None else None
    phrase = noun_phrase(head)
    mention = mentions.at(phrase.start_char, phrase.end_char)
    if mention is not None and mention.name:
        return mention.name
    text = phrase.text.strip()
    return text or None


def _author(head: Token) -> Token:
    """For a document noun ("a memo obtained by the Vessa Herald"), the noun of its author."""
    if head.lemma_.lower() not in _DOCUMENT_NOUNS:
        return head
    for child in head.children:
        if child.dep_ in NOUN_CLAUSES:
            for grand in child.children:
                if grand.dep_ == "agent" or (grand.dep_ == "prep" and grand.lower_ in ("in", "by")):
                    objects = [g for g in grand.children if g.dep_ == "pobj"]
                    if objects:
                        return objects[0]
        if child.dep_ == "prep" and child.lower_ in ("from", "by"):
            objects = [g for g in child.children if g.dep_ == "pobj"]
            if objects:
                return objects[0]
    return head


def according_to(sent: Span) -> Token | None:
    """The head noun of "according to X" in ``sent`` (the author, for a document)."""
    return _according_to(sent)


def _according_to(tokens: Iterable[Token]) -> Token | None:
    for token in tokens:
        if token.lower_ == "according":
            for child in token.children:
                if child.lower_ == "to":
                    objects = [c for c in child.children if c.dep_ == "pobj"]
                    if objects:
                        return _author(objects[0])
    return None


def _subject(verb: Token) -> Token | None:
    """The subject of ``verb``; for a passive, the agent ("was reported by X") if named."""
    subject = subject_of(verb, NOMINAL_SUBJECTS)
    agent = next(
        (o for c in verb.children if c.dep_ == AGENT for o in c.children if o.dep_ == "pobj"),
        None,
    )
    if subject is None or (subject.dep_ == PASSIVE_SUBJECT and agent is not None):
        return agent
    return subject


def reporter(anchor: Token) -> Token | None:
    """The subject of the reporting verb ``anchor``'s clause depends on, if any."""
    token = anchor
    # Each token with its head; the root is read as its own head ("said" as the anchor).
    for token in climb(anchor, 14, with_self=True):
        head = token.head
        if token.dep_ in NOUN_CLAUSES and head.pos_ in ("NOUN", "PROPN"):
            return None
        if head.pos_ == "VERB" and head.lemma_.lower() in REPORT_VERBS:
            if token.dep_ not in NOMINAL_SUBJECTS and token.dep_ != AGENT:
                return _subject(head)
            return None
    token = token.head
    # "30 people were killed, officials said": the reporting verb hangs off the root.
    for child in token.children:
        if (
            child.dep_ in ("parataxis", "advcl", "conj")
            and child.lemma_.lower() in REPORT_VERBS
            and child.i > anchor.i
        ):
            return _subject(child)
    return None


def figure_source(
    anchor: Token, mentions: MentionIndex, sentences: Sentences | None = None
) -> str | None:
    """Who the figure is attributed to: "according to X", or the reporting verb's subject.

    ``sentences``, the doc's :class:`Sentences`, saves reading the sentence again.
    """
    if sentences is not None:
        head = sentences.according_to(sentences.of(anchor))
    else:
        head = according_to(sentence(anchor))
    if head is None:
        head = reporter(anchor)
    if head is None:
        return None
    return _name_of(head, mentions)
