"""Indirect quotes: reported speech without quotation marks, by rule and by the tagger.

Two readers: the rules of :mod:`.reported` (the clause complement of a reporting verb,
"according to", a reporting clause set off by commas) and the attribution tagger
(:mod:`.tagger`), which marks cue, source and content spans. A rule's clause wins where
both read one; the tagger adds the rest. A tagged content's cue is the tagged cue that
governs it in the parse, else the nearest one in its sentence (no cue, no quote); its
speaker is the cue's subject, else the tagged source next to the cue, named by the
speaker finder. A tagged quote whose speaker cannot be named is kept with ``speaker``
None.

Content that is mostly in quotation marks is a direct or partial quote already (the
``quotes`` extractor's) and is not repeated; content that only holds a quoted fragment
is kept, because the claim is the clause ("said the offer was “generous” but late").
Left out: content whose cue is negated ("did not say whether ..."), content in link
lines and captions ("READ MORE: ...", :data:`SKIP_LINE_PREFIXES`), content that
repeats one already emitted, and fragments too short to be a claim.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable

from spacy.tokens import Doc, Span, Token

from ...models import Quote
from ..common.syntax import NOMINAL_SUBJECTS, NOT_DOING, is_negated, under_verb_of_not_doing
from .lexicon import is_verb_in, reporting_verbs
from .reported import find_reported
from .speakers import SpeakerFinder
from .tagger import TaggedSpan, load_tagger

# The shortest content worth a quote, in words: shorter tagged content is mostly a noun
# phrase reported on ("critics of the plan"), which is not speech.
MIN_WORDS = 3
# Content of which at least this share of words is in quotation marks is a marked quote.
MAX_QUOTED_SHARE = 0.6
# A reported clause with more than this share of its words in quotation marks is told
# through them: the partial quote is the quote, the clause around it the reporter's
# ("said the offer was “a gesture, not a concession”"). Tuned on PolNeAR train (90
# held-out articles: lenient F1 up, strict F1 down 0.01) and the example corpus.
MAX_TOLD_SHARE = 0.3
# How far (tokens) a cue may stand from the content it introduces when the parse does not
# link them; a cue further away belongs to other content.
MAX_CUE_GAP = 12
# Lines that are not reporting: links, captions, credits, promotions. A paragraph that
# starts with one (case-insensitive) holds no indirect quote, whatever the tagger reads in
# it ("READ MORE: Minister says talks will resume", "Photo: ..., the agency said").
SKIP_LINE_PREFIXES = (
    "read more", "more:", "related:", "related coverage", "see also:", "watch:",
    "watch the video", "listen:", "photo:", "photos:", "photo credit", "image:", "credit:",
    "caption:", "video:", "click here", "sign up", "subscribe", "follow us", "editor's note",
    "editor’s note",
)  # fmt: skip
# Verbs of not doing, for speech: "declined to say where", "refused to say whether" say
# nothing. (The events extractor's list stays narrower: "declined to attend" is read there
# as it was.)
_DECLINING = NOT_DOING | {"decline", "refuse"}
_EDGE_PUNCT = frozenset({",", ":", ";", "—", "–", "-", "(", ")"})


def find_indirect(doc: Doc, article: str, finder: SpeakerFinder) -> list[Quote]:
    """Reported speech outside quotation marks: the rules' clauses, then the tagger's content.

    Args:
        doc: the parsed article.
        article: the article id the quotes belong to.
        finder: the speaker finder over the same doc.
    """
    spans = load_tagger().tag(doc, finder.quoted, finder.columns)
    cues = _Placed([s for s in spans if s.label == "CUE"])
    sources = _Placed([s for s in spans if s.label == "SOURCE"])
    skipped = _skipped_paragraphs(finder)
    negated: dict[int, bool] = {}
    found: list[tuple[Span, Token | None, str | None]] = []
    for span in spans:
        if span.label != "CONTENT" or finder.paragraph[span.start] in skipped:
            continue
        content = _trim(doc, span.start, span.end, finder)
        if content is None or not _is_claim(content, finder):
            continue
        cue = _cue_for(doc, content, cues, finder)
        if cue is None or _negated(cue, negated) or _source_of(cue, content) or _asked(cue):
            continue  # no cue, no attribution: a summary or a heading the tagger misread
        if (
            _thing_acted_on(cue, content)
            or _subject_before_according(cue, content)
            or _addressee(cue, content)
        ):
            continue
        found.append((content, cue, _speaker(doc, cue, sources, content, finder)))
    ruled: list[tuple[Span, Token | None, str | None]] = []
    for reported in find_reported(doc, finder):
        content = reported.content
        if finder.paragraph[content.start] in skipped or _negated(reported.cue, negated):
            continue
        if _intention(content, finder) or _question(content, finder) or _asked(reported.cue):
            continue
        named = finder.speaker_of(reported.subject)
        ruled.append((content, reported.cue, named.name if named is not None else None))
    # The rules' clauses first: where a reporting verb governs a clause, its subtree is
    # the quote (the tagger, trained on annotation that never nests, cuts a clause at an
    # embedded attribution). The tagger adds what no rule reads.
    taken = [(c.start, c.end) for c, _, _ in ruled]
    for item in found:
        if not any(a < item[0].end and item[0].start < b for a, b in taken):
            ruled.append(item)
    found = ruled
    found = [f for f in found if not _told_in_quotes(f[0], finder)]
    found.sort(key=lambda f: f[0].start)
    quotes: list[Quote] = []
    seen: set[tuple[str, ...]] = set()
    lower = finder.columns.lower
    for content, cue, speaker in found:
        key = tuple(lower[i] for i in _words(content, finder))
        if key in seen:
            continue
        seen.add(key)
        start, end = content.start_char, content.end_char
        quotes.append(
            Quote(
                article=article,
                start=start,
                end=end,
                text=finder.text[start:end],  # the span's text, without joining its tokens
                kind="indirect",
                speaker=speaker,
                cue=_cue_name(cue),
            )
        )
    return quotes


def _trim(doc: Doc, start: int, end: int, finder: SpeakerFinder) -> Span | None:
    """The content without a leading "that" or punctuation and trailing punctuation."""
    columns = finder.columns
    lower, text = columns.lower, columns.text
    while start < end and (lower[start] == "that" or text[start] in _EDGE_PUNCT):
        start += 1
    is_punct, is_quote = columns.is_punct, columns.is_quote
    while end > start and (is_punct[end - 1] and not is_quote[end - 1]):
        end -= 1
    return doc[start:end] if end > start else None


def _is_claim(content: Span, finder: SpeakerFinder) -> bool:
    """Whether tagged content is a claim worth a quote.

    Not a fragment, not mostly quoted, not an intention ("vowed to retaliate", "asked not
    to be named": what someone will do, not what they said) and not a reporter's question
    ("Asked whether ...").
    """
    words = _words(content, finder)
    if len(words) < MIN_WORDS:
        return False
    if _intention(content, finder) or _question(content, finder) or _only_subject(content):
        return False
    quoted = sum(i in finder.quoted for i in words)
    return quoted < MAX_QUOTED_SHARE * len(words)


def _only_subject(content: Span) -> bool:
    """A clause's subject alone ("⟦Sadiq and Holm⟧ are expected to meet"): what a clause
    is about, never what was said."""
    root = content.root
    return (
        root.dep_ in NOMINAL_SUBJECTS
        and content.start == root.left_edge.i
        and content.end == root.right_edge.i + 1
        and not any(t.pos_ in ("VERB", "AUX") for t in content)
    )


def _told_in_quotes(content: Span, finder: SpeakerFinder) -> bool:
    words = _words(content, finder)
    return sum(i in finder.quoted for i in words) > MAX_TOLD_SHARE * len(words)


def _words(content: Span, finder: SpeakerFinder) -> list[int]:
    """The indices of the words (alphabetic tokens) of ``content``."""
    is_alpha = finder.columns.is_alpha
    return [i for i in range(content.start, content.end) if is_alpha[i]]


def _intention(content: Span, finder: SpeakerFinder) -> bool:
    """An infinitive: what someone will do ("vowed ⟦to retake the bridge⟧")."""
    lower, start = finder.columns.lower, content.start
    first = start + 1 if lower[start] == "not" else start
    return (
        content.end > first + 1 and lower[first] == "to" and finder.columns.tag[first + 1] == "VB"
    )


def _question(content: Span, finder: SpeakerFinder) -> bool:
    """A reporter's question set before the answer: "⟦Asked whether ...⟧, she said", or
    only its clause ("Asked whether ⟦the talks would resume⟧, she said"): a participle
    "asked" with no subject of its own is the reporter asking."""
    lower = finder.columns.lower
    if lower[content.start] == "asked":
        return True
    first = content.start
    if lower[first] not in ("whether", "if"):
        if first == 0 or lower[first - 1] not in ("whether", "if"):
            return False
        first -= 1
    # The asking participle governs the "whether"/"if" clause: directly, or through the
    # clause's verb ("when asked ⟦if he expected a deal⟧").
    doc = content.doc
    return any(
        asked.lemma_.lower() == "ask"
        and (
            (asked.tag_ == "VBN" and not any(c.dep_ in NOMINAL_SUBJECTS for c in asked.children))
            or _set_off_participle(asked)
        )
        for asked in (doc[first].head, doc[first].head.head)
    )


def _set_off_participle(verb: Token) -> bool:
    """ "Morrow, ⟦asked⟧ whether …, said": a verb between commas after the subject, which
    the parser made finite and gave that subject, while the verb it hangs from, to its
    right, has no subject of its own: a participle, the reporter's question."""
    doc, head = verb.doc, verb.head
    return (
        verb.i > 0
        and doc[verb.i - 1].text == ","
        and head.i > verb.i
        and doc[head.i - 1].text == ","
        and not any(c.dep_ in NOMINAL_SUBJECTS for c in head.children)
    )


def _asked(cue: Token) -> bool:
    """The cue of a reporter's question: "⟦Asked⟧ whether the talks would go on, he said"."""
    return cue.lemma_.lower() == "ask" and cue.tag_ == "VBN" and cue.dep_ in ("advcl", "ROOT")


def _skipped_paragraphs(finder: SpeakerFinder) -> set[int]:
    """Paragraphs that are link lines or captions ("READ MORE: ...", "Photo: ...")."""
    out: set[int] = set()
    for number, line in enumerate(finder.text.split("\n")):
        if line.lstrip().lower().startswith(SKIP_LINE_PREFIXES):
            out.add(number)
    return out


class _Placed:
    """Tagged spans of one label in text order, found by position.

    The tagger's spans never overlap, so their starts and their ends both rise. Reading
    every cue of a paragraph for every content span was quadratic in a text that is one
    long paragraph; a look-up here reads only the spans near the position.
    """

    def __init__(self, spans: list[TaggedSpan]) -> None:
        self.spans = spans
        self._starts = [s.start for s in spans]
        self._ends = [s.end for s in spans]
        self._cover = {i: k for k, s in enumerate(spans) for i in range(s.start, s.end)}

    def starting(self, lo: int, hi: int) -> list[TaggedSpan]:
        """The spans that start in tokens ``[lo, hi)``, in text order."""
        return self.spans[
            bisect.bisect_left(self._starts, lo) : bisect.bisect_left(self._starts, hi)
        ]

    def within(self, start: int, end: int, gap: int) -> list[TaggedSpan]:
        """The spans at most ``gap`` tokens from tokens ``[start, end)`` (see :func:`_gap`)."""
        lo = bisect.bisect_left(self._ends, start - gap)
        return self.spans[lo : bisect.bisect_right(self._starts, end + gap)]

    def holding(self, tokens: Iterable[int]) -> list[TaggedSpan]:
        """The spans that hold one of ``tokens``, in text order."""
        return [self.spans[k] for k in sorted({self._cover[i] for i in tokens if i in self._cover})]


def _cue_for(doc: Doc, content: Span, cues: _Placed, finder: SpeakerFinder) -> Token | None:
    """The main word of the cue that introduces ``content``.

    The cue whose words govern the content's root in the parse wins; else the nearest cue
    in the content's sentence (or, for content that opens after a colon, the sentence
    before), within :data:`MAX_CUE_GAP` tokens.
    """
    here = finder.paragraph[content.start]
    head = finder.columns.head
    above = set()
    node = content.root.i
    while head[node] != node:
        node = head[node]
        above.add(node)
    for cue in cues.holding(above):
        if finder.paragraph[cue.start] == here:
            return _cue_word(doc, cue, finder)
    sent_start = finder.sentence(content.start)[0]
    last_end = finder.sentence(content.end - 1)[1]
    near = [
        c
        for c in cues.within(content.start, content.end, MAX_CUE_GAP)
        if finder.paragraph[c.start] == here
        and (sent_start <= c.start < last_end or c.end == content.start)
        and _gap(c, content) <= MAX_CUE_GAP
    ]
    if not near:
        return None
    best = min(near, key=lambda c: _gap(c, content))
    return _cue_word(doc, best, finder)


def _gap(cue: TaggedSpan, content: Span) -> int:
    if cue.end <= content.start:
        return content.start - cue.end
    if cue.start >= content.end:
        return cue.start - content.end
    return 0


def _cue_word(doc: Doc, cue: TaggedSpan, finder: SpeakerFinder) -> Token:
    """The verb of a cue span ("has repeatedly said" → "said"); its root otherwise."""
    columns = finder.columns
    lower, pos = columns.lower, columns.pos
    for i in range(cue.start, cue.end):
        if lower[i] == "according":
            return doc[i]
    verbs = [i for i in range(cue.start, cue.end) if pos[i] == "VERB"]
    if verbs:
        last = verbs[-1]
        return doc[last] if cue.start <= columns.head[last] < cue.end else doc[verbs[0]]
    return doc[cue.start : cue.end].root


def _thing_acted_on(cue: Token, content: Span) -> bool:
    """A noun phrase that is the object of a cue that is no speech verb: "rejected ⟦the
    proposal⟧", "debated ⟦the accord⟧". PolNeAR counts such attributions; a quote is
    words someone said."""
    root = content.root
    return (
        root.head.i == cue.i
        and root.dep_ in ("dobj", "attr", "oprd")
        and not any(t.pos_ in ("VERB", "AUX") for t in content)
        and not is_verb_in(cue, reporting_verbs())
        and cue.lower_ != "according"
    )


def _addressee(cue: Token, content: Span) -> bool:
    """Whom someone spoke with or to: "spoke today with ⟦Prime Minister Heyl⟧" names the
    other party of the talk, not what was said."""
    root = content.root
    return (
        root.dep_ == "pobj"
        and root.head.lower_ in ("with", "to")
        and root.head.head.i == cue.i
        and not any(t.pos_ in ("VERB", "AUX") for t in content)
    )


def _subject_before_according(cue: Token, content: Span) -> bool:
    """Words with no verb attributed by "according to": the subject of the clause the
    phrase interrupts ("⟦The council⟧, according to two officials, has signed …"), whose
    verb side is the quote."""
    return cue.lower_ == "according" and not any(t.pos_ in ("VERB", "AUX") for t in content)


def _source_of(cue: Token, content: Span) -> bool:
    """Content that is the source of "according to" ("according to ⟦the ministry⟧")."""
    return cue.lower_ == "according" and 0 <= content.start - cue.i <= 2


def _negated(cue: Token, seen: dict[int, bool]) -> bool:
    """A cue that says nothing was said: "did not say", "never claimed", "won't say",
    "declined to say".

    ``seen`` keeps the answer for each cue word: most cue words introduce several spans.
    """
    if cue.i not in seen:
        seen[cue.i] = cue.pos_ in ("VERB", "AUX") and (is_negated(cue) or _declined(cue))
    return seen[cue.i]


def _declined(cue: Token) -> bool:
    """ "declined to say", "refused to say": the infinitive of a verb of not doing."""
    return cue.i > cue.head.i and under_verb_of_not_doing(cue, _DECLINING)


def _cue_name(cue: Token | None) -> str | None:
    if cue is None:
        return None
    return "according to" if cue.lower_ == "according" else str(cue.lemma_).lower()


def _speaker(
    doc: Doc,
    cue: Token | None,
    sources: _Placed,
    content: Span,
    finder: SpeakerFinder,
) -> str | None:
    """The name of who said it: the cue's subject, else the tagged source beside the cue."""
    if cue is None:
        return None
    sent_start, sent_end = finder.sentence(cue.i)
    here = finder.paragraph[cue.i]
    options = [
        s
        for s in sources.starting(sent_start, sent_end)
        if finder.paragraph[s.start] == here and not (content.start <= s.start < content.end)
    ]
    subject = finder.subject_of(cue)
    if subject is not None and content.start <= subject.i < content.end:
        subject = None
    if subject is None and options:
        best = min(options, key=lambda s: min(abs(s.start - cue.i), abs(s.end - 1 - cue.i)))
        subject = doc[best.start : best.end].root
    if subject is None:
        return None
    speaker = finder.speaker_of(subject)
    return speaker.name if speaker is not None else None
