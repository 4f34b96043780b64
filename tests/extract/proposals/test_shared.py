"""The parties and word columns that proposals and positions share for one article."""

from __future__ import annotations

from storyline.extract.proposals.shared import parties_and_words
from storyline.extract.registry import Context
from storyline.models import Article, Mention

from ...handmade import parse

ROWS = """
Tarvenia Tarvenia PROPN NNP nsubj 1 GPE
rejected reject VERB VBD ROOT 1
the the DET DT det 3
plan plan NOUN NN dobj 1
. . PUNCT . punct 1
"""


def context(article: Article, mentions: list[Mention]) -> Context:
    return Context(article, {"entities": mentions, "quotes": []})


def test_the_same_article_gets_the_same_objects() -> None:
    doc = parse(ROWS)
    article = Article(id="a1", text=doc.text)
    mentions = [Mention(article="a1", start=0, end=8, text="Tarvenia", name="Tarvenia")]
    first = parties_and_words(doc, context(article, mentions))
    again = parties_and_words(doc, context(article, list(mentions)))
    assert again[0] is first[0] and again[1] is first[1]


def test_other_inputs_get_new_objects() -> None:
    doc = parse(ROWS)
    article = Article(id="a1", text=doc.text)
    mentions = [Mention(article="a1", start=0, end=8, text="Tarvenia", name="Tarvenia")]
    first = parties_and_words(doc, context(article, mentions))
    # Equal but not the same mention, another title, another Doc: read afresh.
    copied = [Mention(article="a1", start=0, end=8, text="Tarvenia", name="Tarvenia")]
    assert parties_and_words(doc, context(article, copied))[0] is not first[0]
    titled = Article(id="a1", text=doc.text, title="Readout")
    assert parties_and_words(doc, context(titled, mentions))[0] is not first[0]
    other = parse(ROWS)
    assert parties_and_words(other, context(article, mentions))[1].doc is other
