"""A figure's mode, as an event's (PLOVER's auxiliary modes): occurred, planned,
hypothetical or negated.

"could have killed hundreds" counts no dead, "about 33 hostages would be released in the
first phase" no one yet freed: the mode is read off the verb the number's phrase hangs
from, its auxiliaries and the words of intent or condition above it.
"""

from __future__ import annotations

from spacy.tokens import Token

from ..common.syntax import climb, is_negated

# Auxiliaries of what may be or might have been.
HYPOTHETICAL = frozenset({"could", "might", "may"})
# Auxiliaries of what lies ahead.
FUTURE = frozenset({"will", "shall", "'ll", "wo", "would", "'d"})
# Words above a verb that put it ahead: "are expected to be released", "plans to send".
PLANNED_BY = frozenset(
    {"plan", "expect", "schedule", "due", "set", "slate", "intend", "aim", "propose",
     "promise", "pledge", "agree", "offer", "going"}
)  # fmt: skip
CONDITIONS = frozenset({"if", "unless"})


def figure_status(anchor: Token) -> str:
    """occurred, planned, hypothetical or negated, for the number whose phrase ``anchor``
    heads (or the number token itself)."""
    verb = _verb(anchor)
    if verb is None:
        return "occurred"
    auxes = {c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")}
    if is_negated(verb, never="any"):
        return "negated"
    if _conditional(verb):
        return "hypothetical"
    if auxes & HYPOTHETICAL or ("would" in auxes and "have" in auxes):
        return "hypothetical"
    if auxes & FUTURE:
        return "planned"
    for above in climb(verb, 3, through={"xcomp"}):
        if above.lemma_.lower() in PLANNED_BY:
            return "planned"
    return "occurred"


def _verb(token: Token) -> Token | None:
    for current in climb(token, 6, with_self=True):
        if current.pos_ in ("VERB", "AUX"):
            return current
        if current.dep_ in ("relcl", "acl", "advcl"):
            return None
    return None


def _conditional(verb: Token) -> bool:
    return any(c.dep_ == "mark" and c.lower_ in CONDITIONS for c in verb.children) or (
        verb.dep_ == "advcl" and any(c.lower_ in CONDITIONS for c in verb.children)
    )
