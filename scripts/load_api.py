"""Load test of `storyline serve`: many concurrent clients on a large record, for a while.

    .venv/bin/python scripts/load_api.py                     # make load: 50 clients, 60 s
    .venv/bin/python scripts/load_api.py --clients 10 --seconds 10 --articles 1000

The record is the synthetic one of ``scripts/bench_api.py`` (10,000 articles by default,
facts generated straight into the store). The server runs as its own process
(``storyline serve``), as a user runs it, so that the load generator does not share its
interpreter. After one warming pass over every URL, ``--clients`` clients each ask a
random URL of the mix (every API endpoint over varied filters, and the dashboard's pages),
one after another, for ``--seconds``. Any answer but a 200 counts as an error; the exit
code is 1 when there is an error or the p95 is ``--budget`` ms or more.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

import httpx

# scripts/ is on sys.path when this file is run as a script.
from bench_api import build_store, percentile, requests_by_endpoint, wait_for

BUDGET_MS = 1000.0


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def start_server(db: Path, port: int) -> subprocess.Popen[bytes]:
    storyline = Path(sys.executable).with_name("storyline")
    command = [str(storyline), "serve", "--db", str(db), "--port", str(port)]
    return subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def wait_until_up(base: str, server: subprocess.Popen[bytes], timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            err = server.stderr.read().decode() if server.stderr else ""
            raise RuntimeError(f"the server exited: {err.strip()[:500]}")
        try:
            if httpx.get(f"{base}/api/overview", timeout=5).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    raise RuntimeError("the server did not start")


def page_urls(ids: dict[str, object], stories: list[str]) -> list[str]:
    """The dashboard's pages a reader opens most: overview, a story, its timeline, quotes."""
    articles = list(ids["articles"])  # type: ignore[call-overload]
    entities = list(ids["entities"])  # type: ignore[call-overload]
    urls = ["/", "/stories", "/timeline", "/quotes", "/figures", "/entities", "/articles"]
    urls += [f"/stories/{s}" for s in stories[:5]]
    urls += [f"/timeline?story={s}" for s in stories[:3]]
    urls += [f"/articles/{a}" for a in articles[:10]]
    urls += [f"/entities/{e}" for e in entities[:10]]
    urls += ["/search?q=ceasefire", "/comparisons"]
    return urls


async def client_loop(
    base: str, urls: list[str], until: float, seed: int, times: list[float], errors: Counter[str]
) -> None:
    rng = random.Random(seed)
    async with httpx.AsyncClient(base_url=base, timeout=30) as client:
        while time.monotonic() < until:
            url = rng.choice(urls)
            started = time.perf_counter()
            try:
                response = await client.get(url, headers={"accept": "text/html"})
                status = str(response.status_code)
            except httpx.HTTPError as e:
                status = type(e).__name__
            times.append((time.perf_counter() - started) * 1000)
            if status != "200":
                errors[f"{status} {url.split('?')[0]}"] += 1


async def load(
    base: str, urls: list[str], clients: int, seconds: float
) -> tuple[list[float], Counter[str]]:
    times: list[float] = []
    errors: Counter[str] = Counter()
    until = time.monotonic() + seconds
    await asyncio.gather(
        *(client_loop(base, urls, until, i, times, errors) for i in range(clients))
    )
    return times, errors


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=10_000, help="synthetic articles")
    parser.add_argument("--clients", type=int, default=50, help="concurrent clients")
    parser.add_argument("--seconds", type=float, default=60, help="how long the load lasts")
    parser.add_argument("--budget", type=float, default=BUDGET_MS, help="p95 ceiling in ms")
    parser.add_argument("--keep", type=Path, help="write the database here and keep it")
    parser.add_argument(
        "--url",
        help="load a server already running (on a database made with --keep and the same"
        " --articles) instead of starting one",
    )
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="storyline-load-") as scratch:
        if args.url:  # the ids of the record are the same for the same --articles
            ids = build_store(Path(scratch) / "names.db", args.articles)
            base, server = args.url.rstrip("/"), None
        else:
            db = args.keep or Path(scratch) / "load.db"
            db.unlink(missing_ok=True)
            ids = build_store(db, args.articles)
            port = free_port()
            base = f"http://127.0.0.1:{port}"
            server = start_server(db, port)
        try:
            if server is not None:
                wait_until_up(base, server)
            with httpx.Client(base_url=base, timeout=600) as client:
                wait_for(client, "/api/timeline")
                stories = [s["id"] for s in wait_for(client, "/api/stories").json()["items"]]
                urls = [u for group in requests_by_endpoint(ids, stories).values() for u in group]
                urls += page_urls(ids, stories)
                for u in urls:  # warm: every view the mix touches is computed once
                    wait_for(client, u)
            times, errors = asyncio.run(load(base, urls, args.clients, args.seconds))
        finally:
            if server is not None:
                server.send_signal(signal.SIGINT)
                try:
                    server.wait(timeout=15)
                except subprocess.TimeoutExpired:
                    server.kill()
    figures = {
        "clients": args.clients,
        "seconds": args.seconds,
        "requests": len(times),
        "per_second": len(times) / args.seconds,
        "p50_ms": statistics.median(times) if times else 0.0,
        "p95_ms": percentile(times, 0.95) if times else 0.0,
        "max_ms": max(times, default=0.0),
        "errors": dict(errors),
        "cpus": os.cpu_count(),
    }
    if args.json:
        print(json.dumps(figures, indent=2))
    else:
        print(
            f"{args.clients} clients for {args.seconds:g}s on {args.articles:,} articles: "
            f"{len(times):,} requests ({figures['per_second']:.0f}/s), "
            f"p50 {figures['p50_ms']:.0f} ms, p95 {figures['p95_ms']:.0f} ms, "
            f"max {figures['max_ms']:.0f} ms, {sum(errors.values())} errors"
        )
        for what, n in errors.most_common(10):
            print(f"  {n:6d}  {what}")
    failed = bool(errors) or figures["p95_ms"] >= args.budget
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
