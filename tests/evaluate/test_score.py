"""The matching rules of contract §3, on hand-made predictions."""

from __future__ import annotations

from storyline.evaluate.gold import GoldDocument, GoldSet
from storyline.evaluate.score import (
    lenient_name,
    match,
    overlap,
    proposal_view,
    same_name,
    same_unit,
    score_export,
)
from storyline.ingest import RawArticle


def gold_set(**annotations: list[dict[str, object]]) -> GoldSet:
    doc = GoldDocument(id="d1", article=RawArticle(source="t", text="x"), annotations=annotations)
    return GoldSet(name="t", path="t", documents=[doc])


def test_names() -> None:
    assert lenient_name("Varden", "Ilse Varden") and lenient_name("Ilse Varden", "varden")
    assert not lenient_name("Ilse", "Ilse Varden")
    assert same_name("Ilse  Varden", "ilse varden") and not same_name("Varden", "Ilse Varden")
    assert not lenient_name(None, "X")


def test_overlap_is_multiset_over_longer() -> None:
    assert overlap("“No time left,” he", "no time left") == 0.75
    assert overlap("a a b", "a b b") == 2 / 3
    assert overlap("", "") == 0.0


def test_units() -> None:
    assert same_unit("Mile", "mile") and same_unit("USD", "dollar") and same_unit("euro", "€")
    assert not same_unit("percent", "mile") and not same_unit(None, "mile")


def test_greedy_one_to_one() -> None:
    preds = [{"v": 1}, {"v": 2}]
    golds = [{"v": 2}, {"v": 2}]
    pairs = match(preds, golds, lambda p, g: 1.0 if p["v"] == g["v"] else None)
    assert len(pairs) == 1


def test_quotes_strict_and_lenient_and_speaker() -> None:
    gold = gold_set(quotes=[
        {"text": "We will not sign this draft as it stands", "speaker": "Ilse Varden", "kind": "direct"},
        {"text": "a path forward", "speaker": "Oren Malik", "kind": "partial"},
    ])  # fmt: skip
    export = {"quotes": [
        {"article": "A", "text": "We will not sign this draft as it stands today", "speaker": "Ilse Varden", "kind": "direct"},
        {"article": "A", "text": "there is a path forward for all", "speaker": "Malik", "kind": "partial"},
        {"article": "A", "text": "unrelated words", "speaker": None, "kind": "direct"},
    ]}  # fmt: skip
    scores = score_export(gold, export, {"d1": "A"})["quotes"]
    assert scores["strict"]["tp"] == 1 and scores["strict"]["speaker_exact"] == 1.0
    assert scores["lenient"]["tp"] == 2
    assert scores["lenient"]["speaker_exact"] == 0.5 and scores["lenient"]["speaker_lenient"] == 1.0
    assert scores["strict"]["precision"] == round(1 / 3, 4)


def test_figures_values_ranges_and_attributes() -> None:
    gold = gold_set(figures=[
        {"value": 1400000, "kind": "sheltering", "qualifier": "approx", "source": None, "unit": None},
        {"low": 200, "high": 999, "kind": "killed", "qualifier": None, "source": "the health ministry", "unit": None},
    ])  # fmt: skip
    export = {"figures": [
        {"article": "A", "value": 1401000, "kind": "displaced", "qualifier": "approx"},
        {"article": "A", "value": None, "low": 200, "high": 999, "kind": "killed", "source": "health ministry"},
    ]}  # fmt: skip
    row = score_export(gold, export, {"d1": "A"})["figures"]["value"]
    assert (
        row["f1"] == 1.0 and row["kind"] == 0.5 and row["source"] == 1.0 and row["qualifier"] == 1.0
    )


def test_events_legacy_types_actor_and_date() -> None:
    gold = gold_set(events=[
        {"type": "DEMAND", "actor": "Dravana", "target": None, "date": "2025-03-03"},
        {"type": "FIGHT", "actor": "Coastal League", "target": None, "date": None},
    ])  # fmt: skip
    export = {"events": [
        {"article": "A", "type": "REQUEST", "actor": "Dravana", "date": "2025-03-04"},
        {"article": "A", "type": "ASSAULT", "actor": "Someone Else", "date": None},
    ]}  # fmt: skip
    scores = score_export(gold, export, {"d1": "A"})["events"]
    assert scores["type"]["tp"] == 2 and scores["type+actor"]["tp"] == 1
    assert scores["type+actor"]["date"] == 0.0


def test_proposals_and_positions() -> None:
    gold = gold_set(
        proposals=[{"proposer": "Coastal League", "phase_count": 3, "phase_duration_days": [42, 42],
                    "terms": ["ceasefire", "withdrawal"]}],
        positions=[{"holder": "Ilse Varden", "stance": "reject"}],
    )  # fmt: skip
    phase = {"index": 1, "duration_days": [42, 42], "terms": [{"kind": "ceasefire", "text": "t"}]}
    export = {
        "proposals": [{"articles": ["A"], "proposer": "League", "phases": [phase, phase, phase]}],
        "positions": [{"article": "A", "holder": "Varden", "stance": "reject"}],
    }
    assert proposal_view(export["proposals"][0])["phase_count"] == 3
    scores = score_export(gold, export, {"d1": "A"})
    assert scores["proposals"]["proposal"]["tp"] == 1
    assert scores["proposals"]["proposal"]["terms_jaccard"] == 0.5
    assert scores["positions"]["holder+stance"]["f1"] == 1.0


def test_absent_key_is_not_scored_empty_list_is() -> None:
    gold = gold_set(quotes=[])
    scores = score_export(
        gold, {"quotes": [{"article": "A", "text": "x"}], "events": [{"article": "A"}]}, {"d1": "A"}
    )
    assert set(scores) == {"quotes"}
    assert (
        scores["quotes"]["strict"]["predicted"] == 1
        and scores["quotes"]["strict"]["precision"] == 0.0
    )


def test_quote_scope_follows_the_kinds_the_set_annotates() -> None:
    gold = gold_set(quotes=[{"text": "we will sign", "speaker": "X", "kind": "direct"}])
    export = {"quotes": [
        {"article": "A", "text": "we will sign", "speaker": "X", "kind": "direct"},
        {"article": "A", "text": "that talks would go on", "speaker": "X", "kind": "indirect"},
    ]}  # fmt: skip
    row = score_export(gold, export, {"d1": "A"})["quotes"]["strict"]
    assert (row["predicted"], row["precision"]) == (1, 1.0)
    untyped = gold_set(quotes=[{"text": "we will sign", "speaker": "X", "kind": None}])
    assert score_export(untyped, export, {"d1": "A"})["quotes"]["strict"]["predicted"] == 2


def test_range_ends_match_one_by_one_where_the_set_has_no_ranges() -> None:
    # A set that marks each number alone: "between 40 and 60 lorries" is two gold values.
    gold = gold_set(figures=[{"value": 40, "unit": "lorry"}, {"value": 7, "unit": "day"}])
    export = {"figures": [
        {"article": "A", "value": None, "low": 40, "high": 60, "unit": "lorry"},
        {"article": "A", "value": None, "low": 3, "high": 5, "unit": "day"},
        {"article": "A", "value": 7, "unit": "day"},
    ]}  # fmt: skip
    row = score_export(gold, export, {"d1": "A"})["figures"]["value"]
    # 40 matches; 60, 3 and 5 match nothing and are no false positives.
    assert row["tp"] == 2 and row["predicted"] == 2 and row["precision"] == 1.0


def test_ranges_stay_whole_where_the_set_has_ranges() -> None:
    gold = gold_set(figures=[{"low": 200, "high": 999}, {"value": 40}])
    export = {"figures": [
        {"article": "A", "value": None, "low": 40, "high": 60},
        {"article": "A", "value": None, "low": 200, "high": 999},
    ]}  # fmt: skip
    row = score_export(gold, export, {"d1": "A"})["figures"]["value"]
    assert row["tp"] == 1 and row["predicted"] == 2
