"""Opening files: read-only opens change no byte, and foreign or old files are one line."""

from __future__ import annotations

import hashlib
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from storyline.errors import StoreError
from storyline.models import Article, Position
from storyline.store import SCHEMA_VERSION, Store, migrate_store

from .old_layout import build_v2, sample_articles, sample_facts

SRC = Path(__file__).resolve().parents[2] / "src"


def snapshot(db: Path) -> tuple[str, list[str]]:
    """The file's hash and the names of what sits beside it (-wal, -shm, -journal)."""
    digest = hashlib.sha256(db.read_bytes()).hexdigest()
    return digest, sorted(p.name for p in db.parent.iterdir())


def filled(db: Path) -> Path:
    with Store(db) as store:
        store.add_batch(sample_articles(), sample_facts())
    return db


def test_a_writer_leaves_the_file_out_of_wal_mode(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    with Store(db) as store:
        assert store.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        store.add_batch(sample_articles(), sample_facts())
    assert db.read_bytes()[18:20] == b"\x01\x01"  # rollback journal: readers need no -shm
    assert sorted(p.name for p in tmp_path.iterdir()) == ["s.db"]


def test_read_only_open_reads_and_changes_nothing(tmp_path: Path) -> None:
    db = filled(tmp_path / "s.db")
    before = snapshot(db)
    with Store(db, read_only=True) as store:
        assert [a.id for a in store.articles()] == ["a1", "a2"]
        assert [p.stance for p in store.facts(Position)] == ["accept", "reject"]
        assert store.count_facts()["position"] == 2
        with pytest.raises(StoreError, match="readonly"):
            store.add_batch([Article(id="a3", text="x", text_sha256="x")], [])
    assert snapshot(db) == before


def test_read_only_open_of_a_missing_file_creates_nothing(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match=r"^no database at .*storyline ingest") as error:
        Store(tmp_path / "none.db", read_only=True)
    assert "\n" not in str(error.value)
    assert list(tmp_path.iterdir()) == []


def _foreign_sqlite(path: Path, *, wal: bool = False) -> None:
    conn = sqlite3.connect(path)
    if wal:
        conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("CREATE TABLE notes (body TEXT)")
    conn.execute("INSERT INTO notes VALUES ('mine')")
    conn.commit()
    conn.close()


@pytest.fixture(params=["random", "text", "sqlite", "sqlite-wal"])
def foreign(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Path]:
    path = tmp_path / "other.db"
    kind = request.param
    if kind == "random":
        path.write_bytes(os.urandom(8192))
    elif kind == "text":
        path.write_text("id,name\n1,Mara Sten\n" * 200)
    else:
        _foreign_sqlite(path, wal=kind == "sqlite-wal")
    yield path


@pytest.mark.parametrize("read_only", [True, False])
def test_a_file_that_is_not_ours_is_one_line_and_left_alone(foreign: Path, read_only: bool) -> None:
    before = snapshot(foreign)
    with pytest.raises(StoreError, match="not a Storyline database") as error:
        Store(foreign, read_only=read_only)
    assert "\n" not in str(error.value)
    assert snapshot(foreign) == before


def test_an_empty_file_is_refused_read_only_and_made_a_database_read_write(
    tmp_path: Path,
) -> None:
    empty = tmp_path / "new.db"
    empty.write_bytes(b"")
    with pytest.raises(StoreError, match="not a Storyline database: an empty file"):
        Store(empty, read_only=True)
    assert empty.read_bytes() == b""
    with Store(empty) as store:
        assert store.found_version == 0 and store.articles() == []


def test_an_old_database_read_only_asks_for_migrate(tmp_path: Path) -> None:
    db = tmp_path / "old.db"
    build_v2(db, sample_articles(), sample_facts())  # left in WAL mode, as v2 left it
    before = snapshot(db)
    with pytest.raises(StoreError, match=r"older .* run `storyline migrate --db .*old\.db`"):
        Store(db, read_only=True)
    assert snapshot(db) == before
    done = migrate_store(db)
    assert (done.before, done.after, done.changed) == (2, SCHEMA_VERSION, True)
    with Store(db, read_only=True) as store:
        assert len(store.facts(Position)) == 2
    assert not migrate_store(db).changed


def test_a_newer_database_is_refused_in_both_modes(tmp_path: Path) -> None:
    db = filled(tmp_path / "s.db")
    with sqlite3.connect(db) as conn:
        conn.execute(f"PRAGMA user_version={SCHEMA_VERSION + 1}")
    conn.close()
    before = snapshot(db)
    for read_only in (True, False):
        with pytest.raises(StoreError, match="newer than this Storyline"):
            Store(db, read_only=read_only)
    assert snapshot(db) == before


def test_migrate_needs_a_database(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="no database at"):
        migrate_store(tmp_path / "none.db")
    assert list(tmp_path.iterdir()) == []


def test_a_writer_with_a_reader_open_closes_at_once(tmp_path: Path) -> None:
    """The writer's switch out of WAL mode never waits for readers."""
    db = filled(tmp_path / "s.db")
    writer = Store(db)
    writer.add_batch([], [])
    with Store(db, read_only=True) as reader:
        assert len(reader.articles()) == 2
        started = time.monotonic()
        writer.close()
        assert time.monotonic() - started < 1
        assert len(reader.articles()) == 2
    with Store(db, read_only=True) as reader:
        assert len(reader.articles()) == 2


def _read_only_dir(tmp_path: Path, wal: bool) -> Path:
    folder = tmp_path / "ro"
    folder.mkdir()
    db = filled(folder / "s.db")
    if wal:  # as a writer leaves it when a reader kept it from switching back
        conn = sqlite3.connect(db)
        conn.execute("PRAGMA journal_mode=WAL")
        conn.close()
        assert db.read_bytes()[18] == 2 and not (folder / "s.db-wal").exists()
    folder.chmod(0o555)
    return db


@pytest.mark.parametrize("wal", [False, True])
def test_a_database_in_a_read_only_directory_is_read(tmp_path: Path, wal: bool) -> None:
    db = _read_only_dir(tmp_path, wal)
    before = snapshot(db)
    try:
        with Store(db, read_only=True) as store:
            assert len(store.facts(Position)) == 2
        if wal and os.geteuid() == 0:
            # Root may create the -shm file a WAL reader needs, so SQLite does; the
            # database itself is untouched.
            assert snapshot(db)[0] == before[0]
        else:
            assert snapshot(db) == before
    finally:
        db.parent.chmod(0o755)


NOBODY = 65534


def _python_for_nobody() -> str | None:
    """A Python 3.11+ the unprivileged user may run (the venv's may sit under /root)."""
    candidates = [sys.executable, "/usr/local/bin/python3", "/usr/bin/python3"]
    for exe in candidates:
        if not os.path.exists(exe):
            continue
        check = "import sys; assert sys.version_info >= (3, 11)"
        try:
            done = subprocess.run(
                [exe, "-c", check], user=NOBODY, group=NOBODY, extra_groups=[], check=False
            )
        except OSError:
            continue
        if done.returncode == 0:
            return exe
    return None


@pytest.mark.skipif(
    not hasattr(os, "geteuid") or os.geteuid() != 0, reason="needs root to run as nobody"
)
@pytest.mark.parametrize("wal", [False, True])
def test_a_read_only_directory_as_an_unprivileged_user(wal: bool) -> None:
    """Root writes through chmod; an unprivileged user shows what a read-only mount does.

    The store needs only the standard library, so any Python 3.11 will do.
    """
    python = _python_for_nobody()
    if python is None:
        pytest.skip("no Python the unprivileged user can run")
    top = Path(tempfile.mkdtemp(prefix="storyline-ro-"))
    try:
        top.chmod(0o755)
        db = _read_only_dir(top, wal)
        before = snapshot(db)
        script = (
            "import sys; from storyline.store import Store; from storyline.models import Position\n"
            "with Store(sys.argv[1], read_only=True) as s: print(len(s.facts(Position)))"
        )
        done = subprocess.run(
            [python, "-c", script, str(db)],
            capture_output=True,
            text=True,
            user=NOBODY,
            group=NOBODY,
            extra_groups=[],
            env={**os.environ, "PYTHONPATH": str(SRC)},
            check=False,
        )
        assert (done.returncode, done.stdout.strip()) == (0, "2"), done.stderr
        assert snapshot(db) == before
    finally:
        (top / "ro").chmod(0o755)
        shutil.rmtree(top)
