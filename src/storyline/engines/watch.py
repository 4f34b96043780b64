"""``storyline watch``: ingest what is new in folders, feeds and pages, round after round.

Each round reads its inputs through :class:`~storyline.ingest.sources.Sources` in watch
mode — files whose size and modification time are unchanged are not read, feeds are asked
with a conditional GET and only their unseen items are fetched — stores the new articles,
then saves what it read to the fetch state beside the database. A restarted watch loads
that state and goes on where the last finished round left off, fetching nothing twice.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from ..config import Settings
from ..ingest.fetch import FetchState, state_path
from ..ingest.sources import Sources
from ..pipeline import IngestReport, ingest_items
from ..store import Store

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Round:
    """What one round of a watch did."""

    number: int
    report: IngestReport
    seconds: float

    def summary(self) -> str:
        """One line for the log: the round, what was stored, and what was not."""
        facts = sum(self.report.facts.values())
        line = (
            f"round {self.number}: {len(self.report.stored)} new articles ({facts} facts), "
            f"{self.report.duplicates} already stored, {len(self.report.skipped)} skipped"
        )
        if self.report.updated:
            line += f", {len(self.report.updated)} metadata updated"
        if self.report.failures:
            line += f", {len(self.report.failures)} extractor failures"
        return f"{line} in {self.seconds:.1f}s"


def watch(
    paths: Sequence[str],
    store: Store,
    settings: Settings,
    *,
    rounds: int | None = None,
    on_round: Callable[[Round], None] | None = None,
) -> bool:
    """Ingest what is new in ``paths`` every ``settings.watch_every`` seconds.

    Args:
        paths: directories, files, feed files and feed or page URLs (not ``-``).
        store: where articles go; the fetch state is kept beside its file.
        settings: ``watch_every`` (seconds from the start of a round to the next) and
            everything ``ingest`` uses.
        rounds: stop after this many rounds; ``None`` runs until interrupted.
        on_round: called with each round's result (the CLI prints its summary line).

    Returns:
        Whether every round stored everything it read (no skips, no extractor failures).

    Raises:
        StoreError: the database cannot be written.
        InputError: the fetch state cannot be written.
    """
    ok = True
    number = 0
    while rounds is None or number < rounds:
        number += 1
        started = time.monotonic()
        sources = Sources(settings, FetchState(state_path(store.path)), watch_files=True)
        report = ingest_items(sources.read(paths), store, settings)
        sources.commit()
        done = Round(number, report, time.monotonic() - started)
        logger.info("%s", done.summary())
        if on_round is not None:
            on_round(done)
        ok = ok and report.ok
        if rounds is not None and number >= rounds:
            break
        time.sleep(max(0.0, settings.watch_every - done.seconds))
    return ok
