"""Fixtures of the ingest tests: a local web site and settings that do not wait."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from storyline.config import Settings

from .site import Site, serve


@pytest.fixture
def site() -> Iterator[Site]:
    with serve() as running:
        yield running


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    # No per-host delay: the test site is ours, and the tests time nothing.
    return Settings(db=str(tmp_path / "feeds.db"), fetch_delay=0.0, fetch_timeout=5.0)
