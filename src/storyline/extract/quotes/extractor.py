"""Quotes: direct, partial and indirect, each with its canonical speaker and cue verb.

Marked quotes come from the quotation-mark scanner (:mod:`.quotes_marks`); each is
attributed to the subject of the cue verb that governs it or stands beside it
(:mod:`.quotes_speakers`). A quote with no cue of its own continues the quote before it
in the same paragraph, or the previous paragraph's speaker when the whole paragraph is
quoted; a long uncued quote is inferred to be the sentence subject's or the last
speaker's. A short quote with no speaker at all is a scare quote and is not a quote,
unless it repeats an attributed quote (a headline echoing the body). The turns of a
transcript ("MR. MARLO: ...") are their speaker's direct quotes (:mod:`.transcript`).
Indirect speech comes from :mod:`.indirect` (rules and the attribution tagger).
"""

from __future__ import annotations

import logging
import re
from collections import Counter
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from ...models import Mention, Quote
from ..common.mentions import MentionIndex
from ..common.syntax import SUBJECT
from ..registry import Context, register
from .indirect import find_indirect
from .marks import MarkedSpan, find_quoted_spans, quoted_tokens
from .speakers import Speaker, SpeakerFinder
from .transcript import find_turns, label_surname

logger = logging.getLogger(__name__)

# Uncued quotes of at least this many words are attributed by inference (sentence
# subject, else the last speaker); shorter ones are scare quotes. Calibrated on the seed
# articles: their scare quotes ("humanitarian pause", "day after") have two words, their
# shortest inferred quote has five.
MIN_INFERRED_WORDS = 5
_MARKS = re.compile(r"``|''|[\"“”„‟«»‘’‚‛'‹›]")
_WORD = re.compile(r"\w+")
_DASH = re.compile(r"[^\S\n]*[―—–-]{1,2}[^\S\n]*")
_SENTENCE_END = frozenset(".?!…")
_CLAUSE_END = frozenset(".?!…,;:—–-")


@dataclass
class _Found:
    span: MarkedSpan
    tokens: Span
    speaker: Speaker | None
    cue: str | None
    kind: str
    paragraph: int
    starts_paragraph: bool


@register("quotes", version=2, requires=("entities",))
def extract_quotes(doc: Doc, context: Context) -> list[Quote]:
    """Direct and partial quotes (words in quotation marks) with speakers and cues."""
    spans, finder = _prepare(doc, context)
    found = _attribute_marked(doc, spans, finder)
    quotes = [_to_quote(context.article.id, finder.text, f) for f in found]
    return quotes + _turn_quotes(context.article.id, finder, quotes)


def _turn_quotes(article: str, finder: SpeakerFinder, marked: list[Quote]) -> list[Quote]:
    """The turns of a transcript, outside the quotation marks already read."""
    out = []
    for turn in find_turns(finder.text):
        if any(q.start < turn.end and turn.start < q.end for q in marked):
            continue
        out.append(
            Quote(
                article=article,
                start=turn.start,
                end=turn.end,
                text=finder.text[turn.start : turn.end],
                kind="direct",
                speaker=_turn_speaker(turn.label, finder.mentions),
                cue=None,
            )
        )
    return out


def _turn_speaker(label: str, mentions: MentionIndex) -> str:
    """A turn label's person under the full name the article gives that surname."""
    surname = label_surname(label)
    key = surname.lower()
    names = Counter(
        m.name
        for m in mentions.mentions
        if m.type == "PERSON" and m.name and m.name.lower().split()[-1] == key
    )
    return names.most_common(1)[0][0] if names and " " not in surname else surname


@register("indirect_quotes", version=2, requires=("entities", "quotes"))
def extract_indirect_quotes(doc: Doc, context: Context) -> list[Quote]:
    """Indirect quotes (reported speech without quotation marks) with speakers and cues.

    A separate extractor so that a user who wants only the quoted words can disable it
    (``disabled = ["indirect_quotes"]``); some annotation schemes count only marked quotes.
    """
    _, finder = _prepare(doc, context)
    return find_indirect(doc, context.article.id, finder)


def _prepare(doc: Doc, context: Context) -> tuple[list[tuple[MarkedSpan, Span]], SpeakerFinder]:
    """The quoted spans of ``doc`` with their tokens, and a speaker finder that knows which
    tokens they hold."""
    text = context.article.text  # the same as doc.text, which spaCy rebuilds on each access
    spans = []
    for span in find_quoted_spans(text):
        tokens = _token_span(doc, span)
        if tokens is not None:
            spans.append((span, tokens))
    quoted = quoted_tokens(doc, [span for span, _ in spans])
    mentions = MentionIndex(context.of("entities", Mention))
    return spans, SpeakerFinder(doc, text, quoted, mentions)


def _token_span(doc: Doc, span: MarkedSpan) -> Span | None:
    return doc.char_span(span.start, span.end, alignment_mode="expand")


def _attribute_marked(
    doc: Doc, spans: list[tuple[MarkedSpan, Span]], finder: SpeakerFinder
) -> list[_Found]:
    """Each quoted span with its cue, speaker and kind; scare quotes left out."""
    text = finder.text
    found: list[_Found] = []
    for span, tokens in spans:
        inside = set(range(tokens.start, tokens.end))
        cue = finder.cue_above(tokens, inside)
        opening = _token_at(doc, span.opening)
        closing = _token_at(doc, span.closing) if span.closing is not None else None
        if cue is None:
            after = closing.i + 1 if closing is not None else tokens.end
            complete = text[span.start : span.end].rstrip("’'\" ").endswith(".")
            cue = finder.cue_beside(after, opening.i, complete=complete)
        if cue is None and _after_colon(text, span.opening):
            cue = _colon_cue(doc, opening, finder)
        if cue is None:
            cue = finder.according_to(tokens.start, tokens.end - 1)
        speaker = None
        if cue is not None:
            subject = finder.subject_of(cue)
            speaker = finder.speaker_of(subject) if subject is not None else None
        if speaker is None:
            speaker = _dash_speaker(doc, span, finder)
        paragraph = text.count("\n", 0, span.opening)
        found.append(
            _Found(
                span=span,
                tokens=tokens,
                speaker=speaker,
                cue=_cue_name(cue),
                kind=_kind(text, span, opening, cue),
                paragraph=paragraph,
                starts_paragraph=_starts_paragraph(text, span.opening),
            )
        )
    _continue_speakers(doc, found, finder)
    return _drop_scare_quotes(found, text)


def _dash_speaker(doc: Doc, span: MarkedSpan, finder: SpeakerFinder) -> Speaker | None:
    """The name after a dash that signs a quote: ``“…” ― Jane Smith``."""
    if span.closing is None:
        return None
    match = _DASH.match(finder.text, span.closing + 1)
    if match is None or match.end() >= len(finder.text):
        return None
    token = _token_at(doc, match.end())
    if token.pos_ != "PROPN" or token.idx != match.end():
        return None
    end = token.i
    while end + 1 < len(doc) and doc[end + 1].pos_ == "PROPN":
        end += 1
    return finder.fallback_speaker(doc[end]) if doc[end].ent_type_ != "GPE" else None


def _token_at(doc: Doc, offset: int) -> Token:
    span = doc.char_span(offset, offset + 1, alignment_mode="expand")
    return doc[span.start] if span is not None and len(span) else doc[0]


def _cue_name(cue: Token | None) -> str | None:
    if cue is None:
        return None
    return "according to" if cue.lower_ == "according" else str(cue.lemma_).lower()


def _after_colon(text: str, offset: int) -> bool:
    return text[:offset].rstrip().endswith(":")


def _colon_cue(doc: Doc, opening: Token, finder: SpeakerFinder) -> Token | None:
    """The cue of an introduction ending with a colon (``X said:``), even a paragraph back."""
    i = opening.i - 1
    while i >= 0 and (doc[i].is_space or doc[i].text == ":"):
        i -= 1
    if i < 0:
        return None
    start, end = finder.sentence(i)
    sent = doc[start:end]
    for token in reversed(sent):
        if token.i <= i and token.i not in finder.quoted and token.pos_ == "VERB":
            cue = finder.cue_beside(token.i, token.i + 1)
            if cue is not None:
                return cue
    return None


def _starts_paragraph(text: str, offset: int) -> bool:
    line_start = text.rfind("\n", 0, offset) + 1
    return not text[line_start:offset].strip()


def _kind(text: str, span: MarkedSpan, opening: Token, cue: Token | None) -> str:
    """``direct`` for whole quoted sentences, ``partial`` for fragments of the reporter's."""
    line_start = text.rfind("\n", 0, span.opening) + 1
    before = _MARKS.sub("", text[line_start : span.opening]).rstrip()
    content = text[span.start : span.end].rstrip("’'\" ")
    ends_sentence = bool(content) and content[-1] in _CLAUSE_END
    if not before or before[-1] in _SENTENCE_END or before[-1] == ":":
        return "direct" if ends_sentence or _followed_by_end(text, span) else "partial"
    if before[-1] == "," and cue is not None and cue.i < opening.i and opening.i - cue.i <= 8:
        return "direct"
    return "partial"


def _followed_by_end(text: str, span: MarkedSpan) -> bool:
    if span.closing is None:
        return True
    rest = text[span.closing + 1 : span.closing + 3]
    return not rest.strip() or rest.lstrip()[:1] in "\n.,"


def _continue_speakers(doc: Doc, found: list[_Found], finder: SpeakerFinder) -> None:
    """Give uncued quotes the speaker they continue, or infer one for long quotes."""
    text = finder.text
    last: _Found | None = None
    for item in found:
        if item.speaker is None and last is not None and last.speaker is not None:
            same_paragraph = last.paragraph == item.paragraph
            whole_paragraph = item.starts_paragraph and item.paragraph - last.paragraph <= 2
            if (same_paragraph and last.span.end < item.span.opening) or (
                whole_paragraph and _only_quotes_between(text, last.span, item.span)
            ):
                item.speaker, item.cue = last.speaker, last.cue
        words = len(_WORD.findall(text[item.span.start : item.span.end]))
        if item.speaker is None and words >= MIN_INFERRED_WORDS:
            item.speaker = _inferred(item, finder, last)
        if item.speaker is not None:
            last = item


def _only_quotes_between(text: str, last: MarkedSpan, item: MarkedSpan) -> bool:
    """Whether the paragraph holding ``last`` ends in a quote: ``item`` then continues it."""
    closing = last.closing if last.closing is not None else last.end
    rest = text[closing + 1 : item.opening]
    line_end = rest.find("\n")
    tail = rest if line_end < 0 else rest[:line_end]
    # A signature ("” ― Jane Smith") closes a quote of its own: listed quotes that follow
    # are other people's.
    return len(_WORD.findall(tail)) <= 8 and _DASH.match(tail) is None


def _inferred(item: _Found, finder: SpeakerFinder, last: _Found | None) -> Speaker | None:
    """The speaker of a long uncued quote: its sentence's named subject, else the last one."""
    doc = item.tokens.doc
    start, end = finder.sentence(item.tokens.start)
    if start > 0:
        # The sentence that introduces the quote in the same paragraph: "Jane Smith
        # opened the session with a long address. “…”", or, for a paragraph that is all
        # quote, the last sentence of the paragraph before it (news writes a speaker's
        # introduction and then their words as a paragraph of their own).
        previous = finder.sentence(start - 1)[0]
        here = finder.paragraph[item.tokens.start]
        if finder.paragraph[previous] == here or (
            item.starts_paragraph and 0 < here - finder.paragraph[previous] <= 2
        ):
            start = previous
    for token in doc[start:end]:
        if token.dep_ == SUBJECT and token.i not in finder.quoted and token.pos_ == "PROPN":
            speaker = finder.speaker_of(token)
            if speaker is not None and speaker.person:
                return speaker
    if last is not None and item.paragraph - last.paragraph <= 3:
        return last.speaker
    return None


def _drop_scare_quotes(found: list[_Found], text: str) -> list[_Found]:
    """Quotes with a speaker, and uncued ones that repeat an attributed quote's words."""
    attributed = {
        tuple(_WORD.findall(_text(text, f).lower())): f for f in found if f.speaker is not None
    }
    kept = []
    for item in found:
        if item.speaker is None:
            echo = attributed.get(tuple(_WORD.findall(_text(text, item).lower())))
            if echo is None:
                logger.debug("no speaker for %r: left out as a scare quote", _text(text, item))
                continue
            item.speaker, item.cue = echo.speaker, echo.cue
        kept.append(item)
    return kept


def _text(text: str, item: _Found) -> str:
    """The text of a quote's tokens, read from the article rather than joined from them."""
    return text[item.tokens.start_char : item.tokens.end_char]


def _to_quote(article: str, text: str, item: _Found) -> Quote:
    span = item.span
    pieces = [text[span.segments[0][0] : span.segments[0][1]]]
    for (_, prev_end), (start, end) in zip(span.segments, span.segments[1:], strict=False):
        pieces.append(_MARKS.sub("", text[prev_end:start]))
        pieces.append(text[start:end])
    return Quote(
        article=article,
        start=span.start,
        end=span.end,
        text="".join(pieces),
        kind=item.kind,
        speaker=item.speaker.name if item.speaker else None,
        cue=item.cue,
    )
