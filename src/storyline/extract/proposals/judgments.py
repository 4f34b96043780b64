"""Cues of official statements: judgments said of something, pledges of effort, and
putting a proposal forward; :func:`~.cues.find_cues` tries them beside the stance words.

- ``eval``: a judgment from ``lexicons/position_evaluations.txt`` ("the situation is
  intolerable", "it is time to conclude a settlement", "it is essential that …", "Tarvenia
  retains a responsibility to protect civilians", "has every right to defend itself"):
  the stance of whoever states the clause, not of its subject; "has not done enough to
  protect" is a reproach of the same kind;
- a pledge of effort is a ``verb`` offer: "will continue to work toward a ceasefire",
  "will never stop working to bring them home", "will do all we can to deliver aid";
- putting a proposal forward is a ``verb`` offer: "presented a bridging proposal";
- saying what a deal or one of its terms would bring is an ``eval`` support of it, the
  stance of whoever says it: "They stressed that freeing the detainees would
  bring a truce at once", "confirmed that the Kalvar draft lays out a path out of the
  war".
"""

from __future__ import annotations

from spacy.tokens import Token

from ..common.syntax import PASSIVE_MARKS, clause_verb, climb, is_negated
from .lexicon import evaluations, proposal_nouns, proposal_verbs, term_classes
from .parties import is_reporting
from .stance import POSSIBLE, StanceCue, aux_words, infinitive

# Verbs that predicate a judgment noun: "is a priority", "remains a top priority".
COPULAS = frozenset({"be", "remain"})
# Verbs by which a party holds an obligation: "Tarvenia retains a responsibility to protect".
HAVING_VERBS = frozenset({"have", "retain", "bear", "carry"})
# Judgment nouns a party holds ("has every right to", "retains a responsibility to",
# "have no higher priority than"), as against those it only meets ("had an opportunity").
HELD_JUDGMENTS = frozenset({"right", "responsibility", "obligation", "duty", "priority"})
# Roles of a proposal verb (proposal_verbs.txt) that put a proposal forward; of the verbs
# that table one, those that present it as one's own (mediators "hand" or "send" on a plan
# others drafted).
TABLING = frozenset({"author", "table"})
PRESENTING = frozenset({"present", "submit", "unveil", "offer", "outline", "put", "lay",
                        "table"})  # fmt: skip
# Verbs of effort that a future or a "never stop" makes a pledge: "will continue to work".
EFFORT_VERBS = frozenset({"work", "strive", "endeavor", "endeavour", "do"})
CONTINUING = frozenset({"continue", "keep", "stop", "cease"})
PLEDGE_FUTURE = frozenset({"will", "'ll", "shall", "wo"})
PURPOSE_PREPS = frozenset({"toward", "towards", "for", "on"})
# Verbs of what an arrangement brings about, with the particle each needs ("result in",
# "lead to"; None: a direct object, "offers a roadmap", "would enable a surge of aid").
BENEFIT_VERBS: dict[str, str | None] = {
    "result": "in", "lead": "to", "offer": None, "provide": None, "bring": None,
    "enable": None, "allow": None, "pave": None, "open": None, "deliver": None,
}  # fmt: skip
# Term classes (proposal_terms.txt) whose words name a deal's content: "the release of
# the captives", "a ceasefire", "the withdrawal".
DEAL_CLASSES = frozenset({"ceasefire", "release", "withdraw"})


def eval_cue(tok: Token) -> StanceCue | None:
    """A judgment said of something: "is intolerable", "called it unacceptable", "This is
    an outrageous act", "It is time to conclude …", "now is the moment to …"."""
    pos = "ADJ" if tok.pos_ == "ADJ" else "NOUN" if tok.pos_ == "NOUN" else None
    if pos is None:
        return None
    table = evaluations()
    entry = table.get((tok.lower_, pos)) or table.get((tok.lemma_.lower(), pos))
    if entry is None:
        return None
    head = tok.head
    if pos == "ADJ":
        predicative = tok.dep_ in ("acomp", "oprd", "attr", "ROOT") or (
            tok.dep_ == "conj" and head.dep_ in ("acomp", "oprd", "attr")
        )
        # "This is an outrageous act": the judgment rides on the predicate noun
        if not predicative and not (tok.dep_ == "amod" and head.dep_ == "attr"):
            return None
    elif not (
        (tok.dep_ in ("attr", "nsubj") and head.lemma_ in COPULAS)
        or (
            tok.dep_ == "dobj"
            and head.lemma_.lower() in HAVING_VERBS
            and tok.lemma_.lower() in HELD_JUDGMENTS
        )
    ):
        # "it is time to …", "Tarvenia retains a responsibility to …"; "we had our best
        # opportunity" has a chance, it judges nothing
        return None
    clause = clause_verb(tok, skip_aux=True)
    if entry.needs_clause and not _judges_clause(tok, clause):
        return None
    if is_negated(tok) or is_negated(clause):
        return None
    return StanceCue(tok, entry.stance, "eval", clause)


def shortfall_cue(tok: Token) -> StanceCue | None:
    """A reproach: "Tarvenia has done too little to keep relief crews safe"."""
    if tok.lower_ != "enough" or tok.dep_ not in ("dobj", "advmod", "npadvmod"):
        return None
    verb = tok.head
    if verb.lemma_.lower() != "do" or not is_negated(verb):
        return None
    return StanceCue(tok, "oppose", "eval", verb)


def _judges_clause(tok: Token, clause: Token) -> bool:
    """A judgment of an act: an infinitive or that-clause on the word ("time to act",
    "essential that …"), or on "be" after an expletive "it" ("It is vital to …"); an act
    of saying ("it is important to note") is not one."""
    owners = [tok]
    if any(c.dep_ in ("nsubj", "expl") and c.lower_ == "it" for c in clause.children):
        owners.append(clause)
    for owner in owners:
        for child in owner.children:
            if child.dep_ not in ("xcomp", "ccomp", "acl", "relcl", "advcl"):
                continue
            opened = infinitive(child) or any(
                c.dep_ == "mark" and c.lower_ == "that" for c in child.children
            )
            if opened and not is_reporting(child):
                return True
    return False


def tabling_cue(tok: Token) -> StanceCue | None:
    """Putting a proposal forward is an offer: "the United States presented a bridging
    proposal", "The Front submitted its response"."""
    role = proposal_verbs().get(tok.lemma_.lower())
    if tok.pos_ != "VERB" or not (role == "author" or tok.lemma_.lower() in PRESENTING):
        return None
    if is_negated(tok) or any(c.dep_ in PASSIVE_MARKS for c in tok.children):
        return None
    if aux_words(tok) & POSSIBLE:
        return None  # "the mediators would table a text next week": not yet put forward
    nouns = proposal_nouns()
    objects = [c for c in tok.children if c.dep_ in ("dobj", "dative")]
    if not any((nouns.get(o.lower_) or nouns.get(o.lemma_.lower())) for o in objects):
        return None
    return StanceCue(tok, "offer", "verb", tok)


def pledge_cue(tok: Token) -> StanceCue | None:
    """A pledge of effort: "will continue to work toward a ceasefire", "will never stop
    working to bring them home", "will do all we can to deliver aid"."""
    if tok.pos_ != "VERB" or tok.lemma_.lower() not in EFFORT_VERBS:
        return None
    if not _has_purpose(tok):
        return None
    carrier = tok
    if tok.dep_ == "xcomp" and tok.head.lemma_.lower() in CONTINUING:
        carrier = tok.head
    if carrier.lemma_.lower() in ("stop", "cease"):
        pledged = is_negated(carrier)  # "never stop working"
    else:
        pledged = _pledged_future(carrier)
    if not pledged:
        return None
    return StanceCue(tok, "offer", "verb", carrier)


def _pledged_future(verb: Token) -> bool:
    """A future that pledges: "will" on the verb or on the verb it serves ("will
    strengthen our cooperation …, including by continuing to work towards …"), or a
    reported "would" ("confirmed that the United States would work to …")."""
    for current in climb(
        verb, 5, through={"xcomp", "pcomp", "prep", "advcl", "conj"}, with_self=True
    ):
        if current.pos_ not in ("VERB", "AUX"):
            continue
        if is_negated(current):
            return False
        aux = aux_words(current)
        if aux & PLEDGE_FUTURE:
            return True
        if "would" in aux and current.dep_ == "ccomp" and is_reporting(current.head):
            return True
        if current.dep_ == "advcl" and _marked(current):
            # "…, as they are working on it": a reason or a time; the future of the
            # clause it hangs on is not pledged by it
            return False
    return False


def _marked(clause: Token) -> bool:
    """An adverbial clause opened by a conjunction ("as", "because", "while", "when")."""
    return any(c.dep_ == "mark" for c in clause.children)


def _has_purpose(tok: Token) -> bool:
    """What the effort is for: "to stabilize", "toward a ceasefire"; for "do", "all we
    can" or "everything"."""
    for child in tok.children:
        if child.dep_ in ("xcomp", "advcl") and infinitive(child) and tok.lemma_ != "do":
            return True
        if child.dep_ == "prep" and child.lower_ in PURPOSE_PREPS and tok.lemma_ != "do":
            return True
        if tok.lemma_ == "do" and child.dep_ == "dobj" and child.lower_ in ("all", "everything"):
            return True
    return False


def benefit_cue(tok: Token) -> StanceCue | None:
    """Saying what a deal would bring: "underscored that the release of the captives would
    result in a ceasefire" supports the deal; the clause must be reported ("underscored
    that", "confirmed that") and its subject a deal or a term of one."""
    lemma = tok.lemma_.lower()
    if tok.pos_ != "VERB" or lemma not in BENEFIT_VERBS or is_negated(tok):
        return None
    particle = BENEFIT_VERBS[lemma]
    wanted = ("prep", "prt") if particle else ("dobj",)
    if not any(c.dep_ in wanted and (particle is None or c.lower_ == particle)
               for c in tok.children):  # fmt: skip
        return None
    top = tok
    while top.dep_ == "conj" and top.head.i != top.i:
        top = top.head
    if top.dep_ != "ccomp" or not is_reporting(top.head):
        return None
    subject = next((c for c in top.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is None or not _names_deal(subject):
        return None
    return StanceCue(tok, "support", "eval", tok)


def _names_deal(tok: Token) -> bool:
    """A deal ("the deal", "this proposal") or a term of one ("the release", "a
    ceasefire"), or a coordination with one ("the ceasefire and hostage release deal")."""
    table = term_classes()
    nouns = proposal_nouns()
    for word in (tok, *(c for c in tok.children if c.dep_ == "conj")):
        keys = (word.lower_, word.lemma_.lower())
        if any(k in nouns for k in keys):
            return True
        if any(table.get(k, frozenset()) & DEAL_CLASSES for k in keys):
            return True
    return False
