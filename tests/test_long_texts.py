"""Texts longer than ``chunk_chars``: extraction piece by piece, the extraction budget, and
ingest time that grows linearly with the text."""

from __future__ import annotations

import random
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import spacy
from spacy.language import Language
from spacy.tokens import Doc

from storyline import pipeline
from storyline.config import Settings
from storyline.errors import ConfigError
from storyline.extract import Context, Extractor
from storyline.ingest import Defaults
from storyline.models import Article, Mention, Quote
from storyline.nlp import parse_pieces
from storyline.pipeline import (
    IngestReport,
    extract_articles,
    extract_pieces,
    ingest,
    run_extractors,
)
from storyline.store import Store

PLACE = "Tarvenia"
# One paragraph, no line breaks: the shape of text the issue timed.
SENTENCE = f"Envoys of the Veyra Front met officials from {PLACE} in Lirevia on Monday. "


class Clock:
    """A stand-in for ``time.perf_counter``: time passes only when an extractor says so."""

    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> Clock:
    fake = Clock()
    # The pipeline times extractors with time.perf_counter; nothing else runs meanwhile.
    monkeypatch.setattr(time, "perf_counter", fake)
    return fake


def places(doc: Doc, context: Context) -> Iterator[Mention]:
    """Every "Tarvenia" of the piece, as the entities extractor would name it."""
    for token in doc:
        if token.text == PLACE:
            yield Mention(
                article=context.article.id,
                start=token.idx,
                end=token.idx + len(token),
                text=token.text,
                name=PLACE,
                type="GPE",
            )


def echo(doc: Doc, context: Context) -> Iterator[Quote]:
    """A fact over each earlier fact: what a later extractor reads must point into its Doc."""
    for mention in context.of("places", Mention):
        assert doc.text[mention.start : mention.end] == PLACE
        yield Quote(article=context.article.id, start=mention.start, end=mention.end)


PLACES = Extractor("places", 1, places)
ECHO = Extractor("echo", 1, echo, requires=("places",))


def slow(clock: Clock, seconds: float) -> Extractor:
    """An extractor that takes ``seconds`` of the fake clock on every piece."""

    def wait(doc: Doc, context: Context) -> list[Mention]:
        clock.now += seconds
        return []

    return Extractor("slow", 1, wait)


def counting_nlp() -> tuple[Language, list[int]]:
    """A blank pipeline that notes the length of every text it parses."""
    nlp = spacy.blank("en")
    parsed: list[int] = []
    original = nlp.make_doc

    def make_doc(text: str) -> Doc:
        parsed.append(len(text))
        return original(text)

    nlp.make_doc = make_doc  # type: ignore[method-assign]
    return nlp, parsed


def extract(
    text: str, extractors: list[Extractor], *, limit: int = 1_000, budget: float = 0.0
) -> tuple[list[Mention | Quote], IngestReport, list[int]]:
    nlp, parsed = counting_nlp()
    article = Article(id="a1", text=text)
    pieces = parse_pieces(nlp, [(text, article)], limit=limit, workers=1, batch_size=8)
    [(got, facts, notes)] = list(extract_pieces(pieces, extractors, budget))
    assert got is article
    return facts, notes, parsed  # type: ignore[return-value]


def test_facts_of_pieces_point_into_the_whole_text() -> None:
    text = SENTENCE * 100  # 7,300 characters: eight pieces of at most 1,000
    facts, notes, parsed = extract(text, [PLACES, ECHO])
    assert max(parsed) <= 1_000 and sum(parsed) == len(text)
    assert len(facts) == 200 and not notes.failures and not notes.over_budget
    assert all(text[f.start : f.end] == PLACE for f in facts)
    assert len({f.id for f in facts}) == 200
    assert [f.extractor for f in facts] == ["places@1"] * 100 + ["echo@1"] * 100


def test_an_article_of_one_piece_gets_what_run_extractors_gives() -> None:
    text = SENTENCE * 3
    facts, _, _ = extract(text, [PLACES, ECHO], limit=10_000)
    nlp = spacy.blank("en")
    assert facts == run_extractors(nlp(text), Article(id="a1", text=text), [PLACES, ECHO])


def test_an_article_over_budget_keeps_what_finished_and_skips_the_rest(clock: Clock) -> None:
    text = SENTENCE * 100
    facts, notes, parsed = extract(text, [slow(clock, 1.0), PLACES], budget=2.5)
    # Two pieces took 2 s; a third would end at 3 s, past the budget, so it is not begun.
    assert clock.now == 2.0
    assert len(parsed) == 2  # the rest of the text is not even parsed
    done = sum(parsed)
    assert len(facts) == text[:done].count(PLACE) > 0
    assert all(f.end <= done for f in facts)
    [note] = notes.over_budget
    assert note == (
        f"article a1 ran out of its 2.5 s extraction budget (setting extract_budget) at "
        f"character {done:,} of {len(text):,}; not run from there: slow, places"
    )


def test_the_budget_stops_between_extractors_of_one_piece(clock: Clock) -> None:
    text = SENTENCE * 2
    facts, notes, _ = extract(text, [slow(clock, 5.0), PLACES], limit=10_000, budget=4.0)
    # The first extractor ran over on its own; the next one of the piece is skipped.
    assert facts == []
    [note] = notes.over_budget
    assert note.endswith(f"not run from there: places; the others stopped at character {len(text)}")


def test_no_budget_means_no_limit(clock: Clock) -> None:
    facts, notes, _ = extract(SENTENCE * 100, [PLACES, slow(clock, 100.0)], budget=0.0)
    assert len(facts) == 100 and not notes.over_budget


def test_an_article_over_budget_makes_the_run_partial() -> None:
    assert not IngestReport(over_budget=["article a1 ran out of its budget"]).ok


def test_the_budget_setting_cannot_be_negative() -> None:
    assert Settings().extract_budget > 0
    with pytest.raises(ConfigError, match="extract_budget"):
        Settings(extract_budget=-1)


def test_an_extractor_failing_on_one_piece_loses_that_piece_only() -> None:
    def fragile(doc: Doc, context: Context) -> Iterator[Mention]:
        if "Coda" in doc.text:
            raise RuntimeError("broken on purpose")
        yield from places(doc, context)

    text = SENTENCE * 20 + "Coda. " * 200 + SENTENCE * 20
    facts, notes, _ = extract(text, [Extractor("fragile", 1, fragile)])
    assert notes.failures
    assert all(f.startswith("extractor fragile@1 failed on article a1") for f in notes.failures)
    assert 0 < len(facts) < 40 and all(text[f.start : f.end] == PLACE for f in facts)


# -- the whole pipeline on generated single-paragraph texts ---------------------------------

NAMES = ("Idra Kessen", "Anselm Varo", "Tomas Helvig", "Mirela Osk")
GROUPS = ("Veyra Front", "Tarvenian Army", "Lirevian Guard", "Osmari Council")
PLACES_ = ("Tarvenia", "Lirevia", "Osmara", "Kethvale")
TEMPLATES = (
    "{p} said the {g} had shelled {pl} on Tuesday, killing {n} civilians.",
    '"We will not withdraw from {pl}," said {p}, a spokesperson for the {g}.',
    "The {g} proposed a ceasefire of {n} days along the border with {pl}.",
    "Aid agencies estimate that {n} families have fled {pl}, {p} told reporters.",
    "Officials in {pl} rejected the plan, saying the {g} could not be trusted.",
)


def paragraph(size: int, seed: int = 3) -> str:
    """About ``size`` characters of invented news in one paragraph."""
    rng = random.Random(seed)
    sentences: list[str] = []
    total = 0
    while total < size:
        template = rng.choice(TEMPLATES)
        sentence = template.format(
            p=rng.choice(NAMES), g=rng.choice(GROUPS), pl=rng.choice(PLACES_), n=rng.randint(2, 900)
        )
        sentences.append(sentence)
        total += len(sentence) + 1
    return " ".join(sentences)


def timed_ingest(tmp_path: Path, name: str, text: str) -> float:
    (tmp_path / f"{name}.txt").write_text(text, encoding="utf-8")
    settings = Settings(db=str(tmp_path / f"{name}.db"), extract_budget=0)
    with Store(settings.db) as store:
        started = time.perf_counter()
        report = ingest([str(tmp_path / f"{name}.txt")], store, settings, defaults=Defaults())
        seconds = time.perf_counter() - started
    assert len(report.stored) == 1 and report.ok
    return seconds


@pytest.mark.slow
def test_ingest_time_grows_linearly_with_the_text(tmp_path: Path) -> None:
    """Ten times the text takes about ten times as long (the bound leaves room for a busy
    machine); before the fix a 1 MB line took 145 s and the ratio here was over 25."""
    timed_ingest(tmp_path, "warm", paragraph(2_000))  # the model and lexicons load once
    small = timed_ingest(tmp_path, "small", paragraph(50_000))
    large = timed_ingest(tmp_path, "large", paragraph(500_000))
    assert large / small < 20, f"0.05 MB took {small:.1f} s, 0.5 MB {large:.1f} s"


# -- the pieces of one long text shared out over worker processes ---------------------------


class InlinePool:
    """A stand-in for a process pool that runs each task at once, in this process."""

    class Done:
        def __init__(self, value: object) -> None:
            self.value = value

        def get(self) -> object:
            return self.value

    def apply_async(self, func: Callable[..., object], args: tuple[object, ...]) -> Done:
        return self.Done(func(*args))


def shared_out(
    monkeypatch: pytest.MonkeyPatch, text: str, extractors: list[Extractor], budget: float = 0.0
) -> tuple[list[Mention | Quote], IngestReport]:
    settings = Settings(chunk_chars=1_000, extract_budget=budget, piece_workers=2)
    monkeypatch.setattr(pipeline, "_worker", (spacy.blank("en"), extractors, settings))
    article = Article(id="a1", text=text)
    pools = pipeline._Pools(settings)
    pools.pool, pools.size = InlinePool(), 2  # type: ignore[assignment]
    got, facts, notes = pipeline._extract_long(
        article, pools, spacy.blank("en"), extractors, settings
    )
    assert got is article
    return facts, notes  # type: ignore[return-value]


def test_pieces_read_by_workers_give_the_facts_of_one_process(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    text = SENTENCE * 100
    facts, notes = shared_out(monkeypatch, text, [PLACES, ECHO])
    assert not notes.failures and not notes.over_budget
    assert facts == extract(text, [PLACES, ECHO])[0]


def test_pieces_read_by_workers_stop_at_the_budget(
    clock: Clock, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = SENTENCE * 100  # eight pieces
    facts, notes = shared_out(monkeypatch, text, [slow(clock, 1.0), PLACES], budget=2.5)
    # Two pieces' facts fit in 2.5 s; the third's would end at 3 s and is dropped.
    assert 0 < len(facts) < 100 and all(f.end <= 2_000 for f in facts)
    [note] = notes.over_budget
    assert note.startswith("article a1 ran out of its 2.5 s extraction budget")


@pytest.mark.slow
def test_a_long_text_read_by_two_processes_is_read_as_by_one() -> None:
    text = paragraph(250_000)
    articles = [Article(id="s1", text=SENTENCE), Article(id="l1", text=text)]
    one = list(extract_articles(articles, Settings(extract_budget=0, piece_workers=1)))
    two = list(extract_articles(articles, Settings(extract_budget=0, piece_workers=2)))
    assert [(a.id, facts) for a, facts, _ in two] == [(a.id, facts) for a, facts, _ in one]
    assert len(one[1][1]) > 1_000
