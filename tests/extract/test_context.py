"""Declared inputs are enforced: an extractor reads only what it ``requires``."""

from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Doc

from storyline.errors import ConfigError
from storyline.extract import (
    ArticleMemo,
    Context,
    Extractor,
    MemoKey,
    get_extractors,
    register,
)
from storyline.extract import registry as registry_module
from storyline.models import Article, Mention, Quote
from storyline.pipeline import run_extractors


@pytest.fixture
def scratch_registry(monkeypatch: pytest.MonkeyPatch) -> None:
    """A copy of the registry, so extractors registered by a test vanish after it."""
    monkeypatch.setattr(registry_module, "_REGISTRY", dict(registry_module._REGISTRY))


def test_an_undeclared_read_names_the_extractor(scratch_registry: None) -> None:
    @register("sneaky", version=1, requires=("entities",))
    def sneaky(doc: object, context: Context) -> list[Quote]:
        context.of("entities", Mention)  # declared: fine
        return context.of("quotes", Quote)  # not declared

    extractor = next(e for e in get_extractors() if e.name == "sneaky")
    article = Article(id="a1", text="The envoys met.")
    doc = spacy.blank("en")(article.text)
    with pytest.raises(ConfigError, match=r"'sneaky' reads the results of 'quotes'.*requires"):
        run_extractors(doc, article, [extractor])


def test_a_context_without_reader_is_open_to_tests() -> None:
    """A test that calls one extractor by hand may hand it any earlier results."""
    article = Article(id="a1", text="x")
    quote = Quote(article="a1", start=0, end=1, text="x")
    assert Context(article, {"quotes": [quote]}).of("quotes", Quote) == [quote]


def test_disabling_a_required_extractor_is_an_error_at_start() -> None:
    with pytest.raises(ConfigError, match="'proposals' requires 'quotes', which is not enabled"):
        get_extractors(disabled=["quotes", "indirect_quotes", "figures", "positions"])


def test_every_builtin_declares_what_it_reads() -> None:
    """The pipeline runs each built-in with its reader set: none raises on a real Doc."""
    nlp = spacy.blank("en")
    article = Article(id="a1", text='Envoy Mara Voss said: "We will meet again on Monday."')
    facts = run_extractors(nlp(article.text), article, get_extractors())
    assert all(f.extractor for f in facts)


# -- the per-article memo ----------------------------------------------------------------

NAMES: MemoKey[list[str]] = MemoKey("test.names", requires=("entities",))


def _names(doc: Doc, context: Context) -> list[str]:
    return [m.text for m in context.of("entities", Mention)]


def _reader(requires: tuple[str, ...]) -> Extractor:
    return Extractor("reader", 1, lambda doc, context: [], requires)


def test_a_memo_builds_once_per_doc() -> None:
    doc = spacy.blank("en")("Ilse Varden spoke.")
    article = Article(id="a1", text=doc.text)
    mention = Mention(article="a1", start=0, end=11, text="Ilse Varden", name="Ilse Varden")
    memo = ArticleMemo()
    first = Context(article, {"entities": [mention]}, _reader(("entities",)), memo)
    second = Context(article, {"entities": [mention]}, _reader(("entities", "quotes")), memo)
    names = first.memoized(NAMES, doc, _names)
    assert names == ["Ilse Varden"]
    assert second.memoized(NAMES, doc, _names) is names
    # Another Doc on the same memo, or a context with a memo of its own: built again.
    other = spacy.blank("en")(doc.text)
    assert first.memoized(NAMES, other, _names) is not names
    assert Context(article, {"entities": [mention]}).memoized(NAMES, doc, _names) is not names


def test_a_memoized_value_is_only_for_readers_that_declare_its_inputs() -> None:
    doc = spacy.blank("en")("Ilse Varden spoke.")
    article = Article(id="a1", text=doc.text)
    memo = ArticleMemo()
    Context(article, {"entities": []}, _reader(("entities",)), memo).memoized(NAMES, doc, _names)
    undeclared = Context(article, {"entities": []}, _reader(()), memo)
    with pytest.raises(ConfigError, match=r"'reader' reads 'test.names'.*'entities'.*requires"):
        undeclared.memoized(NAMES, doc, _names)


def test_a_memoized_value_is_built_from_its_key_inputs_only() -> None:
    """The reader declares quotes, the key does not: the build may not read them, so the
    value is the same whichever extractor happens to build it."""
    doc = spacy.blank("en")("Ilse Varden spoke.")
    article = Article(id="a1", text=doc.text)

    def sneaky(doc: Doc, context: Context) -> list[str]:
        return [q.text for q in context.of("quotes", Quote)]

    context = Context(article, {"entities": [], "quotes": []}, _reader(("entities", "quotes")))
    with pytest.raises(ConfigError, match=r"'test.names' reads the results of 'quotes'"):
        context.memoized(NAMES, doc, sneaky)


def test_the_pipeline_shares_one_memo_per_article(scratch_registry: None) -> None:
    seen: list[ArticleMemo] = []

    @register("first_memo_reader", version=1)
    @register("second_memo_reader", version=1)
    def remember(doc: object, context: Context) -> list[Quote]:
        seen.append(context.memo)
        return []

    extractors = [e for e in get_extractors() if e.name.endswith("_memo_reader")]
    article = Article(id="a1", text="The envoys met.")
    doc = spacy.blank("en")(article.text)
    run_extractors(doc, article, extractors)
    run_extractors(doc, article, extractors)
    assert len(seen) == 4
    assert seen[0] is seen[1] and seen[2] is seen[3] and seen[0] is not seen[2]
