"""Looking up the entity mentions of one article by position.

The ``entities`` extractor emits one :class:`~storyline.models.Mention` per name (and per
descriptor it can tie to a named holder), each carrying the article-level canonical name.
Extractors that need a speaker, actor or holder find the mention at a span, or the nearest
one before a position (for pronouns), through this index instead of re-deriving names.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable
from itertools import accumulate

from ...models import Mention


class MentionIndex:
    """Mentions of one article, sorted by start offset."""

    def __init__(self, mentions: Iterable[Mention]) -> None:
        self.mentions = sorted(mentions, key=lambda m: (m.start, -m.end))
        self._starts = [m.start for m in self.mentions]
        # The furthest end among the mentions up to each one: the mentions before the first
        # whose running end passes ``start`` cannot overlap it, so a look-up reads only the
        # few that can instead of every mention before it (quadratic in a long text).
        self._reach = list(accumulate((m.end for m in self.mentions), max))
        self._of_types: dict[tuple[str, ...], MentionIndex] = {}

    def at(self, start: int, end: int) -> Mention | None:
        """The longest mention overlapping ``[start, end)``, or None."""
        best: Mention | None = None
        hi = bisect.bisect_left(self._starts, end)
        lo = bisect.bisect_right(self._reach, start, 0, hi)
        for mention in self.mentions[lo:hi]:
            if mention.end > start and (
                best is None or mention.end - mention.start > best.end - best.start
            ):
                best = mention
        return best

    def before(self, offset: int, types: tuple[str, ...] = ("PERSON",)) -> Mention | None:
        """The nearest mention of one of ``types`` that ends at or before ``offset``."""
        # Among the mentions of those types only: walking back over every other mention
        # of a long text to the last person in it was quadratic.
        index = self._of_types.get(types)
        if index is None:
            index = MentionIndex(m for m in self.mentions if m.type in types)
            self._of_types[types] = index
        for k in range(bisect.bisect_right(index._starts, offset) - 1, -1, -1):
            if index.mentions[k].end <= offset:
                return index.mentions[k]
        return None
