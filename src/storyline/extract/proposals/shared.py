"""What the proposals and positions extractors both build for one article, built once.

Both read the article's parties (:class:`~.parties.Parties`: its mentions, quotes and
title) and its word columns (:class:`~.columns.DocWords`), and both only memoize what
they compute from them, so the second extractor over the same ``Doc`` takes the first
one's objects from the article's memo (:class:`~storyline.extract.registry.ArticleMemo`)
instead of reading the article again.
"""

from __future__ import annotations

from spacy.tokens import Doc

from ...models import Mention, Quote
from ..registry import Context, MemoKey
from .columns import DocWords
from .parties import Parties

# Built from the mentions and the quotes, which both extractors declare, and the title.
_PARTIES_AND_WORDS: MemoKey[tuple[Parties, DocWords]] = MemoKey(
    "proposals.parties", requires=("entities", "quotes")
)


def parties_and_words(doc: Doc, context: Context) -> tuple[Parties, DocWords]:
    """The :class:`Parties` and :class:`DocWords` of ``doc`` read with ``context``.

    The objects an earlier extractor built for this ``Doc`` when it shares ``context``'s
    memo (as the pipeline's extractors of one article do); new ones otherwise.

    Raises:
        ConfigError: the reading extractor does not declare ``entities`` and ``quotes``.
    """
    return context.memoized(_PARTIES_AND_WORDS, doc, _build)


def _build(doc: Doc, context: Context) -> tuple[Parties, DocWords]:
    mentions = context.of("entities", Mention)
    quotes = context.of("quotes", Quote)
    return Parties(doc, mentions, quotes, context.article.title), DocWords(doc)
