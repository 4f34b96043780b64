"""From trigger candidates to the events of one sentence, with PLOVER's framing rules.

PLOVER codes the speech act, not what it is about: "demanded the withdrawal" is a REQUEST,
"accused X of shelling" an ACCUSE, "threatened to cut off electricity" a THREATEN. So a
framing candidate absorbs the candidates in its complement. A promise takes its type from
what is promised: a cooperative act promised ("agreed to withdraw", "will provide aid",
"is ready to host") is AGREE, a conflictual one ("vowed to fight", "plans to impose
restrictions") THREATEN; refusing a cooperative act ("will not accept") is REJECT.

Coordinated clauses are never absorbed ("rejected the plan and attacked …" is two acts),
and neither is a subordinate clause with a subject of its own.

Of the candidates left, the one nearest the root of the sentence is its main event; the
others are kept only when they are clearly another event: another agent, or a meeting.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span, Token

from ..common import syntax
from ..common.syntax import OPEN_COMPLEMENTS, SUBJECTS, climb, subject_of
from .lexicon import (
    COMMIT_VERBS,
    COOPERATIVE,
    EXPECT_WORDS,
    FRAMING_TYPES,
    MATERIAL_CONFLICT,
    NON_ACTOR_NOUNS,
    REPORT_VERBS,
)
from .triggers import Candidate, noun_agent

# PLOVER codes a stated future act as the intent: "X will release the hostages" is an
# AGREE, "X would boycott the talks" a THREATEN. Turning it off keeps the act's own type
# (RETREAT, PROTEST) with status ``planned``; on plover_dev that costs 7 points of type F1
# (0.906 → 0.838), so PLOVER's convention is the default.
PLOVER_PROMISES = True
# Words of readiness: "is ready to contribute" is an AGREE even when the act is not a trigger.
WILLING_WORDS = frozenset({"ready", "willing", "prepared", "eager"})
CONDITION_MARKS = frozenset({"if", "unless", "once", "provided"})
# Verbs of going on with an act: their tense is the act's ("will continue to provide").
CONTINUING = frozenset({"continue", "keep", "resume", "begin", "start"})
# Nouns whose infinitive is what was tried: "an attempt to assassinate".
ATTEMPT_NOUNS = frozenset({"attempt", "bid", "plot", "try"})
# Prepositions that attach circumstances, not the content of a statement.
CIRCUMSTANTIAL_PREPS = frozenset(
    {"since", "after", "before", "during", "despite", "amid", "amidst", "following", "until",
     "while", "as", "in", "at", "throughout", "because", "without", "under", "like", "by",
     "near", "through", "within", "ahead", "upon"}
)  # fmt: skip
# Nouns of promise: "repeated his vow to launch" is coded like "vowed to launch".
COMMIT_NOUNS = frozenset({"vow", "pledge", "promise", "offer", "commitment", "undertaking"})
# Verbs of agreeing: the act agreed on does not make them a threat.
AGREEING_VERBS = frozenset({"agree", "consent", "offer", "commit", "undertake"})
# Clause links that start a new event unless they share the subject.
CLAUSE_DEPS = frozenset({"advcl", "relcl", "acl", "parataxis", "ccomp"})
PRONOUNS = frozenset(
    {"he", "she", "it", "they", "we", "i", "you", "him", "her", "them", "us", "who", "which",
     "that", "this", "these", "those", "one"}
)  # fmt: skip


@dataclass
class Reading:
    """A candidate that heads an event, with its final type and what it absorbed."""

    head: Candidate
    type: str
    mode: str | None
    inner: Candidate | None
    absorbed: list[Candidate]
    depth: int
    future: bool = False


def depth(token: Token) -> int:
    """Arcs from ``token`` up to its sentence root (64 at most)."""
    return sum(1 for _ in climb(token, 64))


def is_pronoun(token: Token) -> bool:
    """A pronoun, but not the capitalized country abbreviation "US"."""
    return token.pos_ == "PRON" or (token.lower_ in PRONOUNS and not token.text.isupper())


def own_subject(token: Token) -> bool:
    """Whether the clause headed by ``token`` names a subject that is not a pronoun."""
    subject = subject_of(token)
    return subject is not None and not is_pronoun(subject)


def _path_to(child: Token, ancestor: Token) -> list[Token] | None:
    """Tokens from ``child`` up to (not including) ``ancestor``; None if not an ancestor."""
    path: list[Token] = []
    for token in climb(child, 63, with_self=True):
        if token.i == ancestor.i:
            return path
        path.append(token)
    return None


def _absorbs(outer: Candidate, inner: Candidate) -> bool:
    path = _path_to(inner.token, outer.token)
    if path is None or inner.token.i == outer.token.i or not path:
        return False
    top = path[-1]
    if top.dep_ in SUBJECTS:
        return False  # the speaker's own phrase is not what is said
    # What stands beside an act ("since the Front's attack", "in his talks with") is not what
    # the act is about.
    if top.dep_ in ("npadvmod", "advmod") or (
        top.dep_ == "prep" and top.lower_ in CIRCUMSTANTIAL_PREPS
    ):
        return False
    if top.dep_ == "advcl" and any(
        c.dep_ == "mark" and c.lower_ in CIRCUMSTANTIAL_PREPS for c in top.children
    ):
        return False
    for token in path:
        if token.dep_ in ("conj", "appos"):
            return False
        # "demanded that Rovania cancel": the complement of a demand is its content; any
        # other clause with a subject of its own is another act.
        content = token.dep_ == "ccomp" and token.head.i == outer.token.i and _frames(outer)
        if token.dep_ in CLAUSE_DEPS and own_subject(token) and not content:
            return False
    if _frames(outer):
        return True
    # A material act absorbs only more of itself ("opened fire, killing two"), and not
    # another's act of the same kind ("launched after the Front's attack").
    if inner.kind == "noun":
        return outer.type == inner.type and noun_agent(inner.token) is None
    return outer.type == inner.type and not own_subject(inner.token)


def _frames(candidate: Candidate) -> bool:
    return candidate.kind in ("intent", "prepare", "must") or candidate.type in FRAMING_TYPES


def is_negated(token: Token) -> bool:
    """A ``not``/``never`` on the verb, or "has yet to", "failed to" above it."""
    return syntax.is_negated(token, never="any", implied=True)


def _future_governor(token: Token) -> str | None:
    """ "will"/"would" on the verb, or the word of intent or expectation above it."""
    for child in token.children:
        if child.dep_ == "aux" and child.lower_ in ("will", "shall", "'ll", "wo"):
            return "will"
        if child.dep_ == "aux" and child.lower_ in ("would", "'d"):
            return "would"
    for head in climb(token, 3, through=OPEN_COMPLEMENTS):
        lemma = head.lemma_.lower()
        if lemma in EXPECT_WORDS or head.lower_ in EXPECT_WORDS:
            return "expect"
        if lemma == "go" and head.tag_ == "VBG":
            return "will"
        if lemma in CONTINUING:  # "will continue to provide aid"
            return _future_governor(head)
    return None


def conditional(token: Token) -> bool:
    """Inside an "if"/"unless" clause, or carrying one ("would agree … if")."""
    for child in token.children:
        if child.dep_ == "advcl" and _marked(child, CONDITION_MARKS):
            return True
    for current in climb(token, 5, through=_CONDITIONED, with_self=True):
        if current.dep_ == "advcl" and _marked(current, CONDITION_MARKS):
            return True
    return False


# The arcs along which a condition above a clause holds for it.
_CONDITIONED = frozenset({"xcomp", "conj", "ccomp"})


def _marked(clause: Token, marks: frozenset[str]) -> bool:
    return any(m.dep_ == "mark" and m.lower_ in marks for m in clause.children)


def _noun_content(candidate: Candidate) -> bool:
    """An infinitive of purpose or content ("a deal to free the hostages", "spoke … to
    discuss the talks"): what someone means to do, not what was done."""
    token = candidate.token
    if (
        candidate.type == "ASSAULT"
        and token.dep_ == "acl"
        and token.head.lemma_.lower() in ATTEMPT_NOUNS
    ):
        return False  # "an attempt to assassinate": the attempt is an act
    return token.dep_ in ("acl", "advcl") and any(
        c.dep_ == "aux" and c.lower_ == "to" for c in token.children
    )


def reported(token: Token, sentence: Span | None = None) -> bool:
    """Whether a clause is someone's statement: under a verb of saying, or in a sentence
    that a verb of saying heads ("…, the ministry said")."""
    for current in climb(token, 8):
        if current.lemma_.lower() in REPORT_VERBS:
            return _speaks(current)
    root = (sentence if sentence is not None else token.sent).root
    if root.lemma_.lower() in REPORT_VERBS:
        return _speaks(root)
    return any(c.dep_ == "parataxis" and c.lemma_.lower() in REPORT_VERBS for c in root.children)


def _speaks(verb: Token) -> bool:
    """A person or body says it, not a document ("the plan says that the Front would")."""
    subject = subject_of(verb)
    return subject is None or subject.lemma_.lower() not in NON_ACTOR_NOUNS


def _promise(kind: str) -> str:
    """A promise of a statement ("pledged to investigate") is still a promise: AGREE."""
    return kind if kind in ("AGREE", "THREATEN", "REJECT") else "AGREE"


def convert(kind: str, negated: bool) -> str:
    """PLOVER's type for a promised act: AGREE, THREATEN or REJECT."""
    if kind in COOPERATIVE:
        return "REJECT" if negated else "AGREE"
    if kind in MATERIAL_CONFLICT or kind == "THREATEN":
        return "AGREE" if negated else "THREATEN"
    return kind


def _inner(head: Candidate, absorbed: list[Candidate]) -> Candidate | None:
    """The shallowest absorbed candidate: what a promise or threat is about."""
    mine = [c for c in absorbed if _path_to(c.token, head.token) is not None]
    return min(mine, key=lambda c: (depth(c.token), c.token.i), default=None)


def _complements(verb: Token, noun: Token) -> bool:
    """Whether the infinitive ``verb`` is the complement of ``noun`` ("his vow to launch").

    The parser often hangs an infinitive that follows the object noun on the noun's verb
    ("repeated his vow | to launch"); right after the noun phrase it still completes it.
    """
    if verb.head.i == noun.i and verb.dep_ == "acl":
        return True
    to = next((c for c in verb.children if c.dep_ == "aux" and c.lower_ == "to"), None)
    return (
        verb.head.i == noun.head.i
        and verb.dep_ in ("advcl", "xcomp")
        and to is not None
        and to.i == noun.right_edge.i + 1
    )


def _final_type(reading: Reading, dated: bool) -> tuple[str, str | None] | None:
    head, inner = reading.head, reading.inner
    lemma = head.lemma or head.token.lemma_.lower()
    governor = _future_governor(head.token)
    bare_would = (
        governor == "would" and head.kind != "noun" and not reported(head.token, head.sentence)
    )
    if bare_would and not conditional(head.token):
        # Bare "would": what a plan or a condition would bring ("stage one would
        # open a lull in which the Front would free …"), not an act.
        return None
    if head.kind == "must":
        return "REQUEST", None
    if head.type == "THREATEN":
        return "THREATEN", None
    if head.kind == "prepare":
        if inner is not None and inner.type in ("ASSAULT", "MOBILIZE"):
            return "MOBILIZE", "troops"
        if inner is None:
            return None
        return convert(inner.type, is_negated(inner.token)), None
    noun = head.noun if head.kind == "light" else head.token if head.kind == "noun" else None
    if noun is not None and noun.lemma_.lower() in COMMIT_NOUNS:
        # "his vow to launch an offensive": the act is the noun's infinitive, not whatever
        # else the phrase mentions ("commitment to security in the face of threats").
        promised = inner is not None and _complements(inner.token, noun)
        if inner is not None and promised:
            return _promise(convert(inner.type, is_negated(inner.token))), None
        return "AGREE", None
    if head.kind == "intent" or (head.kind == "verb" and lemma in COMMIT_VERBS):
        if inner is None:
            # Being ready or willing is itself a promise; a bare plan or decision is not.
            willing = lemma in WILLING_WORDS
            return ("AGREE", None) if head.kind != "intent" or willing else None
        kind = _promise(convert(inner.type, is_negated(inner.token)))
        # Agreeing or offering is AGREE whatever the act ("agreed to impose sanctions");
        # a vow or a pledge takes its colour from the act.
        if lemma in AGREEING_VERBS and kind != "REJECT":
            return "AGREE", None
        return kind, None
    # A promise or threat reported as plain future ("will provide aid", "would boycott all
    # contact") is PLOVER's AGREE or THREATEN; a dated one is a scheduled event and keeps
    # its type (status ``planned`` either way).
    promise = PLOVER_PROMISES and governor in ("will", "would") and not dated
    if promise and head.kind != "noun" and head.type in COOPERATIVE | MATERIAL_CONFLICT:
        return convert(head.type, is_negated(head.token)), None
    return head.type, head.mode


def read_sentence(candidates: list[Candidate], dated: set[int]) -> list[Reading]:
    """The candidates that head events, each with its final type, main event first.

    Args:
        candidates: the sentence's candidates.
        dated: token indices of candidates that carry their own date expression.
    """
    # Only a candidate on the path from ``inner`` up to the root can absorb it (see
    # _path_to): trying every pair cost candidates² climbs, minutes for a 50,000-word
    # sentence without a full stop.
    at: dict[int, list[int]] = {}
    for k, candidate in enumerate(candidates):
        at.setdefault(candidate.token.i, []).append(k)
    absorbed_by: dict[int, Candidate] = {}
    for inner in candidates:
        above = sorted(k for t in climb(inner.token, 63, with_self=True) for k in at.get(t.i, ()))
        outers = [
            candidates[k]
            for k in above
            if candidates[k] is not inner and _absorbs(candidates[k], inner)
        ]
        if outers:
            # The outermost framer wins: "demanded that X stop the attacks".
            absorbed_by[inner.token.i] = min(outers, key=lambda o: depth(o.token))
    absorbed_of: dict[int, list[Candidate]] = {}
    for candidate in candidates:
        owner = absorbed_by.get(candidate.token.i)
        if owner is not None:
            absorbed_of.setdefault(id(owner), []).append(candidate)
    heads = [c for c in candidates if c.token.i not in absorbed_by and not _noun_content(c)]
    readings: list[Reading] = []
    for head in heads:
        absorbed = absorbed_of.get(id(head), [])
        reading = Reading(head, head.type, head.mode, None, absorbed, depth(head.token))
        reading.inner = _inner(head, absorbed)
        final = _final_type(reading, head.token.i in dated)
        if final is None:
            continue
        reading.type, reading.mode = final
        readings.append(reading)
    readings.sort(key=lambda r: (r.depth, r.head.kind == "noun", r.head.token.i))
    return readings
