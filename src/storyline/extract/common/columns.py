"""Token attributes of one parsed ``Doc``, each column read for all tokens at once.

``doc[i]`` builds a new ``Token`` each time and each string attribute of a token is a
look-up in the string store, while the extractors test a few attributes of most tokens,
some several times. ``Doc.to_array`` reads a column in one call, and each distinct value
of a string column is named once. Extractor families add the columns they read
(``quotes.columns``, ``entities.columns``) to this one table.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from functools import cached_property
from typing import Any, TypeVar

import numpy
from spacy.attrs import IS_PUNCT, IS_SPACE, LOWER, TAG
from spacy.tokens import Doc

T = TypeVar("T")
Array = numpy.ndarray[Any, Any]
Codes = numpy.ndarray[Any, numpy.dtype[numpy.int64]]
# The distinct strings of a column, and each token's index into them.
Named = tuple[list[str], Codes]


class DocColumns:
    """The raw and named columns of one ``Doc``, each made on first use."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self._arrays: dict[int, Array] = {}
        self._named: dict[int, Named] = {}

    def array(self, attr: int) -> Array:
        """The raw column of ``attr`` (string-store hashes for a string attribute)."""
        found = self._arrays.get(attr)
        if found is None:
            found = self._arrays[attr] = self.doc.to_array(attr)
        return found

    def named(self, attr: int) -> Named:
        """The distinct strings of a string attribute (``LOWER``, ``POS``, ...), and each
        token's index into them."""
        found = self._named.get(attr)
        if found is None:
            found = self._named[attr] = distinct(self.array(attr), self.doc.vocab.strings)
        return found

    def strings(self, attr: int) -> list[str]:
        """A string attribute of every token."""
        return gather(*self.named(attr))

    def isin(self, attr: int, values: Collection[str]) -> Array:
        """Whether each token's string attribute ``attr`` is one of ``values``."""
        column = self.array(attr)
        strings = self.doc.vocab.strings
        found = numpy.zeros(len(column), dtype=bool)
        # A string and its hash (or symbol) stand for each other one to one.
        for value in values:
            found |= column == strings[value]
        return found

    def flags(self, attr: int) -> list[bool]:
        """A boolean attribute (``IS_PUNCT``, ...) of every token."""
        flags: list[bool] = (self.array(attr) != 0).tolist()
        return flags

    # The per-token lists every family reads.

    @cached_property
    def lower(self) -> list[str]:
        """Each token's ``lower_``."""
        return self.strings(LOWER)

    @cached_property
    def tag(self) -> list[str]:
        """Each token's ``tag_``."""
        return self.strings(TAG)

    @cached_property
    def is_punct(self) -> list[bool]:
        return self.flags(IS_PUNCT)

    @cached_property
    def is_space(self) -> list[bool]:
        return self.flags(IS_SPACE)


def distinct(column: Array, strings: Any) -> Named:
    """The distinct strings of a column of string-store hashes, and each token's index."""
    if not len(column):
        return [], numpy.zeros(0, dtype=numpy.int64)
    unique, inverse = numpy.unique(column, return_inverse=True)
    return [strings[h] for h in unique.tolist()], inverse.reshape(-1).astype(numpy.int64)


def gather(values: Sequence[T], at: Array) -> list[T]:
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
