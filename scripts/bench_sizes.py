"""Time and memory of `storyline ingest` on one long single-paragraph text of growing size.

    .venv/bin/python scripts/bench_sizes.py                  # 0.1, 1 and 5 MB, then 20 MB
    .venv/bin/python scripts/bench_sizes.py --sizes 0.1,0.5 --large 0

Each size is a fresh text of invented news (one paragraph, no line break, as a pasted
dump would be) ingested by `storyline ingest FILE --json` in its own process with
``extract_budget = 0``, so every piece is extracted and the time is the whole cost. The
large run raises ``max_bytes`` above the 5 MB default to show memory stays bounded. Printed
per run: wall seconds, seconds per MB once the start-up (model load, measured on a tiny
text) is taken off, the ratio of that to the smallest run's (1.0 = linear), and the
peak memory of the process with its worker processes (their proportional set sizes, so the
model pages they share count once). The exit code is 1 when a run breaks ``--max-seconds``
(for the 5 MB run) or ``--max-mb``.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

MB = 1_000_000
PEOPLE = ("Idra Kessen", "Anselm Varo", "Tomas Helvig", "Mirela Osk", "Bran Tolleth", "Sela Varn")
GROUPS = ("Veyra Front", "Tarvenian Army", "Lirevian Guard", "Osmari Council", "Kethvale Relief")
PLACES = ("Tarvenia", "Lirevia", "Osmara", "Kethvale", "Duranth", "Pellory")
TEMPLATES = (
    "{p} said the {g} had shelled {pl} on Tuesday, killing {n} civilians and wounding {m}.",
    '"We will not withdraw from {pl}," said {p}, a spokesperson for the {g}.',
    "The {g} proposed a ceasefire of {n} days along the border with {pl}, according to {p}.",
    "Aid agencies estimate that {n},{k:03d} people have fled {pl} since March, {p} told reporters.",
    "Officials in {pl} rejected the plan, saying the {g} could not be trusted to honour it.",
    "{p} met envoys from {pl} in {q} to discuss the release of {n} prisoners held by the {g}.",
    "Prices of bread in {pl} rose by {n} percent last month, the {g} said in a statement.",
)


def paragraph(size: int, seed: int = 7) -> str:
    """About ``size`` characters of invented news in one paragraph, ending with a full stop."""
    rng = random.Random(seed)
    sentences: list[str] = []
    total = 0
    while total < size:
        sentence = rng.choice(TEMPLATES).format(
            p=rng.choice(PEOPLE),
            g=rng.choice(GROUPS),
            pl=rng.choice(PLACES),
            q=rng.choice(PLACES),
            n=rng.randint(2, 900),
            m=rng.randint(2, 900),
            k=rng.randint(0, 999),
        )
        sentences.append(sentence)
        total += len(sentence) + 1
    return " ".join(sentences)[:size].rsplit(" ", 1)[0] + "."


@dataclass(frozen=True)
class Run:
    megabytes: float
    seconds: float
    peak_mb: float
    facts: int
    exit_code: int


def ingest(work: Path, name: str, text: str, *, max_bytes: int) -> Run:
    """One `storyline ingest` of ``text`` in a child process, timed, with its peak memory."""
    source = work / f"{name}.txt"
    source.write_text(text, encoding="utf-8")
    config = work / f"{name}.toml"
    config.write_text(f"extract_budget = 0\nmax_bytes = {max_bytes}\n", encoding="utf-8")
    storyline = Path(sys.executable).with_name("storyline")
    command = [str(storyline), "--config", str(config), "ingest", str(source)]
    command += ["--db", str(work / f"{name}.db"), "--json"]
    out, err = work / f"{name}.out", work / f"{name}.err"
    started = time.perf_counter()
    with out.open("wb") as stdout, err.open("wb") as stderr:
        child = subprocess.Popen(command, stdout=stdout, stderr=stderr)
        # The ingest shares a long text's pieces out over worker processes: the peak is
        # that of the whole process tree, sampled, besides the child's own from wait4.
        peak = [0.0]
        done = threading.Event()
        sampler = threading.Thread(target=_sample, args=(child.pid, peak, done), daemon=True)
        sampler.start()
        _, status, usage = os.wait4(child.pid, 0)
        done.set()
        sampler.join()
    seconds = time.perf_counter() - started
    child.returncode = code = os.waitstatus_to_exitcode(status)
    if code not in (0, 1):  # 1: stored, with notes (an extractor failure or over budget)
        raise SystemExit(f"ingest of {name} failed ({code}): {err.read_text()[-500:]}")
    facts = sum(json.loads(out.read_text())["facts"].values())
    own = usage.ru_maxrss / 1024  # KB on Linux
    return Run(len(text.encode()) / MB, seconds, max(own, peak[0]), facts, code)


def _sample(pid: int, peak: list[float], done: threading.Event) -> None:
    """Keep in ``peak[0]`` the largest memory (MB) of ``pid`` and its descendants seen.

    Each process counts its proportional set size (Pss, /proc/PID/smaps_rollup): pages
    the forked workers share with their parent (the model) are split among them rather
    than counted once per process, as resident sizes would be. Linux only; elsewhere the
    child's own peak from wait4 stands.
    """
    while not done.wait(0.2):
        total = 0.0
        for member in _tree(pid):
            try:
                rollup = Path(f"/proc/{member}/smaps_rollup").read_text()
            except OSError:
                continue
            for line in rollup.splitlines():
                if line.startswith("Pss:"):
                    total += int(line.split()[1]) / 1024
                    break
        peak[0] = max(peak[0], total)


def _tree(pid: int) -> list[int]:
    """``pid`` and its descendants, from the parent ids in /proc."""
    parents: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            # The command name in parentheses may hold spaces: fields follow the last ")".
            parents[int(entry.name)] = int(stat.rsplit(")", 1)[1].split()[1])
    members, frontier = [pid], [pid]
    while frontier:
        frontier = [p for p, parent in parents.items() if parent in frontier]
        members += frontier
    return members


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="0.1,1,5", help="MB, comma-separated (default 0.1,1,5)")
    parser.add_argument("--large", type=float, default=20, help="MB of the memory run; 0 skips it")
    parser.add_argument("--max-seconds", type=float, default=120, help="limit for the 5 MB run")
    parser.add_argument("--max-mb", type=float, default=2000, help="peak memory limit of any run")
    args = parser.parse_args(argv)
    sizes = [float(s) for s in args.sizes.split(",")]
    broken: list[str] = []
    with tempfile.TemporaryDirectory(prefix="storyline-sizes-") as tmp:
        work = Path(tmp)
        startup = ingest(work, "startup", paragraph(200), max_bytes=MB).seconds
        print(f"start-up (model load, a 200-character text): {startup:.1f} s")
        print(f"{'MB':>6} {'seconds':>8} {'s/MB':>7} {'ratio':>6} {'peak MB':>8} {'facts':>8}")
        runs: list[Run] = []
        for size in sorted(sizes) + ([args.large] if args.large else []):
            text = paragraph(int(size * MB))
            run = ingest(work, f"p{size:g}", text, max_bytes=max(5 * MB, len(text) + 1))
            os.remove(work / f"p{size:g}.db")
            runs.append(run)
            per_mb = max(run.seconds - startup, 0.0) / run.megabytes
            first = max(runs[0].seconds - startup, 0.0) / runs[0].megabytes
            ratio = per_mb / first if first else 0.0
            print(
                f"{run.megabytes:6.1f} {run.seconds:8.1f} {per_mb:7.1f} {ratio:6.2f} "
                f"{run.peak_mb:8.0f} {run.facts:8d}",
                flush=True,
            )
            if round(size, 3) == 5 and run.seconds >= args.max_seconds:
                broken.append(f"5 MB took {run.seconds:.0f} s (limit {args.max_seconds:g} s)")
            if run.peak_mb >= args.max_mb:
                broken.append(f"{size:g} MB peaked at {run.peak_mb:.0f} MB (limit {args.max_mb:g})")
    for line in broken:
        print(f"over: {line}")
    return 1 if broken else 0


if __name__ == "__main__":
    raise SystemExit(main())
