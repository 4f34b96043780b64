"""Dependency labels and the walks over a parse that the extractors share.

The labels are those of spaCy's English pipelines (ClearNLP style). The walks read a
``Doc``'s tree only; none of them knows a lexicon. Where extractors need a walk to behave
differently, the difference is an option or a named variant here, with the case that
needs it, so that every copy keeps what it did.

- :func:`climb`: the tokens above a token, a bounded number of arcs, optionally only
  through arcs of given labels; :func:`highest` is where such a climb ends.
- :func:`clause_verb`: the nearest verb at or above a token; :func:`governing_verb`: the
  nearest verb above a noun.
- :func:`subject_of`, :func:`agent_of`, :func:`inherited_subject`: who a verb is about;
  :func:`controlling_subject` also for a participle or infinitive without a subject.
- :func:`is_negated`: whether a verb (or noun) is negated.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator
from typing import Literal

from spacy.tokens import Token

SUBJECT = "nsubj"
PASSIVE_SUBJECT = "nsubjpass"
CLAUSAL_SUBJECT = "csubj"
# Subjects that are noun phrases ("Smith said", "Smith was told").
NOMINAL_SUBJECTS = frozenset({SUBJECT, PASSIVE_SUBJECT})
# Every subject arc, a clause included ("What he said surprised them").
SUBJECTS = NOMINAL_SUBJECTS | {CLAUSAL_SUBJECT}
# A verb's objects, the attribute of "be" counted as one ("offered no details", "is a plan").
OBJECTS = frozenset({"dobj", "attr"})
# Complement clauses: with a subject of their own (ccomp) or sharing the verb's (xcomp).
CLAUSAL_COMPLEMENTS = frozenset({"ccomp", "xcomp"})
# Complements that share the subject of their head: "expected to meet", "ready to sign".
OPEN_COMPLEMENTS = frozenset({"xcomp", "acomp"})
# Clauses that describe a noun: "the plan that X rejected", "a plan drafted by X".
NOUN_CLAUSES = frozenset({"acl", "relcl"})
# Words before a noun that narrow it: "peace plan", "displaced families".
NOUN_MODIFIERS = frozenset({"amod", "compound"})
AUXILIARIES = frozenset({"aux", "auxpass"})
# Either one makes a verb passive: "was briefed", "the talks were held".
PASSIVE_MARKS = frozenset({"auxpass", PASSIVE_SUBJECT})
AGENT = "agent"
NEGATION = "neg"
ROOT = "ROOT"

_VERBS = frozenset({"VERB", "AUX"})
# Above an infinitive, a verb of not doing negates it: "failed to reach", "refrained from".
NOT_DOING = frozenset({"fail", "refrain"})
_DASHES = frozenset({"—", "–", "-"})


def climb(
    token: Token,
    limit: int | None = None,
    *,
    through: Collection[str] | None = None,
    with_self: bool = False,
) -> Iterator[Token]:
    """The tokens above ``token``, nearest first, up to the root of its sentence.

    Args:
        token: where the walk starts.
        limit: at most this many arcs up; None climbs to the root. The limits are the
            reach each caller wants, not a guard: a parse is a tree.
        through: leave a token only by an arc with one of these labels; the walk ends at
            the first token whose own arc is another.
        with_self: yield ``token`` itself first (it costs no arc), for walks that test the
            start like the tokens above it.
    """
    current = token
    if with_self:
        yield current
    steps = 0
    while limit is None or steps < limit:
        head = current.head  # a new Token on every access: read it once
        if head.i == current.i or (through is not None and current.dep_ not in through):
            return
        current = head
        steps += 1
        yield current


def highest(
    token: Token, limit: int | None = None, *, through: Collection[str] | None = None
) -> Token:
    """Where :func:`climb` ends: the last token it reaches, ``token`` itself if none.

    ``highest(verb, through={"conj"})`` is the first of a chain of coordinated verbs;
    ``highest(token)`` is the root of its sentence.
    """
    last = token
    for above in climb(token, limit, through=through):
        last = above
    return last


def clause_verb(token: Token, *, skip_aux: bool = False) -> Token:
    """The nearest verb at or above ``token``: the clause it belongs to.

    Twelve arcs at most; where no verb is found the walk's last token (the root) stands in.

    Args:
        token: any token.
        skip_aux: pass over auxiliaries ("would" in "would accept") to the verb they serve;
            the proposals' reporter lookup starts from cue words that can be one.
    """
    current = token
    for current in climb(token, 12, with_self=True):
        if current.pos_ in _VERBS and not (skip_aux and current.dep_ in AUXILIARIES):
            return current
    return current


def governing_verb(token: Token) -> Token | None:
    """The nearest verb above a noun ("talks" in "said in talks with …" → said), or None.

    Eight arcs at most. The sentence's root is its verb when it is one.
    """
    current = token
    steps = 0
    for current in climb(token, 8):
        steps += 1
        # "following", "according", "including" head phrases; they are not the clause.
        if current.pos_ in _VERBS and current.dep_ != "prep":
            return current
    # The root, reached short of the bound, is the clause's verb whatever its arc.
    if steps < 8 and current.head.i == current.i and current.pos_ in _VERBS:
        return current
    return None


def subject_of(verb: Token, labels: Collection[str] = SUBJECTS) -> Token | None:
    """The first child of ``verb`` on a subject arc, without climbing.

    Args:
        verb: the verb (or adjective, noun) whose subject is wanted.
        labels: the arcs that count; the figures and proposal terms take only
            :data:`NOMINAL_SUBJECTS` (a clause is never who reported a figure).
    """
    return next((c for c in verb.children if c.dep_ in labels), None)


def agent_of(verb: Token) -> Token | None:
    """The noun of a passive's "by" phrase ("rejected by the Front" → Front), or None."""
    agent = next((c for c in verb.children if c.dep_ == AGENT), None)
    return next((c for c in agent.children if c.dep_ == "pobj"), None) if agent else None


def inherited_subject(verb: Token) -> Token | None:
    """Who a verb is about, inherited along conjunctions ("X met Y and rejected Z").

    The variant the proposals and positions extractors read parties with. With two
    subjects (a dateline parsed as one: "KALVAR, Qaremia — The Alliance handed ..."), the
    one nearest before the verb wins, and a dateline gives way to the name after its dash.
    A passive verb's subject is its agent ("rejected by X"), or None. Five conjunctions up
    at most.
    """
    for clause in climb(verb, 5, through={"conj"}, with_self=True):
        subjects = [c for c in clause.children if c.dep_ in SUBJECTS]
        if subjects:
            before = [c for c in subjects if c.i < clause.i]
            subject = _past_dateline(max(before, key=lambda c: c.i) if before else subjects[0])
            return subject if subject.dep_ != PASSIVE_SUBJECT else agent_of(clause)
    return None


# Arcs by which a subjectless verb hangs from the verb whose subject it shares: a participle
# adjunct ("condemned …, noting that …"), an open complement ("agreed to take …"), a
# gerund after a preposition ("echoed Y in expressing …").
_CONTROL_ARCS = frozenset({"advcl", "xcomp", "pcomp", "prep", "conj"})


def controlling_subject(verb: Token) -> Token | None:
    """Who a verb is about, its own subject first (:func:`inherited_subject`), else the
    subject of the verb it hangs from by a participle, open complement or gerund arc.

    Four arcs up at most: "X condemned Y, noting that …" gives "noting" X; "X echoed Y in
    expressing the need …" gives "expressing" X. A noun in between ends the walk: "efforts
    to support" is nobody's act.
    """
    for current in climb(verb, 4, through=_CONTROL_ARCS, with_self=True):
        if current.pos_ not in _VERBS:
            if current.pos_ == "ADP":
                continue
            return None
        subject = inherited_subject(current)
        if subject is not None or any(c.dep_ in SUBJECTS for c in current.children):
            return subject
    return None


def _past_dateline(subject: Token) -> Token:
    """The subject behind a dateline: in "KALVAR, Qaremia — Prime Minister Mandrik
    rejected ..." the parser takes the dateline for the subject and hangs the real one on
    it after the dash."""
    if not (subject.text.isupper() and len(subject.text) > 2 and subject.is_sent_start):
        return subject
    for child in subject.children:
        if child.dep_ == "appos" and any(
            t.text in _DASHES for t in subject.doc[subject.i : child.i]
        ):
            return child
    return subject


def under_verb_of_not_doing(token: Token, verbs: Collection[str] = NOT_DOING) -> bool:
    """Whether ``token`` is the infinitive of a verb of not doing ("failed ⟦to reach⟧";
    a caller may widen the verbs: "declined ⟦to say⟧")."""
    head = token.head
    return token.dep_ == "xcomp" and head.i != token.i and head.lemma_.lower() in verbs


def _yet_to(token: Token) -> bool:
    """ "has yet to allow", "is yet to sign": the act has not happened."""
    head = token.head
    return (
        token.dep_ == "xcomp"
        and head.i != token.i
        and head.lemma_.lower() in ("have", "be")
        and any(c.lower_ == "yet" for c in head.children)
    )


def is_negated(
    token: Token,
    *,
    never: Literal["adverb", "any"] | None = "adverb",
    implied: bool = False,
    stranded: bool = False,
) -> bool:
    """Whether ``token`` is negated: it has a ``neg`` child ("not", "n't"), or as asked.

    Args:
        token: a verb, adjective or noun.
        never: when a "never" child negates too: as an adverb (the stance cues), on any
            arc (the events extractor, whatever the parser hangs it by), or None: not
            unless it is labelled ``neg`` (proposal statuses and terms).
        implied: a verb of not doing above an infinitive negates it too: "failed to
            reach", "refrained from", "has yet to allow" (events: a negated act).
        stranded: a "not" two words before ``token`` negates it too: "agree not to
            rearm", where the parser hangs the "not" on the verb above (proposal terms).
    """
    for child in token.children:
        if child.dep_ == NEGATION:
            return True
        if child.lower_ == "never" and (never == "any" or (never and child.dep_ == "advmod")):
            return True
    head = token.head
    if implied and (under_verb_of_not_doing(token) or _yet_to(token)):
        return True
    return stranded and token.i > 1 and token.doc[token.i - 2].lower_ == "not" and head.i != token.i
