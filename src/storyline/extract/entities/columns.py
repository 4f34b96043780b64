"""Token attributes of one ``Doc`` as plain lists and arrays, each read once per article.

``doc[i]`` builds a new ``Token`` each time, and each string attribute of a token is a
look-up in the string store; the entity steps test a few attributes of every token in
several passes (headlines, untagged people, missed names, descriptors) and of the tokens
around every name. ``Doc.to_array`` reads a column in one call, each distinct string of
a column is named once, and the passes over every token stay in numpy until only the few
tokens worth a closer look are left.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cached_property

import numpy
from spacy.attrs import DEP, HEAD, IDX, IS_LOWER, IS_SPACE, LENGTH, LOWER, SENT_START
from spacy.tokens import Doc

from ..common.columns import Array, DocColumns, gather


class Columns(DocColumns):
    """The token columns of one ``Doc`` that the entity steps read, each made on first use.

    ``text`` must be ``doc.text`` (which spaCy rebuilds on every access): token texts and
    span texts are cut from it by character offset.
    """

    def __init__(self, doc: Doc, text: str) -> None:
        super().__init__(doc)
        self.text = text
        self.size = len(doc)

    def test(self, attr: int, predicate: Callable[[str], bool]) -> Array:
        """Whether each token's string attribute ``attr`` passes ``predicate``, which is
        called once per distinct value."""
        names, inverse = self.named(attr)
        passed = numpy.array([predicate(name) for name in names], dtype=bool)
        return passed[inverse] if len(names) else numpy.zeros(0, dtype=bool)

    @cached_property
    def key(self) -> list[str]:
        """Each token's ``lower_`` with curly apostrophes straightened: the words of a
        :func:`~.names.span_key`."""
        names, inverse = self.named(LOWER)
        return gather([name.replace("’", "'") for name in names], inverse)

    @cached_property
    def is_lower(self) -> list[bool]:
        return self.flags(IS_LOWER)

    @cached_property
    def newline(self) -> list[bool]:
        """Whether each token's text holds a line break.

        The tokenizer cuts the text wherever whitespace begins or ends, so only a
        whitespace token can hold one; only those texts are read.
        """
        found = numpy.zeros(len(self.doc), dtype=bool)
        space: list[int] = numpy.flatnonzero(self.array(IS_SPACE)).tolist()
        for i in space:
            found[i] = "\n" in self.token_text(i)
        flags: list[bool] = found.tolist()
        return flags

    @cached_property
    def appos_heads(self) -> frozenset[int]:
        """The indexes of the tokens with an apposition among their children."""
        appos = numpy.flatnonzero(self.isin(DEP, ("appos",)))
        heads = self.array(HEAD)[appos].astype(numpy.int64) + appos
        return frozenset(heads.tolist())

    @cached_property
    def starts(self) -> list[int]:
        """Each token's first character offset (``token.idx``)."""
        starts: list[int] = self.array(IDX).tolist()
        return starts

    @cached_property
    def ends(self) -> list[int]:
        """Each token's end offset (``token.idx + len(token.text)``)."""
        ends: list[int] = (
            self.array(IDX).astype(numpy.int64) + self.array(LENGTH).astype(numpy.int64)
        ).tolist()
        return ends

    def token_text(self, i: int) -> str:
        """``doc[i].text``."""
        return self.text[self.starts[i] : self.ends[i]]

    def raw_text(self, start: int, end: int) -> str:
        """``doc[start:end].text``."""
        if start >= end:
            return ""
        return self.text[self.starts[start] : self.ends[end - 1]]

    def span_text(self, start: int, end: int) -> str:
        """The text of tokens ``[start, end)`` as written, whitespace collapsed."""
        return " ".join(self.raw_text(start, end).split())

    def span_key(self, start: int, end: int) -> tuple[str, ...]:
        """The :func:`~.names.span_key` of tokens ``[start, end)``."""
        return tuple(self.key[start:end])

    def sent_start(self, i: int) -> int:
        """``doc[i].sent.start``."""
        starts = self._sent_starts
        return starts[i] if starts is not None else self.doc[i].sent.start

    @cached_property
    def _sent_starts(self) -> list[int] | None:
        """The start of each token's sentence, as ``Span.sent`` finds it from the
        ``SENT_START`` marks; None when hooks or missing marks leave it to spaCy."""
        doc = self.doc
        if (
            "sent" in doc.user_token_hooks
            or "sent" in doc.user_span_hooks
            or "sents" in doc.user_hooks
            or not doc.has_annotation("SENT_START")
        ):
            return None
        marks = numpy.where(self.array(SENT_START) == 1, numpy.arange(len(doc)), 0)
        starts: list[int] = numpy.maximum.accumulate(marks).tolist() if len(marks) else []
        return starts
