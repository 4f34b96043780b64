"""The parties and word columns that proposals and positions share for one article."""

from __future__ import annotations

import pytest
from spacy.tokens import Doc

from storyline.errors import ConfigError
from storyline.extract import ArticleMemo, Context, Extractor, get_extractors
from storyline.extract.proposals.columns import DocWords
from storyline.extract.proposals.parties import Parties
from storyline.extract.proposals.shared import parties_and_words
from storyline.models import Article, Mention

from ...handmade import parse

ROWS = """
Tarvenia Tarvenia PROPN NNP nsubj 1 GPE
rejected reject VERB VBD ROOT 1
the the DET DT det 3
plan plan NOUN NN dobj 1
. . PUNCT . punct 1
"""


def reader(name: str) -> Extractor:
    return next(e for e in get_extractors() if e.name == name)


def context(article: Article, mentions: list[Mention], name: str, memo: ArticleMemo) -> Context:
    return Context(article, {"entities": mentions, "quotes": []}, reader(name), memo)


def read_once() -> tuple[Doc, Article, list[Mention], ArticleMemo, tuple[Parties, DocWords]]:
    """One article read by ``positions``: its doc, article, mentions, memo and tables."""
    doc = parse(ROWS)
    article = Article(id="a1", text=doc.text)
    mentions = [Mention(article="a1", start=0, end=8, text="Tarvenia", name="Tarvenia")]
    memo = ArticleMemo()
    return (
        doc,
        article,
        mentions,
        memo,
        parties_and_words(doc, context(article, mentions, "positions", memo)),
    )


def test_the_extractors_of_one_article_share_the_objects() -> None:
    doc, article, mentions, memo, first = read_once()
    again = parties_and_words(doc, context(article, mentions, "proposals", memo))
    assert again[0] is first[0] and again[1] is first[1]


def test_another_article_gets_new_objects() -> None:
    doc, article, mentions, memo, first = read_once()
    # Another article has a memo of its own.
    fresh = parties_and_words(doc, context(article, mentions, "proposals", ArticleMemo()))
    assert fresh[0] is not first[0] and fresh[1] is not first[1]
    # Contexts made by hand each get their own memo.
    alone = Context(article, {"entities": mentions, "quotes": []})
    assert parties_and_words(doc, alone)[0] is not first[0]
    # A memo handed another Doc, or another article, reads it afresh.
    other = parse(ROWS)
    assert parties_and_words(other, context(article, mentions, "proposals", memo))[1].doc is other
    titled = Article(id="a1", text=doc.text, title="Readout")
    assert parties_and_words(doc, context(titled, mentions, "proposals", memo))[0] is not first[0]


def test_a_reader_must_declare_what_the_parties_are_built_from() -> None:
    doc = parse(ROWS)
    article = Article(id="a1", text=doc.text)
    memo = ArticleMemo()
    parties_and_words(doc, context(article, [], "positions", memo))
    # Built already, but not handed to an extractor that does not read the quotes.
    events = reader("events")
    assert "quotes" not in events.requires
    with pytest.raises(ConfigError, match=r"'events' reads 'proposals.parties'.*'quotes'"):
        parties_and_words(doc, Context(article, {"entities": []}, events, memo))
