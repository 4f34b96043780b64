"""Events: framing rules on hand-built parses, the real model on invented sentences, golden
files, and a meeting reported three times that stays one event.

Every sentence here is invented (Marda, Rovania and the Tessel valley do not exist).
Golden files live in ``tests/golden/events``; regenerate them on purpose with

    REGEN_GOLDEN=1 .venv/bin/pytest tests/extract/events/test_events.py -k golden
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from spacy.language import Language
from spacy.tokens import Doc
from spacy.vocab import Vocab

from storyline.errors import LexiconError
from storyline.extract.common.syntax import NOUN_MODIFIERS
from storyline.extract.events.extractor import extract_events
from storyline.extract.events.lexicon import load_lexicon, parse_trigger
from storyline.extract.events.triggers import Sieve, _verb_candidate, is_event_noun, match_noun
from storyline.extract.registry import Context
from storyline.matching.events import merge_events
from storyline.models import EVENT_TYPES, Article, Event, Mention

from ...handmade import parse, tokenize
from ...support import GOLDEN_ROOT, check_golden

GOLDEN = GOLDEN_ROOT / "events"
PUBLISHED = "2025-06-04"  # a Wednesday


def run(
    doc: Doc, published: str | None = PUBLISHED, mentions: list[Mention] | None = None
) -> list[Event]:
    article = Article(id="a1", text=doc.text, published=published)
    found = extract_events(doc, Context(article, {"entities": mentions or []}))
    return [e for e in found if isinstance(e, Event)]


# -- the lexicons ----------------------------------------------------------------------


def test_lexicons_load_with_known_types() -> None:
    lexicon = load_lexicon()
    assert len(lexicon.verbs) > 200 and len(lexicon.nouns) > 100
    for entries in (*lexicon.verbs.values(), *lexicon.nouns.values()):
        for entry in entries:
            assert entry.type in EVENT_TYPES or entry.type == "IGNORE"


def test_lexicon_line_format() -> None:
    trigger = parse_trigger("SANCTION/withdraw  withdraw from>talk|deal", noun=False)
    assert (trigger.type, trigger.mode, trigger.lemma) == ("SANCTION", "withdraw", "withdraw")
    assert trigger.preps == (("from", frozenset({"talk", "deal"})),)
    noun = parse_trigger("ASSAULT/aerial  air strike", noun=True)
    assert (noun.lemma, noun.modifiers) == ("strike", ("air",))
    with pytest.raises(LexiconError, match="unknown PLOVER type"):
        parse_trigger("ATTACK strike", noun=False)


def test_more_specific_lines_win() -> None:
    entries = load_lexicon().verbs["back"]
    assert entries[0].particles  # "back down" is tried before plain "back"


# -- hand-built parses -------------------------------------------------------------------

SHELLED = """
Rovanian Rovanian ADJ JJ amod 1 NORP
jets jet NOUN NNS nsubj 2
bombed bomb VERB VBD ROOT 2
Kesh Kesh PROPN NNP dobj 2 GPE
on on ADP IN prep 2
Sunday Sunday PROPN NNP pobj 4 DATE
. . PUNCT . punct 2
"""


def test_attack_with_actor_mode_and_weekday() -> None:
    (event,) = run(parse(SHELLED))
    assert (event.type, event.mode, event.status) == ("ASSAULT", "aerial", "occurred")
    assert event.actor == "Rovanian jets"
    assert (event.date, event.date_text) == ("2025-06-01", "on Sunday")
    assert event.text == "bombed"


def test_offsets_point_into_the_text() -> None:
    doc = parse(SHELLED)
    (event,) = run(doc)
    assert doc.text[event.start : event.end] == event.text


def test_no_publication_date_keeps_the_date_text() -> None:
    (event,) = run(parse(SHELLED), published=None)
    assert event.date is None and event.date_text == "on Sunday"


AGREED = """
Marda Marda PROPN NNP nsubj 1 GPE
agreed agree VERB VBD ROOT 1
to to PART TO aux 3
withdraw withdraw VERB VB xcomp 1
its its PRON PRP$ poss 5
troops troop NOUN NNS dobj 3
. . PUNCT . punct 1
"""


def test_agreeing_to_an_act_is_one_agree() -> None:
    (event,) = run(parse(AGREED))
    assert (event.type, event.actor, event.status) == ("AGREE", "Marda", "occurred")
    assert event.text == "agreed to withdraw"


WILL_NOT_ACCEPT = """
Marda Marda PROPN NNP nsubj 3 GPE
will will AUX MD aux 3
not not PART RB neg 3
accept accept VERB VB ROOT 3
the the DET DT det 5
plan plan NOUN NN dobj 3
. . PUNCT . punct 3
"""


def test_refusing_a_cooperative_act_is_reject() -> None:
    (event,) = run(parse(WILL_NOT_ACCEPT))
    assert (event.type, event.actor, event.status) == ("REJECT", "Marda", "occurred")


DID_NOT_MEET = """
Reyk Reyk PROPN NNP nsubj 3 PERSON
did do AUX VBD aux 3
not not PART RB neg 3
meet meet VERB VB ROOT 3
the the DET DT det 5
envoys envoy NOUN NNS dobj 3
. . PUNCT . punct 3
"""


def test_did_not_is_negated() -> None:
    (event,) = run(parse(DID_NOT_MEET))
    assert (event.type, event.actor, event.status) == ("CONSULT", "Reyk", "negated")


QUOTED = """
“ “ PUNCT `` punct 3
We we PRON PRP nsubj 3
will will AUX MD aux 3
strike strike VERB VB ccomp 7
Kesh Kesh PROPN NNP dobj 3 GPE
, , PUNCT , punct 3
” ” PUNCT '' punct 7
Reyk Reyk PROPN NNP nsubj 7 PERSON
said say VERB VBD ROOT 7
. . PUNCT . punct 7
"""


def test_words_in_quotation_marks_are_not_events() -> None:
    doc = parse(QUOTED)
    assert doc.text.startswith("“We will strike Kesh,”")
    assert run(doc) == []


TWICE = """
Varn Varn PROPN NNP nsubj 1 PERSON
met meet VERB VBD ROOT 1
Hallo Hallo PROPN NNP dobj 1 PERSON
on on ADP IN prep 1
Monday Monday PROPN NNP pobj 3 DATE
. . PUNCT . punct 1
Hallo Hallo PROPN NNP nsubj 7 PERSON
met meet VERB VBD ROOT 7
Varn Varn PROPN NNP dobj 7 PERSON
on on ADP IN prep 7
Monday Monday PROPN NNP pobj 9 DATE
. . PUNCT . punct 7
"""


def test_one_meeting_reported_twice_in_an_article_is_one_event() -> None:
    (event,) = run(parse(TWICE))
    assert (event.type, event.actor, event.target, event.date) == (
        "CONSULT",
        "Varn",
        "Hallo",
        "2025-06-02",
    )


def test_mentions_give_canonical_names() -> None:
    doc = parse(SHELLED)
    kesh = doc[3]
    mention = Mention(
        article="a1", start=kesh.idx, end=kesh.idx + 4, text="Kesh", name="Kesh City", type="GPE"
    )
    jets = doc[1]
    owner = Mention(
        article="a1",
        start=jets.idx,
        end=jets.idx + 4,
        text="jets",
        name="Rovanian Air Force",
        type="ORG",
    )
    (event,) = run(doc, mentions=[mention, owner])
    assert event.actor == "Rovanian Air Force"


def test_empty_and_unparsed_documents(blank_vocab: Vocab) -> None:
    assert run(Doc(blank_vocab, words=[])) == []
    assert run(tokenize("Rovanian jets bombed Kesh on Sunday.")) == []


def test_merge_keeps_distinct_meetings_apart() -> None:
    def meeting(start: int, target: str) -> Event:
        return Event(
            article="a1", start=start, end=start + 3, text="met", type="CONSULT",
            actor="Ilsa Varn", target=target, date="2025-06-03",
        )  # fmt: skip

    merged = merge_events([meeting(0, "Piet Hallo"), meeting(50, "Osterby mediators"),
                           meeting(90, "Hallo")])  # fmt: skip
    assert [e.target for e in merged] == ["Piet Hallo", "Osterby mediators"]


# -- the real model on invented sentences -------------------------------------------------

CASES = [
    # sentence, type, actor contains, status, date (published Wednesday 2025-06-04)
    ("Marda agreed on Tuesday to withdraw its troops from the border town of Kesh.",
     "AGREE", "Marda", "occurred", "2025-06-03"),
    ("Rovanian Prime Minister Tomas Reyk vowed to launch an offensive on Kesh.",
     "THREATEN", "Reyk", "occurred", "2025-06-04"),
    ("The Rovanian army will provide food aid to the displaced, a spokesman said.",
     "AGREE", "Rovanian army", "planned", None),
    ("Rovania said Marda must release the prisoners before any talks.",
     "REQUEST", "Rovania", "occurred", "2025-06-04"),
    ("Marda's foreign minister, Ilsa Varn, accused Rovania of shelling civilians in Kesh.",
     "ACCUSE", "minister", "occurred", "2025-06-04"),
    ("Ilsa Varn spoke by phone with the Rovanian envoy on Monday.",
     "CONSULT", "Varn", "occurred", "2025-06-02"),
    ("Reyk did not meet the families of the captives.", "CONSULT", "Reyk", "negated", None),
    ("Rovania has yet to allow aid convoys into Kesh.", "RETREAT", "Rovania", "negated", None),
    ("Marda would agree to a longer truce if Rovania freed all the prisoners it holds.",
     "AGREE", "Marda", "hypothetical", None),
    ("Rovanian jets bombed a market in Kesh late Sunday, killing nine people.",
     "ASSAULT", "Rovanian jets", "occurred", "2025-06-01"),
    ("Thousands of Mardan students marched through the capital on Saturday to protest the war.",
     "PROTEST", "students", "occurred", "2025-05-31"),
    ("Ilsa Varn will meet the mediators in Osterby on Friday.",
     "CONSULT", "Varn", "planned", "2025-06-06"),
    ("Rovania suspended aid deliveries to the valley on Monday.",
     "SANCTION", "Rovania", "occurred", "2025-06-02"),
    ("Mardan police arrested 40 protesters in Kesh yesterday.",
     "COERCE", "police", "occurred", "2025-06-03"),
]  # fmt: skip


# A speech act with no time of its own takes the article's day (date_inferred), as readers
# date a statement's acts; a material act without one stays undated.
@pytest.mark.slow
@pytest.mark.parametrize(("sentence", "kind", "actor", "status", "date"), CASES)
def test_sentences(
    nlp: Language, sentence: str, kind: str, actor: str, status: str, date: str | None
) -> None:
    events = run(nlp(sentence))
    assert len(events) == 1, events
    (event,) = events
    assert (event.type, event.status, event.date) == (kind, status, date)
    assert actor in (event.actor or "")


@pytest.mark.slow
def test_quoted_threat_is_not_an_event(nlp: Language) -> None:
    assert run(nlp("“We will strike Kesh again,” Reyk said.")) == []


@pytest.mark.slow
def test_dateline_is_the_default_place(nlp: Language) -> None:
    doc = nlp("OSTERBY, Lune (North Wire) — Marda and Rovania agreed on Tuesday to a truce.")
    (event,) = run(doc)
    assert (event.type, event.actor, event.location) == ("AGREE", "Marda", "Osterby")


@pytest.mark.slow
def test_one_meeting_reported_three_times_in_an_article(nlp: Language) -> None:
    text = (
        "Ilsa Varn met Piet Hallo in Kesh on Tuesday. "
        "After the meeting with Hallo on Tuesday, Varn said the talks had gone well. "
        "Hallo, who met Varn on Tuesday, did not comment."
    )
    meetings = [e for e in run(nlp(text)) if e.type == "CONSULT"]
    assert len(meetings) == 1
    assert meetings[0].date == "2025-06-03"


def test_the_sieve_keeps_every_token_a_candidate_can_come_from(nlp: Language) -> None:
    # find_candidates reads only the tokens Sieve.of keeps: the rules, run on every token,
    # find their candidates among those.
    doc = nlp(
        "Rovania’s army launched an offensive on Tuesday, shelling Kesh. Marda said it was "
        "ready to host talks and would have talks with the Front. The ministry condemned the "
        "bombing of the market, and peace talks were called off. Officials are preparing to "
        "resume shelling, the council said, demanding that Rovania must withdraw its troops."
    )
    lexicon = load_lexicon()
    sieve = Sieve.of(doc, lexicon)
    verbs = {
        t.i
        for t in doc
        if t.dep_ not in NOUN_MODIFIERS and _verb_candidate(t, lexicon, set()) is not None
    }
    nouns = {
        t.i
        for t in doc
        if is_event_noun(t)
        and t.dep_ != "compound"
        and (t.pos_ != "VERB" or t.dep_ in ("pobj", "dobj"))
        and match_noun(t, lexicon) is not None
    }
    assert len(verbs) > 5 and len(nouns) > 3
    assert verbs <= set(sieve.verbs) and nouns <= set(sieve.nouns)


# -- golden files (the real model) -------------------------------------------------------


def golden_cases() -> list[str]:
    return sorted(p.stem for p in GOLDEN.glob("*.txt"))


def extract_golden(nlp: Language, name: str, published: str) -> list[dict[str, Any]]:
    text = (GOLDEN / f"{name}.txt").read_text(encoding="utf-8")
    keys = ("text", "start", "end", "type", "mode", "actor", "target", "location", "date",
            "date_text", "period", "status", "date_inferred")  # fmt: skip
    return [{k: getattr(e, k) for k in keys} for e in run(nlp(text), published=published)]


@pytest.mark.slow
@pytest.mark.parametrize("name", golden_cases())
def test_golden(nlp: Language, name: str) -> None:
    expected_file = GOLDEN / f"{name}.json"
    expected = json.loads(expected_file.read_text(encoding="utf-8"))
    got = extract_golden(nlp, name, expected["published"])
    assert got == check_golden(expected_file, {**expected, "events": got})["events"]


@pytest.mark.slow
def test_a_when_clause_takes_the_date_it_hangs_from(nlp: Language) -> None:
    doc = nlp("The war began on May 4, when rebel fighters stormed the port of Caldra.")
    assaults = [e for e in run(doc) if e.type == "ASSAULT"]
    assert assaults and assaults[0].date == "2025-05-04"


@pytest.mark.slow
def test_an_act_a_stretch_of_time_before_the_main_one_is_its_own_event(nlp: Language) -> None:
    text = (
        "A Rovanian strike on the market in Kesh killed nine people, hospital officials "
        "said, a day after mediators asked both sides to answer their plan."
    )
    assert [(e.type, e.actor) for e in run(nlp(text))] == [
        ("ASSAULT", "Rovanian"),
        ("REQUEST", "mediators"),
    ]
