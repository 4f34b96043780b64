"""A line break ends a sentence: the parser is told so before it runs.

Reports reach Storyline as lines: a headline, a byline, a dateline, paragraphs, list
items, the turns of a transcript. The small English parser reads a line break as
whitespace, so it ran a headline into the first paragraph ("… extend truce by ten days
By Lena Marsh KALVAR — Negotiators agreed …", one sentence whose verb became a
conjunct of the headline's) and one paragraph into the next, most often where a
paragraph ends with a closing quotation mark (on 150 PolNeAR train articles, 7 % of
sentences crossed a line break). Every family reads sentences and dependency arcs, and
every family treats a line as a paragraph already. The parser keeps sentence starts set
before it runs, so marking the first word after each line break is enough.

A dateline that opens a line ("KALVAR, Qaremia (Harbour Wire) — The talks …") is cut
off the same way: parsed with its sentence, the place became a second subject of the
sentence's verb.
"""

from __future__ import annotations

import numpy
from spacy.attrs import IDX, IS_SPACE
from spacy.language import Language
from spacy.tokens import Doc

from ..lexicons.datelines import dateline_end

NAME = "line_sentences"


@Language.component(NAME)
def line_sentences(doc: Doc) -> Doc:
    """Mark the first token after each line break and after a dateline that opens a line
    as a sentence start, and a punctuation mark that ends a line as no start (a closing
    quotation mark after "." stays with its sentence instead of opening one of its own)."""
    text = doc.text  # Doc.text joins every token again on each access
    if "\n" not in text:
        _cut_datelines(doc, text, [0])
        return doc
    spaces = numpy.flatnonzero(doc.to_array([IS_SPACE]))  # spaCy keeps "\n" as a space token
    line_starts = [0]
    run_start, last, broken = -1, -2, False
    for i in [*spaces.tolist(), len(doc) + 1]:
        if i != last + 1:  # the run of space tokens that ended at ``last`` is complete
            if broken:
                _mark(doc, run_start, last)
                line_starts.append(last + 1)
            run_start, broken = i, False
        if i < len(doc):
            broken = broken or "\n" in doc[i].text
        last = i
    _cut_datelines(doc, text, line_starts)
    return doc


def _cut_datelines(doc: Doc, text: str, line_starts: list[int]) -> None:
    """Start a sentence after each dateline that opens a line of ``text`` (``doc.text``)."""
    offsets = doc.to_array([IDX])
    for first in line_starts:
        if first >= len(doc) or not text[int(offsets[first])].isupper():
            continue
        end = dateline_end(text, int(offsets[first]))
        if end is None:
            continue
        after = int(numpy.searchsorted(offsets, end))
        if first < after < len(doc):
            doc[after].is_sent_start = True


def _mark(doc: Doc, first: int, last: int) -> None:
    """Space tokens ``first``..``last`` hold a line break."""
    if last + 1 < len(doc):
        doc[last + 1].is_sent_start = True
    end = first - 1
    if end > 0 and doc[end].is_punct and not doc[end - 1].is_space:
        doc[end].is_sent_start = False


def add_line_sentences(nlp: Language) -> Language:
    """Put :func:`line_sentences` before the parser of ``nlp`` (once)."""
    if NAME not in nlp.pipe_names and "parser" in nlp.pipe_names:
        nlp.add_pipe(NAME, before="parser")
    return nlp
