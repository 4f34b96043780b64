"""Templates and the article view model: paragraphs, sentences and fact segments.

Every page is a Jinja2 template with autoescape on for all of them, so article data
(titles, outlets, texts, names) is always escaped; no template marks article data
``|safe``. Links to the outside are kept only when they are ``http(s)``.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from ..models import Fact

HERE = Path(__file__).resolve().parent
TEMPLATES = HERE / "templates"
STATIC = HERE / "static"

# A paragraph is a run of text between blank lines; a sentence ends at terminal
# punctuation (and a closing quote or bracket) followed by space.
_PARAGRAPH = re.compile(r"\S.*?(?=\n\s*\n|\s*\Z)", re.DOTALL)
_SENTENCE_END = re.compile(r"(?<=[.!?])([\"”’)]*)\s+")


def _path(value: object) -> str:
    """A value as one URL path segment (an id may hold ``/`` or ``#``)."""
    return quote(str(value), safe="")


def _query(values: dict[str, Any]) -> str:
    """A query string from the non-empty values."""
    return urlencode({k: v for k, v in values.items() if v not in (None, "", ())}, doseq=True)


def _external(url: object) -> str | None:
    """``url`` when it is an http(s) link, else None (no ``javascript:`` hrefs)."""
    text = str(url or "").strip()
    return text if re.match(r"https?://", text, re.IGNORECASE) else None


def _number(value: float | None) -> str:
    return "" if value is None else f"{value:,.10g}"


def make_environment() -> Environment:
    """The Jinja2 environment of the dashboard (autoescape on for every template)."""
    env = Environment(
        loader=FileSystemLoader(str(TEMPLATES)),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["path"] = _path
    env.filters["external"] = _external
    env.filters["number"] = _number
    env.globals["query"] = _query
    env.globals["zip"] = zip
    return env


@dataclass
class Segment:
    """A run of text covered by the same facts; ``anchors`` are facts that start here."""

    text: str
    facts: tuple[str, ...] = ()
    anchors: tuple[str, ...] = ()
    kinds: str = ""  # the kinds of the covering facts, for a tooltip


@dataclass
class Sentence:
    segments: list[Segment] = field(default_factory=list)


def sentence_spans(text: str) -> list[list[tuple[int, int]]]:
    """The article's paragraphs, each as its sentences' ``(start, end)`` offsets."""
    paragraphs = []
    for block in _PARAGRAPH.finditer(text):
        spans = []
        left = block.start()
        for end in _SENTENCE_END.finditer(text, block.start(), block.end()):
            spans.append((left, end.start() + len(end.group(1))))
            left = end.end()
        if left < block.end():
            spans.append((left, block.end()))
        paragraphs.append(spans)
    return paragraphs


def segment_article(text: str, facts: Sequence[Fact]) -> list[list[Sentence]]:
    """Paragraphs of sentences of segments, so that any fact's words can be lit up.

    Facts may overlap (a figure inside a quote); segments are cut at every fact boundary,
    and each lists the facts covering it. A fact's anchor (``id="fact-…"``) sits on the
    first segment it covers, so ``/articles/ID#fact-FACTID`` scrolls to its sentence.
    """
    spans = [(f.id, max(0, f.start), min(len(text), f.end)) for f in facts if f.id]
    kind_of = {f.id: f.KIND for f in facts}
    cuts = {s for _, s, _ in spans} | {e for _, _, e in spans}
    anchored: set[str] = set()
    paragraphs: list[list[Sentence]] = []
    for sentences in sentence_spans(text):
        rendered = []
        for first, last in sentences:
            points = sorted({first, last} | {c for c in cuts if first < c < last})
            sentence = Sentence()
            for left, right in itertools.pairwise(points):
                covering = tuple(i for i, s, e in spans if s < right and e > left and s < e)
                anchors = tuple(i for i in covering if i not in anchored)
                anchored.update(anchors)
                kinds = ", ".join(sorted({kind_of[i] for i in covering}))
                sentence.segments.append(Segment(text[left:right], covering, anchors, kinds))
            rendered.append(sentence)
        paragraphs.append(rendered)
    _anchor_the_rest(paragraphs, [i for i, _, _ in spans if i not in anchored])
    return paragraphs


def _anchor_the_rest(paragraphs: list[list[Sentence]], ids: Iterable[str]) -> None:
    """Facts whose words fall between sentences still get an anchor (at the top)."""
    rest = tuple(ids)
    if rest and paragraphs and paragraphs[0] and paragraphs[0][0].segments:
        first = paragraphs[0][0].segments[0]
        first.anchors = (*first.anchors, *rest)
