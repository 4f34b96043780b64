"""Finding PLOVER trigger candidates in one sentence.

A candidate is a token that signals an event: a verb of the verb lexicon whose conditions
hold ("lifted the curfew"), a light verb whose object is an event noun ("staged a
protest"), an event noun ("the attack", "talks"), a word of intent with an event in its
complement ("ready to host"), or a verb of saying whose complement says what someone
"must" do. Which candidates become events, and with which final type, is decided in
:mod:`.events_frames`.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, Literal

import numpy
from spacy.attrs import DEP, LEMMA, LOWER, POS, TAG
from spacy.symbols import ADJ, AUX, NOUN, PROPN, VERB
from spacy.tokens import Doc, Span, Token

from ..common.syntax import (
    CLAUSAL_COMPLEMENTS,
    NOUN_MODIFIERS,
    PASSIVE_SUBJECT,
    subject_of,
)
from .lexicon import (
    COMMIT_VERBS,
    EXPECT_WORDS,
    IGNORE,
    INTENT_WORDS,
    LIGHT_VERBS,
    OBLIGATION_WORDS,
    PREPARE_VERBS,
    QUANTITY_NOUNS,
    REPORT_VERBS,
    Lexicon,
    Trigger,
    load_verb_classes,
)
from .wordnet import is_a

# Verb lemmas the frames know besides the trigger lexicon: a mended lemma may be one.
KNOWN_VERBS = LIGHT_VERBS | INTENT_WORDS | PREPARE_VERBS | REPORT_VERBS | COMMIT_VERBS

Kind = Literal["verb", "light", "noun", "intent", "prepare", "must"]

# Entity labels that never name an actor, a target or a place.
NOT_NAMES = frozenset({"DATE", "TIME", "CARDINAL", "ORDINAL", "PERCENT", "MONEY", "QUANTITY"})
ACTOR_TYPES = ("ORG", "GPE", "NORP", "PERSON")
# "asking not to be identified": the formula of an anonymous source.
ANONYMITY = frozenset({"identify", "name", "quote"})
# Common nouns for parties that can be told what they must do.
PARTY_NOUNS = frozenset(
    {"government", "side", "party", "country", "state", "nation", "leader", "official",
     "authority", "force", "troop", "army", "military", "group", "movement", "militant",
     "rebel", "regime", "council", "parliament", "administration", "minister", "president",
     "community", "member", "ally", "neighbor", "neighbour", "mediator", "negotiator"}
)  # fmt: skip
OBJECT_DEPS = frozenset({"dobj", "obj", "attr", "oprd"})
MODIFIER_DEPS = frozenset({"compound", "amod", "nmod", "npadvmod", "poss"})
PARTICLE_DEPS = frozenset({"prt", "prep", "advmod", "agent", "dative"})


@dataclass
class Candidate:
    """One trigger in a sentence; ``noun`` is the event noun a light verb takes."""

    token: Token
    type: str
    mode: str | None
    kind: Kind
    noun: Token | None = None
    lemma: str = ""
    sentence: Span | None = None

    @property
    def anchors(self) -> set[int]:
        """Token indices that belong to the trigger itself (verb, particle, event noun)."""
        out = {self.token.i}
        if self.noun is not None:
            out.add(self.noun.i)
        return out


def object_lemmas(head: Token) -> set[str]:
    """The lemmas an object condition is checked against: head, modifiers, "of" noun.

    ``the state of emergency`` gives {state, emergency}; ``martial law`` also gives the
    two-word form; ``part of a military aid program`` reaches ``program`` and ``aid``.
    """
    out: set[str] = set()
    doc = head.doc
    for token in (head, *_of_objects(head)):
        lemma = token.lemma_.lower()
        out.add(lemma)
        out.add(token.lower_)
        if token.i >= 2 and doc[token.i - 1].text == "-" and not doc[token.i - 1].whitespace_:
            out.add(f"{doc[token.i - 2].lower_}-{lemma}")  # "cease-fire" is three tokens
        for child in token.lefts:
            if child.dep_ in MODIFIER_DEPS:
                out.add(child.lemma_.lower())
                out.add(f"{child.lemma_.lower()} {lemma}")
        for conj in token.conjuncts:
            out.add(conj.lemma_.lower())
    return out


def _of_objects(head: Token) -> Iterable[Token]:
    for prep in head.rights:
        if prep.dep_ == "prep" and prep.lower_ == "of":
            for pobj in prep.children:
                if pobj.dep_ == "pobj":
                    yield pobj


def verb_objects(verb: Token) -> list[Token]:
    """The verb's direct objects; for a passive verb, its grammatical subject."""
    children = [(c, c.dep_) for c in verb.children]  # Token.children makes new Tokens: once
    objects = [c for c, dep in children if dep in OBJECT_DEPS]
    if not objects and any(dep == "auxpass" for _, dep in children):
        objects = [c for c, dep in children if dep == PASSIVE_SUBJECT]
    return objects


def _particles(verb: Token) -> set[str]:
    """The particles and prepositions on ``verb``; a preposition of time is none.

    "called Varn on Tuesday" is no "call on": a preposition whose object is a date or a
    time ("on Tuesday", "at noon") places the act and makes no phrasal verb.
    """
    return {
        c.lower_
        for c in verb.children
        if c.dep_ in PARTICLE_DEPS
        and not (c.dep_ == "prep" and any(o.ent_type_ in ("DATE", "TIME") for o in c.children))
    }


# First words of two-word prepositions ("out of", "away from"): the parser hangs the
# second word on the first.
_COMPOUND_PREP_HEADS = frozenset({"out", "away", "back"})


def _prep_objects(token: Token, *preps: str) -> list[Token]:
    """The objects of the prepositions ``preps`` on ``token``, one preposition after another."""
    # Token.children makes new Tokens each time: read them once for all the prepositions.
    children = [(c, dep, c.lower_) for c in token.children if (dep := c.dep_) in _PREP_ARCS]
    out: list[Token] = []
    for prep in preps:
        for child, dep, word in children:
            if dep in ("prep", "agent", "dative") and word == prep:
                out.extend(c for c in child.children if c.dep_ == "pobj")
            elif dep in ("prt", "prep", "advmod") and word in _COMPOUND_PREP_HEADS:
                out.extend(_prep_objects(child, prep))  # "walked out | of the talks"
    return out


_PREP_ARCS = frozenset({"prep", "agent", "dative", "prt", "advmod"})


def _preps_hold(token: Token, preps: tuple[tuple[str, frozenset[str]], ...]) -> bool:
    for prep, nouns in preps:
        objects = _prep_objects(token, prep)
        if not objects:
            return False
        if nouns and not any(object_lemmas(o) & nouns for o in objects):
            return False
        if not nouns and all(o.ent_type_ in NOT_NAMES for o in objects):
            return False  # "a call for this evening" asks for nothing
    return True


def noun_agent(noun: Token) -> Token | None:
    """The agent an event noun names: "the Front's attack", "Rovanian raids", "by militias"."""
    for child in noun.children:
        if child.dep_ == "poss":
            return child
    for child in noun.lefts:
        if child.ent_type_ in NOT_NAMES:
            continue
        if child.dep_ in ("compound", "amod", "nmod") and (
            child.ent_type_ in ACTOR_TYPES
            or (
                child.pos_ in ("PROPN", "ADJ")
                and child.text[:1].isupper()
                and not child.is_sent_start
            )
        ):
            return child
    owners = [noun]
    if noun.dep_ == "pobj" and noun.head.lower_ == "of":
        owners.append(noun.head.head)  # "a deluge of strikes by militias"
    for owner in owners:
        if owner != noun and owner.lemma_.lower() not in QUANTITY_NOUNS:
            continue
        for child in owner.children:
            if child.dep_ == "prep" and child.lower_ == "by":
                return next((c for c in child.children if c.dep_ == "pobj"), None)
    # "the Front’s Oct. 3 attack": after a curly apostrophe the parser often loses the
    # possessive; the name just before the phrase still owns it.
    start = noun.left_edge.i
    doc = noun.doc
    if start >= 2 and doc[start - 1].text in ("’", "'") and doc[start - 2].pos_ == "PROPN":
        return doc[start - 2]
    return None


def verb_lemma(verb: Token, lexicon: Lexicon) -> str:
    """The verb's lemma, mended where the lemmatizer slips ("staged" → "stag").

    Regular inflections of the text are tried when spaCy's lemma is no word the lexicons
    know; the first known form wins.
    """
    lemma = verb.lemma_.lower()
    if lemma in lexicon.verbs or lemma in KNOWN_VERBS:
        return lemma  # the first form tried, and most often the one
    low = verb.lower_
    forms = [low]
    if low.endswith("ed"):
        forms += [low[:-1], low[:-2], low[:-3]]  # staged, attacked, shelled→shell via -ed
    if low.endswith("ing"):
        forms += [low[:-3], low[:-3] + "e", low[:-4]]
    if low.endswith("s"):
        forms += [low[:-1], low[:-2]]
    for form in forms:
        if form in lexicon.verbs or form in KNOWN_VERBS:
            return form
    return lemma


def match_verb(verb: Token, lexicon: Lexicon, lemma: str | None = None) -> Trigger | None:
    """The most specific verb-lexicon line that holds for ``verb``; None for IGNORE."""
    entries = lexicon.verbs.get(lemma or verb.lemma_.lower())
    if not entries:
        return None
    particles: set[str] | None = None  # each condition is read when a line asks for it
    objects: set[str] | None = None
    subjects: set[str] | None = None
    for entry in entries:
        if entry.particles:
            if particles is None:
                particles = _particles(verb)
            if not set(entry.particles) <= particles:
                continue
        if entry.objects or entry.object_classes:
            if objects is None:
                objects = set().union(*(object_lemmas(o) for o in verb_objects(verb)))
            if not entry.objects & objects and not _in_classes(objects, entry.object_classes):
                continue
        if entry.preps and not _preps_hold(verb, entry.preps):
            continue
        if entry.subjects or entry.subject_classes:
            if subjects is None:
                subject = subject_of(verb)
                subjects = {t.lemma_.lower() for t in subject.subtree} if subject else set()
            if not entry.subjects & subjects and not _in_classes(subjects, entry.subject_classes):
                continue
        return None if entry.type == IGNORE else entry
    return None


def _in_classes(lemmas: set[str], classes: frozenset[str]) -> bool:
    """Whether one of the words is a noun of one of the WordNet classes."""
    return bool(classes) and any(
        " " not in lemma and is_a(lemma, "n", classes) for lemma in lemmas if lemma.isalpha()
    )


def noun_modifiers(noun: Token) -> set[str]:
    """Compound and adjective lemmas before ``noun``, and the word of a hyphenated pair."""
    out = {c.lemma_.lower() for c in noun.lefts if c.dep_ in MODIFIER_DEPS}
    doc = noun.doc
    # "cease-fire", "sit-in": spaCy splits on the hyphen.
    if noun.i >= 2 and doc[noun.i - 1].text == "-" and not doc[noun.i - 1].whitespace_:
        out.add(doc[noun.i - 2].lower_)
    return out


def match_noun(noun: Token, lexicon: Lexicon) -> Trigger | None:
    """The most specific noun-lexicon line that holds for ``noun``; None for IGNORE."""
    entries = lexicon.nouns.get(noun.lemma_.lower()) or lexicon.nouns.get(noun.lower_)
    if not entries:
        return None
    modifiers: set[str] | None = None
    for entry in entries:
        if entry.modifiers:
            if modifiers is None:
                modifiers = noun_modifiers(noun)
            if not set(entry.modifiers) <= modifiers:
                continue
        if entry.preps and not _preps_hold(noun, entry.preps):
            continue
        return None if entry.type == IGNORE else entry
    return None


def is_event_noun(token: Token) -> bool:
    """Whether ``token`` can be an event noun: a noun, or a gerund used as one."""
    return token.pos_ in ("NOUN", "PROPN") or (token.pos_ == "VERB" and token.tag_ == "VBG")


def _light_noun(verb: Token, lexicon: Lexicon) -> tuple[Token, Trigger] | None:
    """The event noun a light verb takes: its object, a compound of it, or an "of" noun."""
    pool: list[Token] = []
    for obj in verb_objects(verb):
        pool.append(obj)
        pool.extend(c for c in obj.lefts if c.dep_ == "compound")
        if obj.lemma_.lower() in QUANTITY_NOUNS:
            pool.extend(_of_objects(obj))
        pool.extend(obj.conjuncts)
    pool.extend(_prep_objects(verb, "in", "under", "into", "on", "for"))
    for noun in pool:
        if is_event_noun(noun):
            entry = match_noun(noun, lexicon)
            if entry is not None:
                return noun, entry
    return None


def _party(token: Token) -> bool:
    """Whether a phrase can name a party: a name, a pronoun, or people and bodies."""
    if token.pos_ in ("PROPN", "PRON") or token.ent_type_ in ACTOR_TYPES:
        return True
    return token.pos_ == "NOUN" and (
        token.lemma_.lower() in PARTY_NOUNS or any(c.ent_type_ in ACTOR_TYPES for c in token.lefts)
    )


# "call for", "call on", "call off", "call up", "call in", "call out": other verbs.
_CALL_PARTICLES = frozenset({"for", "on", "upon", "off", "up", "in", "out", "into"})


def _calls_someone(verb: Token) -> bool:
    """ "Varn called Mallin", "Mallin was called by Varn": a telephone call, PLOVER's CONSULT.

    "call" with a party as its only object, and no particle or second object that makes
    another verb of it ("called for", "called off the strike", "called him a liar").
    """
    if _particles(verb) & _CALL_PARTICLES:
        return False
    if any(c.dep_ in ("oprd", "xcomp", "ccomp", "attr") for c in verb.children):
        return False
    objects = verb_objects(verb)
    return (
        len(objects) == 1
        and objects[0].lower_ not in ("it", "this", "that", "what")
        and _party(objects[0])
    )


def _has_xcomp(token: Token) -> bool:
    return any(c.dep_ in CLAUSAL_COMPLEMENTS for c in token.children)


def _must_clause(verb: Token, skip: set[int] | None = None) -> Token | None:
    """The complement of a verb of saying that says what someone must or should do.

    Someone: the clause's subject names a party ("the government must"), not a thing
    ("the freeing of the hostages must bring a halt" is a condition, not a demand).
    """
    for child in verb.children:
        if child.dep_ != "ccomp" or (skip and child.i in skip):
            continue
        subject = subject_of(child)
        if subject is None or not _party(subject):
            continue
        for aux in child.children:
            if aux.dep_ == "aux" and aux.lower_ in ("must", "should", "ought"):
                return child
        # "need to", "have to": the obligation verb heads the clause.
        if child.lemma_.lower() in OBLIGATION_WORDS and any(
            c.dep_ == "xcomp" for c in child.children
        ):
            return child
    return None


@dataclass(frozen=True)
class Sieve:
    """The tokens of a Doc that can be trigger candidates, sifted once per document.

    Most tokens are none by their part of speech, arc or lemma alone: :func:`find_candidates`
    creates a Token, which costs more than those tests, only for the tokens left. The
    labels are read in C (``Doc.to_array``) as the ids the vocabulary stores them as. Both
    lists are token indices in document order.
    """

    verbs: list[int]  # what _verb_candidate can take: adjectives and verbs, no modifier
    nouns: list[int]  # event nouns with a noun-lexicon entry, no compound nor free gerund

    @classmethod
    def of(cls, doc: Doc, lexicon: Lexicon) -> Sieve:
        if not len(doc):
            return cls([], [])
        strings = doc.vocab.strings
        labels = doc.to_array([POS, TAG, DEP, LEMMA, LOWER])
        pos, tag, dep = labels[:, 0], labels[:, 1], labels[:, 2]
        modifiers = [strings[label] for label in NOUN_MODIFIERS]
        verbs = _among(pos, [ADJ, VERB, AUX]) & ~_among(dep, modifiers)
        # is_event_noun, but for the compounds and the gerunds find_candidates passes over
        nouns = _among(pos, [NOUN, PROPN]) & (dep != strings["compound"])
        objects = _among(dep, [strings["pobj"], strings["dobj"]])
        nouns |= (pos == VERB) & (tag == strings["VBG"]) & objects
        indices: list[int] = nouns.nonzero()[0].tolist()
        lemmas: list[int] = labels[indices, 3].tolist()
        lowers: list[int] = labels[indices, 4].tolist()
        spelled: dict[int, str] = {}  # a document repeats its words: look each up once
        entered: list[int] = []
        for i, lemma_id, lower_id in zip(indices, lemmas, lowers, strict=True):
            lemma, lower = spelled.get(lemma_id), spelled.get(lower_id)
            if lemma is None:
                lemma = spelled[lemma_id] = strings[lemma_id].lower()
            if lower is None:
                lower = spelled[lower_id] = strings[lower_id]
            # What match_noun looks up first.
            if lexicon.nouns.get(lemma) or lexicon.nouns.get(lower):
                entered.append(i)
        return cls(verbs.nonzero()[0].tolist(), entered)


def _among(column: numpy.ndarray[Any, Any], ids: list[int]) -> numpy.ndarray[Any, Any]:
    """Where a column of label ids holds one of ``ids`` (numpy.isin costs more for a few)."""
    found: numpy.ndarray[Any, Any] = column == ids[0]
    for other in ids[1:]:
        found |= column == other
    return found


def _in_span(indices: list[int], span: Span) -> list[int]:
    """The indices of a sorted list that fall in ``span``."""
    start = bisect.bisect_left(indices, span.start)
    return indices[start : bisect.bisect_left(indices, span.end, start)]


def find_candidates(
    sentence: Span, lexicon: Lexicon, skip: set[int], sieve: Sieve | None = None
) -> list[Candidate]:
    """Every trigger candidate of one sentence, in text order.

    Args:
        sentence: the sentence span.
        lexicon: the trigger lexicons.
        skip: token indices not to read (words inside quotation marks).
        sieve: :meth:`Sieve.of` the sentence's document, when the caller reads many of
            its sentences.
    """
    doc = sentence.doc
    if sieve is None:
        sieve = Sieve.of(doc, lexicon)
    found: list[Candidate] = []
    consumed: set[int] = set()
    for i in _in_span(sieve.verbs, sentence):
        if i in skip:
            continue
        token = doc[i]
        candidate = _verb_candidate(token, lexicon, skip)
        if candidate is not None:
            found.append(candidate)
            consumed |= candidate.anchors
            # The verb's own object is part of its act; a second "object" far along the
            # sentence is the parser losing its way (curly apostrophes do that to it).
            consumed.update(o.i for o in verb_objects(token)[:1])
    for i in _in_span(sieve.nouns, sentence):
        if i in skip or i in consumed:
            continue
        token = doc[i]
        if _restated(token):
            continue
        entry = match_noun(token, lexicon)
        if entry is not None:
            found.append(Candidate(token, entry.type, entry.mode, "noun", lemma=entry.lemma))
    found.sort(key=lambda c: c.token.i)
    for candidate in found:
        candidate.sentence = sentence
    return found


def _verb_candidate(token: Token, lexicon: Lexicon, skip: set[int]) -> Candidate | None:
    if token.pos_ == "ADJ" or (
        token.pos_ == "VERB" and token.tag_ == "VBN" and token.dep_ == "acomp"
    ):
        lemma = token.lemma_.lower()
        if (lemma in INTENT_WORDS or token.lower_ in INTENT_WORDS) and _has_xcomp(token):
            return Candidate(token, "AGREE", None, "intent", lemma=token.lower_)
        return None
    if token.pos_ not in ("VERB", "AUX"):
        return None
    if token.tag_ == "VBN" and token.dep_ == "advcl" and subject_of(token) is None:
        return None  # "Asked about the talks, he said …": a participle of circumstance
    lemma = verb_lemma(token, lexicon)
    if token.pos_ == "AUX" and lemma not in _AUXILIARY_TRIGGERS:
        return None  # "was", "would": no rule below takes them
    if any(c.dep_ == "xcomp" and c.lemma_.lower() in ANONYMITY for c in token.children):
        return None  # "asking not to be identified", "speaking on condition … not named"
    if lemma in PREPARE_VERBS and _has_xcomp(token):
        return Candidate(token, "MOBILIZE", "troops", "prepare", lemma=lemma)
    if lemma in EXPRESSING and _states_a_need(token):
        return Candidate(token, "REQUEST", None, "verb", lemma=lemma)
    entry = match_verb(token, lexicon, lemma) if token.pos_ == "VERB" else None
    if entry is not None and entry.specificity > 0:
        return Candidate(token, entry.type, entry.mode, "verb", lemma=lemma)
    if lemma in LIGHT_VERBS:
        light = _light_noun(token, lexicon)
        if light is not None:
            noun, noun_entry = light
            if lemma in RESTATING and noun.lemma_.lower() in STANDING_NOUNS:
                return None  # "reaffirmed his commitment to X's security": a stance restated
            return Candidate(
                token, noun_entry.type, noun_entry.mode, "light", noun=noun, lemma=lemma
            )
    if entry is not None:
        return Candidate(token, entry.type, entry.mode, "verb", lemma=lemma)
    if lemma == "call" and _calls_someone(token):
        return Candidate(token, "CONSULT", "phone", "verb", lemma=lemma)
    if lemma in INTENT_WORDS and lemma not in COMMIT_VERBS and _has_xcomp(token):
        return Candidate(token, "AGREE", None, "intent", lemma=lemma)
    if lemma in REPORT_VERBS and _must_clause(token, skip) is not None:
        return Candidate(token, "REQUEST", None, "must", lemma=lemma)
    if lemma == "tell" and any(c.dep_ == "xcomp" for c in token.children):
        return Candidate(token, "REQUEST", None, "must", lemma=lemma)
    return _class_candidate(token, lemma, lexicon)


# A stated need for an act is a request of whoever must act (the PLOVER codebook's
# REQUEST; the statements' "stressed the need to …", "raised the importance of …"): a
# verb of saying or raising whose object is one of these nouns.
NEED_NOUNS = frozenset({"need", "importance", "imperative", "necessity", "urgency"})
EXPRESSING = REPORT_VERBS | frozenset(
    {"express", "raise", "voice", "discuss", "convey", "underline", "highlight", "reiterate",
     "stress", "emphasize", "emphasise", "underscore", "note", "recognize", "recognise"}
)  # fmt: skip

# The lemmas by which an auxiliary can be a candidate: the rules of _verb_candidate that
# take one ("have" as a light verb); the verb lexicon and the WordNet classes take only verbs.
_AUXILIARY_TRIGGERS = PREPARE_VERBS | EXPRESSING | LIGHT_VERBS | INTENT_WORDS | {"call", "tell"}


def _states_a_need(verb: Token) -> bool:
    """ "expressed the need to close the gaps", "discussed the importance of Egypt
    reopening the crossing": a need noun as the verb's object, with what is needed."""
    for noun in verb_objects(verb)[:1]:
        # One need, of something to be done: "the needs of the camps" are wants.
        if noun.lemma_.lower() not in NEED_NOUNS or noun.tag_ != "NN":
            continue
        for child in noun.children:
            if child.dep_ in ("acl", "advcl", "relcl") and child.pos_ in ("VERB", "AUX"):
                return True  # "the need to reopen", "the need for X to let …"
            if child.dep_ == "prep" and child.lower_ in ("of", "for"):
                objects = [g for g in child.children if g.dep_ in ("pobj", "pcomp")]
                # "the importance of reopening", "of Egypt concluding talks", "the need
                # for a ceasefire": an act or a state of affairs, not whose needs.
                if any(g.tag_ == "VBG" or any(c.tag_ == "VBG" for c in g.children)
                       or child.lower_ == "for" for g in objects):  # fmt: skip
                    return True
    return False


# Restating a standing commitment is a stance (a position), not a new act: "reaffirmed
# his ironclad commitment", "reiterated the pledge". A restated demand or offer still
# reports what is demanded or offered now.
RESTATING = frozenset({"reaffirm", "reiterate", "repeat", "restate", "renew", "affirm"})
STANDING_NOUNS = frozenset({"commitment", "pledge", "promise", "dedication", "resolve"})


def _restated(noun: Token) -> bool:
    """ "reaffirmed his commitment": a standing commitment restated is no event noun."""
    return (
        noun.lemma_.lower() in STANDING_NOUNS
        and noun.dep_ == "dobj"
        and noun.head.lemma_.lower() in RESTATING
    )


def _class_candidate(token: Token, lemma: str, lexicon: Lexicon) -> Candidate | None:
    """A verb the lexicon does not list, typed by its WordNet class ("strafed", "torched").

    Only full verbs with a subject or an object count: an auxiliary or a bare participle
    describing a noun is no report of an act.
    """
    if token.pos_ != "VERB" or lemma in lexicon.verbs or lemma in KNOWN_VERBS:
        return None
    if lemma in EXPECT_WORDS or lemma in OBLIGATION_WORDS:
        return None  # "is expected to meet": the frames read the complement's act
    if subject_of(token) is None and not verb_objects(token):
        return None
    label = load_verb_classes().label(lemma)
    if label is None:
        return None
    kind, _, mode = label.partition("/")
    return Candidate(token, kind, mode or None, "verb", lemma=lemma)


def must_clause(candidate: Candidate) -> Token | None:
    """For a ``must`` candidate, the complement clause that says what is required."""
    if candidate.kind != "must":
        return None
    clause = _must_clause(candidate.token)
    if clause is None:
        clause = next((c for c in candidate.token.children if c.dep_ == "xcomp"), None)
    return clause
