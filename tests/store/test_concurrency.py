"""Several processes on one database: writers take turns, nothing is stored twice or lost,
and readers read while an ingest writes."""

from __future__ import annotations

import multiprocessing
import sqlite3
import threading
import time
from pathlib import Path

import pytest

from storyline.errors import StoreError
from storyline.models import Article, Quote
from storyline.store import Store, connection, faults

from .consistency import (
    count_articles,
    problems,
    run_storyline,
    storyline,
    summary,
    write_config,
    write_reports,
)


def _article(i: int, text: str | None = None) -> Article:
    text = text if text is not None else f"Report {i} from Korlund."
    return Article(id=f"a{i}", text=text, text_sha256=f"sha-{text}")


def _open_and_add(db: str, worker: int, start: multiprocessing.synchronize.Barrier) -> None:
    start.wait()
    with Store(db) as store:
        store.add_batch([_article(100 * worker + k) for k in range(5)], [])


def test_processes_creating_one_new_database_at_once(tmp_path: Path) -> None:
    """Four processes open one new file at the same moment and each store a batch.

    Before: one created the schema while the others failed ("table articles already
    exists", or "database is locked" from the switch to WAL mode).
    """
    context = multiprocessing.get_context("fork")
    for round_ in range(12):
        db = str(tmp_path / f"new{round_}.db")
        start = context.Barrier(4)
        children = [context.Process(target=_open_and_add, args=(db, w, start)) for w in range(4)]
        for child in children:
            child.start()
        for child in children:
            child.join(60)
        assert [c.exitcode for c in children] == [0, 0, 0, 0], f"round {round_}"
        assert count_articles(Path(db)) == 20
        assert problems(Path(db)) == []


def test_a_text_stored_meanwhile_is_left_out_of_the_batch(tmp_path: Path) -> None:
    """What another process stored after this one checked is found under the write lock."""
    db = tmp_path / "s.db"
    with Store(db) as first, Store(db) as second:
        first.add_new_batch([_article(1), _article(2)], [])
        quote = Quote(article="a3", start=0, end=6, text="Report").with_provenance("quotes@1", 0)
        lost = Quote(article="a2", start=0, end=6, text="Report").with_provenance("quotes@1", 0)
        done = second.add_new_batch(
            [_article(2), _article(3), _article(1, "Other text under a taken id.")],
            [quote, lost],
        )
        assert [a.id for a in done.stored] == ["a3"]
        assert [a.id for a in done.duplicates] == ["a2"]
        assert [a.id for a in done.clashes] == ["a1"]
        assert [a.id for a in second.articles()] == ["a1", "a2", "a3"]
        assert second.facts(Quote) == [quote]


def _hold_write_lock(db: Path, seconds: float, locked: threading.Event) -> None:
    conn = sqlite3.connect(db, isolation_level=None)
    conn.execute("BEGIN IMMEDIATE")
    locked.set()
    time.sleep(seconds)
    conn.execute("COMMIT")
    conn.close()


def test_a_writer_waits_its_turn(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Past SQLite's busy timeout the transaction tries again, so a long writer is outwaited."""
    monkeypatch.setattr(connection, "_BUSY_MS", 100)
    db = tmp_path / "s.db"
    with Store(db) as store:
        locked = threading.Event()
        holder = threading.Thread(target=_hold_write_lock, args=(db, 0.6, locked))
        holder.start()
        locked.wait()
        started = time.monotonic()
        store.add_batch([_article(1)], [])
        assert time.monotonic() - started >= 0.5
        holder.join()
        assert store.count_articles() == 1


def test_a_lock_held_too_long_is_one_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(connection, "_BUSY_MS", 100)
    monkeypatch.setattr(faults, "WAIT_S", 0.3)
    db = tmp_path / "s.db"
    with Store(db) as store:
        locked = threading.Event()
        holder = threading.Thread(target=_hold_write_lock, args=(db, 1.0, locked))
        holder.start()
        locked.wait()
        with pytest.raises(StoreError) as error:
            store.add_batch([_article(1)], [])
        holder.join()
        assert store.count_articles() == 0
    message = str(error.value)
    assert message.startswith(f"{db}: cannot store batch: another process kept the database")
    assert "run it again" in message and "\n" not in message


@pytest.mark.slow
def test_two_ingests_into_one_new_database(tmp_path: Path) -> None:
    """Two `storyline ingest` processes into one new file: both finish, each text once.

    Before: the second failed with "UNIQUE constraint failed" (or "database is locked") and
    its whole batch was lost. The inputs overlap (reports 14-27 are in both) and batches of
    4 make the two writers' transactions interleave. 3-9 s for both rounds on 2 cores.
    """
    first = write_reports(tmp_path / "one", range(0, 28))
    second = write_reports(tmp_path / "two", range(14, 42))
    config = write_config(tmp_path / "small.toml", batch_size=4)
    for round_ in range(2):
        db = tmp_path / f"both{round_}.db"
        children = [
            storyline("--config", str(config), "ingest", str(d), "--db", str(db), "--json")
            for d in (first, second)
        ]
        results = [(c.wait(180), *c.communicate()) for c in children]
        for code, _, err in results:
            assert code in (0, 1) and "locked" not in err and "Traceback" not in err, err
        reports = [summary(out) for _, out, _ in results]
        assert sum(int(str(r["stored"])) for r in reports) == 42
        assert sum(int(str(r["already_stored"])) for r in reports) == 14
        assert count_articles(db) == 42
        assert problems(db) == []


def _read_repeatedly(db: Path, stop: threading.Event, errors: list[str], reads: list[int]) -> None:
    """What the server does per request: a time-limited read-only open and a few reads."""
    while not stop.is_set():
        try:
            with Store(db, read_only=True, query_timeout_ms=5000) as store, store.reads():
                store.articles()
                store.count_facts()
                store.entities()
                store.facts(Quote)
            reads.append(1)
        except Exception as e:  # every error is a failure of the test; collect them all
            errors.append(repr(e))
        time.sleep(0.02)


@pytest.mark.slow
def test_readers_read_while_an_ingest_writes(tmp_path: Path) -> None:
    """`storyline brief` and the server's reads, in a loop, during an ingest: no errors.

    3-7 s on 2 cores.
    """
    db = tmp_path / "s.db"
    config = write_config(tmp_path / "small.toml", batch_size=2)
    code, _, err = run_storyline(
        "--config",
        str(config),
        "ingest",
        str(write_reports(tmp_path / "one", range(6))),
        "--db",
        str(db),
    )
    assert code == 0, err
    later = write_reports(tmp_path / "two", range(6, 60))
    ingest = storyline("--config", str(config), "ingest", str(later), "--db", str(db))
    stop, errors, reads = threading.Event(), [], []
    reader = threading.Thread(target=_read_repeatedly, args=(db, stop, errors, reads))
    reader.start()
    briefs = 0
    try:
        while ingest.poll() is None:
            code, _, err = run_storyline("brief", "--db", str(db))
            assert code == 0 and not err, err
            briefs += 1
    finally:
        stop.set()
        reader.join()
    _, err = ingest.communicate()
    assert ingest.returncode == 0, err
    assert errors == []
    assert briefs >= 1 and len(reads) >= 5
    assert count_articles(db) == 60
    assert problems(db) == []
