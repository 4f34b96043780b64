"""The arguments of an event: actor, target, place, date, status and the words it spans.

Names come from the entities extractor's mentions where there is one at the phrase's head
(:class:`~storyline.extract.mentions.MentionIndex`); otherwise from the phrase itself, a
fuller form of a person's name found elsewhere in the document, or, for pronouns, the
nearest fitting name before them. That fallback is deliberately small: once mentions exist
they decide.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from ...lexicons.datelines import DATELINE
from ..common.mentions import MentionIndex
from ..common.syntax import (
    AGENT,
    NOMINAL_SUBJECTS,
    PASSIVE_MARKS,
    PASSIVE_SUBJECT,
    agent_of,
    climb,
    governing_verb,
    subject_of,
)
from .frames import Reading, is_pronoun
from .lexicon import LIGHT_VERBS, NON_ACTOR_NOUNS, load_lexicon
from .triggers import ACTOR_TYPES, NOT_NAMES, must_clause, noun_agent

# Common nouns that stand for the organization they belong to ("army bulldozers").
ORGANIZATION_NOUNS = frozenset(
    {"army", "military", "police", "government", "navy", "force", "forces", "guard",
     "ministry", "cabinet", "parliament", "authority", "authorities", "regime", "militia"}
)  # fmt: skip
# Verbs whose subject takes part in the event noun they govern: "staged a protest",
# "converged for a rally", "remained on alert", "returned to Geneva for talks".
TAKING_PART = LIGHT_VERBS | frozenset(
    {"converge", "gather", "march", "remain", "stay", "go", "come", "travel", "arrive",
     "return", "head", "meet", "assemble", "rally", "keep", "maintain", "engage", "fight"}
)  # fmt: skip
# Words that count people: the actor is whom they count.
CROWDS = frozenset(
    {"thousand", "thousands", "hundred", "hundreds", "dozen", "dozens", "ten", "tens",
     "million", "millions", "group", "crowd", "number", "band", "handful", "score", "scores",
     "third", "half", "majority", "some", "many", "most", "one", "two", "patch", "contingent"}
)  # fmt: skip
MEETING_NOUNS = frozenset({"meeting", "talk", "session", "call", "consultation", "discussion"})
# Passive verbs whose subject is the subject of their infinitive ("is expected to meet").
RAISING_VERBS = frozenset(
    {"expect", "schedule", "set", "due", "slate", "suppose", "say", "believe", "report",
     "think", "poise", "bind", "plan", "ask", "urge", "press", "force", "order", "invite"}
)  # fmt: skip
# Prepositions over a stretch of time or against something: no participation.
LONG_PREPS = frozenset({"throughout", "despite", "since", "amid", "amidst", "over", "without"})
PERSON_PRONOUNS = frozenset({"he", "she", "him", "her", "his", "hers", "himself", "herself"})
GROUP_PRONOUNS = frozenset({"it", "its", "they", "them", "their", "we", "our", "us", "itself"})
PLACE_TYPES = ("GPE", "LOC", "FAC")
PLACE_PREPS = frozenset({"in", "at", "near", "outside", "inside", "into", "across", "around"})
TARGET_PREPS = ("with", "against", "on", "to", "at", "from", "for")
# Prepositions kept on a common-noun actor ("doctors from two aid groups", "rebels in the
# north"); on a name only "of" is ("the Government of Lirevia").
NOUN_PHRASE_PREPS = frozenset({"of", "from", "in"})
# What speaks for its author: "a declaration demanding", "a statement calling for".
DOCUMENT_NOUNS = frozenset(
    {"declaration", "statement", "communique", "letter", "resolution", "report", "note",
     "message", "appeal", "petition", "decree", "order", "memo", "release", "post"}
)  # fmt: skip
DROPPED_CHILDREN = frozenset(
    {"appos", "relcl", "acl", "punct", "cc", "advcl", "parataxis", "ccomp", "xcomp", "case"}
)
NESTED_CLAUSES = frozenset({"relcl", "acl", "advcl", "ccomp", "xcomp", "parataxis"})
LEADING_WORDS = frozenset(
    {"the", "a", "an", "this", "that", "these", "those", "its", "their", "his", "her"}
)

_QUOTES = re.compile(r"“[^”]*”|\"[^\"\n]*\"|``.*?''|(?:(?<=\s)|^)‘[^’]*’(?!\w)", re.DOTALL)


def quoted_tokens(doc: Doc, text: str | None = None) -> set[int]:
    """Indices of tokens inside quotation marks: what a speaker said is not reported fact.

    ``text`` is ``doc.text`` when the caller has it (``Doc.text`` rebuilds it per access).
    """
    inside: set[int] = set()
    for match in _QUOTES.finditer(doc.text if text is None else text):
        span = doc.char_span(match.start(), match.end(), alignment_mode="expand")
        if span is not None:
            inside.update(range(span.start, span.end))
    return inside


@dataclass(frozen=True)
class Dateline:
    """ "VANTIS, Lirevia (Kestrel Wire) —": the place (Vantis) and where the line ends."""

    start: int
    end: int
    place: str
    stop: int


def find_dateline(doc: Doc, text: str | None = None) -> Dateline | None:
    """The article's dateline, if its text (``doc.text``, or ``text`` if given) opens with one."""
    match = DATELINE.match(doc.text if text is None else text)
    if match is None:
        return None
    start, end = match.span(1)
    return Dateline(start, end, match[1].title(), match.end())


class Names:
    """Canonical names for phrases of one document."""

    def __init__(self, doc: Doc, index: MentionIndex, skip_until: int = 0) -> None:
        self.doc = doc
        self.index = index
        # Characters before this belong to the dateline: never a sentence's subject.
        self.skip_until = skip_until
        ents = list(doc.ents)
        self._persons = [e for e in ents if e.label_ == "PERSON"]
        self._person_ends = [e.end for e in self._persons]
        self._ent_at = {i: e for e in ents for i in range(e.start, e.end)}
        # For each final part of a person's name, the longest name ending with it (the
        # first of that length): reading every name for every person mentioned was
        # quadratic in a long text.
        self._fullest: dict[tuple[str, ...], tuple[int, str]] = {}
        for ent in self._persons:
            words = tuple(ent.text.split())
            for n in range(1, len(words) + 1):
                known = self._fullest.get(words[-n:])
                if known is None or len(words) > known[0]:
                    self._fullest[words[-n:]] = (len(words), ent.text)
        # Token.sent walks the whole document each time: keep the sentences once.
        self._sentences = list(doc.sents)
        self._sentence_starts = [s.start for s in self._sentences]

    def sentence(self, token: Token) -> Span:
        """The sentence holding ``token``."""
        return self._sentences[bisect.bisect_right(self._sentence_starts, token.i) - 1]

    def ent_at(self, token: Token) -> Span | None:
        """The named-entity span ``token`` is part of, if any."""
        return self._ent_at.get(token.i)

    def name(self, head: Token | None) -> str | None:
        """The canonical name of the phrase headed by ``head``; None when unknowable."""
        if head is None:
            return None
        if head.idx < self.skip_until:
            # The parser takes "VANTIS, Lirevia —" for the subject of the first sentence;
            # the real subject hangs from it as an apposition.
            later = [c for c in head.children if c.idx >= self.skip_until]
            return self.name(later[0]) if later else None
        counted = _counted(head)
        if counted is not None:  # "Thousands of Mardan students": the students
            return self.name(counted)
        if head.ent_type_ in NOT_NAMES:
            return None
        if is_pronoun(head):
            return self.pronoun(head)
        head = organization_of(head) or head
        if self.index.mentions:
            mention = self.index.at(head.idx, head.idx + len(head))
            # A mention the entities extractor resolved ("the top diplomat" → a person,
            # "Varn" → "Ilsa Varn") names the actor; one that names only itself
            # ("Leaders", "Mardans") says less than its phrase ("Mardans of the northern
            # valley").
            if mention is not None and mention.name and mention.name != mention.text:
                return mention.name
        if head.lemma_.lower() in NON_ACTOR_NOUNS:
            owner = _author_of(head)
            return self.name(owner) if owner is not None else None
        if head.ent_type_ == "PERSON":
            return self._fullest_person(head)
        text = phrase_text(head)
        return text or None

    def _fullest_person(self, head: Token) -> str:
        """The longest PERSON name in the document that ends like this one."""
        ent = self._ent_at.get(head.i)
        if ent is None or ent.label_ != "PERSON":
            return head.text
        words = tuple(ent.text.split())
        length, fullest = self._fullest.get(words, (0, ""))
        return fullest if length > len(words) else ent.text

    def _is_person(self, token: Token) -> bool:
        if token.ent_type_ == "PERSON":
            return True
        mention = self.index.at(token.idx, token.idx + len(token)) if self.index.mentions else None
        return mention is not None and mention.type == "PERSON"

    def _previous_subject(self, sentence: Span) -> str | None:
        """The person the sentence before ``sentence`` has as its main subject, by name."""
        number = bisect.bisect_right(self._sentence_starts, sentence.start) - 1
        if number < 1:
            return None
        subject = subject_of(self._sentences[number - 1].root)
        if subject is None or is_pronoun(subject) or not self._is_person(subject):
            return None
        return self.name(subject)

    def pronoun(self, token: Token) -> str | None:
        """What a pronoun stands for: the nearest fitting name before it."""
        low = token.lower_
        if low in PERSON_PRONOUNS:
            # "In his talks with X, Reyk …": the pronoun looks ahead to the subject.
            sentence = self.sentence(token)
            subject = subject_of(sentence.root)
            if subject is not None and subject.i > token.i and self._is_person(subject):
                return self.name(subject)
            if token.dep_ in NOMINAL_SUBJECTS:
                # A subject pronoun continues the previous sentence's subject ("The
                # President spoke with the King. He stressed …"), the centre of attention,
                # before the nearest name.
                previous = self._previous_subject(sentence)
                if previous is not None:
                    return previous
            if self.index.mentions:
                mention = self.index.before(token.idx, ("PERSON",))
                return mention.name if mention is not None else None
            before = bisect.bisect_right(self._person_ends, token.i)
            return self._fullest_person(self._persons[before - 1].root) if before else None
        if low not in GROUP_PRONOUNS:
            return None
        for child in token.children:  # "We, the leaders of the G7, condemn"
            if child.dep_ == "appos":
                return self.name(child)
        speaker = _reporting_subject(token)
        if speaker is not None:
            return self.name(speaker)
        if self.index.mentions:
            mention = self.index.before(token.idx, ("ORG", "GPE", "NORP"))
            if mention is not None and mention.end >= self.sentence(token).start_char:
                return mention.name
            return None
        groups = [
            e
            for e in self.sentence(token).ents
            if e.end <= token.i and e.label_ in ("ORG", "GPE", "NORP")
        ]
        return phrase_text(groups[-1].root) if groups else None


# Documents that speak for whoever wrote them: "the Front's response proposes", "the
# Lirevian plan calls for".
AUTHORED_NOUNS = frozenset(
    {"response", "plan", "proposal", "statement", "letter", "report", "resolution", "draft",
     "offer", "counterproposal", "declaration", "document"}
)  # fmt: skip


def _author_of(noun: Token) -> Token | None:
    """The named owner of a document noun ("the Front's response", "the Lirevian plan")."""
    if noun.lemma_.lower() not in AUTHORED_NOUNS:
        return None
    for child in noun.lefts:
        if child.dep_ == "poss" and not is_pronoun(child):
            return child
        if child.dep_ in ("compound", "amod", "nmod") and child.ent_type_ in ACTOR_TYPES:
            return child
    return None


def _counted(head: Token) -> Token | None:
    """The "of" noun after a number or a crowd word ("thousands of", "a group of")."""
    if not (head.ent_type_ == "CARDINAL" or head.pos_ == "NUM" or head.lemma_.lower() in CROWDS):
        return None
    for prep in head.children:
        if prep.dep_ == "prep" and prep.lower_ == "of":
            return next((c for c in prep.children if c.dep_ == "pobj"), None)
    return None


def organization_of(head: Token) -> Token | None:
    """For "Relief Office officials", "Rovanian army bulldozers": the organization they act for.

    A common noun with an organization's name (or an army, a police) compounded before
    it is that organization acting; a country's name before it is not ("Mardan officials"
    stay officials).
    """
    if head.pos_ != "NOUN":
        return None
    for child in head.lefts:
        # "European Community foreign ministers": the parser hangs a name as nmod too.
        if child.dep_ not in ("compound", "nmod"):
            continue
        if child.ent_type_ == "ORG" or child.lemma_.lower() in ORGANIZATION_NOUNS:
            return child
    return None


def _reporting_subject(pronoun: Token) -> Token | None:
    """For "X said it will …", the X: the subject of the verb the pronoun's clause hangs from."""
    for verb in climb(pronoun.head, 4, through={"ccomp", "xcomp", "conj", "advcl"}):
        subject = subject_of(verb)
        if subject is not None and not is_pronoun(subject):
            return subject
    return None


def phrase_span(head: Token) -> tuple[int, int]:
    """Token range of the noun phrase headed by ``head``, without clauses and appositions."""
    keep_conj = head.pos_ == "NOUN"
    dropped: set[int] = set()
    for child in head.children:
        drop = child.dep_ in DROPPED_CHILDREN or (child.dep_ in ("conj", "cc") and not keep_conj)
        if child.dep_ == "cc" and keep_conj:
            drop = False
        if child.dep_ == "prep" and child.i > head.i:
            allowed = NOUN_PHRASE_PREPS if head.pos_ == "NOUN" else {"of"}
            drop = child.lower_ not in allowed
        if drop:
            dropped.update(t.i for t in child.subtree)
    # A clause further down ("doctors from two groups [that] donated …") is no part of
    # the name either.
    for token in head.subtree:
        if token.i not in dropped and token != head and token.dep_ in NESTED_CLAUSES:
            dropped.update(t.i for t in token.subtree)
    kept = {t.i for t in head.subtree} - dropped
    start = end = head.i
    while start - 1 in kept:
        start -= 1
    while end + 1 in kept:
        end += 1
    doc = head.doc
    while start < head.i and (doc[start].lower_ in LEADING_WORDS or doc[start].is_punct):
        start += 1
    while end > head.i and doc[end].is_punct:
        end -= 1
    if end - start > 12:  # a runaway phrase: keep the head and what stands before it
        end = head.i
    return start, end + 1


def phrase_text(head: Token) -> str:
    """The words of the noun phrase headed by ``head`` (see :func:`phrase_span`)."""
    start, end = phrase_span(head)
    text = head.doc[start:end].text
    if text.count("(") > text.count(")"):  # "Union of Teachers (NUT" → drop the aside
        text = text[: text.rindex("(")].rstrip()
    return text


def is_passive(verb: Token) -> bool:
    """Whether ``verb`` is in the passive voice ("was briefed", "were killed"), or a bare
    past participle with a "by" agent ("families taken hostage by the Front", where the
    parser may still call "families" its subject): without "have", that is a passive."""
    if any(c.dep_ in PASSIVE_MARKS for c in verb.children):
        return True
    return (
        verb.tag_ == "VBN"
        and any(c.dep_ == AGENT for c in verb.children)
        and not any(c.dep_ == "aux" and c.lemma_ == "have" for c in verb.children)
    )


def clause_subject(verb: Token) -> Token | None:
    """Who does what ``verb`` says: its subject, the agent of a passive, or a controller."""
    for step in range(6):
        if is_passive(verb):
            if step and verb.lemma_.lower() in RAISING_VERBS:
                # "He is expected to meet …": the one expected is the one who meets.
                return next((c for c in verb.children if c.dep_ == PASSIVE_SUBJECT), None)
            return agent_of(verb)
        subject = subject_of(verb)
        if subject is not None:
            if subject.lower_ in ("who", "which", "that") and verb.dep_ == "relcl":
                return verb.head
            return subject
        if verb.dep_ == "acl" and verb.head.lemma_.lower() in DOCUMENT_NOUNS:
            # "issued a declaration demanding …": whoever issued it demands.
            verb = governing_verb(verb.head) or verb.head
            continue
        if verb.dep_ == "acl" and verb.tag_ in ("VBN", "VBD"):
            root = _noun_root(verb)
            if root is not None:
                return root
        if verb.dep_ == "relcl" or (verb.dep_ == "acl" and verb.tag_ == "VBG"):
            return verb.head
        if verb.dep_ not in ("xcomp", "conj", "advcl", "pcomp", "acomp") or verb.head == verb:
            return None
        verb = verb.head
        if verb.pos_ == "ADP":  # "after meeting with X": the preposition's verb
            verb = verb.head
    return None


def _noun_root(verb: Token) -> Token | None:
    """The subject the parser lost when it made a sentence's first noun its root.

    "Doctors from two aid groups donated and delivered goods": with no finite verb at the
    root, the parser hangs the verb on the nearest noun as a participle. A participle
    that takes a direct object (it, or a verb joined to it) is active, so it is the
    sentence's verb and the root noun its subject; "troops killed in an ambush" (a
    headline's passive participle, no object) stays as it is.
    """
    root = verb
    for head in climb(verb, 16):
        root = head
    if root.head.i != root.i or root.pos_ not in ("NOUN", "PROPN") or root.i > verb.i:
        return None
    if any(c.dep_ in (AGENT, "auxpass") for c in verb.children):
        return None
    verbs = (verb, *verb.conjuncts)
    return root if any(c.dep_ == "dobj" for v in verbs for c in v.children) else None


def inherited_actor(noun: Token, meeting: bool) -> Token | None:
    """The subject of the clause an event noun hangs from, where it is the noun's agent.

    "Prisoners were converging for a rally", "troops remained on alert": the noun is the
    verb's object or sits in a phrase on the verb. A meeting's participants are the
    clause's subject from further down ("said … following a day of meetings with").
    """
    verb = governing_verb(noun)
    if verb is None or noun.dep_ in NOMINAL_SUBJECTS:
        return None
    # "Throughout months of talks, the Front has said": a stretch of time, not a meeting of its.
    for current in climb(noun, with_self=True):
        if current.i == verb.i or current.head.i == current.i:
            break
        if current.dep_ == "prep" and current.lower_ in LONG_PREPS:
            return None
    near = noun.head == verb or noun.head.head == verb
    if not meeting and not (near and verb.lemma_.lower() in TAKING_PART):
        # "appearing to reference ongoing protests": mentioning a protest is not holding it.
        return None
    subject = clause_subject(verb)
    if subject is not None and subject.lemma_.lower() in load_lexicon().nouns:
        return None  # "the freeing of the hostages must bring …": an act, not an actor
    if subject is not None and subject.left_edge.i <= noun.i <= subject.right_edge.i:
        return None  # "the sixth round of talks will open": the talks are the subject
    return subject


def actor_token(reading: Reading) -> Token | None:
    """The token heading the actor phrase of an event, before naming.

    An event noun that names no agent gets none here; :func:`inherited_actor` is the
    caller's choice (the sentence's main event or a meeting).
    """
    head = reading.head
    if head.kind == "noun":
        return noun_agent(head.token)
    if head.kind == "light" and head.noun is not None:
        own = noun_agent(head.noun)
        if own is not None and own.dep_ == "prep":
            return own
    verb = head.token
    if head.kind == "intent" and verb.pos_ == "ADJ":
        verb = verb.head
    return clause_subject(verb)


def target_token(reading: Reading) -> Token | None:
    """The token heading the target phrase: object, "with"/"against" noun, or the addressee.

    A thing someone owns stands for its owner: rejecting "the Front's counterproposal"
    targets the Front.
    """
    found = _target_token(reading)
    if found is not None and found.pos_ == "NOUN":
        owner = next((c for c in found.children if c.dep_ == "poss"), None)
        if owner is not None and not is_pronoun(owner):
            return owner
    return found


def _target_token(reading: Reading) -> Token | None:
    head = reading.head
    token = head.token
    if head.kind == "must":
        clause = must_clause(head)
        return subject_of(clause) if clause is not None else None
    owners = [head.noun] if head.kind == "light" and head.noun is not None else []
    owners.append(token)
    if head.kind not in ("noun",) and is_passive(token):
        passive = next((c for c in token.children if c.dep_ == PASSIVE_SUBJECT), None)
        if passive is not None:
            return passive
    if head.kind in ("verb",):
        for child in token.children:
            if child.dep_ in ("dobj", "dative") and _nameable(child):
                return child
    for owner in owners:
        # Read the children once, not once for each preposition.
        preps = [c for c in owner.children if c.dep_ in ("prep", "dative")]
        words = [c.lower_ for c in preps]
        for prep in TARGET_PREPS:
            for child, word in zip(preps, words, strict=True):
                if word == prep:
                    pobj = next((c for c in child.children if c.dep_ == "pobj"), None)
                    if pobj is not None and _nameable(pobj):
                        return pobj
    if reading.inner is not None and reading.inner is not head:
        inner = Reading(reading.inner, reading.inner.type, None, None, [], 0)
        return _target_token(inner)
    return None


def _nameable(token: Token) -> bool:
    """Whether a phrase can be a target: a name, a group of people, not an amount or idea."""
    if token.pos_ in ("NUM", "PRON") and token.lower_ not in ("him", "her", "them"):
        return False
    if token.ent_type_ in NOT_NAMES:
        return False
    return (
        token.ent_type_ in ACTOR_TYPES
        or token.pos_ == "PROPN"
        or (
            token.pos_ == "NOUN"
            and any(c.ent_type_ in ACTOR_TYPES or c.pos_ == "PROPN" for c in token.lefts)
        )
    )


def meeting_partner(reading: Reading) -> Token | None:
    """Whom a meeting was with: the "with" noun of the trigger or of a meeting it took in."""
    head = reading.head.token
    owners = [head, *(t for t in head.subtree if t.lemma_.lower() in MEETING_NOUNS)]
    for owner in owners:
        for child in owner.children:
            if child.dep_ == "prep" and child.lower_ == "with":
                pobj = next((c for c in child.children if c.dep_ == "pobj"), None)
                if pobj is not None and _nameable(pobj):
                    return pobj
    return None


def location_token(reading: Reading, names: Names) -> Span | None:
    """The place named with the event ("in Kesh", "at the Lune crossing"), as an entity."""
    owners: list[Token] = [reading.head.token]
    if reading.head.noun is not None:
        owners.append(reading.head.noun)
    verb = governing_verb(reading.head.token) if reading.head.kind == "noun" else None
    if verb is not None:
        owners.append(verb)
    for owner in owners:
        for objects in (owner.children, *(o.children for o in owner.children if o.dep_ == "dobj")):
            for child in objects:
                if child.dep_ != "prep" or child.lower_ not in PLACE_PREPS:
                    continue
                for pobj in child.children:
                    place = _place_ent(pobj, names)
                    if pobj.dep_ == "pobj" and place is not None:
                        return place
    return None


def _place_ent(token: Token, names: Names) -> Span | None:
    ent = names.ent_at(token)
    if ent is not None and ent.label_ in PLACE_TYPES:
        return ent
    for child in token.children:  # "the town of Kesh", "southern Marda"
        if child.dep_ == "prep" and child.lower_ == "of":
            for pobj in child.children:
                if pobj.ent_type_ in PLACE_TYPES:
                    return _place_ent(pobj, names)
    return None


def event_span(reading: Reading) -> tuple[int, int]:
    """Character offsets of the trigger words: verb and particle, event noun, promised act."""
    head = reading.head
    tokens: list[Token] = [head.token]
    tokens += [c for c in head.token.children if c.dep_ == "prt"]
    nouns = [t for t in (head.noun,) if t is not None]
    if head.kind == "noun":
        nouns.append(head.token)
    for noun in nouns:
        tokens.append(noun)
        tokens += [c for c in noun.lefts if c.dep_ in ("compound", "amod", "poss", "nmod")]
    inner = reading.inner
    if inner is not None and abs(inner.token.i - head.token.i) <= 12:
        tokens.append(inner.token)
    sent = head.sentence if head.sentence is not None else head.token.sent
    tokens = [t for t in tokens if sent.start <= t.i < sent.end]
    first = min(tokens, key=lambda t: t.i)
    last = max(tokens, key=lambda t: t.i)
    return first.idx, last.idx + len(last)
