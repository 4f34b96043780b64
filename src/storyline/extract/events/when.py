"""When an event happened and whether it did: its date and its status.

The date is the expression hanging from the trigger, else from a verb that governs it;
the status is PLOVER's auxiliary mode (occurred, planned, hypothetical, negated) read off
the words the event is coded on.
"""

from __future__ import annotations

from spacy.tokens import Token

from ..common.dates import DateMention
from ..common.syntax import (
    NOMINAL_SUBJECTS,
    NOUN_CLAUSES,
    OBJECTS,
    OPEN_COMPLEMENTS,
    climb,
    governing_verb,
)
from .frames import Reading, conditional, is_negated
from .lexicon import FRAMING_TYPES
from .triggers import Candidate

# Verbs that only place an event noun in time: "talks opened", "the war began".
ASPECTUAL = frozenset(
    {"open", "begin", "start", "resume", "end", "continue", "conclude", "close", "erupt",
     "break", "take", "get", "kick", "wrap", "stall", "collapse", "happen", "occur"}
)  # fmt: skip
# Clauses that are what a speech act says or asks: a date inside them is theirs.
CONTENT_CLAUSES = frozenset({"xcomp", "ccomp"})
# Prepositions whose object is another event that happened around this one.
CIRCUMSTANCE_PREPS = frozenset({"after", "since", "following", "before", "amid", "despite"})
HYPOTHETICAL_AUX = frozenset({"could", "might", "may"})
FUTURE_AUX = frozenset({"will", "shall", "'ll", "wo", "would", "'d"})
# The arcs by which an event noun is what its verb is about: "talks opened", "held talks".
ARGUMENTS = NOMINAL_SUBJECTS | OBJECTS
PLAN_WORDS = frozenset(
    {"plan", "intend", "expect", "schedule", "due", "set", "likely", "vow", "pledge", "promise",
     "ready", "willing", "prepared", "going", "slate", "poise", "aim", "hope", "threaten"}
)  # fmt: skip


def status_of(reading: Reading) -> str:
    """occurred, planned, hypothetical or negated: PLOVER's auxiliary modes.

    Read off the token the event is coded on: the promise for a promise ("has threatened
    to …" occurred), the act for a plain future ("will release" planned).
    """
    token = reading.head.token
    if reading.head.kind == "noun":
        argument = token
        while argument.dep_ == "pobj" and argument.head.lower_ == "of":
            argument = argument.head.head  # "the sixth round of talks will open"
        verb = governing_verb(token)
        if verb is not None and argument.dep_ in ARGUMENTS:
            token = verb
        elif verb is not None and is_negated(verb):
            return "negated"  # "did not send its delegation to Wednesday's session"
    if reading.head.kind == "intent" and token.pos_ == "ADJ":
        token = token.head
    negated = is_negated(token)
    if negated and reading.type != "REJECT":
        return "negated"
    if negated or reading.head.type == "REJECT":
        # A refusal is made when it is said: "will not accept", "refused to meet".
        return "hypothetical" if conditional(token) else "occurred"
    if conditional(token):
        return "hypothetical"
    auxes = {c.lower_ for c in token.children if c.dep_ == "aux"}
    if token.dep_ == "xcomp" and token.head.lemma_.lower() in ("continue", "keep", "resume"):
        auxes |= {c.lower_ for c in token.head.children if c.dep_ == "aux"}
    if auxes & HYPOTHETICAL_AUX:
        return "hypothetical"
    if auxes & FUTURE_AUX or _planned(token) or reading.head.kind == "intent":
        return "planned"
    return "occurred"


def _planned(token: Token) -> bool:
    for current in climb(token, 3, through=OPEN_COMPLEMENTS):
        if current.lemma_.lower() in PLAN_WORDS or current.lower_ in PLAN_WORDS:
            return current.lemma_.lower() not in ("threaten", "vow", "pledge", "promise")
    return False


def date_of(
    candidate: Candidate, dates: list[DateMention], blocked: set[int]
) -> tuple[DateMention, bool] | None:
    """The date of an event and whether it hangs from the trigger itself.

    A date hanging from the trigger wins; else one hanging from a verb that governs it
    ("said Wednesday … following a day of meetings"). ``blocked`` holds the tokens of
    other triggers: a date hanging from another event (the "Oct. 3" of "since the Front's Oct. 3
    attack") is that event's, not this one's.
    """
    anchors = candidate.anchors
    chain: list[int] = []
    current = candidate.token
    when = _when_clause_date(current, dates)
    if when is not None:
        return when, True
    if current.dep_ in NOMINAL_SUBJECTS and current.head.lemma_.lower() in ASPECTUAL:
        # "Talks, which opened two weeks ago", "the round of talks will open on April 1":
        # the verb only says when the event noun happened.
        anchors = anchors | {current.head.i}
    # A trigger that describes a noun is dated by the noun; above it, a relative clause is
    # not dated by the sentence around its noun.
    reach = 1 if current.dep_ in NOUN_CLAUSES else 10
    for above in climb(current, reach):
        chain.append(above.i)
        if above.dep_ in NOUN_CLAUSES:
            break
    frames = candidate.kind in ("intent", "must", "prepare") or candidate.type in FRAMING_TYPES
    best: tuple[int, DateMention] | None = None
    for mention in dates:
        if mention.relation != "at":
            continue
        score: int | None = None
        below: Token | None = None
        for steps, token in enumerate(climb(candidate.token.doc[mention.head], 11, with_self=True)):
            if token.i in anchors:
                if frames and below is not None and _content_clause(below):
                    # "urged both sides to return to the table on Monday": the day belongs
                    # to what is urged, not to the urging.
                    break
                score = steps
                break
            if _dates_circumstance(token, below, mention):
                break  # "launched after the attack four months ago": the attack's date
            below = token
            if token.i in chain:
                score = 20 + 5 * chain.index(token.i) + steps
                break
            if token.i in blocked:
                break
            if token.dep_ == "conj" and token.pos_ in ("VERB", "AUX"):
                break  # "X accused Y, and its parliament voted last week": not X's date
        if score is not None and (best is None or score < best[0]):
            best = (score, mention)
    return (best[1], best[0] < 20) if best is not None else None


def _content_clause(clause: Token) -> bool:
    """A clause that says what is urged, agreed or welcomed: a complement, or an
    infinitive the parser hung as an adverbial ("welcomed the talks | to open in
    Kalvar on 15 March")."""
    if clause.dep_ in CONTENT_CLAUSES:
        return True
    return clause.dep_ == "advcl" and any(
        c.dep_ == "aux" and c.tag_ == "TO" for c in clause.children
    )


def _dates_circumstance(token: Token, below: Token | None, mention: DateMention) -> bool:
    """Whether the climb from a date leaves the object of a preposition of circumstance.

    "after the attack four months ago": the date hangs from "attack", the object of
    "after", and dates that noun; "after March 3" (the date is the object) is a bound and
    never reaches here.
    """
    return (
        token.dep_ == "prep"
        and token.lower_ in CIRCUMSTANCE_PREPS
        and below is not None
        and below.dep_ == "pobj"
        and not (mention.start <= below.idx < mention.end)
    )


def _when_clause_date(token: Token, dates: list[DateMention]) -> DateMention | None:
    """The date a "when" clause hangs from: "began on March 9, when fighters stormed X"."""
    if token.dep_ != "relcl" or not any(c.lower_ == "when" for c in token.children):
        return None
    noun = token.head
    for mention in dates:
        if mention.relation == "at" and mention.start <= noun.idx < mention.end:
            return mention
    return None
