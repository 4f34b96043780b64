"""The attribution tagger, reported speech around it, and transcript turns.

Every sentence is invented (a fictional conflict between Ardania and Veloria, with
Kestria mediating; outlets and officials made up). Tests that parse text load the spaCy
model and the shipped CRF and are marked ``slow``.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from spacy.language import Language
from spacy.tokens import Doc

from storyline.extract.entities.extractor import extract_entities
from storyline.extract.quotes.extractor import extract_indirect_quotes, extract_quotes
from storyline.extract.quotes.marks import find_quoted_spans, quoted_tokens
from storyline.extract.quotes.tagger import (
    MODEL_FILE,
    VOCAB_FILE,
    Columns,
    TaggedSpan,
    Vocabulary,
    decode,
    load_tagger,
    paragraph_features,
    paragraphs,
    worth_tagging,
)
from storyline.extract.quotes.transcript import find_turns, label_surname
from storyline.extract.registry import Context
from storyline.models import Article, Quote

from ... import handmade

MODELS = Path(__file__).parents[3] / "src" / "storyline" / "extract" / "quotes" / "models"

# -- pure parts ---------------------------------------------------------------------------


def test_decode_bio_labels_into_spans() -> None:
    labels = ["B-SOURCE", "I-SOURCE", "B-CUE", "B-CONTENT", "I-CONTENT", "O", "I-CONTENT"]
    assert decode(labels, 10) == [
        TaggedSpan("SOURCE", 10, 12),
        TaggedSpan("CUE", 12, 13),
        TaggedSpan("CONTENT", 13, 15),
        # An I- after O opens a span rather than being dropped.
        TaggedSpan("CONTENT", 16, 17),
    ]
    assert decode(["B-CONTENT", "B-CONTENT"], 0) == [
        TaggedSpan("CONTENT", 0, 1),
        TaggedSpan("CONTENT", 1, 2),
    ]
    assert decode([], 0) == []


def test_model_ships_within_the_size_budget() -> None:
    model = MODELS / MODEL_FILE
    assert model.is_file() and (MODELS / VOCAB_FILE).is_file()
    assert model.stat().st_size <= 25 * 1024 * 1024


VOCAB = Vocabulary(cue_lemmas=frozenset({"say"}), cue_nouns=frozenset({"statement"}))


def handmade_doc() -> tuple[list[str], Doc]:
    # Tarn said the talks failed.\nThe sky was grey.
    words = ["Tarn", "said", "the", "talks", "failed", ".", "\n", "The", "sky", "was", "grey", "."]
    doc = handmade.build(
        words,
        heads=[1, 1, 3, 4, 1, 1, 5, 8, 9, 9, 9, 9],
        deps=[
            "nsubj",
            "ROOT",
            "det",
            "nsubj",
            "ccomp",
            "punct",
            "dep",
            "det",
            "nsubj",
            "ROOT",
            "acomp",
            "punct",
        ],
        pos=[
            "PROPN",
            "VERB",
            "DET",
            "NOUN",
            "VERB",
            "PUNCT",
            "SPACE",
            "DET",
            "NOUN",
            "AUX",
            "ADJ",
            "PUNCT",
        ],
        tags=["NNP", "VBD", "DT", "NNS", "VBD", ".", "_SP", "DT", "NN", "VBD", "JJ", "."],
        lemmas=["Tarn", "say", "the", "talk", "fail", ".", "\n", "the", "sky", "be", "grey", "."],
        spaces=[True, True, True, True, False, False, False, True, True, True, False, False],
    )
    return words, doc


def test_paragraphs_and_which_are_worth_tagging() -> None:
    _, doc = handmade_doc()
    assert paragraphs(doc) == [(0, 6), (7, 12)]
    columns = Columns.of(doc, VOCAB)
    assert columns.paragraphs() == paragraphs(doc)
    assert columns.cue == [c == 1 for c in range(len(doc))]
    assert worth_tagging(columns, 0, 6)
    assert not worth_tagging(columns, 7, 12)  # no cue word, colon or quotation mark


def test_features_read_the_governing_cue_and_its_side() -> None:
    _, doc = handmade_doc()
    features = paragraph_features(Columns.of(doc, VOCAB), 0, 6, quoted=set())
    assert len(features) == 6
    tarn, said, _, talks, failed, _ = features
    assert "gcs=nsubjL" in tarn and "hc=nsubj" in tarn
    assert "cue" in said and "cl=say" in said
    # "talks" hangs from "failed", the complement of "said": content to the cue's right.
    assert "gc=ccomp" in talks and "gcs=ccompR" in talks
    assert "hc=ccomp" in failed
    assert all(f[0] == "b" for f in features)


def test_transcript_turns_skip_questions_and_the_moderator() -> None:
    text = (
        "MODERATOR: Thank you all for joining.\n\n"
        "MR. VANCE: Good evening. The corridor\nopened at dawn.\n\n"
        "We expect more trucks.\n\n"
        "Q: Will it stay open?\n\n"
        "LIEUTENANT GENERAL ORSO: It will."
    )
    turns = find_turns(text)
    assert [(t.label, text[t.start : t.end]) for t in turns] == [
        ("MR. VANCE", "Good evening. The corridor\nopened at dawn."),
        ("MR. VANCE", "We expect more trucks."),
        ("LIEUTENANT GENERAL ORSO", "It will."),
    ]
    assert label_surname("MR. VANCE") == "Vance"
    assert label_surname("LIEUTENANT GENERAL ORSO") == "Orso"
    assert label_surname("THE PRESIDENT") == "The President"


def test_one_label_does_not_make_a_transcript() -> None:
    assert find_turns("UPDATE: The talks resumed on Monday, officials said.") == []


# -- with the model -------------------------------------------------------------------


def extract(nlp: Language, text: str) -> list[Quote]:
    doc = nlp(text)
    article = Article(id="a1", text=text)
    context = Context(article, {"entities": []})
    return [*extract_quotes(doc, context), *extract_indirect_quotes(doc, context)]


def indirect(nlp: Language, text: str) -> list[tuple[str, str | None]]:
    quotes = extract(nlp, text)
    for quote in quotes:
        assert text[quote.start : quote.end] == quote.text
    return [(q.text, q.speaker) for q in quotes if q.kind == "indirect"]


@pytest.mark.slow
def test_tagger_labels_source_cue_and_content(nlp: Language) -> None:
    text = "The Kestrian envoy said the ceasefire would hold through the weekend."
    doc = nlp(text)
    spans = load_tagger().tag(doc, quoted_tokens(doc, find_quoted_spans(text)))
    found = {(s.label, doc[s.start : s.end].text) for s in spans}
    assert ("CUE", "said") in found
    assert ("CONTENT", "the ceasefire would hold through the weekend") in found


@pytest.mark.slow
def test_reported_speech_before_its_cue(nlp: Language) -> None:
    text = "Ardanian shelling killed four people in Merrow overnight, the regional governor said."
    assert indirect(nlp, text) == [
        ("Ardanian shelling killed four people in Merrow overnight", "regional governor")
    ]


@pytest.mark.slow
def test_reported_speech_interrupted_by_its_reporting_clause(nlp: Language) -> None:
    text = (
        "The toll from the strike on the Merrow depot has risen to 14, hospital officials "
        "said, after rescuers searched the rubble overnight."
    )
    quotes = indirect(nlp, text)
    assert (
        "The toll from the strike on the Merrow depot has risen to 14",
        "hospital officials",
    ) in quotes
    assert not any("rescuers" in q for q, _ in quotes)


@pytest.mark.slow
def test_negated_reporting_verb_is_no_quote(nlp: Language) -> None:
    text = "The Velorian spokesman did not say whether the convoy would be allowed through."
    assert indirect(nlp, text) == []


@pytest.mark.slow
def test_link_lines_and_captions_hold_no_reported_speech(nlp: Language) -> None:
    text = (
        "READ MORE: Kestrian envoy says the talks will resume in Tolva next week\n\n"
        "Photo: Rescuers search the rubble, the agency said, in Merrow on Monday."
    )
    assert indirect(nlp, text) == []


@pytest.mark.slow
def test_intentions_and_reporter_questions_are_not_quotes(nlp: Language) -> None:
    text = (
        "The Ardanian army vowed to retake the bridge by Friday.\n\n"
        "Asked whether the talks would go on, the minister said the mediators had a plan."
    )
    quotes = [q for q, _ in indirect(nlp, text)]
    assert not any(q.startswith(("to retake", "Asked")) for q in quotes)
    assert "the mediators had a plan" in quotes


@pytest.mark.slow
def test_clause_told_mostly_in_quotation_marks_is_the_partial_quote(nlp: Language) -> None:
    text = 'The Velorian minister said the offer was "a trap dressed up as a truce."'
    quotes = extract(nlp, text)
    assert [(q.kind, q.text) for q in quotes] == [("partial", "a trap dressed up as a truce.")]


@pytest.mark.slow
def test_transcript_turn_takes_the_full_name_from_the_article(nlp: Language) -> None:
    text = (
        "Press call with Kestrian envoy Mira Vance\n\n"
        "MODERATOR: Thank you for joining.\n\n"
        "MS. VANCE: The corridor opened at dawn.\n\n"
        "Q: Will it stay open?"
    )
    doc = nlp(text)
    article = Article(id="a1", text=text)
    mentions = extract_entities(doc, Context(article))
    quotes = extract_quotes(doc, Context(article, {"entities": mentions}))
    assert [(q.text, q.speaker, q.kind) for q in quotes] == [
        ("The corridor opened at dawn.", "Mira Vance", "direct")
    ]


@pytest.mark.slow
def test_document_speaks_for_its_issuer(nlp: Language) -> None:
    text = "A statement from the Velorian Interior Ministry said the border would reopen."
    assert indirect(nlp, text) == [("the border would reopen", "Velorian Interior Ministry")]


@pytest.mark.slow
def test_pronoun_agrees_with_the_given_name(nlp: Language) -> None:
    text = (
        "Petra Lind met Anton Kessel in Tolva. Kessel spoke first.\n\n"
        "She said the army would stay in Merrow."
    )
    assert indirect(nlp, text) == [("the army would stay in Merrow", "Petra Lind")]


@pytest.mark.slow
def test_a_quote_paragraph_speaks_for_the_person_the_paragraph_before_introduced(
    nlp: Language,
) -> None:
    text = (
        "Mayor Ilse Varden spoke to reporters outside the council hall on Monday.\n\n"
        "“We have no water left in the eastern wards, and the pumps have been dry since "
        "Friday.”\n\nThe council meets again on Thursday."
    )
    [quote] = [q for q in extract(nlp, text) if q.kind == "direct"]
    assert quote.speaker == "Ilse Varden" and quote.text.startswith("We have no water")


@pytest.mark.slow
def test_a_reporters_question_is_not_the_answerers_claim(nlp: Language) -> None:
    text = "Asked whether the talks would resume, Heyl said: “Not this week.”"
    assert indirect(nlp, text) == []
    # The one asked keeps what he did say.
    assert [q.text for q in extract(nlp, text) if q.kind == "direct"] == ["Not this week."]


@pytest.mark.slow
def test_what_someone_said_was_that_is_reported_speech(nlp: Language) -> None:
    text = "What Tomas Heyl told the council was that the convoys must wait."
    assert indirect(nlp, text) == [("the convoys must wait", "Tomas Heyl")]
    # A pseudo-cleft of wanting is no speech.
    assert indirect(nlp, "What the families want is a ceasefire before the winter.") == []


@pytest.mark.slow
def test_what_someone_told_an_addressee_was_that_is_reported_speech(nlp: Language) -> None:
    # With an addressee the parser takes "what" for the dative.
    text = "What the mediators told both delegations on Friday was that the draft would stay."
    assert indirect(nlp, text) == [("the draft would stay", "mediators")]


@pytest.mark.slow
def test_content_announced_before_a_colon(nlp: Language) -> None:
    text = (
        "Ilse Varden met the envoys in Kalvar on Monday. Her message was plain: the "
        "crossings must reopen before any talks resume."
    )
    assert indirect(nlp, text) == [
        ("the crossings must reopen before any talks resume", "Ilse Varden")
    ]
    # A reporting clause that closes the sentence names the speaker and is not content.
    text = (
        "The Veyra Front's position is simple: no prisoner will be freed until the "
        "shelling stops, spokesman Kalev Strom told reporters."
    )
    assert indirect(nlp, text) == [
        ("no prisoner will be freed until the shelling stops", "Kalev Strom")
    ]
    # A noun that names no speech, or speech nobody holds, announces the reporter's words.
    assert indirect(nlp, "The problem is simple: there is no fuel left in the south.") == []
    assert indirect(nlp, "The view from the ridge was grim: the valley lay under smoke.") == []


@pytest.mark.slow
def test_according_to_inside_the_clause_attributes_the_side_with_its_verb(nlp: Language) -> None:
    text = "The Selda council, according to two officials, has already signed the first annex."
    assert [q for q, _ in indirect(nlp, text)] == ["has already signed the first annex"]


@pytest.mark.slow
def test_the_outer_report_wins_over_the_act_it_reports(nlp: Language) -> None:
    # "agree" reports too ("agreed to extend"), but here the mediators report the agreement.
    text = (
        "Negotiators from Tarvenia and the Veyra Front agreed on Tuesday to extend the truce "
        "by ten days, mediators said."
    )
    assert indirect(nlp, text) == [
        (
            "Negotiators from Tarvenia and the Veyra Front agreed on Tuesday to extend the "
            "truce by ten days",
            "mediators",
        )
    ]


@pytest.mark.slow
def test_a_dateline_is_not_part_of_the_reported_clause(nlp: Language) -> None:
    text = (
        "Truce extended by ten days\n\n"
        "KALVAR, Qaremia (Harbour Wire) — The delegations will meet again on Friday, "
        "mediators said."
    )
    assert indirect(nlp, text) == [("The delegations will meet again on Friday", "mediators")]


@pytest.mark.slow
def test_declining_to_say_says_nothing(nlp: Language) -> None:
    text = "Ilse Varden declined to say where the next round of talks would take place."
    assert indirect(nlp, text) == []


@pytest.mark.slow
def test_a_name_in_apposition_to_the_descriptors_object_names_the_speaker(
    nlp: Language,
) -> None:
    text = (
        "A spokeswoman for the Veyra Front, Dana Orlo, said the convoys had been held at "
        "the crossing for three days."
    )
    assert indirect(nlp, text) == [
        ("the convoys had been held at the crossing for three days", "Dana Orlo")
    ]


@pytest.mark.slow
def test_a_clause_ending_at_a_colon_gives_its_subject_the_quotation(nlp: Language) -> None:
    text = (
        "Mara Quist, who studies the conflict in Selda, said both sides faced pressure at "
        "home. Tomas Heyl, a former Corvanian ambassador, disagreed: \u201cThis is about "
        "leverage, and everyone knows it.\u201d"
    )
    direct = [(q.text, q.speaker) for q in extract(nlp, text) if q.kind == "direct"]
    assert direct == [("This is about leverage, and everyone knows it.", "Tomas Heyl")]


@pytest.mark.slow
def test_the_descriptor_again_is_the_unnamed_source_introduced(nlp: Language) -> None:
    text = (
        "\u201cIt is a delay, not a collapse,\u201d a Rovanian diplomat involved in the talks "
        "said.\n\nThe diplomat said mediators would present a new list by the weekend."
    )
    speakers = {q.speaker for q in extract(nlp, text)}
    assert speakers == {"unnamed Rovanian diplomat"}


@pytest.mark.slow
def test_a_lower_case_head_is_a_descriptor_not_a_name(nlp: Language) -> None:
    text = (
        "In a statement, the Corvanian foreign ministry said it welcomed \u201cany serious "
        "offer\u201d but would decide on the venue later."
    )
    assert {q.speaker for q in extract(nlp, text)} == {"Corvanian foreign ministry"}


@pytest.mark.slow
def test_a_pronoun_reaches_each_person_of_a_coordinated_subject(nlp: Language) -> None:
    text = (
        "Katrin Bohl and Emil Raske met briefly in Selda last week. He described the "
        "meeting as \u201cuseful\u201d; she called it \u201ca beginning.\u201d"
    )
    assert [(q.text, q.speaker) for q in extract(nlp, text)] == [
        ("useful", "Emil Raske"),
        ("a beginning.", "Katrin Bohl"),
    ]


@pytest.mark.slow
def test_a_second_reporting_verb_hung_from_the_clause_starts_its_own_quote(
    nlp: Language,
) -> None:
    text = "Officials said Monday the deal was close, but cautioned that details remained open."
    assert indirect(nlp, text) == [
        ("the deal was close", "Officials"),
        ("details remained open", "Officials"),
    ]


@pytest.mark.slow
def test_the_one_urged_keeps_its_determiner(nlp: Language) -> None:
    text = "Ilse Varden urged both parties to sign the plan by Friday."
    assert indirect(nlp, text) == [("both parties to sign the plan by Friday", "Ilse Varden")]


@pytest.mark.slow
def test_the_question_a_speaker_was_asked_is_not_their_claim(nlp: Language) -> None:
    text = "\u201cYes,\u201d Heyl said when asked if he expected a deal this year."
    assert indirect(nlp, text) == []
    # Between commas after the subject, the parser reads "asked" as her own verb.
    text = "Morrow, asked whether the province would ask Ottawa for help, said talks were on."
    assert indirect(nlp, text) == [("talks were on", "Morrow")]


@pytest.mark.slow
def test_a_word_the_parser_hangs_from_the_cue_ends_the_clause(nlp: Language) -> None:
    text = (
        "Holm has said repeatedly that her government will not accept a deal that leaves "
        "the border crossings closed."
    )
    assert [q for q, _ in indirect(nlp, text)] == [
        "her government will not accept a deal that leaves the border crossings closed"
    ]


@pytest.mark.slow
def test_a_subject_alone_is_not_what_was_said(nlp: Language) -> None:
    assert indirect(nlp, "Sadiq and Holm are expected to meet again on Saturday.") == []


@pytest.mark.slow
def test_a_quote_paragraph_speaks_for_the_named_descriptor_before_it(nlp: Language) -> None:
    text = (
        "The Veyra Front's spokesman, Dana Orlo, was blunter.\n\n"
        "\u201cWe will sign when the guns are silent. Not before.\u201d"
    )
    assert [(q.kind, q.speaker) for q in extract(nlp, text)] == [("direct", "Dana Orlo")]


@pytest.mark.slow
def test_whom_someone_spoke_with_is_not_what_they_said(nlp: Language) -> None:
    text = (
        "President Anders Kolm spoke today with Prime Minister Tomas Heyl of Corvania. "
        "Kolm said that Lirevia stands ready to host the negotiators."
    )
    assert [q for q, _ in indirect(nlp, text)] == ["Lirevia stands ready to host the negotiators"]


@pytest.mark.slow
def test_an_exchange_of_quote_paragraphs_alternates_between_asker_and_answerer(
    nlp: Language,
) -> None:
    text = (
        "\u201cDid you approve the strike on the depot?\u201d asked Mara Quist, the chair.\n\n"
        "\u201cI approved a strike on a military target,\u201d Aurel Tesk replied.\n\n"
        "\u201cThen who approved the depot?\u201d\n\n"
        "\u201cThe target list is not mine to publish.\u201d"
    )
    assert [q.speaker for q in extract(nlp, text)] == [
        "Mara Quist",
        "Aurel Tesk",
        "Mara Quist",
        "Aurel Tesk",
    ]


@pytest.mark.slow
def test_a_statement_after_an_answer_goes_on_with_the_answerer(nlp: Language) -> None:
    text = (
        "\u201cIs this the end of the town?\u201d asked Ana Brel, a resident.\n\n"
        "\u201cNo,\u201d said Mayor Oskar Brenn.\n\n"
        "\u201cWe will rebuild every street of it.\u201d"
    )
    assert [q.speaker for q in extract(nlp, text)][-1] == "Oskar Brenn"


@pytest.mark.slow
def test_a_reporting_clause_set_off_by_commas_reports_the_act_before_it(nlp: Language) -> None:
    # Parsed with "said" hung from "agreed" (parataxis): the report still sits above it.
    text = (
        "KALVAR \u2014 Negotiators from Tarvenia and the Veyra Front agreed on Tuesday to "
        "extend the truce by ten days, mediators said, buying time for a wider deal on "
        "prisoners."
    )
    quotes = indirect(nlp, text)
    assert (
        "Negotiators from Tarvenia and the Veyra Front agreed on Tuesday to extend the truce "
        "by ten days",
        "mediators",
    ) in quotes
    assert not any(speaker == "Negotiators" for _, speaker in quotes)
