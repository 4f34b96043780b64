"""The shapes the API answers with, as they appear in ``/openapi.json``.

Records keep the export contract's field names (``../shared/docs/CONTRACT.md`` §1); each
fact adds ``outlet`` and ``published`` of its article, so a list can be read without a
second request.
"""

from __future__ import annotations

from typing import Any, Generic, TypeVar

from pydantic import BaseModel, Field

T = TypeVar("T")


class ErrorDetail(BaseModel):
    """What went wrong, once for every 4xx and 5xx answer."""

    status: int = Field(description="the HTTP status, repeated for clients that lose it")
    code: str = Field(description="a stable machine word: bad_request, not_found, ...")
    message: str = Field(description="one line for a human, naming the bad value and the fix")
    params: list[dict[str, str]] = Field(
        default_factory=list, description="the offending parameters, when known"
    )


class ErrorBody(BaseModel):
    error: ErrorDetail


class Page(BaseModel, Generic[T]):
    """One page of a list: ``offset`` paging, or ``cursor`` paging with ``next_cursor``."""

    items: list[T]
    total: int = Field(description="items matching the filters, over all pages")
    limit: int
    offset: int = Field(description="index of the first item of this page")
    next_cursor: str | None = Field(description="pass as ?cursor= for the next page")


class ArticleOut(BaseModel):
    id: str
    title: str | None
    outlet: str | None
    published: str | None
    url: str | None
    source: str | None
    text_sha256: str
    text: str | None = Field(None, description="the stored text every offset points into")


class EntityOut(BaseModel):
    id: str
    name: str
    type: str
    aliases: list[str]
    affiliation: str | None
    roles: list[str]
    mentions: int
    articles: list[str]


class FactOut(BaseModel):
    id: str
    article: str
    start: int
    end: int
    text: str
    extractor: str
    outlet: str | None
    published: str | None


class QuoteOut(FactOut):
    kind: str
    speaker: str | None
    speaker_entity: str | None
    cue: str | None


class FigureOut(FactOut):
    value: float | None
    low: float | None
    high: float | None
    unit: str | None
    kind: str
    counted: str | None
    qualifier: str
    source: str | None
    as_of: str | None
    status: str = Field("occurred", description="occurred, planned, hypothetical or negated")


class EventOut(FactOut):
    type: str
    mode: str | None
    actor: str | None
    target: str | None
    location: str | None
    date: str | None
    date_text: str | None
    status: str
    period: str | None
    date_inferred: bool = Field(False, description="the day is the article's, for want of one")


class TermOut(BaseModel):
    kind: str
    text: str
    obliged: str | None = Field(None, description="who the term obliges to act, if said")


class PhaseOut(BaseModel):
    index: int
    duration_days: list[int] | None
    terms: list[TermOut]


class ProposalOut(FactOut):
    label: str | None
    proposer: str | None
    status: str | None
    phases: list[PhaseOut]


class PositionOut(FactOut):
    holder: str | None
    stance: str
    issue: str | None


class SourceOut(BaseModel):
    """One report of a timeline event: link it as ``/articles/{article}#fact-{event_id}``."""

    event_id: str
    article: str
    outlet: str | None
    published: str | None
    start: int
    end: int
    text: str
    sentence: str


class TimelineEntryOut(BaseModel):
    date: str
    type: str
    mode: str | None
    actor: str | None
    target: str | None
    location: str | None
    status: str
    text: str
    sources: list[SourceOut]


class ArticleFacts(BaseModel):
    quotes: list[QuoteOut]
    figures: list[FigureOut]
    events: list[EventOut]
    proposals: list[ProposalOut]
    positions: list[PositionOut]


class ArticleDetail(BaseModel):
    article: ArticleOut
    facts: ArticleFacts


class EntityDetail(BaseModel):
    """An entity with the first facts that name it; ``totals`` counts all of them."""

    entity: EntityOut
    quotes: list[QuoteOut]
    positions: list[PositionOut]
    events: list[EventOut]
    proposals: list[ProposalOut]
    totals: dict[str, int] = Field(description="facts of each section naming the entity")


class OutletOut(BaseModel):
    outlet: str | None
    articles: int
    first: str | None
    last: str | None


class OverviewOut(BaseModel):
    articles: int
    facts: dict[str, int]
    entities: int
    outlets: list[OutletOut]


class SearchHit(BaseModel):
    """A match: an article (``fact`` null) or a quote; link ``/articles/{article}#{anchor}``."""

    scope: str = Field(description="articles or quotes")
    article: str
    fact: str | None
    title: str | None
    outlet: str | None
    published: str | None
    start: int = Field(description="offset of the match in the article's text (-1: title)")
    end: int
    snippet: str


class StoryOut(BaseModel):
    """Articles about the same developments; ``copies`` maps a syndicated copy to its original."""

    id: str
    label: str
    articles: list[str]
    first: str | None
    last: str | None
    top_entities: list[str]
    copies: dict[str, str]


class StoryDetail(BaseModel):
    story: StoryOut
    articles: list[ArticleOut] = Field(description="the story's articles, without their texts")


class BriefLineOut(BaseModel):
    """A statement of the brief; ``evidence`` pairs each source's article id and fact id."""

    text: str
    sources: list[str]
    evidence: list[tuple[str, str]]


class OutletLineOut(BaseModel):
    outlet: str
    articles: int
    first: str | None
    last: str | None


class BriefOut(BaseModel):
    """Where one story stands (what ``storyline brief --story ID --json`` prints)."""

    articles: int = Field(description="articles in the whole record")
    facts: dict[str, int]
    outlets: list[OutletLineOut]
    entities: list[tuple[str, str, int]] = Field(description="name, type, mentions")
    story: dict[str, Any] | None
    on_the_table: list[BriefLineOut]
    positions: list[BriefLineOut]
    figures: list[BriefLineOut]
    timeline: list[BriefLineOut]
    quotes: list[BriefLineOut]


class FigureValueOut(BaseModel):
    """One source's value: ``figure`` is the fact id (``/articles/{article}#fact-{figure}``)."""

    value: float | None
    low: float | None
    high: float | None
    qualifier: str
    article: str
    outlet: str | None
    published: str | None
    as_of: str | None
    source: str | None
    figure: str
    text: str


class FigurePairOut(BaseModel):
    """Two values of a group (indexes into ``values``) and how they relate."""

    a: int
    b: int
    verdict: str = Field(description="agree, update or contradiction")


class FigureGroupOut(BaseModel):
    kind: str
    counted: str | None
    where: str | None
    values: list[FigureValueOut]
    pairs: list[FigurePairOut]


class FigureComparisonOut(BaseModel):
    """A story's figures compared across its sources."""

    story: StoryOut
    groups: list[FigureGroupOut]
