"""Transcript turns: each paragraph of a labelled turn is its speaker's direct quote.

Press calls and briefings are published as transcripts: a line opens with the speaker's
label in capitals and a colon ("MR. MARLO: Thanks, everybody."), and the turn runs on,
over hard-wrapped lines and paragraphs, to the next label. No quotation marks, no
reporting verb: the label is the attribution. A text is a transcript only when it has
at least :data:`MIN_TURNS` labelled lines, so that one "UPDATE:" or "WATCH:" line does not
make one. Questions ("Q:") and the call's moderator or operator are not quotes.

The speaker is the label without its titles ("LIEUTENANT GENERAL SIMS" → "Sims"),
completed to the full name the article gives a person with that surname ("Doug Sims").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .lexicon import titles

# Labelled lines a text needs before its labels count as turns.
MIN_TURNS = 2
# The space after the colon may be a no-break space (published transcripts pad with one).
# A reporter's question often opens with a bare "Q" and no colon ("Q    Thanks. Can ...").
_LABEL = re.compile(
    r"^(?:([A-Z](?:[A-Z.'’\- ]{0,48}[A-Z.])?):|(Q)(?=[^\S\n]))[^\S\n]+(?=\S)", re.MULTILINE
)
# Turns that are not anyone's statement: questions and the call's running.
_NOT_QUOTES = frozenset({"q", "question", "moderator", "operator", "reporter", "audience"})
_PARAGRAPH = re.compile(r"\n[ \t]*\n")


@dataclass(frozen=True)
class Section:
    """A whole labelled turn: the label at ``start``, its words from ``body`` to ``end``
    (where the next label starts)."""

    label: str
    start: int
    body: int
    end: int

    @property
    def question(self) -> bool:
        """A reporter's question or the call's running: nobody's quote."""
        return self.label.lower().rstrip(".") in _NOT_QUOTES


@dataclass(frozen=True)
class Turn:
    """One paragraph of a labelled turn: ``text[start:end]`` is what ``label`` said."""

    label: str
    start: int
    end: int


def find_turns(text: str) -> list[Turn]:
    """The paragraphs of every quotable turn of a transcript; [] for other texts.

    Args:
        text: the article's stored text.
    """
    turns: list[Turn] = []
    for section in find_sections(text):
        if section.question:
            continue
        label, start, stop = section.label, section.body, section.end
        for piece in _PARAGRAPH.split(text[start:stop]):
            offset = text.index(piece, start) if piece else start
            start = offset + len(piece)
            begin, end = offset, offset + len(piece)
            while begin < end and text[begin].isspace():
                begin += 1
            while end > begin and text[end - 1].isspace():
                end -= 1
            if any(c.isalpha() for c in text[begin:end]):
                turns.append(Turn(label, begin, end))
    return turns


def find_sections(text: str) -> list[Section]:
    """Every labelled turn of a transcript, questions included; [] for other texts.

    Args:
        text: the article's stored text.
    """
    labels = list(_LABEL.finditer(text))
    if len(labels) < MIN_TURNS:
        return []
    sections = []
    for number, match in enumerate(labels):
        stop = labels[number + 1].start() if number + 1 < len(labels) else len(text)
        label = (match.group(1) or match.group(2)).strip()
        sections.append(Section(label, match.start(), match.end(), stop))
    return sections


def label_surname(label: str) -> str:
    """The name in a turn's label, titles dropped and in title case: "MR. MARLO" → "Marlo".

    A label that is all titles ("THE PRESIDENT") is kept whole, in title case.
    """
    title_words = titles() | {"the"}
    words = label.replace("’", "'").split()
    kept = [w for w in words if w.lower().rstrip(".") not in title_words]
    return " ".join(_title_case(w) for w in (kept or words))


def _title_case(word: str) -> str:
    return "-".join(part[:1].upper() + part[1:].lower() for part in word.split("-"))
