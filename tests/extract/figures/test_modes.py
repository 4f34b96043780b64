"""Issue 11: figures carry the event modes, and "one" that singles out is no count.

Every sentence is invented (Caldera, the Front and the port of Selda do not exist).
"""

from __future__ import annotations

import pytest
from spacy.language import Language

from storyline.extract.figures.extractor import extract_figures
from storyline.extract.registry import Context
from storyline.models import Article, Figure


def run(nlp: Language, text: str) -> list[Figure]:
    article = Article(id="a1", text=text, published="2031-05-08")
    context = Context(article, {"entities": [], "quotes": []})
    return [f for f in extract_figures(nlp(text), context) if isinstance(f, Figure)]


@pytest.mark.slow
@pytest.mark.parametrize(
    ("sentence", "status"),
    [
        ("The shelling killed 40 civilians in Caldera.", "occurred"),
        ("The strike could have killed hundreds of people.", "hypothetical"),
        ("About 33 hostages would be released in the first phase.", "planned"),
        ("The Front will free 12 prisoners on Friday.", "planned"),
        ("The convoy did not deliver 200 tonnes of flour.", "negated"),
    ],
)
def test_a_figure_has_the_mode_of_its_clause(nlp: Language, sentence: str, status: str) -> None:
    figures = run(nlp, sentence)
    assert figures and figures[0].status == status, figures


@pytest.mark.slow
@pytest.mark.parametrize(
    "sentence",
    [
        "It was one of the darkest chapters in the history of Caldera.",
        "There is only one force that can end the siege of Selda.",
    ],
)
def test_one_that_singles_out_is_no_figure(nlp: Language, sentence: str) -> None:
    assert run(nlp, sentence) == []


@pytest.mark.slow
def test_one_as_a_count_stays(nlp: Language) -> None:
    (figure,) = run(nlp, "One hospital in Caldera was hit on Tuesday.")
    assert figure.value == 1
