"""Declared inputs are enforced: an extractor reads only what it ``requires``."""

from __future__ import annotations

import pytest
import spacy

from storyline.errors import ConfigError
from storyline.extract import Context, get_extractors, register
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
