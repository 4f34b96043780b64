"""Stance cues in a sentence: the words that say where someone stands.

Five kinds of cue, each tied to the clause verb it qualifies:

- ``verb``: a stance verb from ``lexicons/position_cues.txt`` ("rejected", "urged",
  "railed against", "turned down"); a negated accept/support/offer verb is a rejection
  ("don't sign", "would not accept"), a negated demand/reject/oppose verb says nothing;
- ``adj``: "ready to", "prepared to", "willing to", "committed to", "outspoken against";
- ``noun``: "Qaremian demands that ...", "Mandrik's rejection of ...", "expressed concerns";
- ``modal``: "must"/"should"/"has to" in a reported or quoted clause — the speaker's demand
  ("Qaremia should open the crossing", he said);
- ``refusal``: a negated future in a party's mouth ("Qaremia would not release
  prisoners", "will not settle for less").

Any of them becomes ``condition`` when its clause carries a condition ("if", "unless",
"only when", "as long as", "in return for", or "while" after a refusal), and a reported
future clause with a condition is a ``bare`` condition cue of its own ("warned that the
movement could suspend its part in the talks if strikes continued"). Cues inside an "if"
clause (the condition's content) and cues governed by another cue ("urged the Alliance
to accept", "prepared to soften its demand") are not positions of their own.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from spacy.tokens import Span, Token

from ..common.syntax import (
    AUXILIARIES,
    NOUN_MODIFIERS,
    OBJECTS,
    PASSIVE_MARKS,
    clause_verb,
    climb,
    is_negated,
)
from .lexicon import Cue, condition_markers, stance_cues
from .parties import is_reporting, marked_clause_tokens

FUTURE = frozenset({"would", "will", "wo", "'ll", "shall", "'d"})
POSSIBLE = FUTURE | {"could", "might", "may", "can", "must", "should"}
OBLIGATION = frozenset({"must", "should", "ought"})
# A negated cue of these stances turns into its opposite; the others say nothing.
FLIPS = {"accept": "reject", "support": "reject", "offer": "reject"}
ADJ_NEEDS_COMPLEMENT = frozenset({"ready", "prepared", "willing", "committed"})
HYPOTHETICAL_MARKS = frozenset({"if", "unless"})
# Dependencies that put a word inside another word's complement.
COMPLEMENTS = frozenset({"xcomp", "ccomp", "dobj", "pobj", "pcomp", "acl", "attr", "oprd"})


@dataclass(frozen=True)
class StanceCue:
    """A stance word, the stance it states, its kind and the verb of its clause."""

    token: Token
    stance: str
    kind: str
    clause: Token


def find_cues(sent: Span) -> list[StanceCue]:
    """Every stance cue in ``sent``, conditions applied, nested cues dropped."""
    # A condition's content ("if they withdraw") is nobody's position.
    inside_if = marked_clause_tokens(sent, HYPOTHETICAL_MARKS)
    raw: list[StanceCue] = []
    words = cue_words()
    for tok in sent:
        if tok.i in inside_if:
            continue
        cue = None
        if tok.lemma_.lower() in words or tok.lower_ in words:
            cue = _verb_cue(tok) or _adj_cue(tok) or _noun_cue(tok) or _modal_cue(tok)
        if cue is None and tok.pos_ == "VERB":
            cue = _refusal_cue(tok)
        if cue is not None:
            raw.append(cue)
    heads = {c.token.i for c in raw}
    kept: list[StanceCue] = []
    clauses: set[int] = set()
    for cue in raw:
        if _governed(cue.token, heads):
            continue
        if cue.kind != "noun" and cue.stance != "condition":
            refusing = cue.stance == "reject"
            if has_condition(cue.token, negated=refusing) or has_condition(
                cue.clause, negated=refusing
            ):
                cue = StanceCue(cue.token, "condition", cue.kind, cue.clause)
        kept.append(cue)
        clauses.add(cue.clause.i)
    for tok in sent:
        if tok.i in inside_if or tok.i in clauses or tok.pos_ not in ("VERB", "AUX"):
            continue
        if tok.dep_ in AUXILIARIES:
            continue
        if _aux(tok) & POSSIBLE and has_condition(tok, negated=False):
            kept.append(StanceCue(tok, "condition", "bare", tok))
    return kept


@cache
def cue_words() -> frozenset[str]:
    """Every word that can start a cue other than a refusal: one set lookup per token."""
    return frozenset({lemma for lemma, _ in stance_cues()} | OBLIGATION | {"have", "need"})


def _entries(tok: Token, pos: str) -> tuple[Cue, ...]:
    table = stance_cues()
    found = table.get((tok.lemma_.lower(), pos), ())
    if not found and tok.lower_ != tok.lemma_.lower():
        found = table.get((tok.lower_, pos), ())
    return found


def _particle_ok(tok: Token, cue: Cue) -> bool:
    if cue.particle is None:
        return True
    for child in tok.children:
        if child.dep_ in ("prt", "prep", "advmod", "agent") and child.lower_ == cue.particle:
            return True
        # "committed to hold elections": the "to" belongs to the infinitive
        if cue.particle == "to" and child.dep_ == "xcomp":
            return True
    return False


def _pick(tok: Token, pos: str) -> Cue | None:
    entries = _entries(tok, pos)
    with_particle = [c for c in entries if c.particle is not None and _particle_ok(tok, c)]
    if with_particle:
        return with_particle[0]
    return next((c for c in entries if c.particle is None), None)


def _verb_cue(tok: Token) -> StanceCue | None:
    if tok.pos_ != "VERB":
        return None
    cue = _pick(tok, "VERB")
    if cue is None:
        return None
    # "the proposed deal", "a plan drafted by X and backed by Y" describe a thing
    if tok.dep_ == "amod" or (tok.tag_ == "VBN" and _participle(tok)):
        return None
    if _obligation(tok):
        return None  # "Qaremia must accept": the modal cue speaks for the speaker
    if any(c.dep_ == "det" and c.lower_ == "no" for o in _objects(tok) for c in o.children):
        return None  # "offered no details": nothing was offered
    stance = cue.stance
    if is_negated(tok) or _too_for(tok):
        if stance not in FLIPS:
            return None
        stance = "condition" if _any_that(tok) else FLIPS[stance]
    return StanceCue(tok, stance, "verb", tok)


def _participle(tok: Token) -> bool:
    return any(
        current.dep_ in ("acl", "amod")
        for current in climb(tok, 3, through={"conj"}, with_self=True)
    )


def _adj_cue(tok: Token) -> StanceCue | None:
    if tok.pos_ not in ("ADJ", "VERB") or tok.tag_ not in ("JJ", "VBN"):
        return None
    cue = _pick(tok, "ADJ")
    if cue is None or tok.dep_ in NOUN_MODIFIERS:
        return None
    children = list(tok.children)
    stance = cue.stance
    if tok.lower_ in ADJ_NEEDS_COMPLEMENT:
        xcomp = any(c.dep_ == "xcomp" for c in children)
        prep = next((c for c in children if c.dep_ == "prep" and c.lower_ in ("to", "for")), None)
        if not xcomp and prep is None:
            return None
        if tok.lower_ == "committed":
            # "committed to the framework" backs it; "committed to hold elections" offers
            stance = "offer" if xcomp or _verbal_object(prep) else "support"
    clause = tok.head if tok.dep_ in ("acomp", "oprd", "xcomp") else tok
    if is_negated(tok) or is_negated(clause):
        if stance not in FLIPS:
            return None
        stance = FLIPS[stance]
    return StanceCue(tok, stance, "adj", clause)


def _verbal_object(prep: Token | None) -> bool:
    if prep is None:
        return False
    return any(c.tag_ == "VBG" or c.pos_ == "VERB" for c in prep.children)


def _noun_cue(tok: Token) -> StanceCue | None:
    if tok.pos_ != "NOUN" or tok.dep_ == "compound":
        return None
    cue = _pick(tok, "NOUN")
    if cue is None:
        return None
    head = tok.head
    # "in opposition to", "in support of": an adverbial, not anyone's stated stance
    if tok.dep_ == "pobj" and head.lower_ == "in":
        return None
    if is_negated(tok, never=None) or any(c.lower_ == "no" for c in tok.children):
        return None  # "no demands"
    return StanceCue(tok, cue.stance, "noun", clause_verb(tok, skip_aux=True))


def _modal_cue(tok: Token) -> StanceCue | None:
    lower = tok.lower_
    if lower in OBLIGATION and tok.dep_ == "aux":
        return StanceCue(tok, "demand", "modal", tok.head)
    # "there has to be a vote", "Qaremia needs to open"
    if tok.lemma_ in ("have", "need") and tok.pos_ in ("VERB", "AUX"):
        xcomp = next((c for c in tok.children if c.dep_ == "xcomp"), None)
        # "does not have to": no obligation at all
        if (
            xcomp is not None
            and any(c.lower_ == "to" for c in xcomp.children)
            and not is_negated(tok)
        ):
            return StanceCue(tok, "demand", "modal", tok)
    return None


def _refusal_cue(tok: Token) -> StanceCue | None:
    if tok.pos_ != "VERB" or tok.lemma_ in ("be", "have"):
        return None
    if not is_negated(tok) or not _aux(tok) & FUTURE:
        return None
    if any(c.dep_ in PASSIVE_MARKS for c in tok.children):
        return None  # "would not be hurried" is done to the subject, not refused by it
    return StanceCue(tok, "reject", "refusal", tok)


def _objects(tok: Token) -> list[Token]:
    return [c for c in tok.children if c.dep_ in OBJECTS]


def _aux(tok: Token) -> set[str]:
    return {c.lower_ for c in tok.children if c.dep_ == "aux"}


def _obligation(tok: Token) -> bool:
    return bool(_aux(tok) & OBLIGATION)


def _too_for(tok: Token) -> bool:
    """An infinitive ruled out by "too": "too many losses for us to accept a truce"."""
    if not any(c.dep_ == "mark" and c.lower_ == "for" for c in tok.children):
        return False
    return any(t.lower_ == "too" for t in tok.head.subtree if t.i < tok.i)


def _any_that(tok: Token) -> bool:
    """A refusal that sets a condition: "would not accept any clause that ..."."""
    if not _aux(tok) & FUTURE:
        return False
    for obj in tok.children:
        if obj.dep_ in ("dobj", "pobj") or (obj.dep_ == "prep" and obj.lower_ == "to"):
            target = obj if obj.dep_ != "prep" else next(iter(obj.children), obj)
            dets = {c.lower_ for c in target.children if c.dep_ == "det"}
            if "any" in dets and any(c.dep_ == "relcl" for c in target.children):
                return True
    return False


def _governed(tok: Token, cue_heads: set[int]) -> bool:
    """``tok`` stands in the complement of another cue ("urged the Alliance to accept ...",
    "prepared to soften its demand"), below it rather than beside it: a conjunct beside a
    cue, an adjunct ("despite Mandrik dismissing ...") or a relative clause is a
    position of its own."""
    for current in climb(tok, 9, with_self=True):
        head = current.head
        if head.i == current.i:
            return False
        dep = current.dep_
        if dep == "conj":
            continue
        if head.i in cue_heads:
            return dep in COMPLEMENTS or dep == "prep"
        if is_reporting(head) or dep not in COMPLEMENTS:
            return False
    return False


def has_condition(verb: Token, *, negated: bool) -> bool:
    """The clause of ``verb`` (or an infinitive it governs) carries a condition."""
    # the infinitive it governs ("prepared to soften ... if"), and a coordinated predicate
    # that carries the condition for both ("must cut its forces and open ... if it wants")
    nodes = [verb, *(c for c in verb.children if c.dep_ in ("xcomp", "conj"))]
    # "He would not pull troops out, he said, 'while ...'": the condition hangs off the
    # parenthetical verb of saying
    for child in verb.children:
        if child.dep_ == "parataxis" and is_reporting(child):
            nodes.extend(c for c in child.children if c.dep_ in ("ccomp", "advcl"))
    for node in nodes:
        for child in node.children:
            if child.dep_ in ("advcl", "prep", "advmod", "npadvmod", "ccomp") and _opens_condition(
                child, negated
            ):
                return True
    return False


def _opens_condition(child: Token, negated: bool) -> bool:
    words = [t.lower_ for t in list(child.subtree)[:5]]
    readings = [words, words[1:]] if words[:1] == ["only"] else [words]
    for reading in readings:
        if negated and reading[:1] == ["while"]:
            return True
        if any(tuple(reading[: len(marker)]) == marker for marker in condition_markers()):
            return True
    return False
