"""Stance cues in a sentence: the words that say where someone stands.

Six kinds of cue, each tied to the clause verb it qualifies (the judgments, pledges and
tablings of official statements are in :mod:`.judgments`):

- ``verb``: a stance verb from ``lexicons/position_cues.txt`` ("rejected", "urged",
  "railed against", "turned down"); a negated accept/support/offer verb is a rejection
  ("don't sign", "would not accept"), a negated demand/reject/oppose verb says nothing;
- ``adj``: "ready to", "prepared to", "willing to", "committed to", "outspoken against";
- ``noun``: "Qaremian demands that ...", "Mandrik's rejection of ...", "expressed concerns";
- ``modal``: "must"/"should"/"has to" in a reported or quoted clause — the speaker's demand
  ("Qaremia should open the crossing", he said);
- ``refusal``: a negated future in a party's mouth ("Qaremia would not release
  prisoners", "will not settle for less");
- ``eval``: a judgment said of something ("the situation is intolerable", "it is time
  to conclude a settlement"), the stance of whoever states the clause (:mod:`.judgments`).

Stance nouns of need and importance are demands ("stressed the importance of …",
"discussed the need to …", "the need for the talks to resume", "agreed on the urgency of
…", also when the tagger took the noun for an adjective: "the imperative to …"), but a
thing needed is none ("has what it needs to …"); a commitment is an offer, or
support when it is to a party's security or to a thing rather than an act ("commitment
to Tarvenia's security"); agreeing to an act is an offer and agreeing to a deal an
acceptance, but agreeing to keep in touch (``lexicons/position_contact.txt``) is none.
Readiness to go ahead with terms is an acceptance, also when the terms stand before a
relative clause whose preposition is left at its end ("this deal, that Tarvenia is ready
to move forward with"). "Will never forget" and "will not abandon" pledge, not refuse.

Any of them becomes ``condition`` when its clause carries a condition ("if", "unless",
"only when", "as long as", "in return for", or "while" or "without" after a negation:
"should not proceed without a credible plan"), and a reported
future clause with a condition is a ``bare`` condition cue of its own ("warned that the
movement could suspend its part in the talks if strikes continued"). Cues inside an "if"
clause (the condition's content) and cues governed by another cue ("urged the Alliance
to accept", "prepared to soften its demand") are not positions of their own.
"""

from __future__ import annotations

from functools import cache
from itertools import islice

from spacy.tokens import Span, Token

from ..common.syntax import (
    AUXILIARIES,
    NOUN_MODIFIERS,
    OBJECTS,
    PASSIVE_MARKS,
    agent_of,
    clause_verb,
    climb,
    highest,
    is_negated,
)
from .columns import DocWords, within
from .judgments import (
    BENEFIT_VERBS,
    EFFORT_VERBS,
    TABLING,
    benefit_cue,
    eval_cue,
    pledge_cue,
    shortfall_cue,
    tabling_cue,
)
from .lexicon import (
    Cue,
    condition_markers,
    contact_words,
    evaluations,
    proposal_nouns,
    proposal_verbs,
    stance_cues,
)
from .parties import is_reporting, marked_clause_tokens
from .stance import (
    FUTURE,
    POSSIBLE,
    VOICING_VERBS,
    StanceCue,
    aux_words,
    infinitive,
    names_someone,
    voicing_verb,
)

OBLIGATION = frozenset({"must", "should", "ought"})
# A negated cue of these stances turns into its opposite; the others say nothing.
FLIPS = {"accept": "reject", "support": "reject", "offer": "reject"}
ADJ_NEEDS_COMPLEMENT = frozenset({"ready", "prepared", "willing", "committed", "determined"})
# Acts a speaker wants to do as a courtesy: "I want to thank", "we want to congratulate".
COURTESIES = frozenset({"thank", "congratulate", "commend", "welcome", "recognize",
                        "recognise", "acknowledge", "begin", "start", "close", "mention",
                        "introduce"})  # fmt: skip
WISHING = frozenset({"want", "wish", "like", "love"})
# What is offered or extended as a courtesy: "offered his condolences".
COURTESY_NOUNS = frozenset({"condolence", "condolences", "sympathy", "sympathies", "prayer",
                            "prayers", "thanks", "congratulations", "gratitude",
                            "appreciation", "greetings", "wishes", "regards"})  # fmt: skip
# Verbs that, said of a person, greet rather than back: "welcome the Prime Minister".
GREETING_VERBS = frozenset({"welcome"})
# Verbs of going ahead with terms: "ready to move forward with the proposal" accepts it.
GOING_AHEAD = frozenset({"go", "move", "proceed", "finalize", "finalise", "close",
                         "implement", "conclude", "take"})  # fmt: skip
# A commitment to one of these is support of a party ("commitment to Tarvenia's security").
SECURITY_NOUNS = frozenset({"security", "defense", "defence", "safety", "sovereignty",
                            "existence", "survival", "integrity"})  # fmt: skip
# Verbs whose refusal is a pledge to go on: "will not rest", "will not stop until …",
# "will not hesitate to shield our towns".
UNRELENTING = frozenset({"rest", "stop", "cease", "relent", "quit", "waver", "hesitate"})
# Verbs of letting go whose refusal is a pledge to hold on: "we will never forget", "will
# not abandon them".
UNFORSAKING = frozenset({"forget", "abandon", "forsake", "desert"})
# Verbs of a hope or belief: a refusal in their content is the speaker's attitude.
ATTITUDE_VERBS = frozenset({"hope", "expect", "wish", "fear", "doubt", "think", "believe",
                            "trust", "assume", "suspect", "pray"})  # fmt: skip
# What a speaker declines to do when not commenting: "won't go into", "won't get ahead of".
SPEAKING_ACTS = frozenset({"go", "get", "speak", "comment", "discuss", "detail", "preview",
                           "speculate", "characterize", "elaborate", "confirm", "describe",
                           "read", "parse", "share", "offer"})  # fmt: skip
HYPOTHETICAL_MARKS = frozenset({"if", "unless"})
# Words that open a relative clause whose preposition may be left at its end.
RELATIVE_WORDS = frozenset({"that", "which"})
# Dependencies that put a word inside another word's complement.
COMPLEMENTS = frozenset({"xcomp", "ccomp", "dobj", "pobj", "pcomp", "acl", "attr", "oprd"})


def find_cues(sent: Span, words: DocWords | None = None) -> list[StanceCue]:
    """Every stance cue in ``sent``, conditions applied, nested cues dropped.

    ``words``, the columns of the sentence's doc, are read once per doc by a caller that
    reads all its sentences.
    """
    columns = DocWords(sent.doc) if words is None else words
    doc = sent.doc
    # A condition's content ("if they withdraw") is nobody's position.
    inside_if = marked_clause_tokens(sent, HYPOTHETICAL_MARKS, columns)
    raw: list[StanceCue] = []
    stance_words = cue_words()
    # Only these tokens can give a cue; each is tested as before.
    for i in within(_candidates(columns), sent.start, sent.end):
        if i in inside_if:
            continue
        tok = doc[i]
        cue = None
        if tok.lemma_.lower() in stance_words or tok.lower_ in stance_words:
            # "We are committed to …": a participle that says how its subject stands
            adjectival = tok.tag_ == "VBN" and (
                tok.dep_ in ("acomp", "oprd") or any(c.dep_ == "auxpass" for c in tok.children)
            )
            cue = (
                (_adj_cue(tok) if adjectival else None)
                or benefit_cue(tok)
                or _verb_cue(tok)
                or _adj_cue(tok)
                # "Tarvenia has every right to …" is the speaker's judgment; "affirmed
                # Tarvenia's right to …" the stance noun of whoever affirms it
                or eval_cue(tok)
                or _noun_cue(tok)
                or _modal_cue(tok)
                or pledge_cue(tok)
                or tabling_cue(tok)
            )
        if cue is None and tok.lower_ == "enough":
            cue = shortfall_cue(tok)
        # A refusal needs a future auxiliary: only then is it worth reading the verb.
        if cue is None and i in columns.aux and columns.aux[i] & FUTURE and tok.pos_ == "VERB":
            cue = _refusal_cue(tok)
        if cue is not None and not _questioned(cue.token, columns):
            raw.append(cue)
    heads = {c.token.i for c in raw}
    kept: list[StanceCue] = []
    clauses: set[int] = set()
    for cue in raw:
        if _governed(cue.token, heads):
            continue
        if cue.kind != "noun" and cue.stance != "condition":
            refusing = cue.stance == "reject" or is_negated(cue.clause)
            # The clause is often the cue word itself, read once.
            if has_condition(cue.token, negated=refusing) or (
                cue.clause.i != cue.token.i and has_condition(cue.clause, negated=refusing)
            ):
                cue = StanceCue(cue.token, "condition", cue.kind, cue.clause)
        kept.append(cue)
        clauses.add(cue.clause.i)
    # Only a verb with a modal of possibility can be a bare condition.
    for i in within(_possible(columns), sent.start, sent.end):
        if i in inside_if or i in clauses:
            continue
        tok = doc[i]
        if tok.pos_ not in ("VERB", "AUX") or tok.dep_ in AUXILIARIES:
            continue
        if aux_words(tok) & POSSIBLE and has_condition(tok, negated=False):
            kept.append(StanceCue(tok, "condition", "bare", tok))
    return kept


def _candidates(columns: DocWords) -> list[int]:
    """The tokens of a doc that can be cues: a cue word, "enough", or a verb with a
    future auxiliary (a refusal needs one); every other token yields none."""

    def make() -> list[int]:
        refusals = [i for i, aux in columns.aux.items() if aux & FUTURE]
        found = set(columns.with_word(cue_words()))
        found.update(columns.with_lower(frozenset({"enough"})), refusals)
        return sorted(found)

    return columns.memo("cue candidates", make)


def _possible(columns: DocWords) -> list[int]:
    """The tokens of a doc with a modal of possibility among their auxiliaries."""

    def make() -> list[int]:
        return sorted(i for i, aux in columns.aux.items() if aux & POSSIBLE)

    return columns.memo("possible", make)


@cache
def cue_words() -> frozenset[str]:
    """Every word that can start a cue other than a refusal: one set lookup per token."""
    return frozenset(
        {lemma for lemma, _ in stance_cues()}
        | {word for word, _ in evaluations()}
        | OBLIGATION
        | EFFORT_VERBS
        | set(BENEFIT_VERBS)
        | {lemma for lemma, role in proposal_verbs().items() if role in TABLING}
        | {"have", "need"}
    )


def _entries(tok: Token, pos: str) -> tuple[Cue, ...]:
    table = stance_cues()
    found = table.get((tok.lemma_.lower(), pos), ())
    if not found and tok.lower_ != tok.lemma_.lower():
        found = table.get((tok.lower_, pos), ())
    return found


def _particle_ok(tok: Token, cue: Cue) -> bool:
    if cue.particle is None:
        return True
    if cue.particle == "inf":
        return any(c.dep_ == "xcomp" for c in tok.children)
    if cue.particle == "light":
        verb = voicing_verb(tok)
        return verb is not None and verb.lemma_.lower() in VOICING_VERBS
    for child in tok.children:
        if child.dep_ in ("prt", "prep", "advmod", "agent") and child.lower_ == cue.particle:
            return True
        # "committed to hold elections", "the need to close the gaps": the "to" belongs to
        # the infinitive
        if cue.particle == "to" and (
            child.dep_ == "xcomp" or (child.dep_ in ("acl", "relcl") and infinitive(child))
        ):
            return True
        # "the need for these gains to last": "for" opens an infinitive clause
        if (
            cue.particle == "for"
            and child.dep_ in ("advcl", "acl", "ccomp")
            and any(c.dep_ == "mark" and c.lower_ == "for" for c in child.children)
        ):
            return True
    # "the imperative to further surge assistance" with the infinitive hung elsewhere: the
    # particle right after the word still says what it takes
    nxt = tok.nbor(1) if tok.i + 1 < len(tok.doc) else None
    return nxt is not None and nxt.lower_ == cue.particle and _nominal(tok)


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
    if tok.dep_ == "amod" or (tok.tag_ == "VBN" and _participle(tok) and not _endorsed_as(tok)):
        return None
    if _obligation(tok):
        return None  # "Qaremia must accept": the modal cue speaks for the speaker
    if any(c.dep_ == "det" and c.lower_ == "no" for o in _objects(tok) for c in o.children):
        return None  # "offered no details": nothing was offered
    if cue.stance == "offer" and any(o.lemma_.lower() in COURTESY_NOUNS for o in _objects(tok)):
        return None  # "offered his condolences": sympathy, not an offer
    if tok.lemma_.lower() in GREETING_VERBS and any(names_someone(o) for o in _objects(tok)):
        return None  # "will welcome Prime Minister X to the White House": a host's greeting
    if cue.stance == "condition" and _relies_on_someone(tok):
        return None  # "on whom he depends to stay in power": reliance, not a condition
    if cue.stance == "demand" and (_courtesy(tok) or _own_wish(tok)):
        # "I want to thank President Ilovan": a courtesy; "The Front wants to specify …": a
        # wish about its own act, not a demand on anyone
        return None
    stance = cue.stance
    if stance == "offer" and _keeps_in_touch(tok):
        return None  # "agreed to remain in close coordination"
    if cue.particle == "inf" and _accepts(next(c for c in tok.children if c.dep_ == "xcomp")):
        stance = "accept"  # "agreed to move forward with the proposal"
    if is_negated(tok) or _too_for(tok):
        if stance not in FLIPS:
            return None
        stance = "condition" if _any_that(tok) else FLIPS[stance]
    return StanceCue(tok, stance, "verb", tok)


def _keeps_in_touch(tok: Token) -> bool:
    """The act offered is staying in contact: "agreed to remain in close coordination",
    "agreed to establish another meeting", "agreed to meet again"."""
    act = next((c for c in tok.children if c.dep_ == "xcomp"), None)
    if act is None:
        return False
    words = contact_words()
    near = [act, *act.children]
    near += [g for c in act.children if c.dep_ == "prep" for g in c.children]
    return any(t.lemma_.lower() in words or t.lower_ in words for t in near)


def _relies_on_someone(tok: Token) -> bool:
    """ "depends on his partners": what it depends on is a person, not a condition."""
    for prep in tok.children:
        if prep.dep_ == "prep" and prep.lower_ == "on":
            return any(names_someone(o) for o in prep.children if o.dep_ == "pobj")
    # "on whom he depends": the preposition sits on the relative pronoun
    return any(c.dep_ == "prep" and c.lower_ == "on" for c in tok.lefts) or any(
        t.lower_ in ("whom", "who") for t in tok.lefts
    )


def _own_wish(tok: Token) -> bool:
    """ "wants to do X" (its own act), as against "wants a deal", "wants them to stop"."""
    if tok.lemma_.lower() not in WISHING:
        return False
    return any(c.dep_ == "xcomp" for c in tok.children) and not any(
        c.dep_ in ("dobj", "ccomp") for c in tok.children
    )


def _courtesy(tok: Token) -> bool:
    """A wish to say or thank: "I want to thank …", "I'd like to begin by …"."""
    if tok.lemma_.lower() not in WISHING:
        return False
    act = next((c for c in tok.children if c.dep_ == "xcomp"), None)
    return act is not None and (act.lemma_.lower() in COURTESIES or is_reporting(act))


def _endorsed_as(tok: Token) -> bool:
    """A stance reported in an "as" clause, with who holds it: "the deal as outlined by
    the President and endorsed by the Security Council"."""
    if agent_of(tok) is None:
        return False
    top = highest(tok, 3, through={"conj"})
    return any(c.dep_ == "mark" and c.lower_ == "as" for c in top.children)


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
            stance = _commitment(tok)
        elif xcomp and _accepts(next(c for c in children if c.dep_ == "xcomp")):
            stance = "accept"  # "ready to accept the proposal": readiness to take terms
    clause = tok.head if tok.dep_ in ("acomp", "oprd", "xcomp") else tok
    if is_negated(tok) or is_negated(clause):
        if stance not in FLIPS:
            return None
        stance = FLIPS[stance]
    return StanceCue(tok, stance, "adj", clause)


def _accepts(verb: Token) -> bool:
    """An act of taking terms: "accept", "sign", "agree to" (the accept cues), or going
    ahead with a proposal ("move forward with the deal", "finalize the proposal")."""
    cue = _pick(verb, "VERB")
    if cue is not None and cue.stance == "accept":
        return True
    if verb.lemma_.lower() not in GOING_AHEAD:
        return False
    nouns = proposal_nouns()
    near = [c for c in verb.children if c.dep_ in OBJECTS]
    withs = [c for c in verb.children if c.dep_ == "prep" and c.lower_ == "with"]
    near += [g for c in withs for g in c.children]
    if any(not list(c.children) for c in withs):
        # "this deal, that Tarvenia is ready to move forward with": a preposition left at
        # the end of a relative clause stands for the noun the clause follows
        near += _relative_antecedent(verb)
    return any((nouns.get(t.lower_) or nouns.get(t.lemma_.lower())) is not None for t in near)


def _relative_antecedent(verb: Token) -> list[Token]:
    """The noun right before the "that"/"which" clause ``verb`` stands in, if any."""
    for clause in climb(verb, 4, with_self=True):
        first = clause.left_edge
        if first.lower_ in RELATIVE_WORDS:
            before = first.i - 1
            while before >= 0 and clause.doc[before].is_punct:
                before -= 1
            return [clause.doc[before]] if before >= 0 else []
    return []


def _commitment(word: Token) -> str:
    """What a commitment ("committed", "commitment") is: an offer to do something ("to hold
    elections", "to getting the hostages home"), support of a thing or of a party's
    security ("committed to the framework", "commitment to Tarvenia's security")."""
    for child in word.children:
        if (
            child.dep_ == "prep"
            and child.lower_ in ("to", "towards", "toward")
            and any(o.lemma_.lower() in SECURITY_NOUNS for o in child.children)
        ):
            return "support"
    if any(c.dep_ in ("xcomp", "acl") and infinitive(c) for c in word.children):
        return "offer"
    for child in word.children:
        if child.dep_ == "prep" and child.lower_ in ("to", "towards", "toward"):
            for obj in child.children:
                if obj.tag_ == "VBG" or obj.pos_ == "VERB":
                    return "offer"
                if obj.dep_ == "pobj":
                    return "support"
    return "offer"


def _nominal(tok: Token) -> bool:
    """A noun, or an adjective the tagger gave a noun's place ("emphasized the imperative
    to …": a determiner before it, an object's or subject's arc)."""
    if tok.pos_ == "NOUN":
        return True
    return (
        tok.pos_ == "ADJ"
        and tok.dep_ in ("dobj", "pobj", "nsubj", "nsubjpass")
        and any(c.dep_ == "det" for c in tok.children)
    )


def _noun_cue(tok: Token) -> StanceCue | None:
    if not _nominal(tok) or tok.dep_ == "compound":
        return None
    cue = _pick(tok, "NOUN")
    if cue is None:
        return None
    head = tok.head
    # "in opposition to", "in support of": an adverbial, not anyone's stated stance ("in
    # our support for" has an owner)
    if (
        tok.dep_ == "pobj"
        and head.lower_ == "in"
        and not any(c.dep_ == "poss" for c in tok.children)
    ):
        return None
    if is_negated(tok, never=None) or any(c.lower_ == "no" for c in tok.children):
        return None  # "no demands"
    stance = _commitment(tok) if tok.lemma_.lower() == "commitment" else cue.stance
    if stance == "offer":
        act = next((c for c in tok.children if c.dep_ in ("acl", "xcomp") and infinitive(c)), None)
        if act is not None and _accepts(act):
            stance = "accept"  # "readiness to go ahead on those terms": taking them
    return StanceCue(tok, stance, "noun", clause_verb(tok, skip_aux=True))


def _questioned(tok: Token, words: DocWords) -> bool:
    """``tok`` stands in a question: a "?" after it in its sentence, or a transcript's
    "Q" turn ("Q Just wondering if we should expect …")."""
    sent = tok.sent
    doc = tok.doc
    if any(doc[i].text == "?" for i in within(words.questions, tok.i, sent.end)):
        return True
    first = next((t for t in sent if not t.is_space and not t.is_punct), None)
    return first is not None and first.text == "Q"


def _modal_cue(tok: Token) -> StanceCue | None:
    lower = tok.lower_
    if lower in OBLIGATION and tok.dep_ == "aux":
        if any(c.dep_ == "nsubj" and c.lower_ == "you" for c in tok.head.children):
            return None  # "you shouldn't be reporting": a remark to the room, not a demand
        return StanceCue(tok, "demand", "modal", tok.head)
    # "there has to be a vote", "Qaremia needs to open"; "I need to leave it at that" is
    # the speaker's own errand, not a demand
    if (
        tok.lemma_ in ("have", "need")
        and tok.pos_ in ("VERB", "AUX")
        and not any(c.dep_ in ("nsubj", "expl") and c.lower_ == "i" for c in tok.children)
    ):
        xcomp = next((c for c in tok.children if c.dep_ == "xcomp"), None)
        if any(c.dep_ == "dobj" for c in tok.children) or any(
            t.tag_ in ("WP", "WDT") and t.i < tok.i for t in tok.subtree
        ):
            # "needs more fuel", "has what it needs to hold the line", "asked what
            # it needed to do": a thing needed, or a question, not a duty laid on anyone
            return None
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
    if not is_negated(tok) or not aux_words(tok) & FUTURE:
        return None
    if any(c.dep_ in PASSIVE_MARKS for c in tok.children):
        return None  # "would not be hurried" is done to the subject, not refused by it
    if _attitude_content(tok) or _declines_comment(tok):
        return None
    if tok.lemma_.lower() in UNRELENTING | UNFORSAKING or (
        tok.lemma_.lower() == "give" and any(c.lower_ == "up" for c in tok.children)
    ):
        # "we will not rest until they are home", "will never give up", "will never
        # forget": a pledge
        return StanceCue(tok, "offer", "verb", tok)
    return StanceCue(tok, "reject", "refusal", tok)


def _attitude_content(tok: Token) -> bool:
    """ "I hope that the Sable Brigades will not violate …": the speaker's hope, not a refusal."""
    head = tok.head
    return tok.dep_ == "ccomp" and head.lemma_.lower() in ATTITUDE_VERBS


def _declines_comment(tok: Token) -> bool:
    """ "I won't go into the numbers", "I will not speak for the IRGC": a speaker declining
    to say more, not a stance on the issue."""
    subject = next((c for c in tok.children if c.dep_ in ("nsubj", "expl")), None)
    if subject is None or subject.lower_ not in ("i", "we"):
        return False
    return tok.lemma_.lower() in SPEAKING_ACTS or is_reporting(tok)


def _objects(tok: Token) -> list[Token]:
    return [c for c in tok.children if c.dep_ in OBJECTS]


def _obligation(tok: Token) -> bool:
    return bool(aux_words(tok) & OBLIGATION)


def _too_for(tok: Token) -> bool:
    """An infinitive ruled out by "too": "too many losses for us to accept a truce"."""
    if not any(c.dep_ == "mark" and c.lower_ == "for" for c in tok.children):
        return False
    return any(t.lower_ == "too" for t in tok.head.subtree if t.i < tok.i)


def _any_that(tok: Token) -> bool:
    """A refusal that sets a condition: "would not accept any clause that ..."."""
    if not aux_words(tok) & FUTURE:
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
            # "call on all parties … to endorse the ceasefire": the act called for
            return dep in COMPLEMENTS or dep == "prep" or (dep == "advcl" and infinitive(current))
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


@cache
def _condition_starts() -> frozenset[str] | None:
    """The first words of the condition markers, "while" and "without": a clause that
    opens with none of them (nor with "only") opens no condition. None if a marker is
    empty, which any clause opens with."""
    markers = condition_markers()
    if any(not marker for marker in markers):
        return None
    return frozenset({marker[0] for marker in markers} | {"while", "without"})


def _opens_condition(child: Token, negated: bool) -> bool:
    # Its first word decides for most clauses: the subtree is a generator, read only as
    # far as needed (five words at most), and a clause can be long.
    starts = _condition_starts()
    if starts is not None:
        first = next(child.subtree).lower_
        if first != "only" and first not in starts:
            return False
    words = [t.lower_ for t in islice(child.subtree, 5)]
    readings = [words, words[1:]] if words[:1] == ["only"] else [words]
    for reading in readings:
        if negated and reading[:1] in (["while"], ["without"]):
            return True
        if any(tuple(reading[: len(marker)]) == marker for marker in condition_markers()):
            return True
    return False
