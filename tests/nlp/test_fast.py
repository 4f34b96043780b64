"""The faster attribute ruler and lemmatizer give the stock components' annotations.

The loaded pipeline also ends sentences at line breaks (:mod:`storyline.nlp.lines`), so it
is compared with the stock pipeline given the same sentence starts.
"""

from __future__ import annotations

import functools
from pathlib import Path

import pytest
import spacy
from spacy.language import Language

from storyline.config import Settings
from storyline.nlp import load_nlp
from storyline.nlp.fast import FastAttributeRuler, FastLemmatizer, speed_up
from storyline.nlp.lines import NAME, add_line_sentences

from ..conftest import EXAMPLES

# Rare rules on purpose: two-token rules ("gon na", "y' all", "there is"), contractions,
# space tokens of one and of several characters, a line that is only whitespace.
TRICKY = (
    "Y'all gonna see it, she said. I ain't going; let's go. C'mon, we gotta run.\n\n"
    "There is a problem, and there were two more.  Double  spaces\n \n\tand a tab.\n"
    "Gon na ask: is n't it over? The envoy, who'd said it'd end, wo n't say.",
    "",
    " ",
    "\n\n",
    "Tarvenia's envoy met Veyra Front officials on Tuesday — 12 hostages, 3 phases.",
)


def _annotations(doc: spacy.tokens.Doc) -> list[tuple[object, ...]]:
    return [
        (t.text, t.tag_, t.pos_, str(t.morph), t.lemma_, t.dep_, t.head.i, t.ent_iob_, t.ent_type_)
        for t in doc
    ]


@functools.cache
def _stock_with_lines() -> Language:
    """A fresh stock pipeline (not the cached one) with the line-break sentence starts."""
    return add_line_sentences(spacy.load(load_nlp(Settings().models, stock=True).path))


def _corpus() -> list[str]:
    return [p.read_text(encoding="utf-8") for p in sorted((EXAMPLES / "corpus").iterdir())]


@pytest.mark.slow
def test_the_loaded_pipeline_uses_the_stand_ins_under_the_stock_names() -> None:
    nlp = load_nlp(Settings().models)
    stock = load_nlp(Settings().models, stock=True)
    assert [n for n in nlp.pipe_names if n != NAME] == stock.pipe_names
    assert nlp.pipe_names.index(NAME) == nlp.pipe_names.index("parser") - 1
    assert isinstance(nlp.get_pipe("attribute_ruler"), FastAttributeRuler)
    assert isinstance(nlp.get_pipe("lemmatizer"), FastLemmatizer)
    assert not isinstance(stock.get_pipe("attribute_ruler"), FastAttributeRuler)


@pytest.mark.slow
@pytest.mark.parametrize("which", ["tricky", "corpus"])
def test_every_token_is_annotated_as_the_stock_pipeline_does(which: str) -> None:
    texts = list(TRICKY) if which == "tricky" else _corpus()
    fast = load_nlp(Settings().models)
    stock = _stock_with_lines()
    # Twice: the second pass reads the stand-ins' caches filled by the first.
    for _ in range(2):
        for mine, theirs in zip(fast.pipe(texts), stock.pipe(texts), strict=True):
            assert _annotations(mine) == _annotations(theirs)


@pytest.mark.slow
def test_shared_texts_are_annotated_as_the_stock_pipeline_does(shared_dir: Path) -> None:
    files = sorted((shared_dir / "data" / "polnear" / "train" / "text").iterdir())[:40]
    texts = [f.read_text(encoding="utf-8") for f in files]
    fast = load_nlp(Settings().models)
    stock = _stock_with_lines()
    for mine, theirs in zip(fast.pipe(texts), stock.pipe(texts), strict=True):
        assert _annotations(mine) == _annotations(theirs)


def test_a_ruler_with_patterns_it_cannot_read_is_kept() -> None:
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("attribute_ruler")
    ruler.add([[{"ORTH": "Kalvar"}]], {"POS": "PROPN"})
    speed_up(nlp)
    assert not isinstance(nlp.get_pipe("attribute_ruler"), FastAttributeRuler)
    assert nlp("Kalvar")[0].pos_ == "PROPN"


def test_a_readable_ruler_is_replaced_and_applies_later_rules_last() -> None:
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("attribute_ruler")
    ruler.add([[{"LOWER": "selda"}]], {"POS": "NOUN", "LEMMA": "first"})
    ruler.add([[{"LOWER": {"IN": ["selda", "rovania"]}}]], {"POS": "PROPN"})
    ruler.add([[{"LOWER": "in"}, {"LOWER": "selda"}]], {"LEMMA": "second"}, index=1)
    speed_up(nlp)
    assert isinstance(nlp.get_pipe("attribute_ruler"), FastAttributeRuler)
    doc = nlp("Selda in selda Rovania")
    assert [t.pos_ for t in doc] == ["PROPN", "", "PROPN", "PROPN"]
    assert [t.lemma_ for t in doc] == ["first", "", "second", ""]


def test_a_pipeline_without_the_components_is_left_alone() -> None:
    nlp: Language = spacy.blank("en")
    assert speed_up(nlp).pipe_names == []
