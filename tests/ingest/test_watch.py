"""``storyline watch``: each round stores what is new; a restart fetches nothing twice."""

from __future__ import annotations

import dataclasses
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from storyline.config import Settings
from storyline.engines.watch import Round, watch
from storyline.store import Store

from .site import Page, Site
from .stories import STORIES, page, rss, text_of

pytestmark = pytest.mark.slow

RSS = "application/rss+xml"


def serve_feed(site: Site, indexes: list[int], etag: str) -> None:
    site.routes["/feed"] = Page(rss(site.base, indexes, full_text=False), RSS, etag=etag)
    for i in indexes:
        site.routes[f"/story/{i}"] = Page(page(i))


def test_a_folder_round_reads_only_new_files(tmp_path: Path, settings: Settings) -> None:
    folder = tmp_path / "drop"
    folder.mkdir()
    for i in (0, 1):
        (folder / f"r{i}.txt").write_text(text_of(i), encoding="utf-8")
    rounds: list[Round] = []

    def after(done: Round) -> None:
        rounds.append(done)
        if done.number == 1:  # a report lands in the folder between two rounds
            (folder / "r2.txt").write_text(text_of(2), encoding="utf-8")

    settings = dataclasses.replace(settings, watch_every=0.0)
    with Store(settings.db) as store:
        assert watch([str(folder)], store, settings, rounds=3, on_round=after)
        assert store.count_articles() == 3
    stored = [(len(r.report.stored), r.report.duplicates) for r in rounds]
    assert stored == [(2, 0), (1, 0), (0, 0)]  # unchanged files are not even read again
    assert rounds[0].summary().startswith("round 1: 2 new articles (")


def test_restart_refetches_nothing(site: Site, settings: Settings) -> None:
    serve_feed(site, [1, 0], etag='"a"')
    with Store(settings.db) as store:
        watch([site.url("/feed")], store, settings, rounds=1)
        assert store.count_articles() == 2
    assert sorted(site.paths()) == ["/feed", "/story/0", "/story/1"]

    site.clear()  # a new process: a new Store, the state read back from its file
    with Store(settings.db) as store:
        assert watch([site.url("/feed")], store, settings, rounds=1)
    assert site.paths() == ["/feed"]
    assert site.answers[-1] == ("/feed", 304)

    site.clear()  # the feed moves on: only the new item's page is fetched
    serve_feed(site, [2, 1, 0], etag='"b"')
    with Store(settings.db) as store:
        watch([site.url("/feed")], store, settings, rounds=1)
        assert store.count_articles() == 3
    assert site.paths() == ["/feed", "/story/2"]


def test_a_page_that_fails_for_now_is_tried_next_round(site: Site, settings: Settings) -> None:
    serve_feed(site, [0, 1], etag='"a"')
    site.routes["/story/1"] = Page("busy", "text/plain", status=503)
    rounds: list[Round] = []

    def after(done: Round) -> None:
        rounds.append(done)
        site.routes["/story/1"] = Page(page(1))

    with Store(settings.db) as store:
        ok = watch(
            [site.url("/feed")],
            store,
            dataclasses.replace(settings, watch_every=0.0),
            rounds=2,
            on_round=after,
        )
        assert store.count_articles() == 2
    assert not ok  # round 1 skipped the busy page
    assert [len(r.report.stored) for r in rounds] == [1, 1]
    assert [s.reason for s in rounds[0].report.skipped] == ["HTTP 503 Service Unavailable"]
    # The feed's ETag was not kept after round 1, so round 2 got the whole feed, not a 304.
    assert [a for a in site.answers if a[0] == "/feed"] == [("/feed", 200), ("/feed", 200)]
    assert site.paths().count("/story/0") == 1


def test_killed_watch_resumes_without_refetching(site: Site, tmp_path: Path) -> None:
    """The CLI in a child process: killed after its first round, restarted, fetches nothing."""
    serve_feed(site, [0, 1, 3], etag='"a"')
    config = tmp_path / "storyline.toml"
    config.write_text("fetch_delay = 0.0\n", encoding="utf-8")
    db = str(tmp_path / "w.db")
    command = [
        sys.executable,
        "-m",
        "storyline.cli",
        "--config",
        str(config),
        "watch",
        site.url("/feed"),
        "--db",
        db,
    ]
    child = subprocess.Popen([*command, "--every", "1h"], stderr=subprocess.PIPE, text=True)
    assert child.stderr is not None
    first = child.stderr.readline()
    os.kill(child.pid, signal.SIGKILL)  # mid-watch: between round 1 and round 2
    child.wait()
    assert first.startswith("storyline: round 1: 3 new articles"), first
    fetched = sorted(site.paths())
    assert fetched == ["/feed", "/story/0", "/story/1", "/story/3"]

    site.clear()
    started = time.monotonic()
    again = subprocess.run([*command, "--rounds", "1"], capture_output=True, text=True, check=False)
    assert again.returncode == 0, again.stderr
    assert "round 1: 0 new articles" in again.stderr
    assert site.paths() == ["/feed"] and ("/feed", 304) in site.answers
    assert time.monotonic() - started < 60
    assert len(STORIES) >= 4


def test_every_is_parsed() -> None:
    from storyline.cli import _seconds

    assert [_seconds(t) for t in ("90", "30s", "10m", "1h", "0.5s")] == [90, 30, 600, 3600, 0.5]
    with pytest.raises(Exception, match="not a time"):
        _seconds("soon")


def test_watch_refuses_stdin(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    from storyline.cli import main

    assert main(["watch", "-", "--db", str(tmp_path / "x.db")]) == 3
    assert "not - (stdin)" in capsys.readouterr().err


def test_settings_reject_negative_times() -> None:
    with pytest.raises(Exception, match="cannot be negative"):
        Settings(fetch_delay=-1)
