"""How much of the PolNeAR quote score is annotation convention: the same extraction scored
as the contract segments quotes, and re-segmented the way PolNeAR does.

    .venv/bin/python scripts/convention_gap.py ../shared/data/gold/polnear_dev.json \
        ../shared/data/gold/seeds.json

The contract (§1) and the seeds cut quotes at their quotation marks: a partial quote is
the quoted words alone, and "“A,” she said. “B.”" is two quotes. PolNeAR annotates a
content span: a partial quote is told inside its clause ("that the plan was “dead on
arrival”"), and one speaker's quoted pieces around a reporting clause are one content.
The PolNeAR reading here changes nothing the extractors find, only how it is cut:

- every clause of reported speech is kept even when a partial quote carries most of it
  (the extractor's ``MAX_TOLD_SHARE`` lifted), and a partial quote inside a kept clause
  is not a quote of its own;
- two quoted pieces (direct or partial) of one named speaker in one paragraph, with at
  most ``--max-gap`` words between them, are one quote.

Both readings are scored by the contract's scorer (``storyline eval``). Printed per gold
file: quotes strict and lenient P/R/F1 under each reading. The script runs in one process
(the lifted share is a module setting a worker process would not see) and writes nothing
but a scratch database.
"""

from __future__ import annotations

import argparse
import math
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from typing import Any

from storyline.config import Settings
from storyline.evaluate.gold import load_gold
from storyline.evaluate.run import export_gold
from storyline.evaluate.score import score_export
from storyline.extract.quotes import indirect

MARKED = frozenset({"direct", "partial"})


@contextmanager
def clauses_kept() -> Iterator[None]:
    """Keep every reported clause, however much of it a partial quote carries."""
    share = indirect.MAX_TOLD_SHARE
    indirect.MAX_TOLD_SHARE = math.inf
    try:
        yield
    finally:
        indirect.MAX_TOLD_SHARE = share


def polnear_cut(export: dict[str, Any], max_gap: int) -> dict[str, Any]:
    """The export's quotes re-segmented as PolNeAR annotates content spans."""
    texts = {a["id"]: a["text"] for a in export["articles"]}
    by_article: dict[str, list[dict[str, Any]]] = {}
    for quote in export["quotes"]:
        by_article.setdefault(quote["article"], []).append(dict(quote))
    quotes: list[dict[str, Any]] = []
    for article, items in by_article.items():
        text = texts[article]
        clauses = [(q["start"], q["end"]) for q in items if q["kind"] == "indirect"]
        kept: list[dict[str, Any]] = []
        for quote in sorted(items, key=lambda q: q["start"]):
            # The quotation marks lie just outside a partial's offsets.
            if quote["kind"] == "partial" and any(
                s <= quote["start"] - 1 and quote["end"] + 1 <= e for s, e in clauses
            ):
                continue
            last = kept[-1] if kept else None
            if last is not None and _one_content(last, quote, text, max_gap):
                last["text"] = f"{last['text']} {quote['text']}"
                last["end"] = quote["end"]
                continue
            kept.append(quote)
        quotes.extend(kept)
    return {**export, "quotes": quotes}


def _one_content(a: dict[str, Any], b: dict[str, Any], text: str, max_gap: int) -> bool:
    gap = text[a["end"] : b["start"]]
    return (
        a["kind"] in MARKED
        and b["kind"] in MARKED
        and a["speaker"] is not None
        and a["speaker"] == b["speaker"]
        and "\n" not in gap
        and len(re.findall(r"\w+", gap)) <= max_gap
    )


def row(scores: dict[str, Any], name: str) -> str:
    t = scores.get("quotes", {}).get(name, {})
    p, r, f = (t.get(k, 0.0) for k in ("precision", "recall", "f1"))
    return f"{name:8} P {p:.3f} R {r:.3f} F1 {f:.4f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("gold", nargs="+", help="gold files (contract §2)")
    parser.add_argument("--max-gap", type=int, default=12, help="words between joined pieces")
    args = parser.parse_args()
    settings = replace(Settings(), workers=1)
    for path in args.gold:
        gold = load_gold(path)
        export, article_of, _ = export_gold(gold, settings)
        with clauses_kept():
            lifted, lifted_of, _ = export_gold(gold, settings, with_text=True)
        contract = score_export(gold, export, article_of)
        polnear = score_export(gold, polnear_cut(lifted, args.max_gap), lifted_of)
        print(f"{gold.name}: {len(gold.documents)} documents")
        for label, scores in (("contract cut", contract), ("PolNeAR cut", polnear)):
            print(f"  {label:13} {row(scores, 'strict')}   {row(scores, 'lenient')}")


if __name__ == "__main__":
    main()
