"""The figures extractor: every numeric claim with what was counted, hedge, source and date.

The work is split by what each step needs:

- ``numbers``: reading numbers in plain text (digits, words, vague magnitudes, fractions,
  ordinals), with the one range convention for vague magnitudes;
- ``figures_units``: currencies, units and rates around a number;
- ``figures_read``: quantities — units and hedges attached, ranges joined, and numbers
  that are no figures (dates, years, times, codes, names) dropped;
- ``figures_context``: counted noun, kind and source from the parse;
- ``figures_dates``: the date a figure holds for;
- this module: one ``Figure`` per quantity, with offsets into the article text.

Values are the numbers as written, scaled ("2.5 million" → 2500000); week counts are
days (a week is exactly 7 days), months and years keep their unit. A proportion written
as a fraction ("half", "a third") is a fraction of one with unit "fraction"; a percentage
keeps its number ("80%" → 80, unit "percentage"). Counted things without a unit take the
counted noun's lemmas as their unit ("12,000 Ostrivians" → "ostrivian"), the way
NewsQuant names count units.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, replace

from spacy.tokens import Doc, Span, Token

from ...models import DIMENSIONLESS, Figure, Mention, Quote
from ..common.mentions import MentionIndex
from ..common.numbers import lex
from ..registry import Context, register
from .context import (
    Sentences,
    counted_head,
    figure_kind,
    figure_source,
    is_sourcing_count,
    noun_phrase,
    states_age,
    unit_phrase,
)
from .dates import DateIndex
from .lexicon import kind_cues, qualifiers_by_length
from .modes import figure_status
from .read import Quantity, read_quantities
from .units import unit_word

logger = logging.getLogger(__name__)

# The counted noun of an elided figure ("40 hostages and the bodies of 12 others") takes
# the kind of the figure before it in the same sentence, when no word of its own decides.
_ELLIPSIS = {"other", "others", "more"}
# How far (in tokens) a counted noun may stand from its number and still be part of the
# figure's words ("three Calderan border guards", "hundreds of Ostrivian detainees").
_COUNTED_REACH = 8
# Words that make a period a date, not a length: "5.2 last year", "7 this week".
_DEICTIC = {"last", "next", "this", "that", "these", "those", "every", "each", "per"}


@dataclass(frozen=True)
class _Previous:
    sent_start: int
    kind: str


def _words(doc: Doc, q: Quantity) -> Span | None:
    """The parser tokens of the number and its unit, without hedge or currency sign.

    The hedge stays out because the parser often hangs it elsewhere ("hold about 120
    hostages": "about" on the verb), which would make it the span's root.
    """
    span = doc.char_span(q.num_start, q.end, alignment_mode="expand")
    return span if span is not None and len(span) else None


def _rescale(q: Quantity, factor: float) -> Quantity:
    def scaled(x: float | None) -> float | None:
        return x * factor if x is not None else None

    return replace(q, value=scaled(q.value), low=scaled(q.low), high=scaled(q.high))


def _counted_unit(q: Quantity, anchor: Token, counted: Token) -> Quantity:
    """A counted noun that is a unit word ("three long years"); not "5.2 last year"."""
    between = counted.doc[anchor.i + 1 : counted.i]
    if any(t.lower_ in _DEICTIC or t.pos_ in ("DET", "ADP", "PUNCT") for t in between):
        return q
    unit = unit_word(counted.text)
    if unit is not None and unit.dimension not in ("percent", "points"):
        return replace(_rescale(q, unit.factor), unit=unit.name, dimension=unit.dimension)
    return q


def _bare_unit(anchor: Token, q: Quantity) -> str | None:
    """The unit of a number with neither unit nor counted noun, where its clause says it.

    An age ("He will be 35": :func:`~.context.states_age`) is in years of age; a number
    that "who" takes up counts people ("95,800 who have been out of work"), "who"
    standing only for persons.
    """
    if q.value is None or q.form != "digits":
        return None
    doc = anchor.doc
    if anchor.i + 1 < len(doc) and doc[anchor.i + 1].lower_ == "who":
        return "people"
    if q.value == int(q.value) and 1 <= q.value <= 120 and states_age(anchor):
        return "year of age"
    return None


def _slot(anchor: Token, sentences: Sentences) -> tuple[tuple[int, str, str], int] | None:
    """Where a figure stands in its clause: (sentence, verb lemma, preposition), verb index.

    "ended … at 1,463.78 points" is the figure after "end at"; its sentence is part of the
    key, as only a parallel clause of the same sentence leaves a unit out.
    """
    if anchor.dep_ != "pobj" or anchor.head.dep_ != "prep":
        return None
    verb = anchor.head.head
    # "ended down 1% at …": the parser may hang the preposition on an adverb of the verb.
    while verb.pos_ in ("ADV", "ADP", "PART") and verb.head != verb:
        verb = verb.head
    if verb.pos_ not in ("VERB", "AUX"):
        return None
    key = (sentences.of(anchor).start, verb.lemma_.lower(), anchor.head.lower_)
    return key, verb.i


def _parallel_unit(state: _State, anchor: Token) -> str | None:
    """The unit a parallel clause leaves out: "the Vantis index closed at 2,518.36 points,
    while the Kesh index fell 0.4% to close at 1,907.40" — the same verb and preposition as a figure
    with a unit earlier in the sentence, on another verb, take that figure's unit."""
    slot = _slot(anchor, state.sentences)
    if slot is None:
        return None
    earlier = state.slots.get(slot[0])
    return earlier[0] if earlier is not None and earlier[1] != slot[1] else None


def _rate(counted: Token) -> str | None:
    """ "two thousand meals a day": the period after a counted noun."""
    doc = counted.doc
    if counted.i + 2 >= len(doc) or doc[counted.i + 1].lower_ not in ("per", "a", "an"):
        return None
    unit = unit_word(doc[counted.i + 2].text)
    if unit is None or unit.dimension != "time":
        return None
    return doc[counted.i + 2].lemma_.lower()


def _hedge_after(counted: Token) -> tuple[str, int] | None:
    """A hedge after the counted noun ("300 trucks or more"): (qualifier, end offset)."""
    doc = counted.doc
    tables = qualifiers_by_length("after")
    if not tables:
        return None
    # The words after the noun are read once, for the longest phrase; shorter ones are
    # its prefixes.
    words = tuple(t.lower_ for t in doc[counted.i + 1 : counted.i + 1 + tables[0][0]])
    for length, phrases in tables:
        if len(words) < length:
            continue
        qualifier = phrases.get(words[:length])
        if qualifier is not None:
            return qualifier, doc[counted.i + 1 : counted.i + 1 + length].end_char
    return None


def _quote_speaker(quotes: list[Quote], start: int, end: int) -> str | None:
    """The speaker of the quotation marks around ``[start, end)``, if any.

    Reported speech without marks is left to ``figure_source``, which knows that a
    relative clause inside it is the reporter's background ("the envoy said ... the port,
    where the war has driven 60% of residents from their homes").
    """
    for quote in quotes:
        if quote.kind == "indirect":
            continue
        if quote.start <= start and end <= quote.end:
            return quote.speaker
    return None


def _is_counting_ordinal(anchor: Token) -> Token | None:
    """The occurrence noun an ordinal counts ("her fifth visit"), else None."""
    head = anchor.head if anchor.dep_ in ("amod", "nummod", "compound") else None
    if head is None or head.i <= anchor.i:
        return None
    cues = kind_cues().get(head.lemma_.lower(), ())
    return head if any(c.kind == "visits" for c in cues) else None


@dataclass(frozen=True)
class _State:
    """What every figure of one article reads: the parse, its text, and earlier facts."""

    doc: Doc
    text: str
    context: Context
    mentions: MentionIndex
    quotes: list[Quote]
    dates: DateIndex
    sentences: Sentences
    parsed: bool
    # (sentence start, verb lemma, preposition) → (unit, verb index) of the figures with
    # a unit so far, for the parallel clause that leaves the unit out.
    slots: dict[tuple[int, str, str], tuple[str, int]]


def _unparsed(state: _State, q: Quantity) -> Figure | None:
    """The figure ``q`` makes in a ``Doc`` without a dependency parse: no counted noun,
    kind from the unit alone, source only from a quote (the tree must not be walked)."""
    if q.form == "ordinal":
        return None
    kind = {"currency": "money", "time": "duration"}.get(q.dimension or "", "other")
    article = state.context.article
    return Figure(
        article=article.id,
        start=q.start,
        end=q.end,
        text=state.text[q.start : q.end],
        value=q.value,
        low=q.low,
        high=q.high,
        unit="fraction" if q.form == "fraction" and q.unit is None else q.unit,
        kind=kind,
        qualifier=q.qualifier,
        source=_quote_speaker(state.quotes, q.start, q.end),
        as_of=article.published,
    )


def singles_out(anchor: Token, q: Quantity) -> bool:
    """ "one of the darkest chapters", "only one force": "one" that singles something out
    among others, not a count of it."""
    if q.value != 1 or q.unit is not None or anchor.lower_ != "one":
        return False
    doc = anchor.doc
    after = doc[anchor.i + 1 : anchor.i + 5]
    if len(after) >= 2 and after[0].lower_ == "of" and after[1].lower_ == "the":
        # partitive over a superlative: "one of the largest", "one of the most difficult"
        return any(t.tag_ == "JJS" or t.lower_ == "most" for t in after[2:])
    return anchor.i > 0 and doc[anchor.i - 1].lower_ == "only"


def _describe(state: _State, q: Quantity, previous: _Previous | None) -> Figure | None:
    """The figure ``q`` makes, or None when it is no claim (a source count, an ordinal)."""
    if not state.parsed:
        return _unparsed(state, q)
    doc, text, context = state.doc, state.text, state.context
    words = _words(doc, q)
    if words is None:
        return None
    anchor = words.root
    unit = q.unit
    if q.form == "ordinal":
        counted = _is_counting_ordinal(anchor)
        if counted is None:
            return None
        kind = "visits"
    else:
        counted = counted_head(words, q.dimension, q.form)
        if is_sourcing_count(counted) or singles_out(anchor, q):
            return None
        if counted is not None and unit is None and counted.i - anchor.i <= _COUNTED_REACH:
            q = _counted_unit(q, anchor, counted)
            unit = q.unit
        kind = figure_kind(anchor, counted, q.dimension, q.form)
        if q.form == "fraction" and unit is None:
            unit = "fraction"
        elif unit is None and counted is None:
            unit = _bare_unit(anchor, q) or _parallel_unit(state, anchor) or DIMENSIONLESS
        elif unit is None and counted is not None and counted.lemma_.lower() not in _ELLIPSIS:
            unit = unit_phrase(counted, q.end)
            rate = _rate(counted)
            if rate is not None:
                unit = f"{unit} per {rate}"
    if (
        counted is not None
        and counted.lemma_.lower() in _ELLIPSIS
        and kind == "other"
        and previous is not None
        and previous.sent_start == state.sentences.of(anchor).start_char
    ):
        kind = previous.kind
    start, end = q.start, q.end
    counted_text = None
    if counted is not None:
        phrase = noun_phrase(counted)
        # The counted words without the number and its hedge ("at least five soldiers").
        kept = [t for t in phrase if t.idx >= q.end and t.i <= counted.i] or [counted]
        counted_end = counted.idx + len(counted.text)
        counted_text = text[kept[0].idx : counted_end]
        if counted.i > anchor.i and counted.i - anchor.i <= _COUNTED_REACH:
            end = max(end, counted_end)
            hedge = _hedge_after(counted) if q.qualifier == "exact" else None
            if hedge is not None:
                q = replace(q, qualifier=hedge[0])
                end = hedge[1]
    slot = _slot(anchor, state.sentences)
    if slot is not None and unit is not None and q.unit is not None:
        state.slots.setdefault(slot[0], (unit, slot[1]))
    source = _quote_speaker(state.quotes, start, end) or figure_source(
        anchor, state.mentions, state.sentences
    )
    article = context.article
    return Figure(
        article=article.id,
        start=start,
        end=end,
        text=text[start:end],
        value=q.value,
        low=q.low,
        high=q.high,
        unit=unit,
        kind=kind,
        counted=counted_text,
        qualifier=q.qualifier,
        source=source,
        as_of=state.dates.figure_date(anchor, state.sentences.of(anchor), article.published),
        status=figure_status(anchor),
    )


@register(
    "figures",
    version=4,
    requires=(
        "entities",
        "quotes",
    ),
)
def extract_figures(doc: Doc, context: Context) -> list[Figure]:
    """Every numeric claim in ``doc``: value or range, unit, kind, counted, hedge, source."""
    mentions = MentionIndex(context.of("entities", Mention))
    quotes = [q for q in context.of("quotes", Quote) if q.speaker]
    figures: list[Figure] = []
    previous: _Previous | None = None
    # The doc's text is the article's (contract); ``doc.text`` is rebuilt from the tokens
    # on each access, so the stored text is used when its length agrees.
    text = context.article.text
    if not len(doc) or doc[-1].idx + len(doc[-1].text_with_ws) != len(text):
        text = doc.text
    parsed = doc.has_annotation("DEP")
    sentences = Sentences(doc)
    state = _State(doc, text, context, mentions, quotes, DateIndex(doc), sentences, parsed, {})
    for q in read_quantities(doc, lex(text), text):
        figure = _describe(state, q, previous)
        if figure is None:
            continue
        figures.append(figure)
        span = doc.char_span(figure.start, figure.end, alignment_mode="expand")
        if parsed and span is not None and len(span):
            previous = _Previous(sentences.of(span[0]).start_char, figure.kind)
    return figures
