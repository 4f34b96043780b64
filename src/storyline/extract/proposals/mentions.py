"""Mentions of proposals in an article: the noun, who put it forward, where it stands.

A proposal mention is a noun from ``lexicons/proposal_nouns.txt``. Strong nouns
("framework", "counterproposal", "deal") count on their own; weak ones ("plan", "text",
"response") only with a proposal modifier ("three-phase plan", "bridging text"), with a
proposal after "to"/"on" ("its reply to the proposal"), with a party as possessor
("the Alliance's response"), with terms after "for" ("the accord for a truce and the
freeing of detainees"), or as a definite singular once a proposal mention has opened the
story ("The draft says ..."). Plurals of weak nouns are left out ("plans for that
operation").

The proposer comes, strongest first, from an author participle ("drafted by Norvale",
"as outlined by President Varga", also on a noun inside the proposal's phrase: "a truce
along with the freeing of detainees, as set out by …") or a relative clause ("the plan
that Norvale drafted"), a possessor or name modifier ("the Alliance response", "the
counterproposal from the Alliance"), or the subject of a verb that puts it on the table
("the Alliance gave the mediators a counterproposal").

A mention is *concrete* (:attr:`ProposalMention.signal`) when something says the proposal
exists as a text put to the parties: a proposer, a verb that tables, accepts or rejects
it, or "on the table". "A deal remains the goal", "progress towards a deal" and "talks on
a deal" name an aspiration, not a proposal.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Token

from ..common.syntax import (
    NOMINAL_SUBJECTS,
    PASSIVE_SUBJECT,
    clause_verb,
    inherited_subject,
    is_negated,
)
from .columns import DocWords
from .lexicon import ProposalNoun, proposal_modifiers, proposal_nouns, proposal_verbs
from .parties import Parties, Party, lost_subject
from .phases import PHASE_WORDS
from .terms import classes

# Term classes (proposal_terms.txt) that name what a deal is for: "an agreement for a
# ceasefire", "a plan for the withdrawal".
DEAL_TERMS = frozenset({"ceasefire", "release", "withdraw"})
# Proposer evidence, strongest last.
TABLED, OWNED, AUTHORED = 1, 2, 3
# Verbs whose complement is what someone is asked to do: "urged the Alliance to accept
# the proposal" says nothing about the proposal's status.
ASKING = frozenset({"urge", "press", "ask", "call", "push", "pressure", "encourage", "want"})
# Verbs whose "that" clause is what someone is asked to do (the mandative subjunctive):
# "demand that the government accept a deal" is a demand, not an acceptance.
MANDATIVE = ASKING | {"demand", "request", "require"}
# Modifiers that belong in a proposal's label beside the lexicon's (proposal_modifiers).
LABEL_WORDS = frozenset({"original", "new", "final", "latest", "revised", "full", "initial",
                         "updated", "amended", "written", "proposed", "draft"})  # fmt: skip
# Modals that leave a status unreal: "must accept", "could reject", "would approve".
UNREAL = frozenset({"must", "should", "would", "could", "might", "may", "can", "will", "wo",
                    "'ll", "shall", "ought"})  # fmt: skip
STATUS_RANK = {"accepted": 4, "rejected": 3, "under_negotiation": 2, "proposed": 1}
# Statuses only a proposal put forward can have: tabled, accepted or rejected ("talks on a
# deal" can be about one still to be written).
CONCRETE_STATUSES = frozenset({"proposed", "accepted", "rejected"})
# Words between a proposal and "on the table": "the deal now on the table", "the proposal
# that is currently on the table".
_TABLE_GAP = frozenset({"now", "currently", "still", "already", "that", "which", "is", "was",
                        "remains", "are", "were", "has", "been"})  # fmt: skip


@dataclass
class ProposalMention:
    """One noun naming a proposal, with what its neighbours say about it."""

    head: Token
    kind: str
    proposer: Party | None
    strength: int
    status: str | None
    label_start: int  # token index where the label phrase starts
    subject: bool  # the noun is the subject of its clause ("The draft says")
    signal: bool = False  # something says it is on the table (see the module docstring)
    presented: bool = False  # a proposal noun that someone is said to have put forward


def find_mentions(
    doc: Doc, parties: Parties, words: DocWords | None = None
) -> list[ProposalMention]:
    """Every proposal mention in ``doc``, in text order; ``words`` are its columns."""
    nouns = proposal_nouns()
    found: list[ProposalMention] = []
    opened = False
    columns = DocWords(doc) if words is None else words
    # Only a token whose word or lemma is a proposal noun can be one.
    for i in columns.with_word(frozenset(nouns)):
        tok = doc[i]
        if tok.dep_ == "compound" or not (tok.pos_ in ("NOUN", "PROPN") or _noun_read_as_verb(tok)):
            continue
        lower, lemma = tok.lower_, tok.lemma_.lower()
        entry = nouns.get(lower) or nouns.get(lemma)
        if entry is None:
            continue
        kind = entry.kind
        if _counter_prefix(tok):
            kind = "counter"
        elif not entry.strong and not _weak_counts(tok, lower, nouns, parties, opened):
            continue
        opened = True
        proposer, strength = proposer_of(tok, parties)
        status = status_of(tok)
        found.append(
            ProposalMention(
                head=tok,
                kind=kind,
                proposer=proposer,
                strength=strength,
                status=status,
                label_start=_label_start(tok),
                subject=tok.dep_ in NOMINAL_SUBJECTS,
                signal=(
                    entry.tabled
                    or bool(strength)
                    or status in CONCRETE_STATUSES
                    or on_the_table(tok)
                    or _judged(tok)
                ),
                presented=entry.tabled and strength in (TABLED, AUTHORED),
            )
        )
    return found


def _noun_read_as_verb(tok: Token) -> bool:
    """A proposal noun the tagger took for a verb: "finalize a ceasefire deal" (a verb
    does not follow an article and a noun)."""
    if tok.pos_ != "VERB" or tok.tag_ not in ("VB", "VBP") or tok.i < 2:
        return False
    entry = proposal_nouns().get(tok.lower_)
    before, det = tok.doc[tok.i - 1], tok.doc[tok.i - 2]
    return (
        entry is not None
        and entry.strong
        and before.pos_ in ("NOUN", "ADJ")
        and det.pos_ in ("DET", "PRON", "ADJ")
    )


def _counter_prefix(tok: Token) -> bool:
    """A "counter-" prefix, which the tokenizer splits off with its hyphen."""
    doc = tok.doc
    return tok.i >= 2 and doc[tok.i - 1].text in ("-", "‐") and doc[tok.i - 2].lower_ == "counter"


def _weak_counts(
    tok: Token, lower: str, nouns: dict[str, ProposalNoun], parties: Parties, opened: bool
) -> bool:
    plural = tok.tag_ in ("NNS", "NNPS") and lower not in nouns
    if plural:
        return False
    modifiers = proposal_modifiers()
    for child in tok.lefts:
        if child.lower_ in modifiers or child.lower_ in PHASE_WORDS:
            return True
        if child.dep_ in ("poss", "compound") and parties.is_party(parties.resolve(child)):
            return True
    for child in tok.rights:
        if child.dep_ == "prep" and child.lower_ in ("to", "on"):
            for obj in child.children:
                entry = nouns.get(obj.lower_) or nouns.get(obj.lemma_.lower())
                if entry is not None and entry.strong:
                    return True
        # "the accord for a truce and the freeing of detainees": named by its terms
        if (
            child.dep_ == "prep"
            and child.lower_ == "for"
            and any(classes(obj) & DEAL_TERMS for obj in child.children if obj.dep_ == "pobj")
        ):
            return True
    determiners = {c.lower_ for c in tok.children if c.dep_ in ("det", "poss")}
    return opened and bool(determiners & {"the", "this", "that", "its", "their"})


def proposer_of(tok: Token, parties: Parties) -> tuple[Party | None, int]:
    """Who put the proposal named by ``tok`` forward, and how strong the evidence is."""
    verbs = proposal_verbs()
    best: tuple[Party | None, int] = (None, 0)
    for clause in _described_by(tok):
        if verbs.get(clause.lemma_.lower()) not in ("author", "table"):
            continue
        # "a bridging text drafted by Norvale and tabled on Wednesday", "the plan that
        # Norvale drafted"
        agent = _agent(clause) if clause.dep_ != "relcl" else inherited_subject(clause)
        if clause.dep_ == "relcl" and agent is not None and agent.lower_ in ("that", "which"):
            agent = None  # "the plan that was drafted": the plan is its subject
        party = parties.resolve(agent) if agent is not None else None
        if parties.is_party(party):
            return party, AUTHORED
    for child in tok.children:
        if child.dep_ in ("poss", "compound", "amod", "nmod"):
            party = parties.resolve(child, parties.reporter(tok))
            if parties.is_party(party) and best[1] < OWNED:
                best = (party, OWNED)
        if child.dep_ == "prep" and child.lower_ in ("from", "by"):
            for obj in child.children:
                party = parties.resolve(obj)
                if obj.dep_ == "pobj" and parties.is_party(party) and best[1] < OWNED:
                    best = (party, OWNED)
    if best[1]:
        return best
    verb = tok.head
    if tok.dep_ in ("dobj", "dative") and verbs.get(verb.lemma_.lower()) in ("author", "table"):
        subject = inherited_subject(verb) or lost_subject(verb)
        party = parties.resolve(subject, parties.reporter(verb)) if subject is not None else None
        if parties.is_party(party):
            strength = AUTHORED if verbs[verb.lemma_.lower()] == "author" else TABLED
            return party, strength
    return None, 0


def on_the_table(tok: Token) -> bool:
    """ "the deal (now / that is) on the table": read on the words, since the parser often
    hangs "on the table" on the verb instead of the noun."""
    after = [t.lower_ for t in tok.doc[tok.i + 1 : tok.i + 12] if not t.is_space]
    k = 0
    while k < min(len(after), 5) and after[k] in _TABLE_GAP:
        k += 1
    if after[k : k + 3] in (["on", "the", "table"], ["on", "this", "table"]):
        return True
    # "The proposal is on the table"
    head = tok.head
    if tok.dep_ in NOMINAL_SUBJECTS and head.lemma_ in ("be", "remain"):
        for prep in head.children:
            if prep.dep_ == "prep" and prep.lower_ == "on":
                return any(o.lower_ == "table" for o in prep.children)
    return False


def _judged(tok: Token) -> bool:
    """A participle or relative clause says it was accepted or rejected: "the deal endorsed
    by the Security Council", "the plan that the Front rejected"."""
    roles = proposal_verbs()
    return any(
        roles.get(c.lemma_.lower()) in ("accepted", "rejected") and not is_negated(c)
        for c in _described_by(tok)
    )


def _described_by(tok: Token) -> list[Token]:
    """Participles and relative clauses on the proposal's noun and on the nouns of its
    phrase ("a truce along with the freeing of detainees, as set out by …"), not across
    another verb; and an "as" participle right after the noun that the parser hung on the
    verb ("backed the truce as set out by …")."""
    found: list[Token] = []
    verb = clause_verb(tok, skip_aux=True)
    for child in verb.children:
        if (
            child.dep_ == "advcl"
            and any(c.dep_ == "mark" and c.lower_ == "as" for c in child.children)
            and 0 < child.left_edge.i - tok.right_edge.i <= 2
        ):
            found.append(child)
            found.extend(c for c in child.children if c.dep_ == "conj")
    stack = [tok]
    while stack:
        node = stack.pop()
        for child in node.children:
            if child.dep_ in ("acl", "relcl"):
                found.append(child)
                found.extend(c for c in child.children if c.dep_ == "conj")
            elif child.dep_ in ("prep", "pobj", "conj", "advmod", "appos"):
                stack.append(child)
    return found


def _agent(verb: Token) -> Token | None:
    for child in verb.children:
        if child.dep_ == "agent" or (child.dep_ == "prep" and child.lower_ == "by"):
            for obj in child.children:
                if obj.dep_ == "pobj":
                    return obj
    return None


def status_of(tok: Token) -> str | None:
    """The status the verb governing ``tok`` gives its proposal ("dismissed the plan")."""
    verb = tok.head
    if tok.dep_ == "pobj" and verb.dep_ == "prep":
        verb = verb.head
    if verb.i == tok.i or verb.pos_ not in ("VERB", "AUX"):
        return None
    if tok.dep_ not in ("dobj", "pobj", PASSIVE_SUBJECT):
        return None
    if is_negated(verb, never=None):
        return None
    if verb.dep_ == "xcomp" and verb.head.lemma_.lower() in ASKING:
        return None
    if verb.dep_ == "ccomp" and verb.head.lemma_.lower() in MANDATIVE and _subjunctive(verb):
        return None
    if any(c.dep_ == "aux" and c.lower_ in UNREAL for c in verb.children):
        return None  # "The Front must accept the deal" asks for a status it does not have
    role = proposal_verbs().get(verb.lemma_.lower())
    if role == "rejected" and verb.lemma_.lower() == "turn":
        role = "rejected" if any(c.lower_ == "down" for c in verb.children) else None
    if role in ("accepted", "rejected"):
        return role
    if role == "negotiated":
        return "under_negotiation"
    if role in ("author", "table"):
        return "proposed"
    return None


def _subjunctive(verb: Token) -> bool:
    """The bare verb form, "(that) the government accept" (tagged VB, or VBP after a
    plural subject): a mandate, where a tensed verb ("asked whether the Front had
    accepted the plan") reports a fact."""
    return verb.tag_ in ("VB", "VBP") and not any(
        c.dep_ in ("aux", "auxpass") for c in verb.children
    )


def _label_start(tok: Token) -> int:
    """The first token of the label: name and proposal modifiers, no determiner."""
    start = tok.i
    modifiers = proposal_modifiers()
    for child in sorted(tok.lefts, key=lambda c: c.i, reverse=True):
        if child.dep_ in ("det", "poss", "predet", "case") or child.is_punct:
            break
        if (
            child.dep_ == "amod"
            and child.lower_ not in modifiers
            and child.lower_ not in LABEL_WORDS
            and not child.ent_type_
        ):
            break
        start = child.left_edge.i
    if _counter_prefix(tok):
        start = min(start, tok.i - 2)
    while start < tok.i and tok.doc[start].dep_ in ("det", "poss", "case"):
        start += 1
    return start
