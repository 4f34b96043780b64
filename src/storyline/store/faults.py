"""SQLite's errors as one line each: what happened to which file, and what to do.

Every SQLite error that leaves the store, whether raised while opening the file, in a
write transaction, in a block of reads or anywhere inside ``with Store(...)``, becomes a
:class:`~storyline.errors.StoreError` made here, so that the CLI prints one line naming the
database and the fix instead of a traceback. SQLite's own code (``sqlite_errorname``, e.g.
``SQLITE_FULL``, ``SQLITE_CORRUPT_INDEX``) decides the kind; its message stays in the line.
"""

from __future__ import annotations

import sqlite3

from ..errors import StoreError

# How long a writer waits, all retries together, for another process's write lock before
# it gives up (see :meth:`~.connection.StoreBase.transaction`). Another ingest holds the
# lock for one batch at a time (milliseconds); entity resolution after a large first
# ingest holds it longest (0.1 s for 160 new articles of 30 mentions each, measured), so
# two minutes is far beyond any wait of a working writer and still ends a stuck one.
WAIT_S = 120

_DAMAGED = "restore it from a backup, or point --db at another file"


def errorname(error: sqlite3.Error) -> str:
    """SQLite's extended code name of ``error`` (``SQLITE_BUSY_SNAPSHOT``), or ''."""
    name = getattr(error, "sqlite_errorname", "")
    return name if isinstance(name, str) else ""


def error_kind(error: sqlite3.Error) -> str:
    """The primary code of ``error`` without its extension: ``SQLITE_BUSY``, ``SQLITE_FULL``."""
    return "_".join(errorname(error).split("_")[:2])


def is_busy(error: sqlite3.Error) -> bool:
    """Whether ``error`` means another connection holds a lock this one needs."""
    return error_kind(error) in ("SQLITE_BUSY", "SQLITE_LOCKED")


def store_error(error: sqlite3.Error, path: str, doing: str) -> StoreError:
    """The one-line :class:`StoreError` for ``error``, raised while trying to ``doing``.

    Args:
        error: what SQLite raised.
        path: the database file, named at the start of the line.
        doing: what failed, as a verb phrase ("store batch", "open the database").
    """
    kind = error_kind(error)
    if kind == "SQLITE_FULL":
        message = (
            f"cannot {doing}: the disk is full, or the database reached its size limit"
            f" ({error}); free disk space and run it again; what was stored before is intact"
        )
    elif kind == "SQLITE_CORRUPT":
        message = f"the database is damaged ({error}); {_DAMAGED}"
    elif kind == "SQLITE_NOTADB":
        message = f"not a Storyline database, or a damaged one ({error}); {_DAMAGED}"
    elif kind in ("SQLITE_READONLY", "SQLITE_PERM", "SQLITE_AUTH"):
        message = (
            f"cannot {doing}: the file or its directory is read-only ({error}); make both"
            " writable, or copy the file to a writable directory and point --db at the copy"
        )
    elif kind == "SQLITE_CANTOPEN":
        message = (
            f"cannot {doing} ({error}); the file and its directory must exist and be"
            " readable (and, to write, writable), or point --db at another file"
        )
    elif kind in ("SQLITE_BUSY", "SQLITE_LOCKED"):
        message = (
            f"cannot {doing}: another process kept the database locked for over {WAIT_S} s"
            f" ({error}); run it again once that process is done"
        )
    elif kind == "SQLITE_IOERR":
        message = (
            f"cannot {doing}: the disk reported an error ({error}); check the disk and its"
            " free space, then run it again; what was stored before is intact"
        )
    else:
        message = f"cannot {doing}: {error}"
    return StoreError(message, source=path)
