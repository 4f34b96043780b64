"""The record: frozen dataclasses for articles, entities and the facts drawn from them.

Every fact carries its article id, the character offsets of its words in the article's
stored text (end exclusive), and the extractor (``name@version``) that produced it. Field
names follow the export contract (``../shared/docs/CONTRACT.md`` §1); ``to_dict`` gives the
contract's shape and ``from_dict`` reads it back. This module imports nothing from
storyline, so every other stage can depend on it.
"""

from __future__ import annotations

import dataclasses
import hashlib
from dataclasses import dataclass, field
from typing import Any, ClassVar, Self, TypeVar

ENTITY_TYPES = ("PERSON", "ORG", "GPE", "NORP", "LOC", "FAC", "OTHER")
QUOTE_KINDS = ("direct", "partial", "indirect")
QUALIFIERS = ("exact", "approx", "more_than", "at_least", "less_than", "up_to")
FIGURE_KINDS = (
    "killed", "injured", "hostages_taken", "hostages_held", "released", "displaced",
    "sheltering", "population", "prisoners", "aid", "visits", "phases", "duration", "money",
    "other",
)  # fmt: skip
EVENT_TYPES = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)  # fmt: skip
EVENT_STATUSES = ("occurred", "planned", "hypothetical", "negated")
STANCES = ("demand", "offer", "accept", "reject", "support", "oppose", "condition")
TERM_KINDS = (
    "ceasefire", "hostage_release", "prisoner_release", "withdrawal", "aid",
    "return_of_displaced", "reconstruction", "disarmament", "negotiation", "other",
)  # fmt: skip


def make_id(prefix: str, *parts: object) -> str:
    """A stable id: the same parts give the same id in every run and on every machine."""
    digest = hashlib.sha1("\x1f".join(map(str, parts)).encode("utf-8")).hexdigest()
    return f"{prefix}-{digest[:12]}"


T = TypeVar("T", bound="Record")


@dataclass(frozen=True, kw_only=True)
class Record:
    """Shared ``to_dict``/``from_dict`` for every record type."""

    def to_dict(self) -> dict[str, Any]:
        return {f.name: _plain(getattr(self, f.name)) for f in dataclasses.fields(self)}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Self:
        names = {f.name for f in dataclasses.fields(cls)}
        values = {k: _tuples(v) for k, v in data.items() if k in names}
        return cls(**values)


def _plain(value: Any) -> Any:
    if isinstance(value, Record):
        return value.to_dict()
    if isinstance(value, tuple | list):
        return [_plain(v) for v in value]
    return value


def _tuples(value: Any) -> Any:
    return tuple(_tuples(v) for v in value) if isinstance(value, list) else value


@dataclass(frozen=True, kw_only=True)
class Article(Record):
    """One stored report. ``text`` is what every offset points into."""

    id: str
    text: str
    title: str | None = None
    outlet: str | None = None
    published: str | None = None
    url: str | None = None
    source: str | None = None
    text_sha256: str = ""


@dataclass(frozen=True, kw_only=True)
class Entity(Record):
    """One real actor over the whole corpus, with every name it goes by."""

    id: str
    name: str
    type: str = "OTHER"
    aliases: tuple[str, ...] = ()
    affiliation: str | None = None
    roles: tuple[str, ...] = ()
    mentions: int = 0
    articles: tuple[str, ...] = ()


@dataclass(frozen=True, kw_only=True)
class Fact(Record):
    """What every extracted fact has: where it comes from and who made it."""

    KIND: ClassVar[str] = "fact"

    article: str
    start: int
    end: int
    text: str = ""
    extractor: str = ""
    id: str = ""

    def with_provenance(self, extractor: str, index: int) -> Self:
        """This fact stamped with its extractor and a stable id."""
        fact_id = make_id(self.KIND[0], self.article, extractor, self.start, self.end, index)
        return dataclasses.replace(self, extractor=extractor, id=fact_id)


@dataclass(frozen=True, kw_only=True)
class Mention(Fact):
    """A name in an article, with the article-level canonical name it belongs to."""

    KIND: ClassVar[str] = "mention"

    name: str = ""
    type: str = "OTHER"
    role: str | None = None
    affiliation: str | None = None


@dataclass(frozen=True, kw_only=True)
class Quote(Fact):
    """What someone said: ``text`` is the quoted words without the quotation marks."""

    KIND: ClassVar[str] = "quote"

    kind: str = "direct"
    speaker: str | None = None
    speaker_entity: str | None = None
    cue: str | None = None


# The unit of a bare number: no unit word and no counted noun ("the index closed at
# 6,327.8", "about 1,000 more"). Written as NewsQuant writes it, so that "no unit" is stated
# rather than missing: a null unit is a figure read without a parse.
DIMENSIONLESS = "-"


@dataclass(frozen=True, kw_only=True)
class Figure(Fact):
    """A numeric claim: ``value``, or ``low``/``high`` for a range, and what was counted."""

    KIND: ClassVar[str] = "figure"

    value: float | None = None
    low: float | None = None
    high: float | None = None
    unit: str | None = None
    kind: str = "other"
    counted: str | None = None
    qualifier: str = "exact"
    source: str | None = None
    as_of: str | None = None
    # The figure's mode, as an event's: "could have killed hundreds" is ``hypothetical``,
    # "33 hostages would be released in the first phase" ``planned``.
    status: str = "occurred"


@dataclass(frozen=True, kw_only=True)
class Event(Fact):
    """Who did what to whom, PLOVER-coded, with its resolved date."""

    KIND: ClassVar[str] = "event"

    type: str = "CONSULT"
    mode: str | None = None
    actor: str | None = None
    target: str | None = None
    location: str | None = None
    date: str | None = None
    date_text: str | None = None
    status: str = "occurred"
    # When the text names a week, month or year but no day ("last week", "in November"):
    # its ISO value (YYYY-Www, YYYY-MM, YYYY), while ``date`` stays a day or null.
    period: str | None = None
    # True when the text gives the event no time of its own and ``date`` is the article's
    # date, as a reader dates a statement's own acts and a readout's call.
    date_inferred: bool = False

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Self:
        event = super().from_dict(data)
        # SQLite keeps a boolean as 0/1.
        return dataclasses.replace(event, date_inferred=bool(event.date_inferred))

    @property
    def when(self) -> str | None:
        """The most precise time known: the day, else the period."""
        return self.date or self.period


@dataclass(frozen=True, kw_only=True)
class Term(Record):
    kind: str
    text: str
    # Who the term obliges to act, where the text says ("Tarvenia would withdraw", "the
    # release of hostages by the Front"); None for a mutual term such as a ceasefire.
    obliged: str | None = None


@dataclass(frozen=True, kw_only=True)
class Phase(Record):
    index: int
    duration_days: tuple[int, int] | None = None
    terms: tuple[Term, ...] = ()

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Self:
        terms = tuple(Term.from_dict(t) for t in data.get("terms") or ())
        days = data.get("duration_days")
        return cls(index=data["index"], duration_days=tuple(days) if days else None, terms=terms)


@dataclass(frozen=True, kw_only=True)
class Proposal(Fact):
    """A deal on the table: who put it forward, its phases and their terms."""

    KIND: ClassVar[str] = "proposal"

    label: str | None = None
    proposer: str | None = None
    status: str | None = None
    phases: tuple[Phase, ...] = field(default_factory=tuple)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Self:
        data = dict(data)
        phases = tuple(Phase.from_dict(p) for p in data.pop("phases", None) or ())
        return dataclasses.replace(super().from_dict(data), phases=phases)


@dataclass(frozen=True, kw_only=True)
class Position(Fact):
    """Where a party stands: ``holder`` takes ``stance`` on ``issue``."""

    KIND: ClassVar[str] = "position"

    holder: str | None = None
    stance: str = "support"
    issue: str | None = None


FACT_TYPES: dict[str, type[Fact]] = {
    cls.KIND: cls for cls in (Mention, Quote, Figure, Event, Proposal, Position)
}
