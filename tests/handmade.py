"""Hand-built parses for fast unit tests: a ``Doc`` from a small table, no model loaded."""

from __future__ import annotations

import spacy
from spacy.tokens import Doc

VOCAB = spacy.blank("en").vocab

# No space before closing punctuation and marks, none after an opening mark.
_NO_SPACE_BEFORE = {".", ",", "’", "”"}
_NO_SPACE_AFTER = {"“"}


def parse(rows: str) -> Doc:
    """A Doc from lines ``word lemma POS TAG dep head [ENT]`` (head: absolute index).

    Consecutive tokens with the same ENT label form one entity.
    """
    table = [line.split() for line in rows.strip().splitlines()]
    words = [r[0] for r in table]
    spaces = [
        i + 1 < len(words) and words[i + 1] not in _NO_SPACE_BEFORE and w not in _NO_SPACE_AFTER
        for i, w in enumerate(words)
    ]
    ents = []
    for i, r in enumerate(table):
        label = r[6] if len(r) > 6 else ""
        if not label:
            ents.append("O")
        else:
            same = i > 0 and len(table[i - 1]) > 6 and table[i - 1][6] == label
            ents.append(("I-" if same else "B-") + label)
    return Doc(
        VOCAB,
        words=words,
        spaces=spaces,
        lemmas=[r[1] for r in table],
        pos=[r[2] for r in table],
        tags=[r[3] for r in table],
        deps=[r[4] for r in table],
        heads=[int(r[5]) for r in table],
        ents=ents,
    )
