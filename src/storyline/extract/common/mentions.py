"""Looking up the entity mentions of one article by position.

The ``entities`` extractor emits one :class:`~storyline.models.Mention` per name (and per
descriptor it can tie to a named holder), each carrying the article-level canonical name.
Extractors that need a speaker, actor or holder find the mention at a span, or the nearest
one before a position (for pronouns), through this index instead of re-deriving names.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable

from ...models import Mention


class MentionIndex:
    """Mentions of one article, sorted by start offset."""

    def __init__(self, mentions: Iterable[Mention]) -> None:
        self.mentions = sorted(mentions, key=lambda m: (m.start, -m.end))
        self._starts = [m.start for m in self.mentions]

    def at(self, start: int, end: int) -> Mention | None:
        """The longest mention overlapping ``[start, end)``, or None."""
        best: Mention | None = None
        hi = bisect.bisect_left(self._starts, end)
        for mention in self.mentions[:hi]:
            if mention.end > start and (
                best is None or mention.end - mention.start > best.end - best.start
            ):
                best = mention
        return best

    def before(self, offset: int, types: tuple[str, ...] = ("PERSON",)) -> Mention | None:
        """The nearest mention of one of ``types`` that ends at or before ``offset``."""
        hi = bisect.bisect_right(self._starts, offset)
        for mention in reversed(self.mentions[:hi]):
            if mention.end <= offset and mention.type in types:
                return mention
        return None
