"""Every extractor, on hostile text parsed by the real model: facts that point into their
text, or none; never an extractor failure.

The text goes through :meth:`RawArticle.to_article` first, as ingest sends it: the
extractors read stored text, never a raw input.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import math
import re
import time

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from spacy.language import Language

from storyline.config import Settings
from storyline.extract import get_extractors
from storyline.ingest import Defaults, RawArticle
from storyline.matching.periods import period_bounds
from storyline.models import Article, Event, Fact, Figure, Quote
from storyline.pipeline import IngestReport, extract_pieces, parse_articles, run_extractors

from .strategies import HOSTILE, SENTENCES, examples, news_text

pytestmark = pytest.mark.slow  # the real spaCy model

PERIOD = re.compile(r"[0-9]{4}(?:-[0-9]{2}|-W[0-9]{2})?")
# The quotation marks a multi-paragraph quote's text leaves out between its paragraphs.
MARKS = re.compile(r"``|''|[\"“”„‟«»‘’‚‛'‹›]")


def extract(
    nlp: Language, text: str, published: str | None = "2025-03-04"
) -> tuple[Article, list[Fact], IngestReport]:
    article = RawArticle(source="fuzz", text=text).to_article(Defaults(published=published))
    report = IngestReport()
    facts = run_extractors(nlp(article.text), article, get_extractors(), report)
    return article, facts, report


def check(article: Article, facts: list[Fact], report: IngestReport) -> None:
    assert report.failures == []
    text = article.text
    for fact in facts:
        assert fact.article == article.id and fact.extractor and fact.id
        assert 0 <= fact.start <= fact.end <= len(text), fact
        span = text[fact.start : fact.end]
        if isinstance(fact, Quote):
            # A quote over paragraphs drops the marks that reopen each one.
            assert MARKS.sub("", fact.text) == MARKS.sub("", span), fact
        else:
            assert fact.text == span, fact
        if isinstance(fact, Figure):
            for value in (fact.value, fact.low, fact.high):
                # JSON has no Infinity or NaN: the export contract could not carry them.
                assert value is None or math.isfinite(value), fact
            if fact.as_of is not None:
                dt.date.fromisoformat(fact.as_of)
        if isinstance(fact, Event):
            if fact.date is not None:
                dt.date.fromisoformat(fact.date)
            if fact.period is not None:
                # The timeline and the event merger read it with period_bounds.
                assert PERIOD.fullmatch(fact.period), fact
                period_bounds(fact.period)
        # Every value is one the store can write (UTF-8) and the contract can carry.
        for field in dataclasses.fields(fact):
            value = getattr(fact, field.name)
            if isinstance(value, str):
                value.encode("utf-8")


# The first and last days the calendar holds: "yesterday" and "next year" step off it.
PUBLISHED = st.sampled_from(("2025-03-04", "0001-01-01", "9999-12-31", None))


@settings(max_examples=examples(60, 3_000), deadline=None)
@given(text=news_text(), published=PUBLISHED)
@example(text=" ".join(HOSTILE), published="2025-03-04")
@example(text=" ".join(SENTENCES) + " “" * 50 + " ”" * 49, published="2025-03-04")
@example(text="At least " + "9" * 400 + " people were killed, officials said.", published=None)
@example(text="At least 1e308 people were killed and 1e309 displaced.", published=None)
@example(
    text="Tarvenia said ١٢٣ people and １２３ soldiers and ½ of 1,2,3,4 and -0 died.",
    published=None,
)
@example(text="Officials said 5 x 10^² people and 5 x 10^999 tonnes.", published=None)
@example(text="The Front said it was attacked 999999999 days ago.", published="2025-03-04")
@example(text="Phase ² of the plan begins once the first ³ phases end.", published=None)
@example(
    text="Tarvenia said the talks of yesterday, Monday and last year failed.",
    published="0001-01-01",
)
@example(
    text="Tarvenia said the talks of tomorrow and next year would fail.", published="9999-12-31"
)
def test_every_extractor_on_hostile_text(nlp: Language, text: str, published: str | None) -> None:
    check(*extract(nlp, text, published))


def test_a_sentence_of_50_000_words_without_a_full_stop(nlp: Language) -> None:
    words = ["Tarvenia", "said", "“", "١٢٣", "the", "Front", "1e308", "killed", "»"]
    text = " ".join((words * 5556)[:50_000])
    article = RawArticle(source="fuzz", text=text).to_article(Defaults())
    # As ingest reads it: in pieces of at most chunk_chars (300 KB is three of them).
    settings = Settings(extract_budget=0)
    began = time.perf_counter()
    pieces = parse_articles(nlp, [article], settings, workers=1)
    [(_, facts, report)] = extract_pieces(pieces, get_extractors(), settings.extract_budget)
    check(article, facts, report)
    # Measured at about 30 s on a loaded 2-core machine; this bounds a regression.
    assert time.perf_counter() - began < 240
