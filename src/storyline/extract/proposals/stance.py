"""What the stance-cue modules share: the cue record, modal words, the verbs that voice a
stance noun, and small walks over a clause (:mod:`.cues`, :mod:`.judgments`)."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from ..common.syntax import OBJECTS, highest

FUTURE = frozenset({"would", "will", "wo", "'ll", "shall", "'d"})
POSSIBLE = FUTURE | {"could", "might", "may", "can", "must", "should"}
# Verbs that voice a stance noun for their subject ("expressed concern", "stressed the
# importance of", "reaffirmed his commitment"), and verbs that only make it a topic
# ("discussed the shared commitment of X and Y": the commitment stays X's and Y's).
VOICING_VERBS = frozenset(
    {"express", "voice", "repeat", "reiterate", "renew", "make", "issue", "have", "put",
     "present", "submit", "table", "state", "restate", "lay", "set", "raise", "drop",
     "signal", "register", "lodge", "affirm", "reaffirm", "stress", "emphasize",
     "emphasise", "underscore", "underline", "highlight", "echo", "convey", "recall",
     "share", "agree", "note", "recognize", "recognise", "acknowledge", "extend", "offer",
     "confirm"}
)  # fmt: skip
TOPIC_VERBS = frozenset({"discuss", "review", "address", "consider", "examine", "explore"})
# Prepositions that hang a stance noun on the verb that voices it: "agreed on the urgency".
VOICED_BY = frozenset({"on", "upon"})


@dataclass(frozen=True)
class StanceCue:
    """A stance word, the stance it states, its kind and the verb of its clause."""

    token: Token
    stance: str
    kind: str
    clause: Token


def voicing_verb(noun: Token) -> Token | None:
    """The verb that voices or discusses a stance noun: its object ("expressed concerns"),
    through "on" ("agreed on the urgency"), or beside another object ("reiterated the
    importance of X and the imperative of Y")."""
    if noun.dep_ in ("conj", "appos"):
        # "raised the crisis, the need to …, and the importance of …": a list the parser
        # may hang by apposition
        first = highest(noun, through={"conj", "appos"})
        if first.pos_ in ("VERB", "AUX"):
            # a parser slip: "discussed the situation, and the urgency of …" with the
            # second object hung on the verb
            return first if first.lemma_.lower() in VOICING_VERBS | TOPIC_VERBS else None
        return voicing_verb(first) if first.i != noun.i else None
    head = noun.head
    if noun.dep_ == "pobj" and head.lower_ in VOICED_BY and head.dep_ == "prep":
        head = head.head
    elif noun.dep_ not in OBJECTS:
        return None
    if head.pos_ in ("VERB", "AUX") and head.lemma_.lower() in VOICING_VERBS | TOPIC_VERBS:
        return head
    return None


def infinitive(verb: Token) -> bool:
    """A "to" infinitive: "to hold elections"."""
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)


def aux_words(tok: Token) -> set[str]:
    """The auxiliaries of a verb, lower-cased ("would", "must")."""
    return {c.lower_ for c in tok.children if c.dep_ == "aux"}


def names_someone(tok: Token) -> bool:
    """A person or a body: a name ("Prime Minister Halvik") or a pronoun ("him")."""
    return tok.ent_type_ in ("PERSON", "ORG", "NORP", "GPE") or tok.pos_ == "PRON"
