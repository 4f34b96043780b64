"""The quality gate: pinned floors per extractor on the dev gold files.

``eval_floors.json`` pins, per gold file, the figures the pipeline reached when the floor
was set, and the gold file's checksum. A change may raise a floor; lowering one means
editing that file in the same commit, where review sees it, and never below the
acceptance figures of the issues (``ACCEPTANCE`` here).
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

import pytest

from storyline.config import Settings
from storyline.evaluate import evaluate

from .conftest import REPO, require_shared

pytestmark = pytest.mark.slow

FLOORS = Path(__file__).resolve().parent / "eval_floors.json"

# The issues' acceptance figures: the floors may never be pinned below these.
ACCEPTANCE: dict[str, dict[str, float]] = {
    "seeds": {
        "quotes/strict/f1": 0.90,
        "quotes/strict/speaker_exact": 0.90,
        "figures/value/f1": 0.90,
        "figures/value/kind": 0.85,
        "figures/value/qualifier": 0.90,
        "figures/value/source": 0.80,
        "events/type+actor/f1": 0.60,
        "events/type+actor/date": 0.90,
    },
    "polnear_dev": {"quotes/lenient/f1": 0.55},
    "plover_dev": {"events/type/f1": 0.80, "events/type+actor/f1": 0.65},
    "newsquant_dev": {"figures/value/f1": 0.90, "figures/value/unit": 0.85},
}


def load_floors() -> dict[str, Any]:
    return dict(json.loads(FLOORS.read_text(encoding="utf-8")))


def lookup(scores: dict[str, Any], key: str) -> float:
    category, row, metric = key.split("/")
    return float(scores.get(category, {}).get(row, {}).get(metric, 0.0))


def test_floors_never_below_acceptance() -> None:
    floors = load_floors()
    for gold, keys in ACCEPTANCE.items():
        pinned = floors.get(gold, {}).get("floors", {})
        for key, minimum in keys.items():
            if key in pinned:
                assert pinned[key] >= minimum, f"{gold} {key} floor {pinned[key]} < {minimum}"


@pytest.mark.parametrize("gold", sorted(load_floors()))
def test_eval_meets_pinned_floors(gold: str) -> None:
    """Re-pin with ``.venv/bin/python scripts/pin_floors.py`` (it only raises floors)."""
    entry = load_floors()[gold]
    if entry["path"].startswith("../shared/"):
        require_shared()
    path = (REPO / entry["path"]).resolve()
    checksum = hashlib.sha256(path.read_bytes()).hexdigest()
    assert checksum == entry["sha256"], f"{path} changed: re-pin with scripts/pin_floors.py"
    result = evaluate(path, Settings())
    assert result.failures == [], result.failures[:3]
    below = {
        key: (round(lookup(result.scores, key), 4), floor)
        for key, floor in entry["floors"].items()
        if lookup(result.scores, key) < floor
    }
    assert not below, f"{gold}: below the pinned floor (measured, floor): {below}"
