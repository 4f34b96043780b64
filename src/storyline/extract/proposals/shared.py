"""What the proposals and positions extractors both build for one article, built once.

Both read the article's parties (:class:`~.parties.Parties`: its mentions, quotes and
title) and its word columns (:class:`~.columns.DocWords`), and both only memoize what
they compute from them, so the second extractor over the same ``Doc`` can take the
first one's objects instead of reading the article again. The pipeline runs the two one
after the other over each article; one article is kept (its ``Doc`` stays alive until
the next article is read), no more.
"""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Doc

from ...models import Mention, Quote
from ..registry import Context
from .columns import DocWords
from .parties import Parties


class _Entry:
    """The last article read: its ``Doc``, its inputs and what was built."""

    def __init__(
        self,
        doc: Doc,
        mentions: Sequence[Mention],
        quotes: Sequence[Quote],
        title: str | None,
        built: tuple[Parties, DocWords],
    ) -> None:
        self.doc = doc
        # The facts themselves, not copies: they are frozen, so the same objects are the
        # same inputs, and holding them keeps their ids from being reused.
        self.mentions = tuple(mentions)
        self.quotes = tuple(quotes)
        self.title = title
        self.built = built

    def fits(
        self, doc: Doc, mentions: Sequence[Mention], quotes: Sequence[Quote], title: str | None
    ) -> bool:
        return (
            self.doc is doc
            and self.title == title
            and _same(self.mentions, mentions)
            and _same(self.quotes, quotes)
        )


_last: _Entry | None = None


def parties_and_words(doc: Doc, context: Context) -> tuple[Parties, DocWords]:
    """The :class:`Parties` and :class:`DocWords` of ``doc`` read with ``context``.

    The objects the previous call built, when it was for this same ``Doc`` with the same
    mentions, quotes and title; new ones otherwise.
    """
    global _last
    mentions = context.of("entities", Mention)
    quotes = context.of("quotes", Quote)
    title = context.article.title
    entry = _last  # read once: another thread may replace it meanwhile
    if entry is not None and entry.fits(doc, mentions, quotes, title):
        return entry.built
    built = (Parties(doc, mentions, quotes, title), DocWords(doc))
    _last = _Entry(doc, mentions, quotes, title, built)
    return built


def _same(kept: tuple[object, ...], given: Sequence[object]) -> bool:
    """The same objects in the same order."""
    return len(kept) == len(given) and all(a is b for a, b in zip(kept, given, strict=True))
