"""Measure the dev gold files and raise the pinned floors in tests/eval_floors.json.

    .venv/bin/python scripts/pin_floors.py            # raise floors where the pipeline improved
    .venv/bin/python scripts/pin_floors.py --lower    # also lower them (say why in the commit)

A floor is the measured figure rounded down to two decimals. Without --lower a floor only
ever goes up, so a change that makes a figure worse fails the gate until someone lowers
the floor on purpose, in a commit where review sees it.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
from pathlib import Path
from typing import Any

from storyline.config import Settings
from storyline.evaluate import evaluate

REPO = Path(__file__).resolve().parent.parent
FLOORS = REPO / "tests" / "eval_floors.json"

# Which figures are pinned for each gold file (category/row/metric).
PINNED: dict[str, list[str]] = {
    "seeds": [
        "quotes/strict/f1", "quotes/strict/speaker_exact", "quotes/lenient/f1",
        "figures/value/f1", "figures/value/kind", "figures/value/qualifier",
        "figures/value/source", "events/type/f1", "events/type+actor/f1",
        "events/type+actor/date", "proposals/proposal/f1", "positions/holder+stance/f1",
    ],
    "polnear_dev": ["quotes/strict/f1", "quotes/lenient/f1"],
    "plover_dev": ["events/type/f1", "events/type+actor/f1"],
    "newsquant_dev": ["figures/value/f1", "figures/value/unit"],
    "briefings_dev": [
        "proposals/proposal/f1", "proposals/proposal/precision", "proposals/proposal/recall",
        "positions/holder+stance/f1", "proposals/proposal/proposer",
        "events/type+actor/f1", "events/type/date",
    ],
    "examples": [
        "quotes/strict/f1", "quotes/strict/speaker_exact", "quotes/lenient/f1",
        "figures/value/f1", "figures/value/kind", "events/type/f1", "events/type+actor/f1",
        "events/type+actor/date", "proposals/proposal/f1", "positions/holder+stance/f1",
    ],
}  # fmt: skip

PATHS = {
    "examples": "examples/gold/examples.json",
    **{name: f"../shared/data/gold/{name}.json" for name in PINNED if name != "examples"},
}


def lookup(scores: dict[str, Any], key: str) -> float:
    category, row, metric = key.split("/")
    return float(scores.get(category, {}).get(row, {}).get(metric, 0.0))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--lower", action="store_true", help="let floors go down too")
    args = parser.parse_args()
    old = json.loads(FLOORS.read_text()) if FLOORS.exists() else {}
    new: dict[str, Any] = {}
    for name, keys in PINNED.items():
        path = (REPO / PATHS[name]).resolve()
        result = evaluate(path, Settings())
        floors = {}
        for key in keys:
            measured = math.floor(lookup(result.scores, key) * 100) / 100
            before = old.get(name, {}).get("floors", {}).get(key, 0.0)
            floors[key] = measured if args.lower else max(measured, before)
            got = lookup(result.scores, key)
            print(f"{name:14} {key:32} measured {got:.4f} floor {floors[key]:.2f}")
        new[name] = {
            "path": PATHS[name],
            "sha256": hashlib.sha256(path.read_bytes()).hexdigest(),
            "floors": floors,
        }
    FLOORS.write_text(json.dumps(new, indent=2) + "\n")


if __name__ == "__main__":
    main()
