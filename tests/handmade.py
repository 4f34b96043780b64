"""Hand-built parses for fast unit tests: a ``Doc`` from a small table, no model loaded.

:func:`build` makes a parsed ``Doc`` from columns; :func:`parse` reads the columns from a
text table. Test modules that keep their tables as tuples turn them into columns and call
:func:`build`; :func:`tokenize` is the tokenizer alone, for tests on plain text. All of
them share one blank English pipeline (the ``blank_vocab`` fixture hands out its vocab).
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc

# No space before closing punctuation, marks and a possessive, none after an opening mark.
_NO_SPACE_BEFORE = {".", ",", ")", "’", "”", "'s", "’s"}
_NO_SPACE_AFTER = {"“"}


@cache
def blank() -> Language:
    """The blank English pipeline: a tokenizer and a vocab, no model."""
    return spacy.blank("en")


def tokenize(text: str) -> Doc:
    """``text`` split into tokens by the blank pipeline, without tags or a parse."""
    return blank()(text)


def iob(labels: Sequence[str]) -> list[str]:
    """Entity tags from one label per token ("" for none): equal neighbours are one entity."""
    tags = []
    for i, label in enumerate(labels):
        if not label:
            tags.append("O")
        else:
            tags.append(("I-" if i > 0 and labels[i - 1] == label else "B-") + label)
    return tags


def build(
    words: Sequence[str],
    *,
    heads: Sequence[int],
    deps: Sequence[str],
    pos: Sequence[str],
    tags: Sequence[str],
    lemmas: Sequence[str],
    ents: Sequence[str] | None = None,
    spaces: Sequence[bool] | None = None,
) -> Doc:
    """A parsed ``Doc`` from columns (``heads``: absolute token indices).

    Args:
        words: the tokens.
        heads: each token's head; a token that is its own head is a sentence root.
        deps: the arc labels.
        pos: coarse tags (``VERB``); tags: fine tags (``VBD``).
        lemmas: the lemmas.
        ents: entity tags (``B-PERSON``, ``I-PERSON``, ``O``; see :func:`iob`); None for
            all ``O``.
        spaces: whether a space follows each token; by default one does, except before
            closing punctuation and after an opening quotation mark.
    """
    if spaces is None:
        spaces = [
            i + 1 < len(words) and words[i + 1] not in _NO_SPACE_BEFORE and w not in _NO_SPACE_AFTER
            for i, w in enumerate(words)
        ]
    return Doc(
        blank().vocab,
        words=list(words),
        spaces=list(spaces),
        lemmas=list(lemmas),
        pos=list(pos),
        tags=list(tags),
        deps=list(deps),
        heads=list(heads),
        ents=list(ents) if ents is not None else ["O"] * len(words),
    )


def parse(rows: str) -> Doc:
    """A Doc from lines ``word lemma POS TAG dep head [ENT]`` (head: absolute index).

    Consecutive tokens with the same ENT label form one entity.
    """
    table = [line.split() for line in rows.strip().splitlines()]
    return build(
        [r[0] for r in table],
        lemmas=[r[1] for r in table],
        pos=[r[2] for r in table],
        tags=[r[3] for r in table],
        deps=[r[4] for r in table],
        heads=[int(r[5]) for r in table],
        ents=iob([r[6] if len(r) > 6 else "" for r in table]),
    )
