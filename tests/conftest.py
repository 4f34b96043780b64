"""Shared fixtures: the ../shared data directory, the spaCy pipeline and a blank vocab."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from spacy.language import Language
from spacy.vocab import Vocab

from storyline.config import Settings
from storyline.nlp import load_nlp

from .handmade import blank

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
EXAMPLES = REPO / "examples"


def require_shared() -> Path:
    """``../shared``; skipped where absent (a user's clone), a failure under CI=true."""
    if not (SHARED / "data").is_dir():
        if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
            pytest.fail(f"{SHARED} is missing, and CI=true requires it")
        pytest.skip(f"{SHARED} is absent (only the project's own data is tested)")
    return SHARED


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    return require_shared()


@pytest.fixture(scope="session")
def nlp() -> Language:
    """The real pipeline; tests that use it are marked slow."""
    return load_nlp(Settings().models)


@pytest.fixture(scope="session")
def blank_vocab() -> Vocab:
    """The vocab of the blank pipeline that builds the hand-made parses (no model)."""
    return blank().vocab
