"""Token attributes of a parsed ``Doc`` as plain lists, each read for all tokens at once.

``doc[i]`` builds a new ``Token`` each time, and each string attribute of a token is a
look-up in the string store; the quote finders test a few attributes of most tokens of
an article, some of them several times. ``Doc.to_array`` reads a column in one call, and
each distinct value of a column is named once.
"""

from __future__ import annotations

from collections.abc import Collection
from functools import cached_property

import numpy
from spacy.attrs import DEP, HEAD, IS_ALPHA, IS_QUOTE, ORTH, POS

from ..common.columns import DocColumns


class TokenColumns(DocColumns):
    """The columns of one ``Doc`` that the quote finders read, each made on first use."""

    def where(self, attr: int, values: Collection[str]) -> list[int]:
        """The indices of the tokens whose string attribute ``attr`` is one of ``values``."""
        indices: list[int] = numpy.flatnonzero(self.isin(attr, values)).tolist()
        return indices

    @cached_property
    def pos(self) -> list[str]:
        return self.strings(POS)

    @cached_property
    def dep(self) -> list[str]:
        return self.strings(DEP)

    @cached_property
    def verbs(self) -> frozenset[int]:
        """The indices of the tokens tagged ``VERB``."""
        return frozenset(self.where(POS, ("VERB",)))

    @cached_property
    def head(self) -> list[int]:
        """The index of each token's head."""
        heads: list[int] = (
            self.array(HEAD).astype(numpy.int64) + numpy.arange(len(self.doc))
        ).tolist()
        return heads

    @cached_property
    def is_alpha(self) -> list[bool]:
        return self.flags(IS_ALPHA)

    @cached_property
    def is_quote(self) -> list[bool]:
        return self.flags(IS_QUOTE)

    @cached_property
    def text(self) -> list[str]:
        return self.strings(ORTH)
