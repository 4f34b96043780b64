"""Indirect quotes: reported speech without quotation marks.

A reporting verb (``lexicons/reporting_verbs.txt``) with a clause complement is reported
speech; its subject is the speaker and the clause, without its ``that``, is the quote
("Smith said ⟦the talks would resume⟧", "⟦The talks will resume⟧, the minister said").
"according to X" attributes the clause it hangs from; commitments and requests take
their infinitive ("vowed ⟦to retaliate⟧", "urged ⟦the council to resign⟧"). A clause that
is mostly in quotation marks is a direct quote already and is not repeated; one that only
holds a quoted fragment is kept, because the claim is the clause ("said the offer was
“generous” but late").
"""

from __future__ import annotations

from collections.abc import Collection

from spacy.tokens import Doc, Span, Token

from ...models import Quote
from ..common.syntax import CLAUSAL_COMPLEMENTS, PASSIVE_SUBJECT, SUBJECT
from .lexicon import is_verb_in, reporting_verbs
from .speakers import SpeakerFinder

# The shortest reported clause worth a quote; shorter complements are mostly fragments
# of a misparse ("said so", "says it is").
MIN_WORDS = 3
_LEADING = frozenset({"that", ",", ":", "—", "–", "-", "whether"})


def find_indirect(doc: Doc, article: str, finder: SpeakerFinder) -> list[Quote]:
    """Reported clauses of reporting verbs and of "according to", outside quotation marks.

    Args:
        doc: the parsed article.
        article: the article id the quotes belong to.
        finder: the speaker finder over the same doc.
    """
    quoted = finder.quoted
    lexicon = reporting_verbs()
    quotes: list[Quote] = []
    taken: list[tuple[int, int]] = []
    for token in doc:
        if token.i in quoted:
            continue
        if is_verb_in(token, lexicon):
            for child in token.children:
                if child.dep_ in CLAUSAL_COMPLEMENTS:
                    _add(quotes, taken, doc, article, finder, quoted, token, child)
        elif _according_to(doc, token) and token.head.i != token.i:
            _add(quotes, taken, doc, article, finder, quoted, token, token.head)
    return quotes


def _add(
    quotes: list[Quote],
    taken: list[tuple[int, int]],
    doc: Doc,
    article: str,
    finder: SpeakerFinder,
    quoted: Collection[int],
    cue: Token,
    clause: Token,
) -> None:
    if clause.dep_ == "xcomp" and any(c.dep_ == PASSIVE_SUBJECT for c in cue.children):
        return  # "X is said to be ...": X is what is reported on, not the speaker
    if cue.dep_ == "relcl" and not any(
        c.dep_ == SUBJECT and c.lower_ in ("who", "that", "which") for c in cue.children
    ):
        return  # "the steps that he said they must take": the reported clause has a gap
    content = _content(doc, cue, clause, finder.paragraph)
    if content is None or len(content) < MIN_WORDS:
        return
    if sum(t.i not in quoted and t.is_alpha for t in content) < 2:
        return  # the clause is the quote itself: a direct or partial quote already
    if not any(t.pos_ in ("VERB", "AUX") for t in content):
        return
    if any(a < content.end and content.start < b for a, b in taken):
        return
    subject = finder.subject_of(cue)
    if subject is None or content.start <= subject.i < content.end:
        return
    speaker = finder.speaker_of(subject)
    if speaker is None:
        return
    taken.append((content.start, content.end))
    quotes.append(
        Quote(
            article=article,
            start=content.start_char,
            end=content.end_char,
            text=content.text,
            kind="indirect",
            speaker=speaker.name,
            cue="according to" if cue.lower_ == "according" else cue.lemma_.lower(),
        )
    )


def _content(doc: Doc, cue: Token, clause: Token, paragraph: list[int]) -> Span | None:
    """The reported clause of ``cue``, or None.

    That is the complement's subtree, or for "according to" the clause without the
    attribution phrase, trimmed of ``that`` and punctuation at its edges and kept within
    the cue's paragraph (the parser sometimes runs a headline into the text).
    """
    start, end = clause.left_edge.i, clause.right_edge.i + 1
    here = paragraph[cue.i]
    while start < end and paragraph[start] != here:
        start += 1
    while end > start and paragraph[end - 1] != here:
        end -= 1
    if cue.lower_ == "according":
        phrase_start, phrase_end = cue.left_edge.i, cue.right_edge.i + 1
        if phrase_start <= start:
            start = max(start, phrase_end)
        else:
            end = min(end, phrase_start)
    elif clause.dep_ == "xcomp":
        # "urged the council to resign", "called for the council to resign": the one
        # asked belongs to what was asked.
        for child in cue.children:
            if cue.i < child.i < clause.i and (
                child.dep_ == "dobj" or (child.dep_ == "prep" and child.lower_ in ("for", "on"))
            ):
                start = min(start, child.i + (child.dep_ == "prep"))
    if start < cue.i < end:
        # The cue sits inside its own complement's span only in a misparse.
        return None
    while start < end and (doc[start].lower_ in _LEADING or doc[start].is_punct):
        start += 1
    while start < end and doc[start].is_space:
        start += 1
    while end > start and (doc[end - 1].is_punct or doc[end - 1].is_space):
        end -= 1
    if end < len(doc) and doc[end].is_quote and any(t.is_quote for t in doc[start:end]):
        end += 1  # keep the closing mark of a quoted fragment the clause ends with
    return doc[start:end] if end > start else None


def _according_to(doc: Doc, token: Token) -> bool:
    """Whether ``token`` is the ``according`` of "according to"."""
    following = doc[token.i + 1] if token.i + 1 < len(doc) else None
    return token.lower_ == "according" and following is not None and following.lower_ == "to"
