"""Opening a database file: read-write (created or migrated), or strictly read-only.

A read-only open (``read_only=True``, what every reading command uses) goes through
SQLite's ``mode=ro``: it never migrates, never creates a table and never sets the journal
mode, so the file's bytes stay as they were and a file on a read-only mount can be read.
That needs one thing of the writer: a reader of a file in WAL mode needs a ``-shm`` file
beside it, which it would create in a writable directory (and leave behind) and cannot
create on a read-only mount. So a writer uses WAL only while it is open and puts the file
back into rollback-journal mode when it closes.

Before SQLite sees a file its 100-byte header is read: a file that is not SQLite is
refused with one line and left untouched, and so, read-only, is an old or foreign one.

A read-only open may carry a time limit per statement (``query_timeout_ms``, what
``storyline serve`` uses): SQLite's progress handler stops a statement that runs longer,
and :meth:`StoreBase.reads` turns that into :class:`QueryTimeoutError`.

Several processes may use one file at once: two ingests, an ingest and a reader. Every
write is a transaction that takes the write lock up front (``BEGIN IMMEDIATE``), so
writers take turns instead of failing half-way; SQLite's busy timeout and a bounded retry
(:data:`~.faults.WAIT_S` in all, logged) wait for the other writer's turn to end; WAL mode
lets readers read while a writer writes. The schema of a new file is created, and an old
one migrated, inside such a transaction after reading the version again, so two processes
opening one new file do not both create it.

Any SQLite error that leaves the store (a full disk, a damaged or read-only file) is one
:class:`StoreError` line naming the file and the fix (:mod:`.faults`). A writer, and a
reader without a time limit, run SQLite's ``quick_check`` when they open a file: a damaged
file is refused before anything is written into it or read out of it, at the cost of one
pass over the file (about 30 ms for 50 MB). The server's time-limited opens, one per
request, skip it: the server checked the file when it started.

``STORYLINE_MAX_PAGE_COUNT``, when set, caps a writer's file at that many pages (SQLite's
``max_page_count``). It is a test hook: it is how the tests fill "the disk" on any machine,
where a small loop-mounted filesystem needs root.
"""

from __future__ import annotations

import logging
import os
import sqlite3
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import Any, Self

from ..errors import StoreError
from . import faults
from .faults import errorname, is_busy, store_error
from .schema import CORE_TABLES, SCHEMA_VERSION, apply_migration

logger = logging.getLogger(__name__)

_MAGIC = b"SQLite format 3\x00"
_NOT_OURS = "not a Storyline database"
_ELSEWHERE = "point --db at a Storyline database, or at a new file"
_FOREIGN = f"{_NOT_OURS}: an SQLite file without Storyline's tables; {_ELSEWHERE}"
# How long a statement waits for another connection's lock before giving up; a write
# transaction then tries again (see ``_retry_busy``) until WAIT_S have passed.
_BUSY_MS = 10000
MAX_PAGE_COUNT_ENV = "STORYLINE_MAX_PAGE_COUNT"
# SQLite virtual-machine steps between two looks at the clock of a time-limited statement:
# about 0.1-0.5 ms of work, so a limit is kept to within a millisecond while the look (a
# call into Python) costs under 1 % of the statement's time.
_PROGRESS_STEPS = 5000


class QueryTimeoutError(StoreError):
    """Raised when a statement of a time-limited read-only open runs over its limit.

    ``limit_ms`` is the limit (the ``query_timeout_ms`` setting); narrowing the request or
    raising the setting is the fix.
    """

    def __init__(self, limit_ms: int, *, source: str | None = None) -> None:
        super().__init__(
            f"a query ran longer than {limit_ms} ms and was stopped; narrow the request"
            " (filters, a smaller offset) or raise query_timeout_ms",
            source=source,
        )
        self.limit_ms = limit_ms


@dataclass(frozen=True)
class Header:
    """What SQLite's file header says, read without opening the file through SQLite."""

    wal: bool
    user_version: int


def read_header(path: Path) -> Header | None:
    """The header of the SQLite file at ``path``; None for an empty file (a new database).

    Raises:
        StoreError: the file cannot be read or is not an SQLite database.
    """
    try:
        with path.open("rb") as f:
            head = f.read(100)
    except OSError as e:
        raise StoreError(f"cannot read the database: {e.strerror or e}", source=str(path)) from e
    if not head:
        return None
    if len(head) < 100 or not head.startswith(_MAGIC):
        raise StoreError(f"{_NOT_OURS}: not an SQLite file; {_ELSEWHERE}", source=str(path))
    # Bytes 18-19 are the write and read format versions, 2 in WAL mode; 60-63 the
    # big-endian user_version, which is our schema version.
    return Header(wal=head[18] == 2, user_version=int.from_bytes(head[60:64], "big", signed=True))


class StoreBase:
    """An open database file; the query mixins of :class:`~.Store` build on it."""

    def __init__(
        self, path: str | Path, *, read_only: bool = False, query_timeout_ms: int | None = None
    ) -> None:
        """Open the database at ``path``.

        Args:
            path: the database file.
            read_only: open with SQLite's read-only mode: nothing is created, migrated or
                written, and the file must already be a Storyline database of this
                version.
            query_timeout_ms: with ``read_only``, stop any statement that runs longer than
                this (it raises :class:`QueryTimeoutError` through :meth:`reads`);
                None or 0 sets no limit.

        Raises:
            StoreError: the file is missing (read-only), not SQLite, not a Storyline
                database, of an older schema (read-only: run ``storyline migrate``) or a
                newer one, or cannot be opened.
        """
        self.path = str(path)
        self.read_only = read_only
        self.query_timeout_ms = query_timeout_ms if read_only and query_timeout_ms else None
        # The schema version the file had before this open migrated it (0: a new file).
        self.found_version = SCHEMA_VERSION
        try:
            self.conn = self._open_read_only() if read_only else self._open_read_write()
        except sqlite3.Error as e:
            raise store_error(e, self.path, "open the database") from e

    def _open_read_only(self) -> sqlite3.Connection:
        file = Path(self.path)
        if file.exists() and not file.is_file():
            raise StoreError("not a file; give a database file with --db", source=self.path)
        if not file.is_file():
            raise StoreError(
                f"no database at {self.path}; run `storyline ingest PATH... --db {self.path}` first"
            )
        # The -wal file is looked for before the header is read: a writer that closes in
        # between moves the last commits into the file (and the header) first, so a header
        # read after a -wal file was found missing is never older than the commits.
        wal_file = Path(f"{self.path}-wal")
        had_wal = wal_file.exists()
        header = read_header(file)
        if header is None:
            raise StoreError(f"{_NOT_OURS}: an empty file; {_ELSEWHERE}", source=self.path)
        if not had_wal:
            # Without a -wal file every commit is in the main file and its header is
            # current: refuse an old or foreign file before SQLite opens it.
            if header.user_version == 0:
                raise StoreError(_FOREIGN, source=self.path)
            self._check_version(header.user_version)
        uri = f"{file.resolve().as_uri()}?mode=ro"
        conn = _connect(uri, self.query_timeout_ms, shared=True)
        try:
            try:
                self._check_schema(conn)
            except sqlite3.OperationalError as e:
                # A WAL file whose -shm file cannot be created (a read-only mount): with no
                # -wal file nothing is writing it (a writer would have created one, and
                # could not here), so reading it as immutable is exact.
                if not (header.wal and not wal_file.exists() and _is_readonly_error(e)):
                    raise
                conn.close()
                conn = _connect(f"{uri}&immutable=1", self.query_timeout_ms, shared=True)
                self._check_schema(conn)
            if not self.query_timeout_ms:
                self._verify(conn)
        except BaseException:
            conn.close()
            raise
        return conn

    def _open_read_write(self) -> sqlite3.Connection:
        file = Path(self.path)
        if file.exists() and not file.is_file():
            raise StoreError("not a file; give a database file with --db", source=self.path)
        if file.exists():
            read_header(file)  # refuses a file that is not SQLite before SQLite touches it
        elif not file.parent.is_dir():
            raise StoreError(
                f"cannot create the database: there is no directory {file.parent};"
                " create it, or point --db at a file in an existing directory",
                source=self.path,
            )
        elif not os.access(file.parent, os.W_OK):
            raise StoreError(
                f"cannot create the database: the directory {file.parent} is read-only;"
                " make it writable, or point --db at a file in a writable directory",
                source=self.path,
            )
        conn = _connect(file.resolve().as_uri())
        try:
            version = int(conn.execute("PRAGMA user_version").fetchone()[0])
            if version or _tables(conn):
                self._check_schema(conn)  # before anything is written
                self._verify(conn)
            # Switching the journal mode needs a moment with no other connection in a
            # transaction, and SQLite reports a conflict at once instead of waiting.
            self._retry_busy("open the database", lambda: conn.execute("PRAGMA journal_mode=WAL"))
            # NORMAL is durable against a killed process in WAL mode (only an OS crash can
            # lose the last commits), and several times faster than FULL.
            conn.execute("PRAGMA synchronous=NORMAL")
            conn.execute("PRAGMA foreign_keys=ON")
            self._limit_pages(conn)
            self.conn = conn
            if version < SCHEMA_VERSION:
                self._migrate()
        except BaseException:
            conn.close()
            raise
        return conn

    def _limit_pages(self, conn: sqlite3.Connection) -> None:
        """Apply the ``STORYLINE_MAX_PAGE_COUNT`` test hook (see the module docstring)."""
        limit = os.environ.get(MAX_PAGE_COUNT_ENV, "").strip()
        if not limit:
            return
        if not limit.isdigit():
            raise StoreError(f"{MAX_PAGE_COUNT_ENV}={limit!r} is not a whole number of pages")
        conn.execute(f"PRAGMA max_page_count={int(limit)}")

    def _check_schema(self, conn: sqlite3.Connection) -> None:
        """Refuse a file without Storyline's tables, or of a version this one cannot read."""
        version = int(conn.execute("PRAGMA user_version").fetchone()[0])
        if version < 1 or not _tables(conn) >= CORE_TABLES:
            raise StoreError(_FOREIGN, source=self.path)
        self._check_version(version)

    def _verify(self, conn: sqlite3.Connection) -> None:
        """Refuse a damaged file (SQLite's ``quick_check``; see the module docstring)."""
        # The report may run over several lines: "*** in database main ***", then pages.
        report = str(conn.execute("PRAGMA quick_check(1)").fetchone()[0])
        problem = " ".join(report.replace("*** in database main ***", "").split())
        if problem != "ok":
            raise StoreError(
                f"the database is damaged ({problem}); restore it from a backup,"
                " or point --db at another file",
                source=self.path,
            )

    def _check_version(self, version: int) -> None:
        if version > SCHEMA_VERSION:
            raise StoreError(
                f"made by a newer Storyline: database schema v{version} is newer than this"
                f" Storyline (v{SCHEMA_VERSION}); upgrade storyline to use it",
                source=self.path,
            )
        if self.read_only and version < SCHEMA_VERSION:
            raise StoreError(
                f"database schema v{version} is older than this Storyline (v{SCHEMA_VERSION});"
                f" run `storyline migrate --db {self.path}` first",
                source=self.path,
            )

    def _migrate(self) -> None:
        """Create or migrate the schema in one transaction: all of it or none.

        The version is read again under the write lock: another process may have created
        or migrated the file since this one looked.
        """
        with self.transaction(f"create or migrate the schema to v{SCHEMA_VERSION}"):
            version = int(self.conn.execute("PRAGMA user_version").fetchone()[0])
            if version or _tables(self.conn):
                self._check_schema(self.conn)
            self.found_version = version
            for number in range(version, SCHEMA_VERSION):
                try:
                    apply_migration(self.conn, number)
                except sqlite3.Error as e:
                    doing = f"migrate to schema v{number + 1}" if version else "create the database"
                    raise store_error(e, self.path, doing) from e
        if 0 < version < SCHEMA_VERSION:
            logger.info("migrated %s from schema v%d to v%d", self.path, version, SCHEMA_VERSION)

    @contextmanager
    def transaction(self, what: str) -> Iterator[None]:
        """One write transaction, holding the write lock from its start: all of it or none.

        Another process's write lock is waited for (see :meth:`_retry_busy`), so writers
        take turns and a transaction never fails half-way for want of the lock.

        Raises:
            StoreError: the write failed (``what`` names it in the message).
        """
        try:
            self._retry_busy(what, lambda: self.conn.execute("BEGIN IMMEDIATE"))
            try:
                yield
                # In rollback-journal mode a commit waits for readers; if they outlast the
                # busy timeout the transaction is still open and the commit can be retried.
                self._retry_busy(what, lambda: self.conn.execute("COMMIT"))
            except BaseException:
                self._rollback()
                raise
        except sqlite3.Error as e:
            raise store_error(e, self.path, what) from e

    def _rollback(self) -> None:
        # SQLite has already rolled back after some errors (a full disk, an I/O error); a
        # failing ROLLBACK must not hide the error that caused it.
        if not self.conn.in_transaction:
            return
        try:
            self.conn.execute("ROLLBACK")
        except sqlite3.Error as e:
            logger.debug("%s: rollback failed: %s", self.path, e)

    def _retry_busy(self, what: str, run: Callable[[], object]) -> None:
        """Run ``run``, and again while another connection holds a lock it needs.

        SQLite itself waits up to the busy timeout for most locks; this covers the
        conflicts it reports at once (a journal-mode switch, a stale WAL snapshot) and a
        writer that holds the lock longer than the timeout. Gives up after
        :data:`~.faults.WAIT_S` seconds in all.
        """
        started = time.monotonic()
        pause = 0.01
        warned = False
        while True:
            try:
                run()
                return
            except sqlite3.OperationalError as e:
                waited = time.monotonic() - started
                if not is_busy(e) or waited >= faults.WAIT_S:
                    raise
                if waited >= _BUSY_MS / 1000 and not warned:
                    logger.warning(
                        "%s is locked by another process; waiting up to %d s to %s",
                        self.path,
                        faults.WAIT_S,
                        what,
                    )
                    warned = True
                logger.debug("%s: %s (%.1f s); trying again to %s", self.path, e, waited, what)
            time.sleep(pause)
            pause = min(2 * pause, 0.5)

    @contextmanager
    def reads(self) -> Iterator[None]:
        """A block of reads whose SQLite errors come out as :class:`StoreError`.

        Raises:
            QueryTimeoutError: a statement ran over the open's ``query_timeout_ms``.
            StoreError: any other error of SQLite (a locked or damaged file).
        """
        try:
            yield
        except sqlite3.Error as e:
            raise self.read_error(e) from e

    def read_error(self, error: sqlite3.Error) -> StoreError:
        """The :class:`StoreError` to raise for an SQLite error of a read."""
        if self.query_timeout_ms and errorname(error) == "SQLITE_INTERRUPT":
            return QueryTimeoutError(self.query_timeout_ms, source=self.path)
        return store_error(error, self.path, "read the database")

    def integrity_ok(self) -> bool:
        return bool(self.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok")

    def close(self) -> None:
        """Close the file; a writer first leaves WAL mode (see the module docstring)."""
        if not self.read_only:
            try:
                # Never wait: with another connection open the switch is refused, and the
                # file stays in WAL mode, which readers in a writable directory handle.
                self.conn.execute("PRAGMA busy_timeout=0")
                self.conn.execute("PRAGMA journal_mode=DELETE")
            except sqlite3.Error as e:
                logger.debug("%s stays in WAL mode: %s", self.path, e)
        self.conn.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        """Close the file; an SQLite error from the block leaves as one :class:`StoreError`.

        Reads outside :meth:`reads` (a view, an export, ingest's duplicate check) raise
        SQLite's errors as they are; here, at the end of the ``with`` block, they become
        the one line naming the file and the fix.
        """
        self.close()
        if isinstance(exc, sqlite3.Error):
            raise store_error(exc, self.path, "use the database") from exc


class _TimedConnection(sqlite3.Connection):
    """A connection each of whose statements is stopped once it runs over ``limit``.

    The clock starts when a statement is executed and runs while its rows are fetched;
    the progress handler then makes SQLite fail the statement with SQLITE_INTERRUPT.
    """

    limit = 0.0  # seconds
    deadline = float("inf")

    def execute(self, sql: str, parameters: Any = (), /) -> sqlite3.Cursor:
        self.deadline = time.monotonic() + self.limit
        return super().execute(sql, parameters)

    def over_time(self) -> int:
        return int(time.monotonic() > self.deadline)


def _connect(
    uri: str, timeout_ms: int | None = None, *, shared: bool = False
) -> sqlite3.Connection:
    """A connection in autocommit mode (transactions are explicit) that waits for locks.

    With ``timeout_ms`` every statement is stopped after that long (see
    :class:`_TimedConnection`). A ``shared`` (read-only) connection may be used from a
    thread other than the one that opened it, one thread at a time: a web server opens it
    for a request in one worker thread and may answer in another.
    """
    conn: sqlite3.Connection
    options: dict[str, Any] = {"uri": True, "isolation_level": None}
    if shared:
        options["check_same_thread"] = False
    if timeout_ms:
        timed = _TimedConnection(uri, **options)
        timed.limit = timeout_ms / 1000
        timed.set_progress_handler(timed.over_time, _PROGRESS_STEPS)
        conn = timed
    else:
        conn = sqlite3.connect(uri, **options)
    conn.row_factory = sqlite3.Row
    conn.execute(f"PRAGMA busy_timeout={_BUSY_MS}")
    return conn


def _tables(conn: sqlite3.Connection) -> set[str]:
    rows = conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
    return {str(row[0]) for row in rows}


def _is_readonly_error(error: sqlite3.Error) -> bool:
    return errorname(error).startswith(("SQLITE_READONLY", "SQLITE_CANTOPEN"))


# SQLite's default limit on host parameters is 999; stay well under it per statement.
_CHUNK = 500


def chunked(items: Sequence[str]) -> Iterator[Sequence[str]]:
    """``items`` in slices small enough for one ``IN (?, ...)`` list each."""
    for i in range(0, len(items), _CHUNK):
        yield items[i : i + _CHUNK]


def marks(items: Sequence[str]) -> str:
    """The ``?, ?, ...`` placeholder list for ``items``."""
    return ", ".join("?" * len(items))
