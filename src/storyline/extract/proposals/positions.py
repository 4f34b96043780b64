"""Where each party stands: demands, offers, acceptances, rejections, support, opposition
and conditions, each with its holder, the issue and the clause that states it.

Cues come from :mod:`.cues`. The holder is decided per cue:

- a ``modal`` demand ("must", "should") and an ``eval`` judgment ("is intolerable", "it is
  time to …") belong to whoever states the clause: the subject of the verb of saying
  above it (each of them: "Both leaders agreed that …"), the speaker of the quote around
  it, else, in an official statement, its authors (:mod:`.authors`);
- any other cue belongs to its subject (a stance verb's subject, the possessor of a stance
  noun, the subject of a light verb around it: "expressed concerns"), with two turns: a
  person's subject wins outright, but when a person reports a stance of the body they
  speak for ("Mandrik said Qaremia would stand behind any agreement"; "He said the
  movement was ready to ..."), the person is the holder; "we" in a quote is its speaker;
  a speaker reporting several sides at once ("Qaremia and the Alliance have agreed, the
  envoy said") speaks for none of them;
- a subject that is a proposal ("a counterproposal that would require ...") speaks for
  its proposer, for demands only — a proposal "proposes" its own content;
- a subject that is a group ("both leaders", "the two sides", "we" of a joint
  statement, "they" after a list of people or a plural subject) gives each of its
  members the stance; "I" and "we" outside quotes are the statement's author;
- in an official statement a named side that is the subject of a reported clause holds
  the stance itself ("The President confirmed that Lirevia would work to …" is
  Lirevia's), and a stance noun an official attests to ("confirmed Qaremia's readiness
  to …") stays its owner's, where one re-stated ("reaffirmed the country's commitment")
  is the speaker's.

Holders must be parties (:class:`~.parties.Parties`): anonymous sources, bystanders and
non-names give no position. A question states no stance. One position per holder, stance
and main clause (a sentence, unless it coordinates clauses with their own subjects, or
stance words that each have an object: "condemned the attack and denounced the
blockade").
"""

from __future__ import annotations

import logging

from spacy.tokens import Doc, Span, Token

from ...models import Position
from ..common.syntax import (
    NEGATION,
    PASSIVE_SUBJECT,
    ROOT,
    SUBJECT,
    SUBJECTS,
    agent_of,
    climb,
    controlling_subject,
    highest,
    inherited_subject,
)
from ..registry import Context, register
from .cues import find_cues
from .lexicon import proposal_nouns
from .mentions import proposer_of
from .parties import (
    Parties,
    Party,
    conjuncts,
    is_first_person,
    is_reporting,
    lost_subject,
)
from .phases import PHASE_WORDS
from .shared import parties_and_words
from .stance import TOPIC_VERBS, StanceCue, voicing_verb

logger = logging.getLogger(__name__)

RELATIVE_PRONOUNS = frozenset({"that", "which", "who", "whom"})
OWNER_DEPS = frozenset({"poss", "compound", "amod", "nmod", SUBJECT})
# Stance nouns that take their owner after "of" ("the commitment of Tarvenia", "the demand of
# the movement"); after "rejection of", "condemnation of" or "the importance of" comes what
# the stance is about instead.
OF_OWNED = frozenset({"commitment", "support", "offer", "pledge", "demand", "backing",
                      "solidarity", "promise", "endorsement", "insistence"})  # fmt: skip
# Where the issue of a stance word is, in order: its complement clause, a preposition that
# names the matter, its object, then any other preposition ("appealed to Qaremia").
ISSUE_ORDER: tuple[tuple[frozenset[str], frozenset[str]], ...] = (
    (frozenset({"xcomp", "ccomp", "acl", "advcl"}), frozenset()),
    (
        frozenset({"prep", "prt"}),
        frozenset({"for", "against", "on", "about", "behind", "over", "upon", "toward", "towards"}),
    ),
    (frozenset({"dobj", "attr", "acomp", "oprd", "pobj"}), frozenset()),
    (frozenset({"prep", "prt"}), frozenset({"to", "of", "in", "with"})),
)
# Verbs that attest to a stance someone else holds ("confirmed Tarvenia's readiness to
# ...", "noted the Front's acceptance"), where "reaffirmed his country's commitment" voices
# one's own side's: the named owner keeps the stance.
ATTESTING_VERBS = frozenset({"confirm", "note", "recognize", "recognise", "acknowledge"})
# An issue is a short phrase: long enough for "a lasting end to the shelling".
MAX_ISSUE_TOKENS = 10


@register(
    "positions",
    version=3,
    requires=(
        "entities",
        "quotes",
    ),
)
def extract_positions(doc: Doc, context: Context) -> list[Position]:
    """Every stance a party takes in the article, one per holder, stance and sentence."""
    parties, words = parties_and_words(doc, context)
    positions: list[Position] = []
    for sent in doc.sents:
        if _question(sent):
            continue  # "Does Halvik really want a deal?" asks; it states no stance
        seen: set[tuple[str, str, int]] = set()
        cues = find_cues(sent, words)
        stance_at = {c.token.i: c.stance for c in cues}
        for cue in cues:
            for holder in _holders(cue, parties):
                key = (holder.name, cue.stance, _clause_key(cue, stance_at))
                if key in seen:
                    continue
                seen.add(key)
                positions.append(_position(context.article.id, doc, sent, cue, holder))
    return positions


def _question(sent: Span) -> bool:
    """The sentence ends with "?", closing quotation marks aside."""
    # Read from its last token back, only as far as a character that decides: the whole
    # sentence's text joins every one of its tokens.
    doc = sent.doc
    tail = ""
    for i in range(sent.end - 1, sent.start - 1, -1):
        tail = doc[i].text_with_ws + tail
        text = tail.rstrip().rstrip("”\"’'")
        if text:
            return text.endswith("?")
    return False


def _clause_key(cue: StanceCue, stance_at: dict[int, str]) -> int:
    """The main clause a stance is stated in, so that one holder's stance counts once per
    main clause: a sentence is one ("pressed Abbas on the need …, reforms that we urge it
    to implement"), unless it coordinates main clauses with subjects of their own ("we
    call for a ceasefire, and we call on all parties to …"), or coordinates stance words
    that each say what they are about ("condemned the attack … and denounced the rise of
    hatred", "the need to reopen the crossings and the importance of protecting
    civilians"); stance words that share one object ("endorse and will stand behind the
    deal") stay one stance."""
    if _own_conjunct(cue, stance_at):
        return -1 - cue.token.i  # apart from every clause index
    top = cue.clause
    for current in climb(cue.clause, with_self=True):
        if current.dep_ == ROOT or current.head.i == current.i:
            return top.i if top.i != current.i and _own_main_clause(top) else current.i
        top = current
    return top.i


def _own_conjunct(cue: StanceCue, stance_at: dict[int, str]) -> bool:
    """A coordinated stance word with an object or complement of its own, beside a first
    conjunct of the same stance that has one too, or beside a noun that is no stance word
    ("raised the crisis, the need to …"); a conjunct of another stance ("steps that it
    has pledged to take and that we press it to carry out") stays in its clause."""
    word = cue.token
    if word.dep_ != "conj" or not _has_content(word):
        return False
    first = highest(word, through={"conj"})
    if first.i == word.i:
        return False
    if first.pos_ in ("VERB", "AUX") and word.pos_ == "NOUN":
        # a parser slip: "discussed the importance of X, and the need for Y to …" with
        # the second object hung on the verb; the first object is the conjunct
        first = next((c for c in first.children if c.dep_ == "dobj"), first)
    if first.i in stance_at:
        return stance_at[first.i] == cue.stance and _has_content(first)
    return first.pos_ in ("NOUN", "PROPN") and word.pos_ == "NOUN"


def _has_content(word: Token) -> bool:
    """What a stance word is about hangs on it: an object, a clause or a preposition."""
    return any(
        c.dep_ in ("dobj", "ccomp", "xcomp", "prep", "acl", "advcl", "attr") for c in word.children
    )


def _own_main_clause(verb: Token) -> bool:
    return verb.dep_ == "conj" and any(c.dep_ in SUBJECTS for c in verb.children)


def _holders(cue: StanceCue, parties: Parties) -> list[Party]:
    if cue.kind in ("modal", "eval"):
        return _parties_only(parties.voices(cue.clause), parties)
    if cue.kind == "noun":
        # a stance noun belongs to its owner ("Qaremian demands"), else to whoever states the
        # clause ("the plan ignored the fighters' main demand", she said); a statement's own
        # voice holds only a need it states ("there is an urgent need for …"), not every
        # stance it names ("Iran's … support for terrorism")
        owners = _noun_owners(cue, parties)
        if not owners:
            reporter = parties.reporter(cue.clause)
            if cue.stance == "demand":
                owners = parties.voices(cue.clause)
            elif reporter is not None:
                owners = [reporter]
        return _parties_only(owners, parties)
    if _stated_by_proposal(cue, parties) or _in_description(cue):
        return []  # "The draft says that the Alliance would agree ...": a term, not a stance
    reporter = _reporter(cue, parties)
    if cue.kind == "bare" and reporter is None:
        return []
    subjects = _subjects(cue)
    if not subjects:
        owner = _owner_above(cue.clause, parties)
        if owner is not None:
            return [owner]
        if cue.kind == "bare" and reporter is not None and parties.is_party(reporter):
            return [reporter]
        return []
    if len(subjects) > 1:
        reporter = None  # a speaker does not speak for several sides at once
    found: list[Party] = []
    for subject in subjects:
        for holder in _holder(cue, subject, reporter, parties):
            if parties.is_party(holder) and holder not in found:
                found.append(holder)
    return found


def _parties_only(found: list[Party], parties: Parties) -> list[Party]:
    return [p for p in dict.fromkeys(found) if parties.is_party(p)]


def _stated_by_proposal(cue: StanceCue, parties: Parties) -> bool:
    subject = parties.reporting_subject(cue.clause)
    return subject is not None and _is_proposal(subject)


def _in_description(cue: StanceCue) -> bool:
    """The cue is part of a sentence that describes a proposal or one of its phases
    ("The last phase would cover ..., and the Alliance would agree not to rearm")."""
    root = highest(cue.clause)
    subject = inherited_subject(root)
    if subject is None or not (_is_proposal(subject) or subject.lower_ in PHASE_WORDS):
        return False
    clauses = climb(cue.clause, 5, through={"conj", "ccomp", "xcomp"}, with_self=True)
    return any(clause.i == root.i for clause in clauses)


def _reporter(cue: StanceCue, parties: Parties) -> Party | None:
    reporter = parties.reporter(cue.clause)
    if cue.kind == "bare":
        # a condition stated in the speaker's own quoted words is rhetoric ("If the guns
        # fall silent, nobody will want to ..."); only reported conditions count
        quote = parties.quote_at(cue.clause.idx)
        if quote is not None and quote.kind != "indirect":
            return None
    return reporter


def _subjects(cue: StanceCue) -> list[Token]:
    """The subject of the cue's clause (or of the verb a subjectless one hangs from:
    "…, calling for restraint"), its conjuncts ("Qaremia and the Alliance"), and the
    antecedent of a relative pronoun ("a counterproposal that would require ...")."""
    verb = cue.clause
    subject = None
    if cue.kind == "adj" and cue.token.tag_ == "VBN":
        # "Qaremia was prepared to ...": tagged as a passive participle
        subject = next((c for c in cue.token.children if c.dep_ == PASSIVE_SUBJECT), None)
    if subject is None and cue.token.tag_ == "VBN":
        subject = agent_of(cue.token)  # "as … endorsed by the Security Council"
    if subject is None:
        subject = controlling_subject(verb) or lost_subject(verb)
    if subject is None:
        return []
    if subject.lower_ in RELATIVE_PRONOUNS and verb.dep_ == "relcl":
        subject = verb.head
    elif subject.lower_ in RELATIVE_PRONOUNS and verb.dep_ == "conj":
        top = highest(verb, through={"conj"})
        if top.dep_ == "relcl":
            subject = top.head
    return conjuncts(subject)


def _holder(
    cue: StanceCue, subject: Token, reporter: Party | None, parties: Parties
) -> list[Party]:
    """The parties ``subject`` stands for as holders of ``cue``: the subject's own party,
    or each of a group ("both leaders", "we" of a joint statement); a person reporting
    their own side's stance holds it themselves."""
    if _is_proposal(subject):
        if cue.stance != "demand":
            return []
        proposer, _ = proposer_of(subject, parties)
        return [proposer] if proposer is not None else []
    found = parties.resolve_all(subject, reporter)
    if not found:
        # "the siege will end only when ...", "the framework contained ... but fell short
        # of the fighters' core demand": the clause is the reporter's stance
        if reporter is not None and (cue.kind in ("bare", "modal") or (cue.kind == "noun")):
            return [reporter]
        return []
    # An official statement names the sides it reports: "The Premier confirmed that
    # Corvania would work to …" is Corvania's stance, where a news report's
    # "Mandrik said Qaremia would …" is the speaker's.
    sides_named = parties.title.kind != "none" and subject.pos_ != "PRON"
    holders: list[Party] = []
    for party in found:
        if party.type == "PERSON" or reporter is None or reporter == party or sides_named:
            holders.append(party)
        elif (
            reporter.type == "PERSON"
            and parties.is_party(reporter)
            and reporter.affiliation in (None, party.name)
        ):
            holders.append(reporter)
        else:
            holders.append(party)
    return holders


def _is_proposal(tok: Token) -> bool:
    nouns = proposal_nouns()
    return tok.lower_ in nouns or tok.lemma_.lower() in nouns


def _noun_owners(cue: StanceCue, parties: Parties) -> list[Party]:
    """Whose stance a stance noun is: its possessor or name modifier ("Qaremian demands",
    "Mandrik's rejection", "our call for"), "from"/"by" X or, for a stance one holds,
    "of" X ("the commitment of Tarvenia and the United States"), or the subject of a verb
    that voices it ("Osk expressed concerns", "agreed on the urgency of …"). A person who
    voices their own side's stance holds it ("Osk repeated his country's offer"); a
    topic of talks ("discussed the shared commitment of X") stays its owner's."""
    noun = cue.token
    owners: list[Party] = []
    for child in noun.children:
        if child.dep_ in OWNER_DEPS:
            owners = _named(child, parties)
            if owners and is_first_person(child):
                # "Corvania is steadfast in our backing": "our" is the state
                owners = _state_subject(cue.clause, parties) or owners
            if owners:
                break
        if child.dep_ == "prep" and (
            child.lower_ in ("from", "by") or (child.lower_ == "of" and noun.lemma_ in OF_OWNED)
        ):
            owners = [
                p for obj in child.children if obj.dep_ == "pobj" for p in _named(obj, parties)
            ]
            if owners:
                break
    verb = voicing_verb(noun)
    if verb is None:
        return owners
    subject = controlling_subject(_reporting_conjunct(verb) or verb)
    if subject is None:
        return owners
    light = StanceCue(noun, "support", "verb", verb)
    speakers = [
        p
        for s in conjuncts(subject)
        for p in _holder(light, s, parties.reporter(verb), parties)
        if parties.is_party(p)
    ]
    if not speakers:
        return owners
    if not owners:
        return speakers
    if verb.lemma_.lower() in TOPIC_VERBS | ATTESTING_VERBS:
        return owners
    names = {o.name for o in owners}
    voiced = all(s.type == "PERSON" and s.affiliation in (None, *names) for s in speakers)
    return speakers if voiced else owners


def _reporting_conjunct(verb: Token) -> Token | None:
    """The verb of saying a past-tense verb is really coordinated with, when the parser
    hung it inside the present-tense clause that verb reports: in "He emphasized that
    Tarvenia has every right to …, and affirmed support for …", "affirmed" goes with
    "emphasized" (coordinated verbs share a tense), not with "has"."""
    if verb.dep_ != "conj" or verb.tag_ != "VBD":
        return None
    head = verb.head
    if head.tag_ not in ("VBZ", "VBP") or head.dep_ != "ccomp":
        return None
    governor = head.head
    return governor if governor.tag_ == "VBD" and is_reporting(governor) else None


def _state_subject(verb: Token, parties: Parties) -> list[Party]:
    """The named body that is the subject of ``verb``'s clause, if it is one."""
    subject = controlling_subject(verb)
    if subject is None or subject.pos_ == "PRON":
        return []
    party = parties.mention_party(subject)
    return [party] if party is not None and party.type != "PERSON" else []


def _named(token: Token, parties: Parties) -> list[Party]:
    """The parties a modifier or object names, with its conjuncts: "Tarvenia and the United
    States", "our" (a statement's authors)."""
    found: list[Party] = []
    for tok in conjuncts(token):
        if is_first_person(tok):
            found.extend(parties.resolve_all(tok))
            continue
        party = parties.mention_party(tok)
        if party is not None and parties.is_party(party):
            found.append(party)
    return list(dict.fromkeys(found))


def _owner_above(verb: Token, parties: Parties) -> Party | None:
    """A subjectless cue under a noun takes the noun's owner: "The Alliance's reply —
    accepting the framework but demanding guarantees", "Osk's attempts to pressure"."""
    current = highest(verb, 4, through={"conj"})
    if current.dep_ not in ("acl", "xcomp", "relcl") or current.head.pos_ not in ("NOUN", "PROPN"):
        return None
    noun = current.head
    voicing = voicing_verb(noun)
    if voicing is not None and voicing.lemma_.lower() in TOPIC_VERBS:
        return None  # "discussed Corvanian efforts to calm the border": a topic
    for child in noun.children:
        if child.dep_ in OWNER_DEPS:
            party = parties.mention_party(child)
            if parties.is_party(party):
                return party
    party = parties.mention_party(noun)
    return party if parties.is_party(party) else None


def _position(article: str, doc: Doc, sent: Span, cue: StanceCue, holder: Party) -> Position:
    first, last = _clause_bounds(sent, cue)
    span = doc[first : last + 1]  # a span's text, not Doc.text, which joins the whole article
    return Position(
        article=article,
        start=span.start_char,
        end=span.end_char,
        text=span.text,
        holder=holder.name,
        stance=cue.stance,
        issue=_issue(cue),
    )


def _clause_bounds(sent: Span, cue: StanceCue) -> tuple[int, int]:
    """First and last token of the clause stating the stance, trimmed of edge punctuation; the whole
    sentence when the clause is too short to read alone."""
    head = cue.token if cue.kind == "noun" else cue.clause
    lo, hi = sent.start, sent.end
    found = [i for t in head.subtree if lo <= (i := t.i) < hi]
    if cue.kind == "noun" and len(found) < 4:
        found = [i for t in cue.clause.subtree if lo <= (i := t.i) < hi]
    # Too short to read alone: the whole sentence, whose bounds need no reading.
    first, last = (min(found), max(found)) if len(found) >= 4 else (lo, hi - 1)
    doc = sent.doc
    while first < last and (
        doc[first].is_punct or doc[first].is_space or doc[first].dep_ in ("cc", "mark")
    ):
        first += 1
    while last > first and (doc[last].is_punct or doc[last].is_space or doc[last].dep_ == "cc"):
        last -= 1
    return first, last


def _issue(cue: StanceCue) -> str | None:
    """A short phrase of what the stance is about: the cue's complement ("urged the Alliance
    to accept the proposal" → "accept the proposal"), else its prepositional object
    ("pressed Mandrik on the crossings"), else its direct object."""
    tok = cue.token
    if cue.kind == "modal":
        return _phrase(cue.clause, include_head=True, with_subject=True)
    if cue.kind in ("refusal", "bare"):
        return _phrase(cue.clause, include_head=True)
    if cue.kind == "eval":
        # "It is time to conclude a settlement" → what to do; "The situation … is
        # intolerable" → what is judged
        for owner in (tok, cue.clause):
            for child in owner.children:
                if child.dep_ in ("xcomp", "ccomp", "acl", "relcl"):
                    return _phrase(child, include_head=True)
        subject = next(
            (c for c in cue.clause.children if c.dep_ in (SUBJECT, PASSIVE_SUBJECT)), None
        )
        if subject is None or subject.lower_ in ("it", "this", "that"):
            return None
        return _phrase(subject, include_head=True)
    children = list(tok.children)
    for deps, preps in ISSUE_ORDER:
        for child in children:
            if child.dep_ not in deps or not _complement(child):
                continue
            if child.dep_ in ("prep", "prt"):
                if child.lower_ not in preps:
                    continue
                obj = next((c for c in child.children if c.dep_ in ("pobj", "pcomp")), None)
                # "rejected ... on Tuesday": a date is when, not what
                if obj is not None and obj.ent_type_ not in ("DATE", "TIME"):
                    return _phrase(obj, include_head=True)
                continue
            return _phrase(child, include_head=True)
    if cue.kind == "adj":
        return _phrase(cue.clause, include_head=False)
    return None


def _complement(child: Token) -> bool:
    """A clause that is what the stance is about ("to accept the plan", "that X leave"),
    not a participle beside it ("..., calling it a surrender")."""
    if child.dep_ not in ("xcomp", "ccomp", "acl", "advcl"):
        return True
    to = any(c.lower_ == "to" for c in child.children)
    if child.dep_ == "advcl":
        return to  # "work tirelessly to advance this vision", not "…, if …"
    return child.tag_ not in ("VBG", "VBN") or to


def _phrase(tok: Token, *, include_head: bool, with_subject: bool = False) -> str | None:
    """The words ``tok`` heads, cut at the first punctuation and ``MAX_ISSUE_TOKENS``; a
    verb's phrase starts at the verb unless ``with_subject`` ("the threat must be
    eliminated" says what is demanded only with its subject)."""
    doc = tok.doc
    # side clauses ("..., he said", "while ...", "if ...") are not what the stance is about
    aside = {
        t.i for c in tok.children if c.dep_ in ("advcl", "parataxis", "punct") for t in c.subtree
    }
    tokens = [t for t in tok.subtree if (include_head or t.i != tok.i) and t.i not in aside]
    if not tokens:
        return None
    first = min(t.i for t in tokens)
    if tok.pos_ in ("VERB", "AUX") and not with_subject:
        first = tok.i  # the verb phrase, without its subject and auxiliaries
    last = min(max(t.i for t in tokens), first + MAX_ISSUE_TOKENS - 1)
    for k in range(first + 1, last + 1):
        if doc[k].is_punct and not doc[k].is_quote and doc[k].text not in ("-", "‐"):
            last = k - 1
            break
    while first <= last and (doc[first].is_punct or doc[first].dep_ in ("mark", "aux", NEGATION)):
        first += 1
    while last >= first and (doc[last].is_punct or doc[last].dep_ in ("cc", "prep", "det")):
        last -= 1
    if last < first:
        return None
    text = doc[first : last + 1].text  # Doc.text would join the whole article each time
    return " ".join(text.split()) or None
