"""The matching rules of contract §3.

Text is compared as lower-cased ``\\w+`` tokens. Matching is one-to-one and greedy by best
score within one document. Each category yields precision/recall/F1 counts and accuracies
over matched pairs; an absent gold key is not scored, an empty list scores every
prediction as a false positive.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from .gold import GoldSet

Item = dict[str, Any]

# Gold files coded with the older PLOVER draft use these labels (contract §3).
LEGACY_EVENT_TYPES = {
    "DEMAND": "REQUEST",
    "DISAPPROVE": "ACCUSE",
    "INVESTIGATE": "ACCUSE",
    "FIGHT": "ASSAULT",
}

# Names and codes that make a unit a currency, for "both currencies" (contract §3).
CURRENCY_WORDS = {
    "dollar", "dollars", "usd", "us$", "$", "euro", "euros", "eur", "€", "pound", "pounds",
    "pound sterling", "gbp", "£", "yen", "jpy", "¥", "yuan", "cny", "rmb", "renminbi", "rupee",
    "rupees", "inr", "ringgit", "myr", "franc", "francs", "chf", "won", "krw", "peso", "pesos",
    "real", "reais", "brl", "rand", "zar", "ruble", "rubles", "rouble", "rub", "lira", "try",
    "shekel", "shekels", "ils", "nis", "dirham", "aed", "riyal", "sar", "krona", "krone",
    "sek", "nok", "dkk", "sen", "cent", "cents", "baht", "dong", "rupiah", "naira", "hkd",
    "cad", "aud", "sgd", "nzd", "mxn", "bitcoin", "btc",
}  # fmt: skip


def tokens(text: str | None) -> list[str]:
    return re.findall(r"\w+", (text or "").lower())


def same_name(a: str | None, b: str | None) -> bool:
    """Exact rule: equal after normalizing to tokens."""
    ta, tb = tokens(a), tokens(b)
    return bool(ta) and ta == tb


def lenient_name(a: str | None, b: str | None) -> bool:
    """Lenient rule: one name's tokens end the other's (``Varden`` ~ ``Ilse Varden``)."""
    ta, tb = tokens(a), tokens(b)
    if not ta or not tb:
        return False
    short, long_ = sorted((ta, tb), key=len)
    return long_[-len(short) :] == short


def is_currency(unit: str | None) -> bool:
    if not unit:
        return False
    u = unit.lower().strip()
    return u in CURRENCY_WORDS or any(w in CURRENCY_WORDS for w in u.split())


def same_unit(pred: str | None, gold: str | None) -> bool:
    if pred is not None and gold is not None and pred.lower() == gold.lower():
        return True
    return is_currency(pred) and is_currency(gold)


def overlap(pred: str | None, gold: str | None) -> float:
    """Multiset token overlap ``|P ∩ G| / max(|P|, |G|)``."""
    p, g = Counter(tokens(pred)), Counter(tokens(gold))
    size = max(sum(p.values()), sum(g.values()))
    return sum((p & g).values()) / size if size else 0.0


def match(
    preds: Sequence[Item], golds: Sequence[Item], score: Callable[[Item, Item], float | None]
) -> list[tuple[Item, Item]]:
    """One-to-one greedy matching: the best-scoring pair first; ``None`` means no match."""
    pairs = []
    for i, p in enumerate(preds):
        for j, g in enumerate(golds):
            s = score(p, g)
            if s is not None:
                pairs.append((-s, i, j))
    pairs.sort()
    used_p: set[int] = set()
    used_g: set[int] = set()
    out = []
    for _, i, j in pairs:
        if i not in used_p and j not in used_g:
            used_p.add(i)
            used_g.add(j)
            out.append((preds[i], golds[j]))
    return out


@dataclass
class Tally:
    """Counts for one row of a table: matches and accuracies over matched pairs."""

    tp: int = 0
    n_pred: int = 0
    n_gold: int = 0
    right: Counter[str] = field(default_factory=Counter)
    asked: Counter[str] = field(default_factory=Counter)
    sums: dict[str, float] = field(default_factory=dict)

    def add(self, n_pred: int, n_gold: int, matched: int) -> None:
        self.n_pred += n_pred
        self.n_gold += n_gold
        self.tp += matched

    def check(self, name: str, ok: bool) -> None:
        self.asked[name] += 1
        self.right[name] += int(ok)

    def mean(self, name: str, value: float) -> None:
        self.asked[name] += 1
        self.sums[name] = self.sums.get(name, 0.0) + value

    def to_dict(self) -> dict[str, Any]:
        p = self.tp / self.n_pred if self.n_pred else 0.0
        r = self.tp / self.n_gold if self.n_gold else 0.0
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        out: dict[str, Any] = {
            "precision": round(p, 4), "recall": round(r, 4), "f1": round(f1, 4),
            "tp": self.tp, "predicted": self.n_pred, "gold": self.n_gold,
        }  # fmt: skip
        for name in self.asked:
            total = self.right[name] + self.sums.get(name, 0.0)
            out[name] = round(total / self.asked[name], 4)
            out[f"{name}_n"] = self.asked[name]
        return out


def _score_quotes(preds: list[Item], golds: list[Item], rows: dict[str, Tally]) -> None:
    for row, threshold in (("strict", 0.8), ("lenient", 0.3)):
        tally = rows.setdefault(row, Tally())

        def score(p: Item, g: Item, t: float = threshold) -> float | None:
            o = overlap(p.get("text"), g.get("text"))
            return o if o >= t else None

        pairs = match(preds, golds, score)
        tally.add(len(preds), len(golds), len(pairs))
        for p, g in pairs:
            if g.get("speaker") is not None:
                tally.check("speaker_exact", same_name(p.get("speaker"), g["speaker"]))
                tally.check("speaker_lenient", lenient_name(p.get("speaker"), g["speaker"]))
            if g.get("kind") is not None:
                tally.check("kind", p.get("kind") == g["kind"])


def _close(a: Any, b: Any) -> bool:
    if a is None or b is None:
        return False
    x, y = float(a), float(b)
    return abs(x - y) <= 0.005 * abs(y) if y else x == 0


def _figure_values_match(p: Item, g: Item) -> bool:
    if g.get("value") is not None:
        return _close(p.get("value"), g["value"])
    if g.get("low") is not None or g.get("high") is not None:
        return _close(p.get("low"), g.get("low")) and _close(p.get("high"), g.get("high"))
    return False


# Marks a one-end prediction cut from a range ("end" itself is an offset in the export).
RANGE_END = "_range_end"


def _range_ends(p: Item) -> list[Item]:
    """A predicted range as two one-value predictions, one per end (contract §3)."""
    if p.get("value") is not None or p.get("low") is None or p.get("high") is None:
        return [p]
    return [
        {**p, "value": p["low"], RANGE_END: "low"},
        {**p, "value": p["high"], RANGE_END: "high"},
    ]


def _score_figures(
    preds: list[Item], golds: list[Item], rows: dict[str, Tally], *, split_ranges: bool = False
) -> None:
    """Figures matched on value; ``split_ranges`` for a gold set with no range anywhere.

    There (NewsQuant marks each number on its own) each end of a predicted range may match
    a gold value, and an end that matches nothing is not a false positive.
    """
    tally = rows.setdefault("value", Tally())
    if split_ranges:
        preds = [end for p in preds for end in _range_ends(p)]

    def score(p: Item, g: Item) -> float | None:
        if not _figure_values_match(p, g):
            return None
        # Among equal values, prefer the pair that also agrees on what was counted.
        agree = sum(p.get(k) == g.get(k) for k in ("kind", "qualifier") if g.get(k) is not None)
        return (
            1.0 + 0.01 * float(agree) + (0.01 if same_unit(p.get("unit"), g.get("unit")) else 0.0)
        )

    pairs = match(preds, golds, score)
    matched = {id(p) for p, _ in pairs}
    unmatched_ends = sum(1 for p in preds if RANGE_END in p and id(p) not in matched)
    tally.add(len(preds) - unmatched_ends, len(golds), len(pairs))
    for p, g in pairs:
        for key in ("kind", "qualifier"):
            if g.get(key) is not None:
                tally.check(key, p.get(key) == g[key])
        if g.get("source") is not None:
            tally.check("source", lenient_name(p.get("source"), g["source"]))
        if g.get("unit") is not None:
            tally.check("unit", same_unit(p.get("unit"), g["unit"]))


def event_type(item: Item) -> str | None:
    kind = item.get("type")
    return LEGACY_EVENT_TYPES.get(kind, kind) if isinstance(kind, str) else None


def _score_events(preds: list[Item], golds: list[Item], rows: dict[str, Tally]) -> None:
    for row, need_actor in (("type", False), ("type+actor", True)):
        tally = rows.setdefault(row, Tally())

        def score(p: Item, g: Item, actor: bool = need_actor) -> float | None:
            if event_type(p) != event_type(g):
                return None
            actor_ok = lenient_name(p.get("actor"), g.get("actor"))
            if actor and g.get("actor") is not None and not actor_ok:
                return None
            date_ok = g.get("date") is not None and p.get("date") == g.get("date")
            return 1.0 + 0.1 * actor_ok + 0.01 * date_ok

        pairs = match(preds, golds, score)
        tally.add(len(preds), len(golds), len(pairs))
        for p, g in pairs:
            if g.get("date") is not None:
                tally.check("date", p.get("date") == g["date"])
            if g.get("target") is not None:
                tally.check("target", lenient_name(p.get("target"), g["target"]))


def proposal_view(p: Item) -> Item:
    """A predicted proposal in the gold's terms: proposer, phase count, durations, terms."""
    phases = p.get("phases") or []
    spans = [ph["duration_days"] for ph in phases if ph.get("duration_days")]
    return {
        "proposer": p.get("proposer"),
        "phase_count": len(phases) or None,
        "phase_duration_days": [min(s[0] for s in spans), max(s[1] for s in spans)]
        if spans
        else None,
        "terms": sorted({t["kind"] for ph in phases for t in ph.get("terms") or []}),
    }


def _jaccard(a: Sequence[str], b: Sequence[str]) -> float:
    sa, sb = set(a), set(b)
    return len(sa & sb) / len(sa | sb) if sa | sb else 1.0


def _proposal_parts(p: Item, g: Item) -> dict[str, float]:
    parts: dict[str, float] = {}
    if g.get("proposer") is not None:
        parts["proposer"] = float(lenient_name(p.get("proposer"), g["proposer"]))
    if g.get("phase_count") is not None:
        parts["phase_count"] = float(p.get("phase_count") == g["phase_count"])
    if g.get("phase_duration_days") is not None:
        parts["phase_duration"] = float(
            p.get("phase_duration_days") == list(g["phase_duration_days"])
        )
    if g.get("terms") is not None:
        parts["terms_jaccard"] = _jaccard(p.get("terms") or [], g["terms"])
    return parts


def _score_proposals(preds: list[Item], golds: list[Item], rows: dict[str, Tally]) -> None:
    tally = rows.setdefault("proposal", Tally())
    views = [proposal_view(p) for p in preds]

    def score(p: Item, g: Item) -> float | None:
        parts = _proposal_parts(p, g)
        s = sum(parts.values()) / len(parts) if parts else 1.0
        # A pair that agrees on at most a third of what gold says is no match.
        return s if s > 1 / 3 else None

    pairs = match(views, golds, score)
    tally.add(len(views), len(golds), len(pairs))
    for p, g in pairs:
        for name, value in _proposal_parts(p, g).items():
            tally.mean(name, value)


def _score_positions(preds: list[Item], golds: list[Item], rows: dict[str, Tally]) -> None:
    for row, need_stance in (("holder+stance", True), ("holder", False)):
        tally = rows.setdefault(row, Tally())

        def score(p: Item, g: Item, stance: bool = need_stance) -> float | None:
            if g.get("holder") is not None and not lenient_name(p.get("holder"), g["holder"]):
                return None
            if stance and g.get("stance") is not None and p.get("stance") != g["stance"]:
                return None
            return 1.0 + 0.1 * (p.get("stance") == g.get("stance"))

        pairs = match(preds, golds, score)
        tally.add(len(preds), len(golds), len(pairs))
        for p, g in pairs:
            if g.get("stance") is not None:
                tally.check("stance", p.get("stance") == g["stance"])


SCORERS: dict[str, Callable[[list[Item], list[Item], dict[str, Tally]], None]] = {
    "quotes": _score_quotes,
    "figures": _score_figures,
    "events": _score_events,
    "proposals": _score_proposals,
    "positions": _score_positions,
}


def score_export(
    gold: GoldSet, export: dict[str, Any], article_of: dict[str, str]
) -> dict[str, dict[str, dict[str, Any]]]:
    """Score an export against a gold set.

    Args:
        gold: the gold documents and their annotations.
        export: the contract export of a store holding the gold documents.
        article_of: gold document id → the stored article id holding its text.

    Returns:
        category → row → metrics (precision, recall, f1, counts, accuracies).
    """
    by_article: dict[str, dict[str, list[Item]]] = {}
    for category in SCORERS:
        for item in export.get(category, []):
            ids = item.get("articles") or [item.get("article")]
            for article_id in ids:
                by_article.setdefault(article_id, {}).setdefault(category, []).append(item)
    marked_only = annotates_marked_quotes_only(gold)
    split_ranges = marks_numbers_alone(gold)
    result: dict[str, dict[str, Tally]] = {}
    for doc in gold.documents:
        predicted = by_article.get(article_of.get(doc.id, ""), {})
        for category, golds in doc.annotations.items():
            preds = predicted.get(category, [])
            if category == "quotes" and marked_only:
                preds = [q for q in preds if q.get("kind") != "indirect"]
            rows = result.setdefault(category, {})
            if category == "figures":
                _score_figures(preds, golds, rows, split_ranges=split_ranges)
            else:
                SCORERS[category](preds, golds, rows)
    return {c: {row: t.to_dict() for row, t in rows.items()} for c, rows in result.items()}


def annotates_marked_quotes_only(gold: GoldSet) -> bool:
    """Whether a gold set annotates only quotes in quotation marks, not reported speech.

    True when every gold quote names its kind and none is ``indirect`` (the seeds mark only
    quotation-mark spans): predicted indirect quotes are then outside the set's scope
    rather than false positives. A set with indirect items (PolNeAR) scores every kind.
    """
    kinds = [q.get("kind") for d in gold.documents for q in d.annotations.get("quotes", [])]
    return bool(kinds) and None not in kinds and "indirect" not in kinds


def marks_numbers_alone(gold: GoldSet) -> bool:
    """Whether the set annotates figures and none of them is a range (``low``/``high``).

    Such a set (NewsQuant) marks each number of a range on its own, so the ends of a
    predicted range are scored one by one there (contract §3).
    """
    figures = [f for d in gold.documents for f in d.annotations.get("figures", [])]
    return bool(figures) and all(f.get("low") is None and f.get("high") is None for f in figures)
