"""``storyline serve``: one uvicorn call on the site, 127.0.0.1 by default, read-only."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
import uvicorn
from fastapi.testclient import TestClient

from storyline.cli import EXIT_FATAL, EXIT_OK, EXIT_USAGE, main

from ..api.support import hostile_db


def test_serve_runs_the_site_on_localhost(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    db = tmp_path / "s.db"
    shutil.copy(hostile_db(), db)
    calls: list[dict[str, Any]] = []
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: calls.append({"app": app, **kw}))
    before = db.read_bytes()
    assert main(["serve", "--db", str(db)]) == EXIT_OK
    (call,) = calls
    assert (call["host"], call["port"]) == ("127.0.0.1", 8000)
    client = TestClient(call["app"])
    assert client.get("/api/overview").json()["articles"] == 1
    assert client.get("/").status_code == 200
    assert main(["serve", "--db", str(db), "--host", "0.0.0.0", "--port", "8123"]) == EXIT_OK
    assert (calls[1]["host"], calls[1]["port"]) == ("0.0.0.0", 8123)
    assert db.read_bytes() == before


def test_serve_refuses_a_missing_or_bad_database(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["serve", "--db", str(tmp_path / "none.db")]) == EXIT_FATAL
    assert "no database at" in capsys.readouterr().err
    assert not (tmp_path / "none.db").exists()
    bad = tmp_path / "bad.db"
    bad.write_bytes(b"nope" * 100)
    assert main(["serve", "--db", str(bad)]) == EXIT_FATAL


def test_serve_rejects_a_bad_port(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stop:
        main(["serve", "--port", "99999"])
    assert stop.value.code == EXIT_USAGE
    assert "port must be a number from 1 to 65535" in capsys.readouterr().err
