"""Quotes: the quotation-mark scanner, speakers on hand-built parses, golden files, floors.

Every sentence here is invented (a fictional conflict between Ardania and Veloria, with
Kestria mediating). Golden files live in ``tests/golden/quotes``: ``<case>.txt`` is the
article, ``<case>.json`` the expected quotes. After a deliberate change of behaviour,
regenerate them with::

    REGEN_GOLDEN=1 .venv/bin/pytest tests/extract/quotes/test_quotes.py -k golden

and review the diff before committing.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from spacy.language import Language
from spacy.tokens import Doc
from spacy.vocab import Vocab

from storyline.extract import ArticleMemo, get_extractors
from storyline.extract.quotes import extractor as quotes_extractor
from storyline.extract.quotes.extractor import (
    _ADDRESS,
    _in_heading,
    _is_title,
    extract_indirect_quotes,
    extract_quotes,
)
from storyline.extract.quotes.marks import find_quoted_spans
from storyline.extract.quotes.speakers import SpeakerFinder
from storyline.extract.registry import Context
from storyline.ingest.base import normalize_text
from storyline.models import Article, Fact, Mention, Quote

from ... import handmade
from ...support import GOLDEN_ROOT, check_golden

GOLDEN = GOLDEN_ROOT / "quotes"


def quoted(text: str) -> list[str]:
    return [text[s.start : s.end] for s in find_quoted_spans(text)]


# -- the quotation-mark scanner ---------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("“We are ready,” she said.", ["We are ready,"]),
        ('"We are ready," she said.', ["We are ready,"]),
        # An opening curly mark closed by a straight one, and the reverse.
        ('“We are ready," she said. "Soon.”', ["We are ready,", "Soon."]),
        # Single marks nested in double ones belong to the outer quote.
        ("“They say ‘wait,’ we say no,” he said.", ["They say ‘wait,’ we say no,"]),
        # Apostrophes are not quotation marks.
        ("Veloria’s army and the Kestrians’ plan don’t change, he said.", []),
        ("“The ’90s are over,” he said.", ["The ’90s are over,"]),
        ("In the ‘90s, he said, ‘nothing’ moved.", ["nothing"]),
        # Single marks as primary quotes, as in headlines.
        ("Valk says offer ‘falls short’ of demands", ["falls short"]),
        ("Valk says offer 'falls short' of demands", ["falls short"]),
        # A possessive after s is skipped for a better closing mark.
        ("Tarn calls ‘the Ardanians’ offer a trap’ again", ["the Ardanians’ offer a trap"]),
        # Typewriter pairs of some archives.
        ("''We will see,'' said Tarn.", ["We will see,"]),
    ],
)
def test_marks(text: str, expected: list[str]) -> None:
    assert quoted(text) == expected


def test_broken_quote_keeps_its_neighbours() -> None:
    text = "“One,” she said. Then “two was never closed. “Three,” she said."
    assert quoted(text) == ["One,", "Three,"]


def test_broken_fragment_does_not_swallow_the_next_paragraph() -> None:
    text = "He said they had “full access to it.\n\n“We will report,” he said."
    assert quoted(text) == ["We will report,"]


def test_multi_paragraph_quote() -> None:
    text = "She spoke. “First part.\n\n“Second part,” she said.\n\nAfter."
    spans = find_quoted_spans(text)
    assert len(spans) == 1
    assert spans[0].segments == ((12, 23), (26, 38))
    assert text[spans[0].start : spans[0].end] == "First part.\n\n“Second part,"


def test_fragment_that_goes_on_in_sentences_runs_into_the_next_paragraph() -> None:
    # Opened mid-sentence, but a sentence ends inside and the next paragraph opens with a
    # mark: the newspaper convention for a quote over several paragraphs.
    text = "Quist said the plan “is a pause. They will rearm.\n\n“We know them,” she said."
    spans = find_quoted_spans(text)
    assert len(spans) == 1
    assert [text[a:b] for a, b in spans[0].segments] == [
        "is a pause. They will rearm.",
        "We know them,",
    ]


def test_unclosed_quote_after_said_runs_to_the_paragraph_end() -> None:
    text = "Varden said: “They told us ‘wait’ and we did.\n\nThen they left."
    assert quoted(text) == ["They told us ‘wait’ and we did."]


def test_single_marks_inside_a_broken_quote_are_not_quotes() -> None:
    text = "He said they had “full access to ‘it’.\n\n“We will report,” he said."
    assert quoted(text) == ["We will report,"]


def test_quote_runs_over_a_hard_wrapped_line() -> None:
    # A line break in mid-sentence (lower case goes on, no blank line) is not a paragraph end.
    text = "She would “not accept a deal that\nrewards the Front,” she said."
    assert quoted(text) == ["not accept a deal that\nrewards the Front,"]
    # A line that ends a sentence, or a blank line, still ends the paragraph.
    assert quoted("He said “no.\nwe” then") == []
    assert quoted("He said “no\n\nwe” then") == []


def test_unclosed_paragraph_quote_stops_at_paragraph_end() -> None:
    text = "“We will not sign.\n\nThe talks ended."
    assert quoted(text) == ["We will not sign."]


@given(st.text(alphabet="ab .,\n“”\"‘’'«»`", max_size=80))
def test_spans_are_ordered_and_inside_the_text(text: str) -> None:
    spans = find_quoted_spans(text)
    for span in spans:
        assert 0 <= span.opening < span.start < span.end <= len(text)
        assert not text[span.start].isspace() and not text[span.end - 1].isspace()
    starts = [s.start for s in spans]
    assert starts == sorted(starts)


# -- speakers on hand-built parses ------------------------------------------------------

# (word, head, dep, pos, tag, lemma, entity, space after)
Row = tuple[str, int, str, str, str, str, str, bool]


def build(rows: list[Row]) -> Doc:
    words, heads, deps, pos, tags, lemmas, ents, spaces = map(list, zip(*rows, strict=True))
    return handmade.build(
        words, heads=heads, deps=deps, pos=pos, tags=tags, lemmas=lemmas, ents=ents, spaces=spaces
    )


def run(doc: Doc, mentions: list[Mention] | None = None) -> list[Quote]:
    article = Article(id="a1", text=doc.text)
    facts: dict[str, list[Fact]] = {"entities": list(mentions or [])}
    context = Context(article, facts)
    return [*extract_quotes(doc, context), *extract_indirect_quotes(doc, context)]


# “We will win,” Tarn said.
AFTER: list[Row] = [
    ("“", 7, "punct", "PUNCT", "``", "“", "O", False),
    ("We", 3, "nsubj", "PRON", "PRP", "we", "O", True),
    ("will", 3, "aux", "AUX", "MD", "will", "O", True),
    ("win", 7, "ccomp", "VERB", "VB", "win", "O", False),
    (",", 7, "punct", "PUNCT", ",", ",", "O", False),
    ("”", 7, "punct", "PUNCT", "''", "”", "O", True),
    ("Tarn", 7, "nsubj", "PROPN", "NNP", "Tarn", "B-PERSON", True),
    ("said", 7, "ROOT", "VERB", "VBD", "say", "O", False),
    (".", 7, "punct", "PUNCT", ".", ".", "O", False),
]

# Jana Tarn spoke. She called the offer “a trap”.
PRONOUN: list[Row] = [
    ("Jana", 1, "compound", "PROPN", "NNP", "Jana", "B-PERSON", True),
    ("Tarn", 2, "nsubj", "PROPN", "NNP", "Tarn", "I-PERSON", True),
    ("spoke", 2, "ROOT", "VERB", "VBD", "speak", "O", False),
    (".", 2, "punct", "PUNCT", ".", ".", "O", True),
    ("She", 5, "nsubj", "PRON", "PRP", "she", "O", True),
    ("called", 5, "ROOT", "VERB", "VBD", "call", "O", True),
    ("the", 7, "det", "DET", "DT", "the", "O", True),
    ("offer", 5, "dobj", "NOUN", "NN", "offer", "O", True),
    ("“", 10, "punct", "PUNCT", "``", "“", "O", False),
    ("a", 10, "det", "DET", "DT", "a", "O", True),
    ("trap", 5, "oprd", "NOUN", "NN", "trap", "O", False),
    ("”", 10, "punct", "PUNCT", "''", "”", "O", False),
    (".", 5, "punct", "PUNCT", ".", ".", "O", False),
]


def test_speaker_after_the_quote() -> None:
    doc = build(AFTER)
    assert doc.text == "“We will win,” Tarn said."
    (quote,) = run(doc)
    assert (quote.text, quote.start, quote.end) == ("We will win,", 1, 13)
    assert doc.text[quote.start : quote.end] == quote.text
    assert (quote.kind, quote.speaker, quote.cue) == ("direct", "Tarn", "say")


def test_mentions_give_the_canonical_name() -> None:
    doc = build(AFTER)
    tarn = Mention(article="a1", start=15, end=19, text="Tarn", name="Jana Tarn", type="PERSON")
    (quote,) = run(doc, [tarn])
    assert quote.speaker == "Jana Tarn"


def test_pronoun_goes_to_the_named_person_before() -> None:
    doc = build(PRONOUN)
    assert doc.text == "Jana Tarn spoke. She called the offer “a trap”."
    (quote,) = run(doc)
    assert (quote.text, quote.kind, quote.speaker, quote.cue) == (
        "a trap",
        "partial",
        "Jana Tarn",
        "call",
    )


def test_both_quote_extractors_share_one_speaker_finder(monkeypatch: pytest.MonkeyPatch) -> None:
    """The pipeline's one memo per article: the finder is built once, and what each
    extractor finds is what it finds with a finder of its own."""
    built: list[SpeakerFinder] = []

    class Counted(SpeakerFinder):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            built.append(self)

    monkeypatch.setattr(quotes_extractor, "SpeakerFinder", Counted)
    doc = build(PRONOUN)
    article = Article(id="a1", text=doc.text)
    facts: dict[str, list[Fact]] = {"entities": []}
    readers = {e.name: e for e in get_extractors()}

    def both(memo: ArticleMemo | None) -> list[Quote]:
        direct = Context(article, facts, readers["quotes"], memo or ArticleMemo())
        indirect = Context(article, facts, readers["indirect_quotes"], memo or ArticleMemo())
        return [*extract_quotes(doc, direct), *extract_indirect_quotes(doc, indirect)]

    shared = both(ArticleMemo())
    assert [(q.text, q.speaker) for q in shared] == [("a trap", "Jana Tarn")]
    assert len(built) == 1
    assert shared == both(None) and len(built) == 3


def test_scare_quote_without_speaker_is_dropped() -> None:
    # The “deal” stalled.
    doc = build(
        [
            ("The", 3, "det", "DET", "DT", "the", "O", True),
            ("“", 3, "punct", "PUNCT", "``", "“", "O", False),
            ("deal", 3, "compound", "NOUN", "NN", "deal", "O", False),
            ("”", 4, "nsubj", "PUNCT", "''", "”", "O", True),
            ("stalled", 4, "ROOT", "VERB", "VBD", "stall", "O", False),
            (".", 4, "punct", "PUNCT", ".", ".", "O", False),
        ]
    )
    assert run(doc) == []


def test_empty_document(blank_vocab: Vocab) -> None:
    assert run(Doc(blank_vocab, words=[])) == []


@pytest.mark.parametrize(
    ("words", "title"),
    [
        ("Children of the Selda River", True),
        ("A Free Selda,", True),
        ("Veyra Front", True),
        ("It's hard,", False),
        ("We Will Win.", False),
        ("falls short", False),
        ("No", False),
    ],
)
def test_titles_of_works(words: str, title: bool) -> None:
    assert _is_title(words) is title


@pytest.mark.parametrize(
    ("words", "address"),
    [
        ("www.selda-relief.org", True),
        ("https://relief.example/selda.", True),
        ("@VeyraFront", True),
        ("press@corvania.example", True),
        ("see www.selda-relief.org", False),
        ("We are @ the border", False),
    ],
)
def test_addresses_are_not_quotes(words: str, address: bool) -> None:
    assert bool(_ADDRESS.fullmatch(words)) is address


@pytest.mark.parametrize(
    ("line", "heading"),
    [
        ("Envoy says Selda talks ‘not dead yet’", True),
        ("‘We will rebuild’", True),
        ("Varden said the talks were “not dead yet.”", False),
        ("“It is warm.”", False),
    ],
)
def test_headings(line: str, heading: bool) -> None:
    assert _in_heading(f"Intro.\n\n{line}\n\nMore.", 10) is heading


# -- news conventions on the real model ---------------------------------------------------


def quotes_of(nlp: Language, text: str) -> list[tuple[str, str | None]]:
    doc = nlp(text)
    context = Context(Article(id="n1", text=text), {"entities": []})
    return [(q.text, q.speaker) for q in extract_quotes(doc, context)]


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A quoted paragraph with no cue is the words of the person the paragraph before
        # introduced, even when the parser runs the two paragraphs together.
        (
            "READ MORE: Kalvar reopens its airport\n\n"
            "Tomas Heyl, a spokesperson for the Veyra Front, was less hopeful.\n\n"
            "“Words are cheap. We want the checkpoints open.”\n",
            [("Words are cheap. We want the checkpoints open.", "Tomas Heyl")],
        ),
        # A whole quoted sentence after its speaker's sentence is a quote however short.
        (
            "Anika Rensa said her family now sleeps in a church hall. “It is warm.”\n",
            [("It is warm.", "Anika Rensa")],
        ),
        # Link lines, titles, labels and negated cues quote no one.
        (
            "WATCH: Ilse Varden says the talks are “not over”\n\n"
            "Ilse Varden said she had read the pamphlet “A Free and Proud Selda” twice.\n\n"
            "Tomas Heyl would not say what “consequences” the Front had in mind.\n\n"
            "The government’s so-called “final offer” expires on Tuesday.\n",
            [],
        ),
        # A headline echoing the body, and a fragment quoted again, are counted once.
        (
            "Envoy says talks ‘not dead yet’\n\n"
            "Ilse Varden said the talks were “not dead yet,” despite the shelling.\n\n"
            "Tomas Heyl mocked Varden’s claim that the talks were “not dead yet.”\n",
            [("not dead yet,", "Ilse Varden")],
        ),
    ],
)
def test_news_conventions(nlp: Language, text: str, expected: list[tuple[str, str]]) -> None:
    assert quotes_of(nlp, text) == expected


# -- golden files (the real model) ------------------------------------------------------


def golden_cases() -> list[str]:
    return sorted(p.stem for p in GOLDEN.glob("*.txt"))


def extract_golden(nlp: Language, name: str) -> list[dict[str, Any]]:
    text = normalize_text((GOLDEN / f"{name}.txt").read_text(encoding="utf-8"))
    doc = nlp(text)
    keys = ("text", "start", "end", "kind", "speaker", "cue")
    quotes = sorted(run(doc), key=lambda q: (q.start, q.end))
    return [{k: getattr(q, k) for k in keys} for q in quotes]


@pytest.mark.slow
@pytest.mark.parametrize("name", golden_cases())
def test_golden(nlp: Language, name: str) -> None:
    got = extract_golden(nlp, name)
    assert got == check_golden(GOLDEN / f"{name}.json", got)


# -- eval floors on ../shared (the real model) -----------------------------------------


def score_set(nlp: Language, gold_file: Path, kinds: tuple[str, ...]) -> dict[str, Any]:
    from storyline.evaluate.gold import load_gold
    from storyline.evaluate.score import Tally, _score_quotes
    from storyline.ingest import Defaults

    gold = load_gold(gold_file)
    rows: dict[str, Tally] = {}
    for document in gold.documents:
        article = document.article.to_article(Defaults())
        doc = nlp(article.text)
        context = Context(article, {"entities": []})
        quotes = [*extract_quotes(doc, context), *extract_indirect_quotes(doc, context)]
        predicted = [q.to_dict() for q in quotes if q.kind in kinds]
        _score_quotes(predicted, document.annotations.get("quotes", []), rows)
    return {row: tally.to_dict() for row, tally in rows.items()}


@pytest.mark.slow
def test_seed_floor(nlp: Language, shared_dir: Path) -> None:
    # The seed gold annotates only marked quotes, so indirect ones are left out here.
    scores = score_set(nlp, shared_dir / "data/gold/seeds.json", ("direct", "partial"))
    assert scores["strict"]["f1"] >= 0.95
    assert scores["strict"]["speaker_exact"] >= 0.88


@pytest.mark.slow
def test_news_direct_floor(nlp: Language) -> None:
    # Eight invented news articles (data/news_direct.json) covering the conventions above:
    # verbless quote paragraphs, short quotes, link lines, captions, titles, echoes.
    scores = score_set(nlp, Path(__file__).parent / "data/news_direct.json", ("direct", "partial"))
    assert scores["strict"]["f1"] >= 0.95
    assert scores["strict"]["speaker_exact"] >= 0.95


# PolNeAR's floor is pinned by the eval gate (tests/test_eval_gate.py): one run serves both.
