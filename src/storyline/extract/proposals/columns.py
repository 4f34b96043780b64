"""Token attributes of one ``Doc``, read for all its tokens at once.

The proposal and position finders look at every token of a sentence for a few words
("phase", "if", a stance word) that most sentences lack. ``doc[i]`` builds a new
``Token`` each time and each string attribute is a look-up in the string store;
``Doc.to_array`` reads the columns of all tokens in one call, and a column holds each
string as its key in the string store, so a word is found by comparing keys. The finders
read these columns to find their few candidate tokens, then test and read each of those
as before: a candidate list may hold more tokens than match, never fewer.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Sequence
from functools import cache, cached_property
from typing import Any, TypeVar

import numpy
from spacy.attrs import DEP, HEAD, LEMMA, LOWER, ORTH
from spacy.strings import get_string_id
from spacy.tokens import Doc

T = TypeVar("T")
Array = numpy.ndarray[Any, Any]
_LOWER, _LEMMA, _ORTH, _DEP, _HEAD = range(5)


@cache
def _keys(words: frozenset[str]) -> Array:
    """The string-store keys of ``words``, sorted: a string's key is its symbol or its
    hash, the same in every string store."""
    return numpy.array(sorted({get_string_id(w) for w in words}), dtype=numpy.uint64)


def _member(column: Array, keys: Array) -> Array:
    """Which entries of ``column`` are among the sorted ``keys`` (``numpy.isin`` sorts
    both sides on every call)."""
    if len(keys) <= 4:
        # A few words ("if", "unless") are quicker compared one by one.
        found = numpy.zeros(len(column), dtype=bool)
        for key in keys:
            found |= column == key
        return found
    at = numpy.searchsorted(keys, column)
    hit: Array = keys[numpy.minimum(at, len(keys) - 1)] == column
    return hit


class DocWords:
    """The columns of one ``Doc`` the finders read, and the candidates found in them,
    each made on first use."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self._memo: dict[object, Any] = {}

    def memo(self, key: object, make: Callable[[], T]) -> T:
        """``make()``, computed once per doc under ``key``."""
        if key not in self._memo:
            self._memo[key] = make()
        found: T = self._memo[key]
        return found

    @cached_property
    def _columns(self) -> Array:
        return self.doc.to_array([LOWER, LEMMA, ORTH, DEP, HEAD]).reshape(-1, 5)

    def with_lower(self, words: frozenset[str]) -> list[int]:
        """Indices of the tokens whose ``lower_`` is one of ``words``, in order."""

        def make() -> list[int]:
            found: list[int] = numpy.flatnonzero(
                _member(self._columns[:, _LOWER], _keys(words))
            ).tolist()
            return found

        return self.memo(("lower", words), make)

    @cached_property
    def _other_lemmas(self) -> dict[int, str]:
        """``lemma_.lower()`` by lemma key, for the lemmas that are neither their token's
        text nor its lower case: only those can be a word that ``lower_`` is not."""
        columns = self._columns
        lemma = columns[:, _LEMMA]
        other = (lemma != columns[:, _LOWER]) & (lemma != columns[:, _ORTH])
        strings = self.doc.vocab.strings
        return {key: strings[key].lower() for key in set(lemma[other].tolist())}

    def with_word(self, words: frozenset[str]) -> list[int]:
        """Indices of the tokens whose ``lower_`` or ``lemma_.lower()`` is one of the
        lower-case ``words``, in order."""

        def make() -> list[int]:
            columns = self._columns
            lower, lemma = columns[:, _LOWER], columns[:, _LEMMA]
            keys = _keys(words)
            found = _member(lower, keys) | _member(lemma, keys)
            # Any other lemma may have capitals: its lower case, read once per doc, decides.
            hits = sorted(key for key, name in self._other_lemmas.items() if name in words)
            if hits:
                found |= _member(lemma, numpy.array(hits, dtype=numpy.uint64))
            indices: list[int] = numpy.flatnonzero(found).tolist()
            return indices

        return self.memo(("word", words), make)

    def with_dep(self, dep: str) -> list[int]:
        """Indices of the tokens on an arc labelled ``dep``, in order."""

        def make() -> list[int]:
            label = self.doc.vocab.strings[dep]
            found: list[int] = numpy.flatnonzero(self._columns[:, _DEP] == label).tolist()
            return found

        return self.memo(("dep", dep), make)

    @cached_property
    def questions(self) -> list[int]:
        """Indices of the tokens that may be "?" (test ``text`` to be sure), in order."""
        mark = self.doc.vocab.strings["?"]
        found: list[int] = numpy.flatnonzero(self._columns[:, _ORTH] == mark).tolist()
        return found

    @cached_property
    def aux(self) -> dict[int, set[str]]:
        """Token index → the lower-cased words of its ``aux`` children (as
        :func:`~.stance.aux_words` reads them), for the tokens that have any."""
        found: dict[int, set[str]] = {}
        strings = self.doc.vocab.strings
        aux = self.with_dep("aux")
        rows = self._columns[aux].tolist()
        for i, (lower, _, _, dep, offset) in zip(aux, rows, strict=True):
            # A head is stored relative to its token, in an unsigned column.
            head = i + (offset - 2**64 if offset >= 2**63 else offset)
            if head != i and strings[dep] == "aux":
                found.setdefault(head, set()).add(strings[lower])
        return found


def within(indices: Sequence[int], start: int, end: int) -> Sequence[int]:
    """The part of the sorted ``indices`` in ``[start, end)``."""
    lo = bisect.bisect_left(indices, start)
    return indices[lo : bisect.bisect_left(indices, end, lo)]
