"""Fixtures: clients of the site over the example corpus (slow) and a hostile record."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from ..api.support import client_for, corpus_db, hostile_db


@pytest.fixture(scope="session")
def corpus() -> TestClient:
    """The site over the ingested example corpus; tests using it are marked slow."""
    return client_for(corpus_db())


@pytest.fixture(scope="session")
def hostile() -> TestClient:
    """The site over a hand-made record full of markup (no spaCy)."""
    return client_for(hostile_db())
