"""One proposal across reports: its sources, what it answers, and its status over time.

Each article's extractor finds the proposals that article describes. Across articles:

- **Same proposal.** A later report's proposal joins an earlier one when both name the same
  proposer and their phase structures agree (one report's numbered phases lie within the
  other's: a report may describe only the first phase), or when the later one is a bare
  reference with no proposer and no phases ("the ceasefire plan") to the latest proposal
  on the table that is not a counterproposal. Phase count or duration alone never
  merges two proposals: a proposer must agree, or the later report must add nothing.
- **Amended.** The same proposer, the same number of phases, but durations that no longer
  overlap: the proposal was amended; its status history says so, with date and article.
- **Answers.** A counterproposal (its label says "counter…", "response", "reply") from
  another party answers the latest earlier proposal not its own.
- **Terms compared.** Where two sources of one proposal list different terms for the same
  phase, :func:`compare_terms` says which source has which.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from ..models import Article, Phase, Proposal

_COUNTER = re.compile(r"\bcounter[- ]?\w*|\bresponse\b|\breply\b|\banswer\b", re.IGNORECASE)


@dataclass(frozen=True)
class StatusChange:
    status: str
    date: str | None
    article: str


@dataclass
class TrackedProposal:
    """A proposal followed across reports."""

    id: str
    label: str | None
    proposer: str | None
    phases: tuple[Phase, ...]
    articles: list[str] = field(default_factory=list)
    history: list[StatusChange] = field(default_factory=list)
    answers: str | None = None
    sources: list[Proposal] = field(default_factory=list)

    @property
    def status(self) -> str | None:
        return self.history[-1].status if self.history else None

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "label": self.label,
            "proposer": self.proposer,
            "status": self.status,
            "phases": [p.to_dict() for p in self.phases],
            "articles": list(self.articles),
            "history": [vars(h) for h in self.history],
            "answers": self.answers,
        }


@dataclass(frozen=True)
class TermDifference:
    """A term one source of a proposal lists for a phase and another does not."""

    phase: int
    kind: str
    present: tuple[str, ...]
    absent: tuple[str, ...]
    texts: tuple[str, ...]


def track_proposals(
    proposals: Iterable[Proposal], articles: Sequence[Article]
) -> list[TrackedProposal]:
    """Follow proposals across reports, in the order they were first reported."""
    published = {a.id: a.published for a in articles}
    ordered = sorted(
        proposals,
        key=lambda p: (
            published.get(p.article) is None,
            published.get(p.article) or "",
            p.article,
            p.start,
        ),
    )
    tracked: list[TrackedProposal] = []
    for proposal in ordered:
        day = (published.get(proposal.article) or "")[:10] or None
        status = proposal.status or "proposed"
        home = _same_proposal(proposal, tracked)
        if home is None:
            home = TrackedProposal(
                id="tp-"
                + (proposal.id or hashlib.sha256(repr(proposal).encode()).hexdigest())[-12:],
                label=proposal.label,
                proposer=proposal.proposer,
                phases=proposal.phases,
            )
            if proposal.label and _COUNTER.search(proposal.label):
                home.answers = _answered(proposal, tracked)
            tracked.append(home)
        elif _amends(home, proposal):
            home.history.append(StatusChange("amended", day, proposal.article))
            home.phases = proposal.phases
        elif len(proposal.phases) > len(home.phases):
            home.phases = proposal.phases  # a fuller account of the same structure
        if proposal.article not in home.articles:
            home.articles.append(proposal.article)
        home.sources.append(proposal)
        # "Proposed" is where a proposal starts: a later report that only mentions it as
        # on the table does not take it back there from "under negotiation" or "rejected".
        if not home.history or (home.history[-1].status != status and status != "proposed"):
            home.history.append(StatusChange(status, day, proposal.article))
    return tracked


def compare_terms(proposal: TrackedProposal) -> list[TermDifference]:
    """Terms that some sources of ``proposal`` list for a phase and others do not.

    Only sources that describe the phase at all count: a report that never mentions the
    second phase does not disagree about its terms.
    """
    out = []
    by_source: dict[str, dict[int, dict[str, list[str]]]] = {}
    for source in proposal.sources:
        phases = by_source.setdefault(source.article, {})
        for phase in source.phases:
            kinds = phases.setdefault(phase.index, {})
            for term in phase.terms:
                kinds.setdefault(term.kind, []).append(term.text)
    indexes = sorted({i for phases in by_source.values() for i in phases})
    for index in indexes:
        describing = {a: p[index] for a, p in by_source.items() if p.get(index)}
        if len(describing) < 2:
            continue
        for kind in sorted({k for found in describing.values() for k in found}):
            present = tuple(a for a, found in describing.items() if kind in found)
            absent = tuple(a for a in describing if a not in present)
            if absent:
                texts = tuple(t for a in present for t in describing[a][kind])
                out.append(TermDifference(index, kind, present, absent, texts))
    return out


def _same_proposal(proposal: Proposal, tracked: list[TrackedProposal]) -> TrackedProposal | None:
    is_counter = bool(proposal.label and _COUNTER.search(proposal.label))
    for home in reversed(tracked):
        if proposal.proposer and home.proposer:
            if proposal.proposer.lower() != home.proposer.lower():
                continue
            if is_counter != bool(home.label and _COUNTER.search(home.label)):
                continue
            if _phase_counts_agree(proposal.phases, home.phases):
                return home
            continue
        if not proposal.proposer and _is_bare(proposal) and not is_counter:
            # "the ceasefire plan": the latest proposal on the table that is not a
            # counterproposal, which reports call by that name ("the counterproposal").
            if home.label and _COUNTER.search(home.label):
                continue
            return home
    return None


def _is_bare(proposal: Proposal) -> bool:
    """A reference that adds no structure: no numbered phase and no duration (the terms of
    phase 0 are what the reference's own words name, as "ceasefire" in "ceasefire plan")."""
    return all(p.index == 0 and p.duration_days is None for p in proposal.phases)


def _phase_counts_agree(a: tuple[Phase, ...], b: tuple[Phase, ...]) -> bool:
    """No contradiction in structure: a report may describe only the first phase(s) of a
    plan, so one set of numbered phases must lie within the other."""
    real_a = {p.index for p in a if p.index > 0}
    real_b = {p.index for p in b if p.index > 0}
    return real_a <= real_b or real_b <= real_a


def _amends(home: TrackedProposal, proposal: Proposal) -> bool:
    """The same phases, but some duration moved so that old and new no longer overlap."""
    old = {p.index: p.duration_days for p in home.phases if p.duration_days}
    for phase in proposal.phases:
        before = old.get(phase.index)
        now = phase.duration_days
        if before and now and (now[1] < before[0] or now[0] > before[1]):
            return True
    return False


def _answered(proposal: Proposal, tracked: list[TrackedProposal]) -> str | None:
    for home in reversed(tracked):
        if not proposal.proposer or not home.proposer or home.proposer != proposal.proposer:
            return home.id
    return None
