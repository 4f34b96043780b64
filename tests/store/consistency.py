"""What the concurrency and fault tests share: invented reports, the CLI as a process, and
the checks that say a database is consistent.

The reports are about an invented conflict (Tarvenia, the Veyra Front) and invented people,
different enough from each other that every one is its own article.
"""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

from storyline.store import Store
from storyline.store.schema import FACT_TABLES

PEOPLE = ("Ilsa Marrow", "Doran Vell", "Petra Oskov", "Tamsin Rulo", "Corin Ashdal")
PLACES = ("Korlund", "Eastmere", "Valdross", "Brenhallow", "Saltmoor")


def report_text(i: int) -> str:
    """Report ``i``: a title, then a few sentences that give every extractor some work."""
    person, place = PEOPLE[i % len(PEOPLE)], PLACES[(i // len(PEOPLE)) % len(PLACES)]
    other = PEOPLE[(i + 2) % len(PEOPLE)]
    return (
        f"Tarvenia talks, dispatch {i}\n\n"
        f"{person}, the chief negotiator of the Veyra Front, said on Tuesday that fighters "
        f"would withdraw from {place} within {i % 9 + 2} days. "
        f'"We want a lasting truce for {place}," {person} told reporters in Portmerrow. '
        f"Officials in {place} reported that {i * 7 + 11} families had returned home. "
        f"{other} proposed a joint monitoring team, and the Tarvenian government rejected it. "
        f"Dispatch {i} ends here."
    )


def write_reports(directory: Path, numbers: Sequence[int]) -> Path:
    """One ``.txt`` file per report number in ``directory``; returns the directory."""
    directory.mkdir(parents=True, exist_ok=True)
    for i in numbers:
        (directory / f"dispatch-{i:03d}.txt").write_text(report_text(i), encoding="utf-8")
    return directory


def write_config(path: Path, **values: int) -> Path:
    """A settings file with ``values`` (small batches make many write transactions)."""
    path.write_text("".join(f"{k} = {v}\n" for k, v in values.items()), encoding="utf-8")
    return path


def storyline(*args: str, env: dict[str, str] | None = None) -> subprocess.Popen[str]:
    """``storyline ARGS...`` as a child process, its stdout and stderr piped."""
    return subprocess.Popen(
        [sys.executable, "-m", "storyline.cli", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, **(env or {})},
    )


def run_storyline(
    *args: str, env: dict[str, str] | None = None, timeout: float = 120
) -> tuple[int, str, str]:
    """Run ``storyline ARGS...`` to its end: exit code, stdout, stderr."""
    child = storyline(*args, env=env)
    out, err = child.communicate(timeout=timeout)
    return child.returncode, out, err


def summary(out: str) -> dict[str, object]:
    """The ``--json`` run report an ingest printed."""
    data = json.loads(out)
    assert isinstance(data, dict)
    return data


def problems(db: Path, *, resolved: bool = True) -> list[str]:
    """Everything that makes ``db`` inconsistent; empty when it is consistent.

    SQLite's integrity and foreign-key checks, facts whose article is missing, a text
    stored twice, an article with facts of two versions of one extractor, an entity member
    of no entity; with ``resolved``, also articles whose mentions changed since their
    entities were resolved (what a run killed before it resolved leaves, until a rerun).
    """
    found: list[str] = []
    conn = sqlite3.connect(db)
    try:
        integrity = [row[0] for row in conn.execute("PRAGMA integrity_check")]
        if integrity != ["ok"]:
            found.append(f"integrity_check: {integrity[:3]}")
        fk = conn.execute("PRAGMA foreign_key_check").fetchall()
        if fk:
            found.append(f"foreign_key_check: {fk[:3]}")
        twice = conn.execute(
            "SELECT count(*) FROM (SELECT text_sha256 FROM articles GROUP BY text_sha256 "
            "HAVING count(*) > 1)"
        ).fetchone()[0]
        if twice:
            found.append(f"{twice} texts stored twice")
        versions: dict[tuple[str, str], set[str]] = {}
        for table in FACT_TABLES.values():
            orphans = conn.execute(
                f"SELECT count(*) FROM {table} WHERE article_id NOT IN (SELECT id FROM articles)"
            ).fetchone()[0]
            if orphans:
                found.append(f"{orphans} {table} without their article")
            for article, label in conn.execute(
                f"SELECT DISTINCT article_id, extractor FROM {table}"
            ):
                name, _, version = str(label).partition("@")
                versions.setdefault((str(article), name), set()).add(version)
        mixed = sorted(key for key, seen in versions.items() if len(seen) > 1)
        if mixed:
            found.append(f"facts of two extractor versions in one article: {mixed[:3]}")
        members = conn.execute(
            "SELECT count(*) FROM entity_members WHERE entity_id != '' "
            "AND entity_id NOT IN (SELECT id FROM entities)"
        ).fetchone()[0]
        if members:
            found.append(f"{members} entity members of no entity")
    finally:
        conn.close()
    if resolved:
        with Store(db) as store:
            current, known = store.mention_signatures(), store.resolved_signatures()
        stale = sorted(a for a, s in current.items() if known.get(a) != s)
        if stale:
            found.append(f"{len(stale)} articles whose entities were not resolved")
    return found


def entity_state(db: Path) -> list[tuple[str, ...]]:
    """The resolved entities and who joined them, to compare two databases by."""
    conn = sqlite3.connect(db)
    try:
        entities = conn.execute("SELECT id, name, type FROM entities ORDER BY id").fetchall()
        members = conn.execute(
            "SELECT article_id, name, entity_id FROM entity_members ORDER BY article_id, name"
        ).fetchall()
    finally:
        conn.close()
    return [tuple(map(str, row)) for row in entities + members]


def count_articles(db: Path) -> int:
    conn = sqlite3.connect(db)
    try:
        return int(conn.execute("SELECT count(*) FROM articles").fetchone()[0])
    finally:
        conn.close()
