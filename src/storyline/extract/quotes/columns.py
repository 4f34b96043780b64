"""Token attributes of a parsed ``Doc`` as plain lists, each read for all tokens at once.

``doc[i]`` builds a new ``Token`` each time, and each string attribute of a token is a
look-up in the string store; the quote finders test a few attributes of most tokens of
an article, some of them several times. ``Doc.to_array`` reads a column in one call, and
each distinct value of a column is named once.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from functools import cached_property
from typing import Any, TypeVar

import numpy
from spacy.attrs import DEP, HEAD, IS_ALPHA, IS_PUNCT, IS_QUOTE, IS_SPACE, LOWER, ORTH, POS, TAG
from spacy.tokens import Doc

T = TypeVar("T")
Codes = numpy.ndarray[Any, numpy.dtype[numpy.int64]]
# The distinct strings of a column, and each token's index into them.
Named = tuple[list[str], Codes]


class TokenColumns:
    """The columns of one ``Doc`` that the quote finders read, each made on first use."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self._arrays: dict[int, numpy.ndarray[Any, Any]] = {}
        self._named: dict[int, Named] = {}

    def array(self, attr: int) -> numpy.ndarray[Any, Any]:
        """The raw column of ``attr`` (string-store hashes for a string attribute)."""
        if attr not in self._arrays:
            self._arrays[attr] = self.doc.to_array(attr)
        return self._arrays[attr]

    def named(self, attr: int) -> Named:
        """The distinct strings of a string attribute (``LOWER``, ``POS``, ...), and each
        token's index into them."""
        if attr not in self._named:
            self._named[attr] = distinct(self.array(attr), self.doc.vocab.strings)
        return self._named[attr]

    def where(self, attr: int, values: Collection[str]) -> list[int]:
        """The indices of the tokens whose string attribute ``attr`` is one of ``values``."""
        column = self.array(attr)
        strings = self.doc.vocab.strings
        # A string and its hash (or symbol) stand for each other one to one.
        found = numpy.zeros(len(column), dtype=bool)
        for value in values:
            found |= column == strings[value]
        indices: list[int] = numpy.flatnonzero(found).tolist()
        return indices

    def strings(self, attr: int) -> list[str]:
        """A string attribute of every token."""
        return gather(*self.named(attr))

    @cached_property
    def lower(self) -> list[str]:
        return self.strings(LOWER)

    @cached_property
    def pos(self) -> list[str]:
        return self.strings(POS)

    @cached_property
    def dep(self) -> list[str]:
        return self.strings(DEP)

    @cached_property
    def tag(self) -> list[str]:
        return self.strings(TAG)

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
        return self._flag(IS_ALPHA)

    @cached_property
    def is_punct(self) -> list[bool]:
        return self._flag(IS_PUNCT)

    @cached_property
    def is_space(self) -> list[bool]:
        return self._flag(IS_SPACE)

    @cached_property
    def is_quote(self) -> list[bool]:
        return self._flag(IS_QUOTE)

    @cached_property
    def text(self) -> list[str]:
        return self.strings(ORTH)

    def _flag(self, attr: int) -> list[bool]:
        flags: list[bool] = (self.array(attr) != 0).tolist()
        return flags


def distinct(column: numpy.ndarray[Any, Any], strings: Any) -> Named:
    """The distinct strings of a column of string-store hashes, and each token's index."""
    unique, inverse = numpy.unique(column, return_inverse=True)
    return [strings[h] for h in unique.tolist()], inverse.astype(numpy.int64)


def gather(values: Sequence[T], at: Codes) -> list[T]:
    """``[values[k] for k in at]``, without a Python step per token."""
    if not len(at):
        return []
    objects = numpy.empty(len(values), dtype=object)
    # Item by item for tuples: numpy would read tuples of one length as a second dimension.
    if isinstance(values[0], str):
        objects[:] = values
    else:
        for k, value in enumerate(values):
            objects[k] = value
    gathered: list[T] = objects[at].tolist()
    return gathered
