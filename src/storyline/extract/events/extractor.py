"""The events extractor: PLOVER-coded who did what to whom, with status and resolved date.

Per sentence: find trigger candidates (:mod:`.events_triggers`, lexicons in
``lexicons/plover_*.txt``), apply PLOVER's framing rules to get the events the sentence
reports and their types (:mod:`.events_frames`), then fill each event's actor, target,
place, date and status (:mod:`.events_args`, :mod:`.dates`). Repeated reports of one event
within the article are merged (:mod:`.events_merge`).

Choices worth knowing:

- Words inside quotation marks are not read: a speaker's words are a quote, not a report.
- A sentence yields its main event; a second one only when it clearly is another event
  (another named agent, a meeting beside a statement, its own date).
- ``status`` is PLOVER's auxiliary mode of the act coded: "vowed to launch" is a THREATEN
  that ``occurred``; "will release" (coded AGREE, PLOVER's promise) is ``planned``; "would
  agree … if" is ``hypothetical``; "did not meet", "has yet to allow" are ``negated``.
- ``location`` is the place named with the event, else the article's dateline.
"""

from __future__ import annotations

import bisect
import dataclasses
import datetime as dt
from dataclasses import dataclass
from functools import cached_property

from spacy.tokens import Doc, Span, Token

from ...matching.events import absorb, merge_events, same_name
from ...models import Event, Mention
from ..common.authors import TitleName, read_authors
from ..common.dates import DateMention, find_dates, is_day, names_day, parse_published
from ..common.mentions import MentionIndex
from ..common.syntax import AUXILIARIES, climb, subject_of
from ..registry import Context, register
from .args import (
    Names,
    actor_token,
    event_span,
    find_dateline,
    inherited_actor,
    is_passive,
    location_token,
    meeting_partner,
    quoted_tokens,
    target_token,
)
from .frames import CIRCUMSTANTIAL_PREPS, Reading, is_pronoun, read_sentence, reported
from .lexicon import Lexicon, load_lexicon
from .triggers import MODIFIER_DEPS, Candidate, Sieve, find_candidates, noun_agent
from .when import date_of, status_of
from .wordnet import is_a

# Nouns that put an event in doubt or ahead: "the possibility of an attack".
MODAL_NOUNS = frozenset(
    {"possibility", "prospect", "risk", "threat", "fear", "chance", "likelihood", "danger",
     "specter", "spectre", "idea", "notion", "plan", "proposal", "call", "demand", "hope",
     "exchange", "return"}
)  # fmt: skip
# Verbs whose object does not happen: "hope to avert a Rovanian offensive".
AVERT_VERBS = frozenset(
    {"avert", "prevent", "avoid", "forestall", "deter", "stave", "head", "oppose", "fear",
     "rule", "discuss", "consider", "weigh", "contemplate", "threaten"}
)  # fmt: skip
# Units a clause of time is measured in ("a day after", "hours before").
_TIME_UNITS = frozenset({"minute", "hour", "day", "night", "week", "month", "year", "moment"})
# Modal verbs that leave an act unasserted unless someone is quoted saying it.
MODALS = frozenset({"would", "could", "might", "may", "'d"})
# Speech acts: a conditional promise, threat or refusal is still made.
SPEECH_TYPES = frozenset({"AGREE", "THREATEN", "REJECT", "REQUEST", "ACCUSE"})
# Statements that are positions when held rather than made.
STANCE_TYPES = frozenset({"REJECT", "REQUEST", "ACCUSE", "SUPPORT"})
FIRST_PERSON = frozenset({"i", "we", "me", "us"})
# A signature line is a name and a title or two ("— President Ilse Varden").
SIGNATURE_WORDS = 8
# WordNet classes of those who act, and of things that only happen or get moved.
AGENT_CLASSES = frozenset({"person.n.01", "social_group.n.01", "organization.n.01"})
THING_CLASSES = frozenset({"artifact.n.01", "measure.n.02", "time_period.n.01", "phenomenon.n.01"})
# Speech acts and meetings: what a statement or a readout reports as done on its day.
ARTICLE_DAY_TYPES = SPEECH_TYPES | {"SUPPORT", "CONSULT"}
HABITUAL_ADVERBS = frozenset(
    {"staunchly", "repeatedly", "consistently", "long", "always", "often", "frequently",
     "routinely", "continually", "steadfastly", "publicly", "persistently", "generally",
     "traditionally", "historically"}
)  # fmt: skip
# Objects that are ideas, not proposals or acts: rejecting or backing "the notion of" or
# "the idea of" something is holding a view (the positions extractor's business).
IDEA_NOUNS = frozenset({"notion", "idea", "concept", "premise", "view", "belief", "narrative"})
# Acts only a state's authorities do: investigating and charging, arresting and expelling.
STATE_ACTS = frozenset({"ACCUSE", "COERCE"})
# Nouns for an undertaking whose owner is the actor ("Rovania's campaign has killed").
OPERATION_NOUNS = frozenset({"campaign", "operation", "war", "offensive", "effort", "mission"})


@dataclass(frozen=True)
class Draft:
    """An event read from a sentence, before the sentence's events are chosen."""

    event: Event
    reading: Reading
    named_agent: bool
    own_date: bool
    inherited: str | None = None


@dataclass(frozen=True)
class _Article:
    """What every sentence of one article shares."""

    doc: Doc
    text: str  # the article's text, which is doc.text (Doc.text re-joins its tokens per call)
    article_id: str
    names: Names
    lexicon: Lexicon
    quoted: set[int]
    dates: list[DateMention]  # in text order
    dateline: str | None
    published: str | None  # the article's day (ISO), which dates its undated own acts
    author: str | None  # who "I" and "we" are outside quotation marks
    # Whom "both leaders" or "the two sides" stand for: the parties a statement's title
    # names, its principal or first-named first.
    participants: tuple[str, ...] = ()
    readout: bool = False  # the title reads "Readout of X's Call/Meeting with Y"

    @cached_property
    def sieve(self) -> Sieve:
        return Sieve.of(self.doc, self.lexicon)

    @cached_property
    def date_starts(self) -> list[int]:
        return [d.start for d in self.dates]

    def dates_in(self, sentence: Span) -> list[DateMention]:
        """The date expressions that begin in ``sentence``.

        Found by bisection: filtering every date of the article for every sentence was
        quadratic in a long text.
        """
        lo = bisect.bisect_left(self.date_starts, sentence.start_char)
        return self.dates[lo : bisect.bisect_left(self.date_starts, sentence.end_char, lo)]


@register("events", version=4, requires=("entities",))
def extract_events(doc: Doc, context: Context) -> list[Event]:
    """PLOVER events of one article, one record per real event."""
    if not doc.has_annotation("DEP"):
        return []  # every rule reads the dependency parse; an unparsed Doc has no events
    index = MentionIndex(context.of("entities", Mention))
    # ``doc.text`` joins every token's text anew on each access: read the article's text,
    # which is the doc's (contract), when its length agrees.
    text = context.article.text
    if not len(doc) or doc[-1].idx + len(doc[-1].text_with_ws) != len(text):
        text = doc.text
    dateline = find_dateline(doc, text)
    names = Names(doc, index, dateline.stop if dateline is not None else 0)
    place = None
    if dateline is not None:
        mention = index.at(dateline.start, dateline.end) if index.mentions else None
        place = mention.name if mention is not None else dateline.place
    known = {m.name: TitleName(m.name, m.type, m.affiliation) for m in index.mentions}
    authors = read_authors(context.article.title, known.values())
    shared = _Article(
        doc=doc,
        text=text,
        article_id=context.article.id,
        names=names,
        lexicon=load_lexicon(),
        quoted=quoted_tokens(doc, text),
        dates=find_dates(doc, context.article.published, text),
        dateline=place,
        published=_day(context.article.published),
        author=authors.authors[0].name
        if authors.voices_own_text
        else find_author(doc, index, context.article.title, text),
        participants=tuple(p.name for p in authors.participants),
        readout=authors.kind == "readout",
    )
    events: list[Event] = []
    last_meeting = -2  # the index of the last sentence that reported a meeting
    met: set[str] = set()  # the parties of the meetings told so far
    for number, sentence in enumerate(doc.sents):
        met_before = number - last_meeting <= 1
        for event in sentence_events(sentence, shared):
            if event.type == "CONSULT":
                if _the_pair(event) and met_before:
                    continue
                if met and _topic_of_a_meeting(event, doc, met):
                    continue
                met_before, last_meeting = True, number
                met.update(n for n in (event.actor, event.target) if n)
            events.append(event)
    return merge_events(events)


def _of_our_side(token: Token) -> bool:
    """ "officials from our governments", "representatives of our country": people a
    first-person possessive places on the speaker's side, who act for the speaker."""
    if token.pos_ != "NOUN":
        return False
    for prep in token.children:
        if prep.dep_ == "prep" and prep.lower_ in ("from", "of"):
            for owner in prep.children:
                if owner.dep_ == "pobj" and any(
                    c.dep_ == "poss" and c.lower_ in ("our", "my") for c in owner.children
                ):
                    return True
    return False


# Nouns for the parties to a meeting or a statement: "the two leaders", "both sides".
_PARTY_NOUNS = frozenset(
    {"leader", "side", "party", "president", "minister", "delegation", "team", "counterpart"}
)


def joint_subject(token: Token) -> bool:
    """Whether a subject stands for the parties together: a plural party noun with "both",
    "two" or "the" ("Both leaders agreed", "the two sides discussed", "the leaders
    stressed"), "both" alone, or "they" is left to the pronoun rules."""
    if token.lower_ == "both" and token.pos_ in ("PRON", "DET"):
        return True
    if token.tag_ != "NNS" or token.lemma_.lower() not in _PARTY_NOUNS:
        return False
    words = {c.lower_ for c in token.children if c.dep_ in ("det", "predet", "nummod")}
    modified = any(c.dep_ in ("amod", "compound", "poss") for c in token.children)
    return bool(words & {"both", "two", "the"}) and not modified


# "the two leaders", "both men": the pair just said to have met.
_PAIR_WORDS = frozenset({"two", "both"})


def _the_pair(event: Event) -> bool:
    """A meeting whose actor is "the two leaders" or "both men", told in the sentence of a
    meeting or the one after: those two are its participants, and it is that meeting
    ("spoke by phone with X on Tuesday. The two leaders discussed the ceasefire")."""
    words = (event.actor or "").lower().split()
    return event.type == "CONSULT" and len(words) == 2 and words[0] in _PAIR_WORDS


# Verbs that tell what a meeting covered rather than that one took place.
TOPIC_VERBS = frozenset({"discuss", "review", "address", "cover", "explore"})


def _topic_of_a_meeting(event: Event, doc: Doc, met: set[str]) -> bool:
    """ "The leaders discussed the situation in Selda", after the article told their call:
    what the call covered, not another meeting. Holds for a topic verb with no date of its
    own whose actor is one of the parties already met, or a plural or pronoun for them."""
    if event.date_text is not None:
        return False
    span = doc.char_span(event.start, event.end, alignment_mode="expand")
    if span is None or span[0].lemma_.lower() not in TOPIC_VERBS:
        return False
    actor = event.actor
    return actor is None or actor in met or actor.lower().split()[-1] in ("leaders", "sides")


def sentence_events(sentence: Span, shared: _Article) -> list[Event]:
    """The events one sentence reports: its main event and any clearly separate ones."""
    candidates = find_candidates(sentence, shared.lexicon, shared.quoted, shared.sieve)
    if not candidates:
        return []
    dates = shared.dates_in(sentence)
    every = {i for c in candidates for i in c.anchors}
    scheduled = set()
    for candidate in candidates:
        found = date_of(candidate, dates, every - candidate.anchors)
        # A future act with its day named is on a schedule ("will meet on Thursday"):
        # it keeps its type instead of becoming a promise.
        if (
            found is not None
            and found[1]
            and found[0].tense == "future"
            and names_day(found[0].text)
        ):
            scheduled.add(candidate.token.i)
    readings = read_sentence(candidates, scheduled)
    if not readings:
        return []
    drafts = [_draft(r, candidates, dates, shared) for r in readings]
    events = [d.event for d in choose(drafts, statement=shared.author is not None)]
    kinds = {e.type for e in events}
    return events + [e for d in drafts if d.event.type in kinds for e in _named_parts(d, shared)]


def _named_parts(draft: Draft, shared: _Article) -> list[Event]:
    """The acts an "including by X" names inside an event noun: each is X's own act.

    "attacks by proxy groups, including by the Kestrel Brigade against convoys": the
    brigade attacked convoys, an event of the same type with its own actor (and target).
    """
    head = draft.reading.head
    if head.kind != "noun":
        return []
    out: list[Event] = []
    for including in head.token.children:
        if including.dep_ != "prep" or including.lower_ != "including":
            continue
        by = next((c for c in including.children if c.lower_ == "by"), None)
        agent = next((c for c in by.children if c.dep_ == "pobj"), None) if by else None
        actor = shared.names.name(agent)
        if agent is None or actor is None or same_name(actor, draft.event.actor):
            continue
        against = [c for t in (including, agent) for c in t.children if c.lower_ == "against"]
        patient = next((c for p in against for c in p.children if c.dep_ == "pobj"), None)
        start, end = including.idx, agent.idx + len(agent.text)
        out.append(
            dataclasses.replace(
                draft.event,
                start=start,
                end=end,
                text=shared.text[start:end],
                actor=actor,
                target=shared.names.name(patient) if patient is not None else None,
            )
        )
    return out


def choose(drafts: list[Draft], statement: bool = False) -> list[Draft]:
    """The main event, and the others that are clearly events of their own.

    PLOVER codes one event per report, and a second reading of one sentence is far more
    often background ("after fierce fighting", "following the deal") than news; a second
    event is kept when someone else does it, or when it is a meeting beside a statement or
    at another place. A reading that names no one and no date is no record at all.
    """
    drafts = [_with_inherited(d, i == 0) for i, d in enumerate(drafts)]
    drafts = [d for d in drafts if _informative(d)]
    if not drafts:
        return []
    main, *rest = drafts
    chosen = [main]
    for draft in rest:
        event = draft.event
        same = next((c for c in chosen if _one_event(c.event, event)), None)
        if same is not None:
            chosen[chosen.index(same)] = dataclasses.replace(same, event=absorb(same.event, event))
            continue
        if draft.reading.head.kind == "noun" and _ended(draft.reading.head.token, chosen):
            continue
        meetings = [c.event for c in chosen if c.event.type == "CONSULT"]
        if event.type == "CONSULT" and (
            not meetings or all(_elsewhere(event, m) for m in meetings)
        ):
            # A meeting beside the main event says with whom, whose, where or when;
            # "throughout months of talks" is background.
            if event.target or event.location or draft.own_date or _owned(draft):
                chosen.append(draft)
            continue
        other_agent = (
            draft.named_agent
            and event.actor is not None
            and not any(same_name(event.actor, c.event.actor) for c in chosen)
        )
        # Named attacks stand on their own ("damaged in the Front's Oct. 3 attack"); other
        # event nouns beside a main event are background ("in protest of X's refusal"),
        # and so are acts in subordinate clauses ("after Mardan officials alleged that …").
        head = draft.reading.head
        if head.kind == "noun":
            if other_agent and event.type == "ASSAULT":
                chosen.append(draft)
        elif (other_agent and (not _subordinate(head.token) or _dated_apart(draft, chosen))) or (
            statement and _another_act(draft, chosen)
        ):
            chosen.append(draft)
    return chosen


# Types of the acts that end, leave or reverse another: what they end did not happen anew.
ENDING_TYPES = frozenset({"SANCTION", "RETREAT", "CONCEDE"})


def _ended(noun: Token, chosen: list[Draft]) -> bool:
    """Whether an event noun is what a chosen act ends or leaves: "withdrew from the talks
    with Lirevia" reports a withdrawal, not talks; "halted its offensive", not an attack."""
    if noun.dep_ not in ("pobj", "dobj"):
        return False
    verb = noun.head
    for _ in range(3):  # up through "out | of": the prepositions of a phrasal verb
        if verb.dep_ not in ("prep", "prt") or verb.head == verb:
            break
        verb = verb.head
    return any(c.reading.head.token.i == verb.i and c.event.type in ENDING_TYPES for c in chosen)


def _another_act(draft: Draft, chosen: list[Draft]) -> bool:
    """A coordinated clause of another kind is another act of the same actor: "condemned
    the attacks and urged both sides to return". Speech acts and meetings only: two
    material acts in one sentence are mostly one report. Only in a statement (an author
    speaks): a news report's sentence is one event, as PLOVER codes it."""
    token = draft.reading.head.token
    if draft.reading.head.kind == "noun" or token.dep_ != "conj" or _subordinate(token):
        return False
    if draft.event.type not in ARTICLE_DAY_TYPES:
        return False  # two material acts in one sentence are mostly one (PLOVER codes one)
    if any(c.event.type == draft.event.type for c in chosen):
        return False
    return any(
        c.reading.head.token.i == token.head.i and c.event.type in ARTICLE_DAY_TYPES for c in chosen
    )


def _informative(draft: Draft) -> bool:
    """Whether a reading says who or when: an event noun needs an actor or its own date
    ("the draft truce now before the envoys" is no event), any reading one of
    actor, target and date."""
    event = draft.event
    head = draft.reading.head
    if head.kind == "noun":
        if unasserted(head.token, head.sentence) or commented(head.token, event.type):
            return False
        return event.actor is not None or (draft.own_date and event.when is not None)
    if event.type != "CONSULT" and background(head.token):
        return False
    if event.status == "hypothetical" and event.type not in SPEECH_TYPES:
        return False  # "if Rovania attacks, it must first evacuate civilians"
    if obliged(head.token) or pending(head.token):
        return False
    if event.type in STANCE_TYPES and standing(head.token) and not draft.own_date:
        return False
    return bool(event.actor or event.target or event.date_text) or _first_person(head.token)


def commented(noun: Token, kind: str) -> bool:
    """A speech act named by the subject of a clause is what the clause comments on.

    "X's sharp rejection of the offer is likely to complicate the talks": news reports
    a statement with a verb of saying; the noun that sums it up as a subject ("the
    rejection", "their demands", "his threat") takes up one already reported, and the
    clause says what follows from it.
    """
    return kind in SPEECH_TYPES and noun.dep_ in ("nsubj", "nsubjpass")


def obliged(verb: Token) -> bool:
    """What someone must or should do is a demand's content, not a done act."""
    return any(c.dep_ == "aux" and c.lower_ in ("must", "should", "ought") for c in verb.children)


def pending(verb: Token) -> bool:
    """An act in a "before"/"until" clause has not happened ("before the Front is disarmed")."""
    return verb.dep_ == "advcl" and any(
        m.dep_ == "mark" and m.lower_ in ("before", "until", "till", "lest") for m in verb.children
    )


def background(verb: Token) -> bool:
    """A gerund in a phrase of circumstance with no subject of its own ("after four
    months of pressing the government", "despite X dismissing the plan" has one)."""
    if verb.tag_ != "VBG" or subject_of(verb) is not None:
        return False
    for head in climb(verb, 4):
        if head.pos_ == "ADP" and head.lower_ in CIRCUMSTANTIAL_PREPS:
            return True
        if head.pos_ in ("VERB", "AUX"):
            return False
    return False


def standing(verb: Token) -> bool:
    """A stance held rather than an act done: "has staunchly rejected", "say they oppose".

    A habitual or manner adverb, or the simple present of the stance verb itself, makes a
    position (the positions extractor's business), not a dated event.
    """
    if any(c.dep_ == "advmod" and c.lower_ in HABITUAL_ADVERBS for c in verb.children):
        return True
    if any(c.dep_ == "dobj" and c.lemma_.lower() in IDEA_NOUNS for c in verb.children):
        return True  # "has rejected the notion of a state": a view of an idea, no act
    present = verb.tag_ in ("VBP", "VBZ") or any(
        c.dep_ == "aux" and c.tag_ in ("VBP", "VBZ") and c.lemma_ == "be" for c in verb.children
    )
    if verb.dep_ == "relcl" and present:
        return True  # "the objectives they are pushing for": describes, does not report
    simple_present = verb.tag_ in ("VBP", "VBZ") and not any(
        c.dep_ in AUXILIARIES for c in verb.children
    )
    # "We condemn", "I call on": a statement's performative present is the act itself.
    return simple_present and not _first_person(verb)


def _first_person(verb: Token) -> bool:
    subject = subject_of(verb)
    return subject is not None and subject.lower_ in ("we", "i")


def unasserted(noun: Token, sentence: Span | None = None) -> bool:
    """An event noun the sentence does not say happened: "the possibility of an attack",
    "hope to avert an offensive", "a call for a ceasefire"."""
    for head in climb(noun, 6):
        if head.pos_ == "NOUN" and head.lemma_.lower() in MODAL_NOUNS:
            return True
        if head.pos_ in ("VERB", "AUX") and head.dep_ != "prep":  # not "including"
            auxes = {c.lower_ for c in head.children if c.dep_ == "aux"}
            if auxes & {"must", "should", "ought"} or "to" in auxes:
                return True  # "must bring … the withdrawal", "to ensure a withdrawal"
            would = bool(auxes & MODALS)
            return head.lemma_.lower() in AVERT_VERBS or (would and not reported(head, sentence))
    return False


def _with_inherited(draft: Draft, main: bool) -> Draft:
    """An agentless event noun takes the clause's subject when it is the sentence's main
    event ("converging for a rally") or a meeting ("said in talks with …")."""
    event = draft.event
    if event.actor is None and draft.inherited is not None and (main or event.type == "CONSULT"):
        event = dataclasses.replace(event, actor=draft.inherited)
    if event.type == "CONSULT" and event.actor is None and event.target is not None:
        event = dataclasses.replace(event, actor=event.target, target=None)
    return dataclasses.replace(draft, event=event) if event is not draft.event else draft


def _dated_apart(draft: Draft, chosen: list[Draft]) -> bool:
    """An act with its own day, another than the main event's ("entered on Monday after
    Rovania reopened the crossing on Sunday"), or set a stretch of time from it ("a day
    after mediators asked both sides")."""
    date = draft.event.when
    if draft.own_date and date is not None and all(c.event.when != date for c in chosen):
        return True
    return _time_apart(draft.reading.head.token)


def _time_apart(verb: Token) -> bool:
    """A clause of time measured from the main clause: "<a day, hours, two weeks> after
    …" or "… before …"."""
    if verb.dep_ != "advcl":
        return False
    marks = {c.lower_ for c in verb.children if c.dep_ == "mark"}
    return bool(marks & {"after", "before"}) and any(
        c.dep_ == "npadvmod" and c.lemma_.lower() in _TIME_UNITS for c in verb.children
    )


def _subordinate(token: Token) -> bool:
    """Whether a clause hangs below another as a circumstance or a description."""
    return any(
        current.dep_ in ("advcl", "relcl", "acl", "pcomp")
        for current in climb(token, 11, with_self=True)
    )


def _owned(draft: Draft) -> bool:
    head = draft.reading.head
    return head.kind == "noun" and any(c.dep_ == "poss" for c in head.token.children)


def _one_event(a: Event, b: Event) -> bool:
    """Two readings of one sentence that are one act: same type, the same actor or one of
    them unnamed ("a Tarvenian strike on Tuesday killed five": the strike and the
    killing)."""
    if a.type != b.type:
        return False
    if a.actor is not None and b.actor is not None and not same_name(a.actor, b.actor):
        return False
    if a.location is not None and b.location is not None and a.location != b.location:
        return False  # "arrived in Marda after stops in Lune": two visits
    return a.when is None or b.when is None or a.when == b.when


def _elsewhere(a: Event, b: Event) -> bool:
    """Whether two meetings differ by place or by whom they are with."""
    place = a.location is not None and b.location is not None and a.location != b.location
    partner = a.target is not None and b.target is not None and not same_name(a.target, b.target)
    return place or partner


def _draft(
    reading: Reading, candidates: list[Candidate], dates: list[DateMention], shared: _Article
) -> Draft:
    head = reading.head
    mine = {i for c in (head, *reading.absorbed) for i in c.anchors}
    blocked = {i for c in candidates for i in c.anchors} - mine
    found = date_of(head, dates, blocked)
    date, own_date = (found[0], found[1]) if found is not None else (None, False)
    names = shared.names
    agent = actor_token(reading)
    lemma = agent.lemma_.lower() if agent is not None else ""
    if agent is not None and (lemma in shared.lexicon.nouns or lemma in OPERATION_NOUNS):
        # "a strike hit a house, killing two": the strike is the act, not its actor;
        # "Rovania's campaign has killed": the campaign's owner is.
        agent = noun_agent(agent)
    if agent is not None and agentless(agent):
        agent = None  # "the clock is ticking", "2,000 lorries entered": no one acts
    if (
        agent is not None
        and (agent.lower_ in FIRST_PERSON or _of_our_side(agent))
        and agent.i not in shared.quoted
    ):
        # "we", and "senior officials from our governments": the statement's authors.
        actor = shared.author or names.name(agent)
    elif (
        agent is not None
        and shared.participants
        and reading.type != "CONSULT"  # "the two leaders discussed": the call told again
        and joint_subject(agent)
    ):
        # "Both leaders agreed": one event, under the first party the title names (the
        # principal whose readout it is).
        actor = shared.participants[0]
    else:
        actor = names.name(agent)
    patient = target_token(reading)
    if patient is not None and patient.lemma_.lower() in shared.lexicon.nouns:
        patient = None  # "a cease-fire would be sealed": the ceasefire is no target
    target = names.name(patient)
    if reading.type == "CONSULT" and actor is None and is_passive(head.token):
        # "He was briefed in a meeting with X": X did the briefing.
        partner = meeting_partner(reading)
        if partner is not None:
            actor = names.name(partner)
    if target is not None and actor is not None and same_name(actor, target):
        target = None
    place = location_token(reading, names)
    location = names.name(place.root) if place is not None else shared.dateline
    if (
        actor is None
        and reading.type in STATE_ACTS
        and is_passive(head.token)
        and place is not None
        and place.label_ == "GPE"
    ):
        # "was put under investigation in Italy", "was arrested in Lirevia": a legal act
        # with no agent named is the state's where it is done.
        actor = location
    start, end = event_span(reading)
    value = date.value if date is not None else None
    event = Event(
        article=shared.article_id,
        start=start,
        end=end,
        text=shared.text[start:end],
        type=reading.type,
        mode=reading.mode,
        actor=actor,
        target=target,
        location=location,
        date=value if value is not None and is_day(value) else None,
        period=value if value is not None and not is_day(value) else None,
        date_text=date.text if date is not None else None,
        status=status_of(reading),
    )
    own_meeting = (
        shared.readout
        and reading.type == "CONSULT"
        and event.status == "occurred"
        and actor in shared.participants
    )
    if (
        date is None
        and shared.published is not None
        and (own_meeting or dated_by_article(reading, event))
    ):
        # A readout tells its principal's meetings of its own day, "in his meetings with
        # X" as much as "met with X".
        event = dataclasses.replace(event, date=shared.published, date_inferred=True)
    inherited = None
    if head.kind == "noun" and actor is None:
        owner = inherited_actor(head.token, head.type == "CONSULT")
        inherited = names.name(owner)
        if owner is not None and shared.author and _of_our_side(owner):
            inherited = shared.author
    return Draft(event, reading, _named_agent(reading, agent), own_date, inherited)


def find_author(
    doc: Doc, index: MentionIndex, title: str | None, text: str | None = None
) -> str | None:
    """Who speaks as "I" and "we" in a statement: the person its title names ("Statement
    from President Ilse Varden on …") who is also named in the text, else the person
    alone on a short closing line (a signature). None for an ordinary report."""
    # (start, canonical name, words as written) of each person named in the text.
    people = [(m.start, m.name, m.text) for m in index.mentions if m.type == "PERSON" and m.name]
    if not people:
        people = [(e.start_char, e.text, e.text) for e in doc.ents if e.label_ == "PERSON"]
    if title:
        low = title.lower()
        # The first person the title names is its author ("Readout of President X's Call
        # with King Y"); where it names one person twice, the fuller name.
        named = [
            (min(low.find(w.lower()) for w in (name, text) if w.lower() in low), name)
            for _, name, text in people
            if name.lower() in low or text.lower() in low
        ]
        if named:
            return min(named, key=lambda pair: (pair[0], -len(pair[1])))[1]
    text = doc.text if text is None else text
    lines = [line for line in text.rstrip().splitlines() if line.strip()]
    if len(lines) < 2 or len(lines[-1].split()) > SIGNATURE_WORDS:
        return None
    start = text.rfind(lines[-1])
    signed = [name for at, name, _ in people if at >= start]
    return signed[0] if signed else None


def agentless(token: Token) -> bool:
    """Whether a subject names a thing or an amount rather than someone who acts.

    Read off WordNet: a common noun whose usual senses are artifacts, measures, time or
    natural phenomena ("the clock", "2,000 lorries", "the weather") and never a person or
    a group; names and pronouns always can act.
    """
    if token.pos_ != "NOUN" or token.ent_type_ or is_pronoun(token):
        return False
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            return False  # "a patch of peacekeeping troops": what is counted acts
        if child.dep_ in MODIFIER_DEPS and (child.pos_ == "PROPN" or child.ent_type_):
            return False  # "U.N. helicopters", "Tarvenian tanks": their owner acts
    lemma = token.lemma_.lower()
    # Any sense that is someone counts ("forces" is troops in its fourth sense).
    if not lemma.isalpha() or is_a(lemma, "n", AGENT_CLASSES, senses=10):
        return False
    return is_a(lemma, "n", THING_CLASSES)


def _day(published: object) -> str | None:
    day = parse_published(published) if isinstance(published, str | dt.date) else None
    return day.isoformat() if day is not None else None


def dated_by_article(reading: Reading, event: Event) -> bool:
    """Whether a reader dates an event with no time expression by the article's day.

    A statement's own acts and a readout's calls happen when they are reported: "We
    condemn the attack", "The President spoke with the King", "Officials urged both sides
    to resume talks". That holds for a speech act or a meeting told in the simple past or
    the performative present of the main clause, and for a commitment the speaker makes
    in the present ("we are prepared to"); a material act told without a time
    ("The Front took hostages") is background, and so is anything planned, hypothetical,
    negated or hanging in a subordinate clause.
    """
    head = reading.head
    # "We are prepared to help", "we stand ready to": the act is planned, but the
    # commitment is made as the statement speaks, so a reader dates it by the statement.
    committed = event.status == "planned" and reading.type == "AGREE" and head.kind == "intent"
    if not committed and (event.status != "occurred" or reading.type not in ARTICLE_DAY_TYPES):
        return False
    if head.kind == "noun":
        return False
    verb = head.token.head if head.kind == "intent" and head.token.pos_ == "ADJ" else head.token
    if _subordinate(verb) or (verb.dep_ in ("xcomp", "conj") and _subordinate(verb.head)):
        return False
    perfect = any(c.dep_ == "aux" and c.lemma_ == "have" for c in verb.children)
    if verb.tag_ == "VBD" and not perfect:
        return True
    return verb.tag_ in ("VBP", "VBZ", "VBN") and _first_person(verb)


def _named_agent(reading: Reading, agent: Token | None) -> bool:
    """Whether the event's own clause names who acts (not a pronoun, not a borrowed one)."""
    head = reading.head
    if head.kind == "noun":
        return noun_agent(head.token) is not None
    if agent is None or is_pronoun(agent):
        return False
    verb = head.token.head if head.kind == "intent" and head.token.pos_ == "ADJ" else head.token
    # The subject hangs from the trigger, from the verb whose infinitive it is ("voted to
    # suspend"), or is the agent of its passive.
    verbs = {verb.i} | {v.i for v in climb(verb, through={"xcomp"})}
    owner = agent.head.head if agent.head.dep_ == "agent" else agent.head
    return owner.i in verbs
