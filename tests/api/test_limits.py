"""Time limits: a query over query_timeout_ms, a whole-record view still being computed."""

from __future__ import annotations

import shutil
import threading
import time
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from storyline.api import compute, create_app
from storyline.config import Settings
from storyline.store import Store

from .support import hostile_db
from .test_errors import assert_error

ENDLESS = "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT count(*) FROM c"


def _client(tmp_path: Path, **settings: Any) -> TestClient:
    db = tmp_path / "h.db"
    shutil.copy(hostile_db(), db)
    return TestClient(create_app(Settings(db=str(db), **settings)))


def test_the_setting_is_read_from_default_toml() -> None:
    assert Settings.load().query_timeout_ms == 2000


def test_a_query_over_the_limit_is_a_503_in_the_one_shape(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def endless(self: Store, *args: object, **kwargs: object) -> None:
        self._select(ENDLESS, [])

    monkeypatch.setattr(Store, "query_facts", endless)
    client = _client(tmp_path, query_timeout_ms=50)
    started = time.monotonic()
    response = client.get("/api/quotes")
    assert time.monotonic() - started < 5
    error = assert_error(response, 503)
    assert error["code"] == "query_timeout"
    assert "50 ms" in error["message"] and "query_timeout_ms" in error["message"]
    assert response.headers["retry-after"] == "1"
    assert client.get("/api/overview").status_code == 200  # the server goes on


def test_a_view_still_computing_is_a_503_and_is_served_once_ready(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    release = threading.Event()
    real = compute.ViewJob._compute  # a record this small is computed in a thread

    def held(job: compute.ViewJob) -> None:
        release.wait(10)
        real(job)

    monkeypatch.setattr(compute.ViewJob, "_compute", held)
    client = _client(tmp_path)
    client.app.state.catalog.wait = 0.05  # type: ignore[attr-defined]
    response = client.get("/api/stories")
    error = assert_error(response, 503)
    assert error["code"] == "computing" and response.headers["retry-after"] == "5"
    assert client.get("/api/quotes").status_code == 200  # other lists do not wait
    release.set()
    client.app.state.catalog.wait = 60  # type: ignore[attr-defined]
    assert client.get("/api/stories").json()["total"] == 1


def test_views_are_computed_in_a_child_process_from_the_path(tmp_path: Path) -> None:
    db = tmp_path / "h.db"
    shutil.copy(hostile_db(), db)
    job = compute.ViewJob("stories", str(db))
    assert job.wait(60) and job.error is None
    assert [s.articles for s in job.value] == [("h-<u>x</u>",)]
    assert job.value == compute.compute_view("stories", str(db))
    broken = compute.ViewJob("timeline", str(tmp_path / "none.db"))
    assert broken.wait(60) and broken.value is None
    assert broken.error is not None and "computing the timeline failed" in str(broken.error)
