"""Faults: a killed reextract or entity resolution, a full disk, and database files that
cannot be used (damaged, not SQLite, from a newer Storyline, in a read-only directory).

A killed run leaves a database a rerun makes whole; every unusable file is one line on
stderr naming it and what to do, exit 3, and the file is left as it was.
"""

from __future__ import annotations

import hashlib
import multiprocessing
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from storyline.cli import EXIT_FATAL, EXIT_OK, main
from storyline.config import Settings
from storyline.models import Article
from storyline.pipeline import ingest, reextract
from storyline.store import SCHEMA_VERSION, Store
from storyline.store.connection import MAX_PAGE_COUNT_ENV
from storyline.store.schema import FACT_TABLES

from .consistency import count_articles, entity_state, problems, write_config, write_reports

# -- SIGKILL during reextract and during entity resolution ----------------------------------


def _fork() -> multiprocessing.context.ForkContext:
    """Children forked from a process that has loaded the model share it (no reload)."""
    from storyline.nlp import load_nlp

    load_nlp(Settings().models)
    return multiprocessing.get_context("fork")


def _ingested(tmp_path: Path, name: str, numbers: range, db: Path | None = None) -> Path:
    db = db or tmp_path / f"{name}.db"
    with Store(db) as store:
        assert ingest([str(write_reports(tmp_path / name, numbers))], store, Settings()).ok
    return db


def _age_facts(db: Path) -> None:
    """Stamp every fact as made by version 0 of its extractor, as an old Storyline did."""
    with sqlite3.connect(db) as conn:
        for table in FACT_TABLES.values():
            conn.execute(
                f"UPDATE {table} SET extractor = substr(extractor, 1, instr(extractor, '@')) || '0'"
            )


def _versions(db: Path) -> set[str]:
    with sqlite3.connect(db) as conn:
        return {
            str(label).partition("@")[2]
            for table in FACT_TABLES.values()
            for (label,) in conn.execute(f"SELECT DISTINCT extractor FROM {table}")
        }


def _reextract_child(db: str, progress: Path | None = None) -> None:
    """Reextract ``db``; with ``progress``, write there how many articles are done."""
    done = 0

    def count(n: int) -> None:
        nonlocal done
        done += n
        if progress is not None:
            progress.write_text(str(done))

    with Store(db) as store:
        reextract(store, Settings(db=db), progress=count)


def _done(progress: Path) -> int:
    try:
        return int(progress.read_text() or 0)
    except (FileNotFoundError, ValueError):
        return 0


@pytest.mark.slow
def test_killed_reextract_leaves_each_article_whole(tmp_path: Path) -> None:
    """SIGKILL a reextract at a random point, 6 times: each article keeps its old facts or
    has all its new ones, and a rerun finishes the job. About 6 s.

    The kill comes a random few milliseconds after a random number of articles are done
    (the child reports its progress), so it lands in the middle of the run on a busy
    machine too, between two articles' transactions or inside one.
    """
    context = _fork()
    n = 24
    old = _ingested(tmp_path, "in", range(n))
    _age_facts(old)
    reference = tmp_path / "reference.db"
    shutil.copy(old, reference)
    _reextract_child(str(reference))
    rng = random.Random(20261204)
    killed_midway = 0
    for round_ in range(6):
        db, progress = tmp_path / f"kill{round_}.db", tmp_path / f"progress{round_}"
        shutil.copy(old, db)
        child = context.Process(target=_reextract_child, args=(str(db), progress))
        child.start()
        target, deadline = rng.randrange(1, n - 4), time.monotonic() + 60
        while _done(progress) < target and child.is_alive() and time.monotonic() < deadline:
            time.sleep(0.002)
        time.sleep(rng.uniform(0, 0.03))
        if child.pid is not None and child.is_alive():
            os.kill(child.pid, signal.SIGKILL)
        child.join()
        assert problems(db, resolved=False) == [], f"round {round_}, before the rerun"
        found = _versions(db)
        killed_midway += "0" in found and len(found) > 1  # some aged, some redone
        with Store(db) as store:
            reextract(store, Settings(db=str(db)))
        assert problems(db) == [], f"round {round_}"
        assert _versions(db) == _versions(reference) and "0" not in _versions(db)
        assert entity_state(db) == entity_state(reference)
    assert killed_midway >= 4, "the kills should land in the middle of the runs"


def _killed_in_resolution(run: Callable[[], object], marker: Path) -> None:
    """The child: run, but stop inside entity resolution's transaction, to be killed there."""
    original = Store.add_resolved_signatures

    def last_write_then_wait(store: Store, signatures: object) -> None:
        original(store, signatures)  # type: ignore[arg-type]
        marker.touch()
        time.sleep(120)

    Store.add_resolved_signatures = last_write_then_wait  # type: ignore[method-assign]
    run()


def _kill_in_resolution(
    context: multiprocessing.context.ForkContext, run: Callable[[], object], marker: Path
) -> None:
    child = context.Process(target=_killed_in_resolution, args=(run, marker))
    child.start()
    deadline = time.monotonic() + 120
    while not marker.exists() and child.is_alive() and time.monotonic() < deadline:
        time.sleep(0.02)
    assert marker.exists(), "the child never reached entity resolution"
    assert child.pid is not None
    os.kill(child.pid, signal.SIGKILL)
    child.join()


def _ingest_into(db: Path, corpus: Path) -> Callable[[], object]:
    def run() -> object:
        with Store(db) as store:
            return ingest([str(corpus)], store, Settings(db=str(db)))

    return run


@pytest.mark.slow
def test_killed_entity_resolution_is_redone_by_a_rerun(tmp_path: Path) -> None:
    """SIGKILL inside the resolution of a first ingest, of a later ingest and of a
    reextract: nothing of the resolution is kept, and a rerun resolves exactly what an
    uninterrupted run did. Before, a rerun of the same ingest stored nothing new and so
    never resolved the entities. 3-8 s."""
    context = _fork()
    first, later = (
        write_reports(tmp_path / "first", range(16)),
        write_reports(tmp_path / "later", range(16, 28)),
    )
    reference = tmp_path / "reference.db"
    _ingest_into(reference, first)()
    after_first = entity_state(reference)
    _ingest_into(reference, later)()

    db = tmp_path / "s.db"
    _kill_in_resolution(context, _ingest_into(db, first), tmp_path / "m1")
    assert count_articles(db) == 16 and entity_state(db) == []
    assert problems(db, resolved=False) == [] and problems(db) != []
    rerun = _ingest_into(db, first)()
    assert (len(rerun.stored), rerun.duplicates) == (0, 16)  # type: ignore[attr-defined]
    assert problems(db) == [] and entity_state(db) == after_first

    _kill_in_resolution(context, _ingest_into(db, later), tmp_path / "m2")
    assert count_articles(db) == 28 and entity_state(db) == after_first
    _ingest_into(db, later)()
    assert problems(db) == [] and entity_state(db) == entity_state(reference)

    # A database an older Storyline made: old facts, and entities its resolver kept without
    # the bookkeeping of which mentions they came from, so they are all resolved again.
    _age_facts(db)
    with sqlite3.connect(db) as conn:
        conn.execute("DELETE FROM entity_articles")
    again = tmp_path / "again.db"
    shutil.copy(db, again)
    _reextract_child(str(again))

    def run_reextract() -> object:
        with Store(db) as store:
            return reextract(store, Settings(db=str(db)))

    resolved = entity_state(db)
    _kill_in_resolution(context, run_reextract, tmp_path / "m3")
    assert _versions(db) == _versions(again) and entity_state(db) == resolved
    run_reextract()
    assert problems(db) == [] and entity_state(db) == entity_state(again)


# -- a full disk -------------------------------------------------------------------------------


def _page_count(db: Path) -> int:
    with sqlite3.connect(db) as conn:
        return int(conn.execute("PRAGMA page_count").fetchone()[0])


def _stored(db: Path) -> list[tuple[str, ...]]:
    """Every article with its facts, to check that nothing stored was lost."""
    with sqlite3.connect(db) as conn:
        rows = [tuple(map(str, r)) for r in conn.execute("SELECT id, text_sha256 FROM articles")]
        for table in FACT_TABLES.values():
            rows += [
                tuple(map(str, r)) for r in conn.execute(f"SELECT id, article_id FROM {table}")
            ]
    return sorted(rows)


def _one_error_line(err: str) -> str:
    lines = err.splitlines()
    assert len(lines) == 1 and lines[0].startswith("storyline: error: "), err
    return lines[0]


def _fill_the_disk(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], limit: Callable[[], None]
) -> None:
    """Ingest until the disk is full: one line, exit 3; what was stored stays; rerun."""
    config = str(write_config(tmp_path / "small.toml", batch_size=3))
    assert (
        main(
            [
                "--config",
                config,
                "ingest",
                str(write_reports(tmp_path / "a", range(8))),
                "--db",
                str(db),
            ]
        )
        == EXIT_OK
    )
    before = _stored(db)
    capsys.readouterr()
    limit()
    more = str(write_reports(tmp_path / "b", range(8, 60)))
    assert main(["--config", config, "ingest", more, "--db", str(db)]) == EXIT_FATAL
    line = _one_error_line(capsys.readouterr().err)
    assert line.startswith(f"storyline: error: {db}: cannot store batch: the disk is full")
    assert "free disk space" in line and "what was stored before is intact" in line
    stored = _stored(db)
    assert set(before) <= set(stored) and 8 <= count_articles(db) < 60
    assert problems(db, resolved=False) == []
    return None


@pytest.mark.slow
def test_a_full_disk_is_one_line_and_loses_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The disk fills (SQLite's max_page_count, through the test hook) during an ingest.

    Before: "cannot rollback - no transaction is active", which hid the cause. About 2 s.
    """
    db = tmp_path / "s.db"

    def limit() -> None:
        monkeypatch.setenv(MAX_PAGE_COUNT_ENV, str(_page_count(db) + 12))

    _fill_the_disk(db, tmp_path, capsys, limit)
    monkeypatch.delenv(MAX_PAGE_COUNT_ENV)
    config = str(write_config(tmp_path / "small.toml", batch_size=3))
    assert main(["--config", config, "ingest", str(tmp_path / "b"), "--db", str(db)]) == EXIT_OK
    assert count_articles(db) == 60 and problems(db) == []


def test_a_new_database_on_a_full_disk(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(MAX_PAGE_COUNT_ENV, "3")
    db = tmp_path / "new.db"
    assert (
        main(["ingest", str(write_reports(tmp_path / "a", range(2))), "--db", str(db)])
        == EXIT_FATAL
    )
    line = _one_error_line(capsys.readouterr().err)
    assert f"{db}: cannot create the database: the disk is full" in line


def test_a_bad_page_limit_is_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    db = _small_db(tmp_path / "s.db")
    monkeypatch.setenv(MAX_PAGE_COUNT_ENV, "lots")
    assert main(["migrate", "--db", str(db)]) == EXIT_FATAL
    assert MAX_PAGE_COUNT_ENV in _one_error_line(capsys.readouterr().err)


@pytest.fixture
def small_filesystem() -> Iterator[Path]:
    """A 1.5 MB tmpfs, where the system lets this process mount one (root); else skip."""
    if os.geteuid() != 0 or shutil.which("mount") is None:
        pytest.skip("mounting a small filesystem needs root")
    top = Path(tempfile.mkdtemp(prefix="storyline-full-"))
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=1536k", "tmpfs", str(top)],
        capture_output=True,
        check=False,
    )
    if done.returncode != 0:
        top.rmdir()
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.decode().strip()}")
    try:
        yield top
    finally:
        subprocess.run(["umount", str(top)], check=False)
        top.rmdir()


@pytest.mark.slow
def test_a_really_full_filesystem(
    small_filesystem: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The same on a filesystem that runs out of space (ENOSPC). About 1 s."""
    _fill_the_disk(small_filesystem / "s.db", tmp_path, capsys, lambda: None)
    capsys.readouterr()
    assert main(["brief", "--db", str(small_filesystem / "s.db")]) == EXIT_OK


# -- files that cannot be used -----------------------------------------------------------------


def _small_db(path: Path, n: int = 40) -> Path:
    """A Storyline database of ``n`` articles of about 2 kB: a few dozen pages."""
    articles = [
        Article(id=f"a{i}", text=f"Dispatch {i} from Saltmoor. " * 80, text_sha256=f"sha{i}")
        for i in range(n)
    ]
    with Store(path) as store:
        store.add_batch(articles, [])
    return path


def _damage_a_page(db: Path) -> None:
    data = bytearray(db.read_bytes())
    page = 4096
    assert len(data) > 6 * page
    data[3 * page : 5 * page] = random.Random(7).randbytes(2 * page)
    db.write_bytes(bytes(data))


def _damage_page_one(db: Path) -> None:
    data = bytearray(db.read_bytes())
    data[100:4096] = b"\xff" * (4096 - 100)  # the header stays; the schema page does not
    db.write_bytes(bytes(data))


def _truncate(db: Path) -> None:
    db.write_bytes(db.read_bytes()[: 4096 * 3])


def _newer(db: Path) -> None:
    with sqlite3.connect(db) as conn:
        conn.execute(f"PRAGMA user_version={SCHEMA_VERSION + 1}")


# Each kind of bad file: how it is made from a good one, and what its line must say.
BAD_FILES: dict[str, tuple[Callable[[Path], None], str]] = {
    "random bytes": (
        lambda db: db.write_bytes(random.Random(3).randbytes(8192)),
        "not an SQLite file; point --db at",
    ),
    "a text file": (
        lambda db: db.write_text("Tarvenia notes\n" * 50),
        "not an SQLite file; point --db at",
    ),
    "a damaged page": (_damage_a_page, "damaged"),
    "a damaged schema page": (
        _damage_page_one,
        "restore it from a backup, or point --db at another file",
    ),
    "a truncated file": (_truncate, "restore it from a backup, or point --db at another file"),
    "a newer schema": (_newer, "made by a newer Storyline"),
}
COMMANDS = (
    ["ingest", "REPORTS"],
    ["reextract"],
    ["migrate"],
    ["brief"],
    ["export"],
    ["entities"],
    ["timeline"],
    ["articles"],
    ["serve"],
)


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.mark.parametrize("kind", list(BAD_FILES))
def test_an_unusable_database_is_one_line_and_left_alone(
    kind: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every command that opens the database: exit 3, one line naming the file and the fix."""
    import uvicorn

    def serve(*args: object, **kwargs: object) -> None:
        raise AssertionError(f"storyline serve started on {kind}")

    monkeypatch.setattr(uvicorn, "run", serve)
    make, says = BAD_FILES[kind]
    db = _small_db(tmp_path / "s.db")
    make(db)
    before = _digest(db)
    reports = str(write_reports(tmp_path / "in", range(2)))
    for command in COMMANDS:
        args = [reports if a == "REPORTS" else a for a in command]
        assert main([*args, "--db", str(db)]) == EXIT_FATAL, (kind, command)
        line = _one_error_line(capsys.readouterr().err)
        assert line.startswith(f"storyline: error: {db}: ") and says in line, (command, line)
        if kind == "a newer schema":
            assert "upgrade storyline" in line
    assert _digest(db) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in", "s.db"]


@pytest.fixture
def read_only_dir(tmp_path: Path) -> Iterator[Path]:
    """A directory holding a Storyline database that this process cannot write to.

    chmod does it for a user; root writes through permissions, so as root the directory is
    a read-only bind mount, or the test is skipped where mounting is not allowed.
    """
    folder = tmp_path / "data"
    folder.mkdir()
    _small_db(folder / "s.db")
    if os.geteuid() != 0:
        folder.chmod(0o555)
        try:
            yield folder
        finally:
            folder.chmod(0o755)
        return
    view = tmp_path / "ro"
    view.mkdir()
    bind = subprocess.run(
        ["mount", "--bind", str(folder), str(view)], capture_output=True, check=False
    )
    if bind.returncode != 0:
        pytest.skip(
            f"root ignores permissions, and no read-only mount here: {bind.stderr.decode().strip()}"
        )
    try:
        ro = subprocess.run(
            ["mount", "-o", "remount,ro,bind", str(view)], capture_output=True, check=False
        )
        if ro.returncode != 0:
            pytest.skip(f"cannot remount read-only: {ro.stderr.decode().strip()}")
        yield view
    finally:
        subprocess.run(["umount", str(view)], check=False)


def test_a_read_only_directory_is_one_line_for_writers(
    read_only_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Writing commands: exit 3 and one line; reading commands read as before."""
    db = read_only_dir / "s.db"
    before = _digest(db)
    reports = str(write_reports(read_only_dir.parent / "in", range(2)))
    for args in (["ingest", reports], ["reextract"], ["migrate"]):
        assert main([*args, "--db", str(db)]) == EXIT_FATAL, args
        line = _one_error_line(capsys.readouterr().err)
        assert line.startswith(f"storyline: error: {db}: ") and "read-only" in line, line
        assert "writable" in line
    new = read_only_dir / "new.db"
    assert main(["ingest", reports, "--db", str(new)]) == EXIT_FATAL
    line = _one_error_line(capsys.readouterr().err)
    assert f"the directory {read_only_dir} is read-only" in line and "writable" in line
    assert main(["articles", "--db", str(db)]) == EXIT_OK
    assert _digest(db) == before and sorted(p.name for p in read_only_dir.iterdir()) == ["s.db"]
