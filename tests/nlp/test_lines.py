"""A line break ends a sentence, whatever the parser would have joined."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from storyline.nlp.lines import line_sentences


def _sentences(doc: Doc) -> list[str]:
    return [s.text.strip() for s in doc.sents]


def test_a_headline_and_a_dateline_are_not_run_into_the_first_sentence(nlp: Language) -> None:
    text = (
        "Veyra Front agrees to extend truce by ten days\n\nBy Lena Marsh\nHarbour Wire\n\n"
        "KALVAR — Negotiators agreed on Tuesday to extend the truce, mediators said."
    )
    sentences = _sentences(nlp(text))
    assert sentences[:3] == [
        "Veyra Front agrees to extend truce by ten days",
        "By Lena Marsh",
        "Harbour Wire",
    ]
    assert all("\n" not in s for s in sentences)


def test_a_closing_quotation_mark_stays_with_its_paragraph(nlp: Language) -> None:
    text = '"We are close," Quist said. "But close is not done."\n\nThe talks resume Monday.'
    sentences = _sentences(nlp(text))
    assert sentences[-1] == "The talks resume Monday."
    assert sentences[-2].endswith('done."')


def test_marks_the_first_word_after_each_break_only(nlp: Language) -> None:
    doc = Doc(nlp.vocab, words=["One", "\n\n", "\n", "Two", "three", "\n", "Four"])
    line_sentences(doc)
    assert [t.is_sent_start for t in doc][3] is True
    assert doc[6].is_sent_start is True
    assert doc[4].is_sent_start is not True


def test_a_text_without_line_breaks_is_left_alone(nlp: Language) -> None:
    doc = Doc(nlp.vocab, words=["No", "break", "here", "."])
    line_sentences(doc)
    assert not any(t.is_sent_start for t in doc[1:])
