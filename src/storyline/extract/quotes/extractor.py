"""Quotes: direct, partial and indirect, each with its canonical speaker and cue verb.

Marked quotes come from the quotation-mark scanner (:mod:`.quotes_marks`); each is
attributed to the subject of the cue verb that governs it or stands beside it
(:mod:`.speakers`). A quote with no cue of its own continues the quote before it
in the same paragraph, or the previous paragraph's speaker when the whole paragraph is
quoted; an uncued quote that is a whole sentence, or a long fragment, is inferred to be
the sentence subject's, the previous paragraph's subject's (news introduces a speaker and
gives their words a paragraph of their own) or the last speaker's. A short fragment with
no speaker at all is a scare quote and is not a quote, and neither is a title of a work
("The Long Road Home"), a so-called label, words under a negated cue ("would not say
what “consequences” ...") or anything on a link line or photo caption ("READ MORE: ...").
A quote whose words were already quoted is counted once: a headline or subhead echoing
the body, a fragment repeated. The turns of a transcript ("MR. MARLO: ...") are their
speaker's direct quotes (:mod:`.transcript`). Indirect speech comes from :mod:`.indirect`
(rules and the attribution tagger).
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from ...models import Mention, Quote
from ..common.mentions import MentionIndex
from ..common.syntax import NOMINAL_SUBJECTS, ROOT, SUBJECT
from ..registry import Context, MemoKey, register
from .indirect import find_indirect
from .marks import MarkedSpan, find_quoted_spans, quoted_tokens
from .naming import GROUP, Speaker
from .speakers import SpeakerFinder
from .transcript import Section, find_turns

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
# Lines that news pages carry between paragraphs and that quote no one: links to other
# stories ("READ MORE: ...", "WATCH: ...") and photo or video labels. A closed list, so
# that a transcript's speaker labels ("MS. VARDEN:") are not taken for links.
_LINK_LINE = re.compile(
    r"[^\S\n]*(?:read more|related|more|watch|listen|video|videos|photo|photos|image|"
    r"gallery|also read|see also|click here|sign up|subscribe|trending)[^\S\n]*:",
    re.IGNORECASE,
)
# A photo caption ends with its credit in parentheses ("(Jane Smith/The Herald)",
# "(Photo: ...)") or a "Photo by"/"Credit:" line. Read on a line's last characters only
# (:data:`_CAPTION_TAIL`), so a long paragraph is never scanned for it.
_CAPTION = re.compile(
    r"(?:\((?=[^()\n]*[A-Za-z][^()\n]*\))[^()\n/]+/[^()\n]+\)|"
    r"\((?:photo|image|credit|file photo)\b[^()\n]*\)|(?:photo by|credit:)[^\n]*)"
    r"[^\S\n]*$",
    re.IGNORECASE,
)
_CAPTION_TAIL = 160
# Quoted words that are only a web address, a handle or an e-mail address name a place
# to look, not anyone's words ("see “www.selda-relief.org”").
_ADDRESS = re.compile(r"\s*(?:https?://\S+|www\.\S+|@\w+|[\w.+-]+@[\w-]+\.[\w.]+)[\s.,;:]*")
# Words a label is introduced with: what follows is a name, not anyone's words.
_LABEL_BEFORE = re.compile(r"(?:so[- ]called|dubbed|titled|entitled)\W*$", re.IGNORECASE)
# Words a title of a work leaves in lower case ("Children of the River").
_TITLE_SMALL = frozenset(
    {"a", "an", "the", "and", "or", "but", "nor", "of", "in", "on", "at", "to", "for", "by",
     "with", "from", "as", "into", "over", "upon", "vs"}
)  # fmt: skip


_Prepared = tuple[list[tuple[MarkedSpan, Span]], SpeakerFinder]
# Both quote extractors read an article's quoted spans and speakers: built once per Doc.
# From the mentions (which both declare) and the article's text and title only.
_PREPARED: MemoKey[_Prepared] = MemoKey("quotes.speakers", requires=("entities",))


@dataclass
class _Found:
    span: MarkedSpan
    tokens: Span
    speaker: Speaker | None
    cue: str | None
    kind: str
    paragraph: int
    starts_paragraph: bool


@register("quotes", version=5, requires=("entities",))
def extract_quotes(doc: Doc, context: Context) -> list[Quote]:
    """Direct and partial quotes (words in quotation marks) with speakers and cues."""
    spans, finder = context.memoized(_PREPARED, doc, _prepare)
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
                speaker=finder.label_speaker(turn.label),
                cue=None,
            )
        )
    return out


@register("indirect_quotes", version=5, requires=("entities", "quotes"))
def extract_indirect_quotes(doc: Doc, context: Context) -> list[Quote]:
    """Indirect quotes (reported speech without quotation marks) with speakers and cues.

    A separate extractor so that a user who wants only the quoted words can disable it
    (``disabled = ["indirect_quotes"]``); some annotation schemes count only marked quotes.
    In a transcript, what a reporter's question ("Q …") reports is the question, not a
    quote of whoever it names, and is left out.
    """
    _, finder = context.memoized(_PREPARED, doc, _prepare)
    voices = finder.voices
    return [
        q
        for q in find_indirect(doc, context.article.id, finder)
        if not _in_question(voices.section_at(q.start))
    ]


def _in_question(section: Section | None) -> bool:
    return section is not None and section.question


def _prepare(doc: Doc, context: Context) -> _Prepared:
    """The quoted spans of ``doc`` with their tokens, and a speaker finder that knows which
    tokens they hold.

    Shared by both extractors, so neither may change them: the finder's own caches
    (subjects, speakers) give the same answer whichever extractor asks first.
    """
    text = context.article.text  # the same as doc.text, which spaCy rebuilds on each access
    spans = []
    for span in find_quoted_spans(text):
        tokens = _token_span(doc, span)
        if tokens is not None:
            spans.append((span, tokens))
    quoted = quoted_tokens(doc, [span for span, _ in spans])
    mentions = MentionIndex(context.of("entities", Mention))
    # The title names an official statement's author: who "I" and "we" are.
    return spans, SpeakerFinder(doc, text, quoted, mentions, title=context.article.title)


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
        kind = _kind(text, span, opening, cue)
        if _not_a_quote(text, span, cue, kind):
            continue
        speaker = None
        if cue is not None:
            subject = finder.subject_of(cue)
            # A subject in another paragraph than its verb comes from a parse run over a
            # paragraph break (a headline taken for the subject of the first sentence).
            if subject is not None and finder.paragraph[subject.i] != finder.paragraph[cue.i]:
                subject = None
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
                kind=kind,
                paragraph=paragraph,
                starts_paragraph=_starts_paragraph(text, span.opening),
            )
        )
    _continue_speakers(doc, found, finder)
    return _drop_repeats(_drop_scare_quotes(found, text), text)


def _not_a_quote(text: str, span: MarkedSpan, cue: Token | None, kind: str) -> bool:
    """Marked words that are no one's: link lines and captions, labels, titles, and
    fragments under a negated cue ("would not say what “consequences” ...")."""
    line_start = text.rfind("\n", 0, span.opening) + 1
    line_end = text.find("\n", span.end)
    line = text[line_start : len(text) if line_end < 0 else line_end]
    words = text[span.start : span.end]
    if _link_or_caption(line):
        reason = "on a link line or caption"
    elif _LABEL_BEFORE.search(text, max(line_start, span.opening - 40), span.opening):
        reason = "a label"
    elif _is_title(words):
        reason = "a title"
    elif _ADDRESS.fullmatch(words):
        reason = "an address"
    elif kind == "partial" and cue is not None and any(c.dep_ == "neg" for c in cue.children):
        reason = "under a negated cue"
    else:
        return False
    logger.debug("%r left out: %s", words, reason)
    return True


def _link_or_caption(line: str) -> bool:
    return bool(_LINK_LINE.match(line) or _CAPTION.search(line[-_CAPTION_TAIL:]))


def _is_title(words: str) -> bool:
    """Whether quoted words are a title of a work: every word capitalized save the small
    ones ("Children of the Selda River"), and no sentence ends inside."""
    tokens = _WORD.findall(words)
    if len(tokens) < 2 or words.rstrip("’'\" ,")[-1:] in _SENTENCE_END:
        return False
    big = [t for t in tokens if t.lower() not in _TITLE_SMALL or t == tokens[0]]
    # Two capitalized words at least: a quoted name ("Veyra Front") is a label too.
    return len(big) >= 2 and all(t[0].isupper() or t[0].isdigit() for t in big)


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
    # No reporting verb: a clause that ends at the colon still presents the quotation as
    # its subject's words ("X, a former ambassador, disagreed: “…”", "She was blunt: “…”").
    root = doc[i].sent.root
    if start <= root.i <= i and root.pos_ in ("VERB", "AUX") and root.i not in finder.quoted:
        subject = finder.subject_of(root)
        if subject is not None and (subject.pos_ in ("PROPN", "PRON") or _names_person(subject)):
            return root
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
    turns: list[_Found] = []  # the quote paragraphs of an exchange, in order
    for item in found:
        if item.speaker is None and last is not None and last.speaker is not None:
            # A quote that ran over paragraphs ends in the paragraph of its last words.
            ended = _ended(text, last)
            same_paragraph = ended == item.paragraph
            whole_paragraph = item.starts_paragraph and item.paragraph - ended <= 2
            if same_paragraph and last.span.end < item.span.opening:
                item.speaker, item.cue = last.speaker, last.cue
            elif whole_paragraph and _only_quotes_between(text, last.span, item.span):
                item.speaker, item.cue = last.speaker, last.cue
                other = _other_party(turns, item, text)
                if other is not None:
                    item.speaker, item.cue = other.speaker, None
        words = len(_WORD.findall(text[item.span.start : item.span.end]))
        # A whole quoted sentence in a paragraph of prose is someone's words however short
        # ("“It is warm.”"); a short fragment may be a scare quote.
        sentence = item.kind == "direct" and not _in_heading(text, item.span.opening)
        if item.speaker is None and (words >= MIN_INFERRED_WORDS or sentence):
            item.speaker = _inferred(item, finder, last, short=words < MIN_INFERRED_WORDS)
        if item.speaker is not None:
            last = item
            if item.starts_paragraph and item.kind == "direct":
                turns.append(item)
            else:
                turns.clear()  # prose around the quote: no exchange runs through it


def _ended(text: str, item: _Found) -> int:
    """The paragraph a quote's last words are in."""
    return text.count("\n", item.span.opening, item.span.end) + item.paragraph


def _other_party(turns: list[_Found], item: _Found, text: str) -> _Found | None:
    """In an exchange of quote paragraphs between two speakers, the turn whose speaker an
    uncued one belongs to, else None (it goes on with the last speaker).

    A question goes back to the one who asked before ("“Did you approve it?” asked Quist.
    / “I approved a strike,” Tesk replied. / “Then who approved the depot?”"), and what
    follows a question answers it ("… / “When?” asked Quist. / “Next year.”").
    """
    if len(turns) < 2:
        return None
    before, last = turns[-2], turns[-1]
    if (
        before.speaker is None
        or last.speaker is None
        or before.speaker.name == last.speaker.name
        or last.paragraph - _ended(text, before) > 2
    ):
        return None
    asks = _text(text, item).rstrip().endswith("?")
    asked_before = _text(text, before).rstrip().endswith("?")
    asked_last = _text(text, last).rstrip().endswith("?")
    if asks and asked_before and not asked_last:
        return before
    if not asks and asked_last and not asked_before:
        return before
    return None


def _only_quotes_between(text: str, last: MarkedSpan, item: MarkedSpan) -> bool:
    """Whether the paragraph holding ``last`` ends in a quote: ``item`` then continues it."""
    closing = last.closing if last.closing is not None else last.end
    rest = text[closing + 1 : item.opening]
    line_end = rest.find("\n")
    tail = rest if line_end < 0 else rest[:line_end]
    # A signature ("” ― Jane Smith") closes a quote of its own: listed quotes that follow
    # are other people's.
    return len(_WORD.findall(tail)) <= 8 and _DASH.match(tail) is None


def _inferred(
    item: _Found, finder: SpeakerFinder, last: _Found | None, *, short: bool
) -> Speaker | None:
    """The speaker of an uncued quote: its sentence's or the sentence before's subject, the
    previous paragraph's person, else (not for a ``short`` quote) the last speaker."""
    doc = item.tokens.doc
    start, end = finder.sentence(item.tokens.start)
    if start > 0:
        # The sentence that introduces the quote in the same paragraph: "Jane Smith
        # opened the session with a long address. “…”".
        start = finder.sentence(start - 1)[0]
    # The parser's sentences may run over paragraph breaks: only this paragraph's words.
    here = finder.paragraph[item.tokens.start]
    for token in doc[start:end]:
        if (
            token.dep_ == SUBJECT
            and finder.paragraph[token.i] == here
            and token.i not in finder.quoted
            and token.pos_ in ("PROPN", "NOUN", "PRON")
        ):
            speaker = finder.speaker_of(token)
            # An organization speaks through statements: "Lorne's office released a
            # statement. “…”", when it is the main subject of the sentence before a whole
            # quoted sentence (a subject inside the quote's own sentence is as often what
            # the quote is about). A pronoun is read only for a person and a whole quoted
            # sentence ("She said she was cold. “…”"): a fragment in the pronoun's own
            # sentence is as often a document's words ("she signed a “…”").
            if speaker is not None and (
                (
                    speaker.person
                    and (token.pos_ == "PROPN" or (item.kind == "direct" and _names_person(token)))
                )
                or (
                    speaker.kind == GROUP
                    and item.kind == "direct"
                    and token.pos_ != "PRON"
                    and token.i < item.tokens.start - 1
                    and token.head.dep_ == ROOT
                )
            ):
                return speaker
    if item.kind == "direct":
        speaker = _only_person(doc[start : item.tokens.start], finder, here)
        if speaker is not None:
            return speaker
    if item.starts_paragraph:
        speaker = _paragraph_speaker(item, finder)
        if speaker is not None:
            return speaker
    if last is not None and not short and item.paragraph - last.paragraph <= 3:
        return last.speaker
    return None


def _only_person(intro: Span, finder: SpeakerFinder, paragraph: int) -> Speaker | None:
    """The one person named in the words that lead into a quoted sentence, when the person
    is not their subject: "Varden's verdict? “…”", "For Jane Smith, the answer is: “…”"."""
    found: set[Speaker] = set()
    for token in intro:
        if (
            token.pos_ == "PROPN"
            and finder.paragraph[token.i] == paragraph
            and token.i not in finder.quoted
            and (token.i + 1 >= len(token.doc) or token.doc[token.i + 1].pos_ != "PROPN")
            and _is_person(token, finder)
        ):
            speaker = finder.speaker_of(token)
            if speaker is not None and speaker.person:
                found.add(speaker)
    return found.pop() if len(found) == 1 else None


def _is_person(token: Token, finder: SpeakerFinder) -> bool:
    """Whether the entities extractor, or else the parser's entities, call a name a person."""
    mention = finder.mentions.at(token.idx, token.idx + len(token))
    if mention is not None:
        return mention.type == "PERSON"
    return token.ent_type_ == "PERSON"


def _names_person(token: Token) -> bool:
    return token.pos_ == "PROPN" or token.lower_ in ("he", "she")


def _paragraph_speaker(item: _Found, finder: SpeakerFinder) -> Speaker | None:
    """The person the paragraph before a quoted paragraph introduces: the first subject
    naming a person in its last sentence, else in the sentences before ("Tomas Heyl, a
    spokesperson for the Front, was less hopeful.")."""
    doc = item.tokens.doc
    here = finder.paragraph[item.tokens.start]
    i = item.tokens.start - 1
    while i >= 0 and (finder.paragraph[i] == here or doc[i].is_space):
        i -= 1
    # The parser's sentences may run over paragraph breaks, so the paragraph is read from
    # the line numbers; only the paragraph right before counts (one blank line between).
    if i < 0 or here - finder.paragraph[i] > 2:
        return None
    previous = finder.paragraph[i]
    first = i
    while first > 0 and finder.paragraph[first - 1] == previous:
        first -= 1
    line = finder.text[doc[first].idx : doc[i].idx + len(doc[i])]
    if _link_or_caption(line):
        return None
    # Its last sentence first: the one that leads into the quote.
    at = i
    while at >= first:
        sent_start = max(finder.sentence(at)[0], first)
        for token in doc[sent_start : at + 1]:
            if token.dep_ in NOMINAL_SUBJECTS and token.i not in finder.quoted:
                speaker = _person(token, finder)
                if speaker is not None:
                    return speaker
        at = sent_start - 1
    # A misparse can run the paragraph into the one before and lose its subject: the
    # person named at the head of the paragraph ("Tomas Heyl, a spokesperson ...").
    for token in doc[first : min(first + 6, i + 1)]:
        if token.ent_type_ == "PERSON" and token.i not in finder.quoted:
            end = token.i
            while (
                end + 1 <= i and doc[end + 1].ent_type_ == "PERSON" and doc[end + 1].ent_iob_ == "I"
            ):
                end += 1
            return _person(doc[end], finder)
    return None


def _person(token: Token, finder: SpeakerFinder) -> Speaker | None:
    # "The Front's spokesman, Dana Orlo, was blunter.": a descriptor with a name beside it.
    named = _names_person(token) or any(
        c.dep_ == "appos" and c.pos_ == "PROPN" for c in token.children
    )
    if not named:
        return None
    speaker = finder.speaker_of(token)
    return speaker if speaker is not None and speaker.person else None


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


def _drop_repeats(found: list[_Found], text: str) -> list[_Found]:
    """Each quote once: a headline or subhead whose words are quoted in the body, and a
    fragment its speaker was already quoted saying, are left out (a word two people threw
    at each other, "loser", is two quotes)."""
    words = [tuple(_WORD.findall(_text(text, f).lower())) for f in found]
    heading = [_in_heading(text, f.span.opening) for f in found]
    body = [w for w, h in zip(words, heading, strict=True) if not h]
    kept: list[_Found] = []
    seen: set[tuple[tuple[str, ...], str | None]] = set()
    for item, key, in_heading in zip(found, words, heading, strict=True):
        if in_heading and any(_contains(other, key) for other in body):
            logger.debug("%r left out: a heading echoing the body", _text(text, item))
            continue
        said = (key, item.speaker.name if item.speaker else None)
        if not in_heading and item.kind == "partial" and said in seen:
            logger.debug("%r left out: quoted again", _text(text, item))
            continue
        if not in_heading:
            seen.add(said)
        kept.append(item)
    return kept


def _contains(words: tuple[str, ...], part: tuple[str, ...]) -> bool:
    n = len(part)
    return n > 0 and any(words[i : i + n] == part for i in range(len(words) - n + 1))


def _in_heading(text: str, offset: int) -> bool:
    """Whether ``offset`` is on a headline or subhead: a short line that ends with no
    sentence punctuation ("Civilian toll ‘remains too high’")."""
    line_start = text.rfind("\n", 0, offset) + 1
    line_end = text.find("\n", offset)
    line = text[line_start : len(text) if line_end < 0 else line_end]
    tail = _MARKS.sub("", line).rstrip()
    return bool(tail) and tail[-1] not in _SENTENCE_END and len(_WORD.findall(line)) <= 25


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
