"""The one JSON error shape, for every 4xx and 5xx the API gives."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from storyline.api import create_app
from storyline.config import Settings
from storyline.store import Store

from .support import hostile_db

BAD_REQUESTS = [
    ("/api/nothing-here", 404, None),
    ("/api/articles/no-such-article", 404, "id"),
    ("/api/entities/no-such-entity", 404, "id"),
    ("/api/quotes?limit=0", 422, "limit"),
    ("/api/quotes?limit=501", 422, "limit"),
    ("/api/quotes?limit=ten", 422, "limit"),
    ("/api/quotes?offset=-1", 422, "offset"),
    ("/api/quotes?from=2025-02-30", 422, "from"),
    ("/api/events?to=yesterday", 422, "to"),
    ("/api/quotes?from=2025-03-10&to=2025-03-01", 400, "from"),
    ("/api/quotes?kind=shouted", 422, "kind"),
    ("/api/figures?kind=many", 422, "kind"),
    ("/api/events?type=MEET", 422, "type"),
    ("/api/events?status=maybe", 400, "status"),
    ("/api/timeline?status=maybe", 400, "status"),
    ("/api/positions?stance=meh", 422, "stance"),
    ("/api/quotes?cursor=%25%25%25", 400, "cursor"),
    ("/api/quotes?cursor=bm8tc3VjaC1pdGVt", 400, "cursor"),
    ("/api/quotes?cursor=abc&offset=2", 400, "cursor"),
    ("/api/search", 422, "q"),
    ("/api/search?q=", 422, "q"),
    ("/api/search?q=x&scope=web", 422, "scope"),
    ("/api/quotes?entity=" + "x" * 201, 422, "entity"),
    ("/api/stories/s-nope", 404, "id"),
    ("/api/stories?cursor=abc", 400, "cursor"),
    ("/api/events?story=s-nope", 400, "story"),
    ("/api/timeline?story=s-nope", 400, "story"),
    ("/api/comparisons/figures?story=s-nope", 400, "story"),
    # A cursor of another list (here the timeline's) is refused by name.
    ("/api/quotes?cursor=WyJ0aW1lbGluZSIsImUtaG9zdGlsZSJd", 400, "cursor"),
    ("/api/search?q=x&cursor=WyJ0aW1lbGluZSIsImUtaG9zdGlsZSJd", 400, "cursor"),
    ("/api/quotes?offset=10000001", 422, "offset"),
]


def assert_error(response: Any, status: int, param: str | None = None) -> dict[str, Any]:
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == "application/json"
    body = response.json()
    assert set(body) == {"error"}
    error = body["error"]
    assert set(error) == {"status", "code", "message", "params"}
    assert error["status"] == status
    assert isinstance(error["code"], str) and error["code"].islower()
    assert isinstance(error["message"], str) and error["message"] and "\n" not in error["message"]
    assert all(set(p) == {"name", "problem"} for p in error["params"])
    if param is not None:
        assert param in {p["name"] for p in error["params"]}, error
    return dict(error)


@pytest.mark.parametrize(("url", "status", "param"), BAD_REQUESTS)
def test_bad_requests_get_the_one_shape(
    hostile: TestClient, url: str, status: int, param: str | None
) -> None:
    assert_error(hostile.get(url), status, param)


def test_messages_name_the_bad_value_and_the_fix(hostile: TestClient) -> None:
    error = assert_error(hostile.get("/api/events?status=maybe"), 400, "status")
    assert "'maybe'" in error["message"] and "occurred" in error["message"]
    error = assert_error(hostile.get("/api/quotes?from=2025-03-10&to=2025-03-01"), 400)
    assert "swap" in error["message"]


def test_wrong_method(hostile: TestClient) -> None:
    assert_error(hostile.post("/api/quotes"), 405)
    assert_error(hostile.delete("/api/articles/x"), 405)


def test_missing_database_is_503(tmp_path: Path) -> None:
    client = TestClient(create_app(Settings(db=str(tmp_path / "none.db"))))
    error = assert_error(client.get("/api/quotes"), 503)
    assert "no database at" in error["message"]
    assert not (tmp_path / "none.db").exists()  # a read never creates the file


def test_not_a_database_is_503(tmp_path: Path) -> None:
    bad = tmp_path / "bad.db"
    bad.write_bytes(b"not sqlite at all " * 20)
    assert_error(TestClient(create_app(Settings(db=str(bad)))).get("/api/overview"), 503)
    assert bad.read_bytes() == b"not sqlite at all " * 20


def test_unexpected_error_is_500_without_a_traceback(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "h.db"
    shutil.copy(hostile_db(), db)
    app = create_app(Settings(db=str(db)))

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("secret internals")

    monkeypatch.setattr(Store, "query_facts", broken)
    client = TestClient(app, raise_server_exceptions=False)
    error = assert_error(client.get("/api/quotes"), 500)
    assert "secret" not in error["message"] and "Traceback" not in error["message"]


def test_errors_carry_the_security_headers(hostile: TestClient) -> None:
    response = hostile.get("/api/articles/none")
    assert response.headers["x-content-type-options"] == "nosniff"
    assert "script-src 'self'" in response.headers["content-security-policy"]
