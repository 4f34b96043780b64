"""Proposals on the table: who put each forward, its phases, their lengths and terms.

The extractor reads an article in three passes.

1. Mentions (:mod:`.proposals_mentions`): every noun naming a proposal, with its kind
   (a plan or an answer to one), its proposer and the status its verb gives it.
2. Grouping: the mentions of one proposal in one article become one group. Base
   mentions ("the deal", "the plan") join the article's main proposal unless a different
   party owns them; answers ("the Alliance response", "the Alliance's counterproposal") form one
   group per party.
3. Description: sentence by sentence, a sentence *describes* a proposal when a proposal
   or a phase is its subject or frame ("The plan sets out two stages ...", "In the
   first phase, fighting would stop ..."), when a proposal noun carries the content
   ("a counterproposal that would stretch the truce into three phases"), or when it goes on
   with "would"/"will" right after such a sentence ("Between 25 and 35 prisoners would be
   released ..."). Its phase references and durations (:mod:`.proposals_phases`) and its
   terms (:mod:`.proposals_terms`) accumulate in the group; a term belongs to the phase
   named before it in the sentence, else to the phase the description is in.

Only groups with content (phases or terms) and a concrete signal become
:class:`~storyline.models.Proposal` facts: a proposer, a verb that tables, accepts or
rejects it, "on the table" (:mod:`.mentions`), or a phase structure (a count, lengths,
or a phase named by its place: "This first phase would also enable …", whose
demonstrative takes in the terms of the sentence before; a phase of a war or an
operation is none); a proposal someone
is said to have presented ("presented a bridging proposal") needs no content. A proposal
that is only named ("dismissed the counterproposal") is recorded by the positions
extractor, and an aspiration ("a deal remains the goal", "progress towards a ceasefire
deal") by neither. Phases are numbered from 1; a proposal that names no phases has one
phase of index 0 holding its terms. Terms the text does not tie to a phase are
listed under the first phase (the contract has no proposal-level list).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from ...models import Phase, Proposal, Term
from ..common.syntax import NOMINAL_SUBJECTS, OBJECTS, ROOT, climb
from ..registry import Context, register
from .columns import DocWords
from .mentions import OWNED, STATUS_RANK, ProposalMention, find_mentions
from .parties import Parties, Party, marked_clause_tokens
from .phases import PhaseRef, durations, first_days, phase_refs, tie_durations
from .shared import parties_and_words
from .terms import FoundTerm, classes, find_terms, term_candidates

logger = logging.getLogger(__name__)

CONDITION_MARKS = frozenset({"if", "unless", "provided", "providing"})
FUTURE_AUX = frozenset({"would", "will", "wo", "'ll", "shall", "'d"})
DEMONSTRATIVES = frozenset({"this", "that", "these", "those"})
# What a phase can be of besides a proposal: "the first phase of the offensive".
MILITARY_NOUNS = frozenset({"operation", "offensive", "campaign", "invasion", "assault",
                            "siege", "incursion", "conflict", "attack"})  # fmt: skip
# Tags of a finite verb: a list with one of these is a clause of its own.
FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP", "MD"})
# A phase reference on these arcs frames its clause: "The second phase would ...".
FRAMING_DEPS = NOMINAL_SUBJECTS | OBJECTS | {ROOT}


@dataclass
class Group:
    """One proposal being assembled from its mentions and describing sentences."""

    kind: str
    proposer: Party | None = None
    strength: int = 0
    mentions: list[ProposalMention] = field(default_factory=list)
    count: int | None = None
    lengths: dict[int, tuple[int, int]] = field(default_factory=dict)
    terms: dict[int, list[FoundTerm]] = field(default_factory=dict)
    opening_days: tuple[int, int] | None = None
    anchor: tuple[int, int] | None = None  # tokens naming it when no noun does ("phase one")
    signal: bool = False  # a mention says it is on the table

    def add(self, mention: ProposalMention) -> None:
        self.mentions.append(mention)
        self.signal = self.signal or mention.signal
        if mention.proposer is not None and mention.strength > self.strength:
            self.proposer, self.strength = mention.proposer, mention.strength

    @property
    def has_content(self) -> bool:
        return bool(self.count or self.lengths or any(self.terms.values()))

    @property
    def presented(self) -> bool:
        """Someone is said to have put a proposal forward ("presented a bridging
        proposal"): a proposal even when the text names none of its terms."""
        return any(m.presented for m in self.mentions)

    @property
    def concrete(self) -> bool:
        """Put forward, not only hoped for: a signal, or a structure of phases (a count,
        lengths, or a phase named by its place: "This first phase would enable …")."""
        return self.signal or bool(self.count or self.lengths or self.phase_indices)

    @property
    def phase_indices(self) -> list[int]:
        return [i for i in self.terms if i > 0] + list(self.lengths)


@dataclass
class _State:
    current: Group | None = None
    phase: int | None = None
    chain: bool = False


@register("proposals", version=3, requires=("entities", "quotes"))
def extract_proposals(doc: Doc, context: Context) -> list[Proposal]:
    """The proposals an article describes, one per proposal, with phases and terms."""
    parties, words = parties_and_words(doc, context)
    mentions = find_mentions(doc, parties, words)
    groups, group_of = _group(mentions)
    state = _State()
    pending = iter(mentions)
    mention = next(pending, None)
    for sent in doc.sents:
        inside: list[ProposalMention] = []
        while mention is not None and mention.head.i < sent.end:
            inside.append(mention)
            mention = next(pending, None)
        _describe(sent, inside, group_of, groups, state, parties, words)
    return [
        _to_proposal(context.article.id, doc, g, parties)
        for g in groups
        if (g.has_content and g.concrete) or g.presented
    ]


def _group(mentions: list[ProposalMention]) -> tuple[list[Group], dict[int, Group]]:
    groups: list[Group] = []
    group_of: dict[int, Group] = {}
    main: Group | None = None
    for mention in mentions:
        name = mention.proposer.name if mention.proposer is not None else None
        target: Group | None = None
        if mention.kind == "counter":
            counters = [g for g in groups if g.kind == "counter"]
            if name is not None:
                target = next((g for g in counters if _owner(g) == name), None)
                if target is None and main is not None and _owner(main) == name:
                    target = main
            elif counters:
                target = counters[-1]
            if target is None:
                target = Group("counter")
                groups.append(target)
        else:
            if main is None:
                main = Group("base")
                groups.append(main)
            target = main
            owner = _owner(main)
            if (
                name is not None
                and mention.strength >= OWNED
                and owner is not None
                and main.strength >= OWNED
                and owner != name
            ):
                target = next(
                    (g for g in groups if g.kind == "base" and _owner(g) == name), None
                ) or Group("base")
                if target not in groups:
                    groups.append(target)
        target.add(mention)
        group_of[mention.head.i] = target
    return groups, group_of


def _owner(group: Group) -> str | None:
    return group.proposer.name if group.proposer is not None else None


def _describe(
    sent: Span,
    mentions: list[ProposalMention],
    group_of: dict[int, Group],
    groups: list[Group],
    state: _State,
    parties: Parties,
    words: DocWords,
) -> None:
    """Read one sentence into the group it describes, if it describes one."""
    skip = marked_clause_tokens(sent, CONDITION_MARKS, words)  # a condition, not a term
    quoted = _quoted(sent, parties)
    refs = [r for r in phase_refs(sent, elliptical=True, words=words) if r.first not in skip]
    heads = {m.head.i for m in mentions}
    named = [
        r
        for r in refs
        if not _bare(sent.doc, r) and (_frame(sent.doc[r.last]) or sent.doc[r.last].head.i in heads)
    ]
    context_phases = (
        state.chain
        and state.current is not None
        and bool(state.current.phase_indices or state.current.count)
    )
    if not named and not context_phases:
        refs = []
    refs = [r for r in refs if not _is_topic(sent.doc[r.last]) and not _of_war(sent.doc[r.last])]
    subject = next((m for m in mentions if m.subject and _main_clause(m.head)), None)
    window: list[Token] | None = None  # the whole sentence, read only if it describes
    reset_phase = False
    if subject is not None:
        group = group_of[subject.head.i]
        reset_phase = not refs
    elif refs and not quoted:
        group = group_of[mentions[0].head.i] if mentions else _context_group(state, groups)
    elif mentions:
        outer = min(mentions, key=lambda m: _depth(m.head))
        group = group_of[outer.head.i]
        # every noun of the one proposal carries content: "the truce and detainee
        # exchange plan before the envoys lays out a clear path to …"
        window = sorted(
            {t for m in mentions if group_of[m.head.i] is group for t in _phrase_window(m.head)},
            key=lambda t: t.i,
        )
    elif state.chain and not quoted and _future(sent):
        group = state.current if state.current is not None else _context_group(state, groups)
    else:
        state.chain = False
        state.phase = None
        return
    phase = None if reset_phase else state.phase
    if state.current is not group:
        phase = None
    if not group.mentions and group.anchor is None and refs:
        group.anchor = (refs[0].first, refs[0].last)
    _read_phases(sent, refs, group, phase)
    if not state.chain:
        _read_antecedent(sent, refs, group, phase, words)
    terms = find_terms(_term_window(sent, window, words), skip)
    frames = sorted((r for r in refs if _index(r, group, phase) is not None), key=lambda r: r.first)
    for term in terms:
        before = [r for r in frames if r.last < term.token]
        after = [r for r in frames if r.first > term.token]
        if before:
            index = _index(before[-1], group, phase)
        elif phase is not None:
            index = phase
        elif after:
            index = _index(after[0], group, phase)
        else:
            index = None
        group.terms.setdefault(index or 0, []).append(term)
    if frames:
        phase = _index(frames[-1], group, phase)
    state.current = group
    state.phase = None if reset_phase else phase
    state.chain = bool(subject is not None or refs or terms)


def _read_antecedent(
    sent: Span, refs: list[PhaseRef], group: Group, phase: int | None, words: DocWords
) -> None:
    """A phase named with a demonstrative ("This first phase would also enable …") is
    what the sentence before described: its terms are that phase's."""
    doc = sent.doc
    ref = next((r for r in refs if _demonstrative(doc[r.last])), None)
    if ref is None or sent.start == 0:
        return
    index = _index(ref, group, phase)
    before = doc[sent.start - 1].sent
    skip = marked_clause_tokens(before, CONDITION_MARKS, words)
    for term in find_terms(_term_window(before, None, words), skip):
        group.terms.setdefault(index or 0, []).append(term)


def _term_window(sent: Span, window: list[Token] | None, words: DocWords) -> list[Token]:
    """The tokens of ``window`` (by default all of ``sent``) that can state a term: the
    terms :func:`~.terms.find_terms` finds in them are those of the whole window."""
    found = term_candidates(words)
    if window is None:
        doc = sent.doc
        return [doc[i] for i in range(sent.start, sent.end) if i in found]
    return [t for t in window if t.i in found]


def _demonstrative(tok: Token) -> bool:
    return any(c.dep_ == "det" and c.lower_ in DEMONSTRATIVES for c in tok.children)


def _phrase_window(noun: Token) -> list[Token]:
    """The words that say what a proposal noun holds: its phrase; the term it is
    coordinated with ("a ceasefire and hostage release deal"); what it is said to have
    ("the deal's humanitarian provisions"); and a purpose clause right
    after it that the parser hung on the verb ("discussed the plan before the envoys to
    win the freeing of detainees")."""
    window = list(noun.subtree)
    if noun.dep_ == "conj" and noun.head.pos_ in ("NOUN", "PROPN"):
        window = [noun.head, *window]
    if noun.dep_ == "poss" and noun.head.pos_ in ("NOUN", "PROPN"):
        # "the accord's relief clauses, and the details on
        # detainees": what a proposal has is its content
        window = list(noun.head.subtree)
    if noun.pos_ == "VERB" and noun.i > 0:
        window = [noun.doc[noun.i - 1], *window]  # "a ceasefire deal" read as a verb
    end = max(t.i for t in window)
    sent = noun.sent
    rest = [t for t in noun.doc[end + 1 : sent.end] if not t.is_space]
    if rest and rest[0].text == "," and not any(t.tag_ in FINITE_TAGS for t in rest):
        # "…, which would lead to an immediate ceasefire, the release of all captives, and
        # the withdrawal of forces": a verbless list the parser broke off continues it
        window += rest
    verb = noun.head
    for sibling in verb.children if noun.dep_ in OBJECTS else ():
        first = sibling.left_edge.i
        if (
            sibling.dep_ in ("advcl", "xcomp")
            and 0 < first - end <= 5
            and any(c.dep_ == "aux" and c.lower_ == "to" for c in sibling.children)
        ):
            window += list(sibling.subtree)
    return sorted(set(window), key=lambda t: t.i)


def _context_group(state: _State, groups: list[Group]) -> Group:
    if state.current is not None:
        return state.current
    base = next((g for g in groups if g.kind == "base"), None)
    if base is None:
        base = Group("base")
        groups.append(base)
    return base


def _read_phases(sent: Span, refs: list[PhaseRef], group: Group, phase: int | None) -> None:
    for ref in refs:
        if ref.count is not None and group.count is None:
            group.count = ref.count
    lengths = durations(sent)
    for ref, length in tie_durations(sent, refs, lengths):
        span = (length.low, length.high)
        if ref.count is not None:
            for index in range(1, ref.count + 1):
                group.lengths.setdefault(index, span)
        else:
            found = _index(ref, group, phase)
            if found is not None:
                group.lengths[found] = span
    opening = first_days(sent, lengths)
    if opening is not None and group.opening_days is None:
        group.opening_days = (opening.low, opening.high)


def _index(ref: PhaseRef, group: Group, phase: int | None) -> int | None:
    if ref.index is not None:
        return ref.index
    if ref.relative == "next":
        return (phase or 1) + 1
    if ref.relative == "last":
        known = group.phase_indices
        if group.count:
            return group.count
        return max(known) + 1 if known else None
    return None


def _bare(doc: Doc, ref: PhaseRef) -> bool:
    return ref.first == ref.last and doc[ref.first].lower_ not in ("phase", "stage")


def _is_topic(tok: Token) -> bool:
    """A phase that is what talks are about ("talks on the second phase"), not a frame."""
    head = tok.head
    return (
        head.dep_ == "prep"
        and head.lower_ in ("on", "about")
        and bool("talks" in classes(head.head))
    )


def _of_war(tok: Token) -> bool:
    """A phase of a war or an operation ("the first phase of the offensive"), not of a
    proposal."""
    return any(
        obj.lemma_.lower() in MILITARY_NOUNS or "fighting" in classes(obj)
        for prep in tok.children
        if prep.dep_ == "prep" and prep.lower_ == "of"
        for obj in prep.children
        if obj.dep_ == "pobj"
    )


def _frame(tok: Token) -> bool:
    """A phase reference that frames its clause ("In the first phase, ...", "The second
    phase would ...", "sets out two stages") rather than qualifying a noun ("its demand
    for a withdrawal in the first phase")."""
    if tok.dep_ in FRAMING_DEPS:
        return True
    head = tok.head
    if tok.dep_ == "pobj" and head.dep_ == "prep":
        return head.head.pos_ in ("VERB", "AUX")
    return tok.dep_ == "conj" and _frame(head)


def _main_clause(tok: Token) -> bool:
    """``tok`` is the subject of the sentence's main or reported clause (or a conjunct)."""
    return any(
        verb.dep_ == ROOT
        for verb in climb(tok.head, 3, through={"ccomp", "conj", "parataxis"}, with_self=True)
    )


def _depth(tok: Token) -> int:
    return sum(1 for _ in tok.ancestors)


def _quoted(sent: Span, parties: Parties) -> bool:
    """The sentence is a direct quotation (a speaker's words, not the report's)."""
    quote = parties.quote_at(sent.start_char + 1)
    if quote is None or quote.kind != "direct":
        quote = parties.quote_at(sent.start_char + 2)
    return quote is not None and quote.kind == "direct"


def _future(sent: Span) -> bool:
    for tok in sent:
        if tok.dep_ == "aux" and tok.lower_ in FUTURE_AUX:
            return True
        if tok.lower_ == "to" and tok.dep_ == "aux" and tok.head.head.lemma_ == "be":
            return True
    return False


def _to_proposal(article: str, doc: Doc, group: Group, parties: Parties) -> Proposal:
    count = max([group.count or 0, *group.phase_indices])
    if count and 1 not in group.lengths and group.opening_days is not None:
        group.lengths[1] = group.opening_days
    phases: list[Phase] = []
    if count:
        for index in range(1, count + 1):
            found = list(group.terms.get(index, []))
            if index == 1:
                found = group.terms.get(0, []) + found
            phases.append(
                Phase(
                    index=index,
                    duration_days=group.lengths.get(index),
                    terms=_terms(found, doc, parties),
                )
            )
    else:
        phases.append(Phase(index=0, terms=_terms(group.terms.get(0, []), doc, parties)))
    anchor = group.mentions[0] if group.mentions else None
    for mention in group.mentions:
        if mention.label_start < mention.head.i:
            anchor = mention
            break
    if anchor is not None:
        first, last = anchor.label_start, anchor.head.i
    elif group.anchor is not None:
        first, last = group.anchor
    else:
        first, last = _first_term_tokens(group)
    span = doc[first : last + 1]  # a span's text: Doc.text would join the whole article
    start, end, text = span.start_char, span.end_char, span.text
    statuses = [m.status for m in group.mentions if m.status]
    status = max(statuses, key=lambda s: STATUS_RANK[s]) if statuses else "proposed"
    return Proposal(
        article=article,
        start=start,
        end=end,
        text=text,
        label=" ".join(text.split()) if anchor is not None or group.anchor else None,
        proposer=group.proposer.name if group.proposer is not None else None,
        status=status,
        phases=tuple(phases),
    )


def _first_term_tokens(group: Group) -> tuple[int, int]:
    found = [t for terms in group.terms.values() for t in terms]
    first = min(found, key=lambda t: t.start) if found else None
    return (first.token, first.token) if first is not None else (0, 0)


def _terms(found: list[FoundTerm], doc: Doc, parties: Parties) -> tuple[Term, ...]:
    seen: set[tuple[str, str]] = set()
    out: list[Term] = []
    for term in sorted(found, key=lambda t: t.start):
        key = (term.kind, term.text)
        if key not in seen:
            seen.add(key)
            out.append(Term(kind=term.kind, text=term.text, obliged=_obliged(term, doc, parties)))
    return tuple(out)


def _obliged(term: FoundTerm, doc: Doc, parties: Parties) -> str | None:
    if term.obliged is None:
        return None
    party = parties.resolve(doc[term.obliged])
    return party.name if parties.is_party(party) and party is not None else None
