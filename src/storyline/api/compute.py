"""Whole-record views computed in a child process: the merged timeline and the stories.

Both are pure-Python work over every article, seconds to minutes on a large record. In a
thread of the server they would hold the interpreter lock the request threads need, and
requests would crawl (their queries running into ``query_timeout_ms``) until they were
done. So on a large record each is computed by a child process of its own, from the database
path, started on first use and sent back through a pipe; it is a daemon, so it ends with
the server. A small record's views take less than starting a process would (about two
seconds): they are computed in a thread.
"""

from __future__ import annotations

import logging
import multiprocessing
import threading
from collections.abc import Callable
from multiprocessing.connection import Connection
from typing import Any

from ..errors import StoreError
from ..store import Store
from ..views.stories import list_stories
from ..views.timeline import build_timeline

logger = logging.getLogger(__name__)

VIEWS: dict[str, Callable[[Store], Any]] = {
    "timeline": build_timeline,
    "stories": list_stories,
}


def compute_view(view: str, db: str) -> Any:
    """The view ``view`` (a key of :data:`VIEWS`) of the database at ``db``, read-only.

    Raises:
        StoreError: the database cannot be read.
    """
    with Store(db, read_only=True) as store, store.reads():
        return VIEWS[view](store)


def _child(view: str, db: str, conn: Connection) -> None:
    """The child process: compute, send ``("ok", view)`` or ``("error", message)``."""
    try:
        conn.send(("ok", compute_view(view, db)))
    except Exception as e:  # handed to the parent, which raises it as a StoreError
        conn.send(("error", f"{type(e).__name__}: {e}"))
    finally:
        conn.close()


class ViewJob:
    """One view of one database state, being computed in a child process.

    A thread of the parent starts the child and waits for its answer (or, with
    ``in_thread``, computes the view itself), so that a request can wait for the job with
    a timeout.
    """

    def __init__(self, view: str, db: str, *, in_thread: bool = False) -> None:
        self.view = view
        self.db = db
        self.done = threading.Event()
        self.value: Any = None
        self.error: StoreError | None = None
        run = self._compute if in_thread else self._run
        threading.Thread(target=run, name=f"storyline {view}", daemon=True).start()

    def wait(self, seconds: float | None) -> bool:
        """Whether the job is done within ``seconds`` (None: however long it takes)."""
        return self.done.wait(seconds)

    def _compute(self) -> None:
        try:
            self.value = compute_view(self.view, self.db)
        except StoreError as e:
            self.error = StoreError(f"computing the {self.view} failed: {e}")
            logger.warning("%s", self.error)
        finally:
            self.done.set()

    def _run(self) -> None:
        context = multiprocessing.get_context("spawn")
        receive, send = context.Pipe(duplex=False)
        child = context.Process(
            target=_child,
            args=(self.view, self.db, send),
            name=f"storyline {self.view}",
            daemon=True,
        )
        try:
            child.start()
            send.close()
            status, value = receive.recv()
            if status == "ok":
                self.value = value
            else:
                self.error = StoreError(f"computing the {self.view} failed: {value}")
        except (EOFError, OSError) as e:
            self.error = StoreError(f"the process computing the {self.view} ended: {e}")
        finally:
            receive.close()
            child.join(timeout=5)
            if self.error is not None:
                logger.warning("%s", self.error)
            self.done.set()
