"""The ``storyline`` command: a thin layer over the library, one call per command.

Exit codes: 0 success; 1 some inputs were skipped, or an extractor failed on an article or
ran out of its extraction budget (everything else was done); 2 bad command-line usage;
3 nothing could be done (a fatal error, printed as one line).
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
from collections.abc import Callable, Sequence
from contextlib import AbstractContextManager, nullcontext
from pathlib import Path
from typing import Any

from . import __version__
from .config import Settings
from .errors import NotInRecordError, StorylineError
from .models import EVENT_STATUSES, EVENT_TYPES, FIGURE_KINDS, STANCES

EXIT_OK, EXIT_PARTIAL, EXIT_USAGE, EXIT_FATAL = 0, 1, 2, 3

EPILOG = """exit codes: 0 success; 1 some inputs skipped (the rest was stored);
2 bad usage; 3 fatal error (nothing done).
Settings come from ./storyline.toml (or --config FILE) over the built-in defaults."""

Command = Callable[[argparse.Namespace, Settings], int]


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "command", None):
        parser.print_help()
        return EXIT_USAGE
    try:
        overrides = {"db": getattr(args, "db", None), "workers": getattr(args, "workers", None)}
        settings = Settings.load(args.config, **overrides)
        _setup_logging(settings.log_level, args.verbose, args.quiet)
        handler: Command = args.handler
        return handler(args, settings)
    except NotInRecordError as e:  # an unknown story or article id, a bad filter
        print(f"storyline: error: {e}", file=sys.stderr)
        return EXIT_USAGE
    except StorylineError as e:
        print(f"storyline: error: {e}", file=sys.stderr)
        return EXIT_FATAL
    except KeyboardInterrupt:
        print("storyline: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # The reader of our output went away (e.g. `| head`); that is not an error. Point
        # stdout at /dev/null so the interpreter's final flush does not complain either.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_OK


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="storyline",
        description="Turn news reports on a conflict and its negotiations into a sourced, "
        "structured, time-resolved record (quotes, figures, events, proposals, positions).",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"storyline {__version__}")
    parser.add_argument("--config", metavar="FILE", help="settings file (TOML) to use")
    parser.add_argument(
        "-v", "--verbose", action="count", default=0, help="more log output (-vv: debug)"
    )
    parser.add_argument("-q", "--quiet", action="store_true", help="errors only")
    sub = parser.add_subparsers(title="commands", metavar="COMMAND")

    def command(name: str, handler: Command, help_text: str) -> argparse.ArgumentParser:
        p = sub.add_parser(
            name,
            help=help_text,
            description=help_text,
            epilog=EPILOG,
            formatter_class=argparse.RawDescriptionHelpFormatter,
        )
        p.set_defaults(handler=handler, command=name)
        return p

    p = command("ingest", cmd_ingest, "Read reports, extract their facts and store them.")
    p.add_argument(
        "paths",
        nargs="+",
        metavar="PATH",
        help="file, directory (read recursively), - for JSON lines on stdin, RSS/Atom "
        "feed file (.rss, .atom, .xml) or URL of a feed or page; "
        "reads .txt (metadata from a NAME.meta.json sidecar or YAML front matter), .md "
        "(YAML front matter), .html/.htm, .json, .jsonl",
    )
    _db_option(p)
    p.add_argument("--published", metavar="DATE", help="publication date for inputs without one")
    p.add_argument("--outlet", metavar="NAME", help="outlet for inputs without one")
    p.add_argument("--workers", type=int, metavar="K", help="parsing processes (default 1)")
    p.add_argument("--json", action="store_true", help="print the run report as JSON on stdout")
    p.add_argument(
        "--engine",
        choices=("default", "ray"),
        default="default",
        help="ray: parse and extract .jsonl/.parquet inputs on Ray (pip install "
        "'storyline[ray]'), K actors",
    )
    p.add_argument(
        "--address", metavar="ADDR", help="ray: join this cluster (default: start a local one)"
    )
    p.add_argument(
        "--shards", metavar="DIR", help="ray: keep the Parquet shards in DIR (default: removed)"
    )

    p = command(
        "reextract",
        cmd_reextract,
        "Run the extractors again over every stored article (after an upgrade).",
    )
    _db_option(p)
    p.add_argument("--workers", type=int, metavar="K", help="parsing processes (default 1)")
    p.add_argument("--json", action="store_true", help="print the run report as JSON on stdout")

    p = command("export", cmd_export, "Write the whole record in the contract format.")
    _db_option(p)
    p.add_argument(
        "--format",
        choices=("json", "jsonl", "csv", "parquet"),
        default="json",
        help="json: one object (default); jsonl: one record a line; csv, parquet: one file "
        "a section",
    )
    p.add_argument(
        "-o",
        "--output",
        metavar="FILE",
        help="output file (csv, parquet: directory); default stdout",
    )
    p.add_argument("--no-text", action="store_true", help="leave the article texts out")

    p = command("eval", cmd_eval, "Score the pipeline on a gold file (contract §2, §3).")
    p.add_argument("gold", metavar="GOLD.json", help="gold file in storyline-gold/1 format")
    p.add_argument("--json", action="store_true", help="print the scores as JSON")

    p = command("bench", cmd_bench, "Time a full ingest against a bare spaCy parse.")
    p.add_argument(
        "--n", type=int, default=20, metavar="N", help="copies of the corpus (default 20)"
    )
    p.add_argument("--workers", type=int, metavar="K", help="parsing processes (default 1)")
    p.add_argument(
        "--corpus",
        default="examples/corpus",
        metavar="DIR",
        help="articles to copy (default examples/corpus)",
    )
    p.add_argument(
        "--article-words",
        type=int,
        metavar="W",
        help="regroup the corpus into articles of about W words (600: a wire story)",
    )
    p.add_argument(
        "--engine",
        choices=("default", "ray"),
        default="default",
        help="time the default ingest or the Ray engine (pip install 'storyline[ray]')",
    )
    p.add_argument("--json", action="store_true", help="print the figures as JSON")

    p = command(
        "watch",
        cmd_watch,
        "Ingest what is new in folders, feeds and pages, every --every, until stopped.",
    )
    p.add_argument(
        "paths",
        nargs="+",
        metavar="PATH|URL",
        help="directory, file, RSS/Atom feed file or URL of a feed or page",
    )
    _db_option(p)
    p.add_argument(
        "--every",
        metavar="TIME",
        help="time between rounds: 90, 30s, 10m, 1h (default: setting watch_every, 10m)",
    )
    p.add_argument(
        "--rounds", type=int, metavar="N", help="stop after N rounds (default: until Ctrl-C)"
    )
    p.add_argument("--workers", type=int, metavar="K", help="parsing processes (default 1)")

    p = command("brief", cmd_brief, "Summarize the record: outlets, entities, figures, timeline.")
    _db_option(p)
    p.add_argument("--top", type=int, default=8, metavar="N", help="items per list (default 8)")
    p.add_argument(
        "--story", metavar="ID", help="a story from `storyline stories` (default: largest)"
    )
    p.add_argument(
        "--format",
        choices=("text", "md", "json"),
        default="text",
        help="output format (default text)",
    )
    p.add_argument("--json", action="store_true", help="print the brief as JSON (--format json)")

    p = command("timeline", cmd_timeline, "Dated events in order, each with its sources.")
    _db_option(p)
    p.add_argument(
        "--story", metavar="ID", help="a story id, or 'all' (default: the largest story)"
    )
    p.add_argument(
        "--entity",
        metavar="NAME",
        help="only events whose actor or target is NAME (any of its names)",
    )
    p.add_argument("--from", dest="start", metavar="DATE", help="only events on or after DATE")
    p.add_argument("--to", dest="end", metavar="DATE", help="only events on or before DATE")
    p.add_argument(
        "--status",
        dest="statuses",
        action="append",
        choices=EVENT_STATUSES,
        help="only events with this status (repeatable; default all)",
    )
    p.add_argument("--json", action="store_true", help="print the timeline as JSON")

    p = command("entities", cmd_entities, "List the resolved entities.")
    _db_option(p)
    p.add_argument("--type", metavar="TYPE", help="only this type (PERSON, ORG, GPE, NORP, ...)")
    p.add_argument("--search", metavar="TEXT", help="only names or aliases containing TEXT")
    p.add_argument("--json", action="store_true", help="print the entities as JSON")

    p = command(
        "articles",
        cmd_articles,
        "List the stored articles (id, date, outlet, title, facts); `articles set ID` "
        "corrects one's metadata, `articles rm ID...` removes articles with their facts.",
    )
    _db_option(p)
    p.add_argument("--outlet", metavar="NAME", help="only articles of this outlet")
    p.add_argument(
        "--from", dest="start", metavar="DATE", help="published on or after this day, month, year"
    )
    p.add_argument("--to", dest="end", metavar="DATE", help="published up to this day, month, year")
    p.add_argument("--search", metavar="WORDS", help="only articles whose title or text has WORDS")
    p.add_argument("--json", action="store_true", help="print the articles as JSON")
    actions = p.add_subparsers(title="actions", metavar="ACTION")
    a = actions.add_parser(
        "set",
        help="correct an article's metadata; a new date re-extracts its facts",
        description="Correct an article's metadata. A new --published re-runs the extractors "
        "over the article, so dates such as 'on Monday' resolve against the new date. "
        "An empty value ('') clears a field.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    a.set_defaults(handler=cmd_articles_set)
    a.add_argument("id", metavar="ID", help="the article (see `storyline articles`)")
    a.add_argument("--db", metavar="FILE", default=argparse.SUPPRESS, help="SQLite database")
    a.add_argument("--published", dest="new_published", type=_day, metavar="DATE",
                   help="publication date (2025-03-04 or 4 March 2025)")  # fmt: skip
    a.add_argument("--outlet", dest="new_outlet", metavar="NAME", help="outlet name")
    a.add_argument("--title", dest="new_title", metavar="TEXT", help="headline")
    a.add_argument("--url", dest="new_url", metavar="URL", help="address of the report")
    a.add_argument(
        "--json", action="store_true", default=argparse.SUPPRESS, help="print what was done as JSON"
    )
    a = actions.add_parser(
        "rm",
        help="remove articles with their facts; entities follow",
        description="Remove articles with their facts and search rows, then resolve the "
        "entities again (names only these articles gave go). One unknown id removes nothing.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    a.set_defaults(handler=cmd_articles_rm)
    a.add_argument("ids", nargs="+", metavar="ID", help="articles to remove")
    a.add_argument("--db", metavar="FILE", default=argparse.SUPPRESS, help="SQLite database")
    a.add_argument(
        "--json", action="store_true", default=argparse.SUPPRESS, help="print what was done as JSON"
    )

    p = command(
        "stories",
        cmd_stories,
        "Group the articles into stories (syndicated copies count once), largest first.",
    )
    _db_option(p)
    p.add_argument("--json", action="store_true", help="print the stories as JSON")

    for name, help_text in (
        ("quotes", "Quotes under canonical speakers, each with its outlet and date."),
        ("figures", "Figures (killed, held, displaced …) with qualifier, source and date."),
        ("events", "PLOVER events with actor, target, status and resolved date."),
        ("positions", "Where each party stands: holder, stance, issue, with the sentence."),
    ):
        p = command(name, cmd_ask, help_text)
        _db_option(p)
        p.add_argument(
            "--story", metavar="ID", help="a story id, or 'all' (default: the largest story)"
        )
        p.add_argument(
            "--from", dest="start", metavar="DATE", help="from this day, month (2024-05) or year"
        )
        p.add_argument("--to", dest="end", metavar="DATE", help="up to this day, month or year")
        p.add_argument("--search", metavar="WORDS", help="only facts whose text has all WORDS")
        p.add_argument("--json", action="store_true", help="print the facts as JSON")
        p.set_defaults(kind_of_fact=name)
    ask_options: dict[str, list[tuple[str, tuple[str, ...] | None, str]]] = {
        "quotes": [("--speaker", None, "only quotes of this speaker (any of their names)")],
        "figures": [
            ("--kind", FIGURE_KINDS, "only figures of this kind"),
            ("--source", None, "only figures from this source (any of its names)"),
        ],
        "events": [
            ("--actor", None, "only events whose actor or target is this party"),
            ("--type", EVENT_TYPES, "only events of this PLOVER type"),
            ("--status", EVENT_STATUSES, "only events with this status"),
        ],
        "positions": [
            ("--holder", None, "only positions of this party (any of its names)"),
            ("--stance", STANCES, "only this stance"),
        ],
    }
    for name, options in ask_options.items():
        parser_of = sub.choices[name]
        for flag, choices, help_text in options:
            parser_of.add_argument(flag, choices=choices, help=help_text)

    p = command(
        "proposals",
        cmd_proposals,
        "Proposals followed across reports: sources, status history, what each answers.",
    )
    _db_option(p)
    p.add_argument(
        "--story", metavar="ID", help="a story from `storyline stories` (default: largest)"
    )
    p.add_argument("--json", action="store_true", help="print the proposals as JSON")

    p = command(
        "compare",
        cmd_compare,
        "Compare what sources say: figures grouped by kind and place, each pair judged "
        "agree, update or contradiction.",
    )
    p.add_argument(
        "what",
        choices=("figures", "proposals"),
        help="figures: values per source with verdicts; proposals: terms that differ "
        "between the sources of one proposal",
    )
    _db_option(p)
    p.add_argument(
        "--story", metavar="ID", help="a story from `storyline stories` (default: largest)"
    )
    p.add_argument("--json", action="store_true", help="print the groups as JSON")

    p = command(
        "migrate",
        cmd_migrate,
        "Upgrade a database to this version's schema (the read commands ask for it).",
    )
    _db_option(p)
    p.add_argument("--json", action="store_true", help="print what was done as JSON")

    p = command(
        "serve",
        cmd_serve,
        "Serve the JSON API (/api, /openapi.json) and the dashboard over HTTP, read-only.",
    )
    _db_option(p)
    p.add_argument(
        "--host",
        default="127.0.0.1",
        metavar="HOST",
        help="address to listen on (default 127.0.0.1: this machine only)",
    )
    p.add_argument(
        "--port", type=_port, default=8000, metavar="PORT", help="port to listen on (default 8000)"
    )
    return parser


def _port(value: str) -> int:
    """A TCP port number, for argparse."""
    if not value.isdigit() or not 0 < int(value) < 65536:
        raise argparse.ArgumentTypeError(f"port must be a number from 1 to 65535, not {value!r}")
    return int(value)


def _day(value: str) -> str:
    """A publication date for argparse: an ISO day, or '' to clear the field."""
    from .errors import InputError
    from .ingest.meta import read_day

    if not value.strip():
        return ""
    try:
        return read_day(value, what="--published")
    except InputError as e:
        raise argparse.ArgumentTypeError(e.message) from e


def _db_option(p: argparse.ArgumentParser) -> None:
    p.add_argument("--db", metavar="FILE", help="SQLite database (default storyline.db)")


def _setup_logging(level: str, verbose: int, quiet: bool) -> None:
    if quiet:
        level = "ERROR"
    elif verbose:
        level = "DEBUG" if verbose > 1 else "INFO"
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("storyline: %(levelname)s: %(message)s"))
    root = logging.getLogger("storyline")
    root.handlers[:] = [handler]
    root.setLevel(level.upper())
    root.propagate = False


# Control characters and line separators as escapes: a file name may hold a newline, and
# each skipped input is one line of stderr.
_ESCAPES = {c: ascii(chr(c))[1:-1] for c in (*range(32), *range(127, 160), 0x2028, 0x2029)}


def _one_line(text: str) -> str:
    """``text`` on one line: its control characters written as escapes (``\\n``)."""
    return text.translate(_ESCAPES)


def _print_json(data: Any) -> None:
    print(json.dumps(data, ensure_ascii=False, indent=2))


def cmd_ingest(args: argparse.Namespace, settings: Settings) -> int:
    from .ingest import Defaults
    from .ingest.base import parse_date
    from .pipeline import ingest
    from .store import Store

    defaults = Defaults(
        published=parse_date(args.published, source="--published") if args.published else None,
        outlet=args.outlet,
    )
    tty = sys.stderr.isatty() and not args.quiet
    if args.engine == "ray":
        from .engines.raydata import RayOptions, ingest_with_ray

        options = RayOptions(address=args.address, shards=args.shards)
        with Store(settings.db) as store:
            report = ingest_with_ray(
                args.paths, store, settings, defaults=defaults, options=options
            )
    else:
        with Store(settings.db) as store, _progress(tty) as bar:
            report = ingest(
                args.paths,
                store,
                settings,
                defaults=defaults,
                progress=bar.update if bar is not None else None,
            )
    for item in report.skipped:
        print(
            f"storyline: skipped {_one_line(item.source)}: {_one_line(item.reason)}",
            file=sys.stderr,
        )
    for failure in report.failures:
        print(f"storyline: warning: {failure}", file=sys.stderr)
    for note in report.over_budget:
        print(f"storyline: warning: {note}", file=sys.stderr)
    redone = set(report.reextracted)
    for change in [] if args.quiet else report.updated:
        also = "; facts re-extracted" if change.article_id in redone else ""
        print(
            f"storyline: updated metadata of {change.article_id} ({change.describe()}){also}",
            file=sys.stderr,
        )
    summary: dict[str, Any] = {
        "stored": len(report.stored),
        "already_stored": report.duplicates,
        "metadata_updated": [c.to_dict() for c in report.updated],
        "reextracted": report.reextracted,
        "skipped": len(report.skipped),
        "extractor_failures": len(report.failures),
        "over_budget": len(report.over_budget),
        "facts": dict(sorted(report.facts.items())),
        "db": settings.db,
    }
    if args.json:
        _print_json(summary)
    elif tty:
        facts = ", ".join(f"{n} {k}s" for k, n in summary["facts"].items()) or "no facts"
        updated = f"{len(report.updated)} metadata updated; " if report.updated else ""
        print(
            f"stored {summary['stored']} new articles ({facts}); {report.duplicates} already "
            f"stored; {updated}{len(report.skipped)} skipped → {settings.db}",
            file=sys.stderr,
        )
    return EXIT_OK if report.ok else EXIT_PARTIAL


class _Bar:
    """A tqdm bar on stderr, as a context manager; the library only sees ``update``."""

    def __init__(self) -> None:
        from tqdm import tqdm

        self._bar = tqdm(unit="doc", desc="ingest", file=sys.stderr, leave=False)

    def update(self, n: int) -> None:
        self._bar.update(n)

    def __enter__(self) -> _Bar:
        return self

    def __exit__(self, *exc: object) -> None:
        self._bar.close()


def _progress(enabled: bool) -> AbstractContextManager[_Bar | None]:
    return _Bar() if enabled else nullcontext(None)


def cmd_reextract(args: argparse.Namespace, settings: Settings) -> int:
    from .pipeline import reextract
    from .store import Store

    _require_db(settings.db)
    tty = sys.stderr.isatty() and not args.quiet
    with Store(settings.db) as store, _progress(tty) as bar:
        report = reextract(store, settings, progress=bar.update if bar is not None else None)
    for failure in [*report.failures, *report.over_budget]:
        print(f"storyline: warning: {failure}", file=sys.stderr)
    summary: dict[str, Any] = {
        "articles": len(report.stored),
        "facts": dict(sorted(report.facts.items())),
    }
    if args.json:
        _print_json(summary)
    elif tty:
        facts = ", ".join(f"{n} {k}s" for k, n in summary["facts"].items()) or "no facts"
        print(f"re-extracted {len(report.stored)} articles ({facts})", file=sys.stderr)
    return EXIT_OK if report.ok else EXIT_PARTIAL


def cmd_export(args: argparse.Namespace, settings: Settings) -> int:
    from .export import build_export, write_export
    from .store import Store

    _require_db(settings.db)
    with Store(settings.db, read_only=True) as store:
        data = build_export(store, with_text=not args.no_text)
    write_export(data, args.format, args.output)
    return EXIT_OK


def cmd_eval(args: argparse.Namespace, settings: Settings) -> int:
    from .evaluate import evaluate, format_tables

    result = evaluate(args.gold, settings)
    if args.json:
        _print_json(result.to_dict())
    else:
        print(format_tables(result))
    return EXIT_OK if not result.failures else EXIT_PARTIAL


def cmd_bench(args: argparse.Namespace, settings: Settings) -> int:
    from .bench import run_bench

    result = run_bench(
        args.corpus,
        settings,
        copies=args.n,
        article_words=args.article_words,
        engine=args.engine,
    )
    figures = result.to_dict()
    if args.json:
        _print_json(figures)
        return EXIT_OK
    print(f"{result.documents} documents, {result.words:,} words, {result.workers} worker(s)")
    for label, name in (("bare nlp.pipe", "parse"), ("full ingest", "ingest")):
        docs, words = figures[f"{name}_docs_per_s"], figures[f"{name}_words_per_s"]
        print(f"  {label:<15} {docs:>8} docs/s  {words:>8} words/s")
    print(f"  ingest / parse  {figures['ratio']:.3f}")
    if result.extractor_shares:
        print("  extractor time as a share of the bare parse:")
        for name, share in result.extractor_shares.items():
            print(f"    {name:<16} {share:>6.1%}")
        both = sum(result.extractor_shares.get(n, 0.0) for n in ("events", "figures"))
        print(f"    {'events+figures':<16} {both:>6.1%}")
    print(
        f"  full ingest     {figures['articles_per_day']:,} articles/day"
        f" = {figures['articles_600_words_per_day']:,} 600-word articles/day"
    )
    return EXIT_OK


def cmd_watch(args: argparse.Namespace, settings: Settings) -> int:
    import dataclasses

    from .engines.watch import Round, watch
    from .store import Store

    if "-" in args.paths:
        raise StorylineError("watch reads folders, files and URLs, not - (stdin)")
    if args.every is not None:
        settings = dataclasses.replace(settings, watch_every=_seconds(args.every))

    def show(done: Round) -> None:
        for item in done.report.skipped:
            print(
                f"storyline: skipped {_one_line(item.source)}: {_one_line(item.reason)}",
                file=sys.stderr,
            )
        for failure in [*done.report.failures, *done.report.over_budget]:
            print(f"storyline: warning: {failure}", file=sys.stderr)
        for change in done.report.updated:
            what = f"{change.article_id} ({change.describe()})"
            print(f"storyline: updated metadata of {what}", file=sys.stderr)
        print(f"storyline: {done.summary()}", file=sys.stderr, flush=True)

    with Store(settings.db) as store:
        try:
            ok = watch(args.paths, store, settings, rounds=args.rounds, on_round=show)
        except KeyboardInterrupt:
            # Ctrl-C is how a watch ends; every finished round is stored and remembered.
            return EXIT_OK
    return EXIT_OK if ok else EXIT_PARTIAL


def _seconds(text: str) -> float:
    """``90``, ``30s``, ``10m``, ``1h`` as seconds."""
    units = {"s": 1, "m": 60, "h": 3600}
    value = text.strip().lower()
    scale = units.get(value[-1:])
    number = value[:-1] if scale is not None else value
    try:
        seconds = float(number) * (scale or 1)
    except ValueError:
        seconds = -1.0
    if seconds < 0:
        raise StorylineError(f"--every {text!r} is not a time; write 90, 30s, 10m or 1h")
    return seconds


def cmd_brief(args: argparse.Namespace, settings: Settings) -> int:
    from .store import Store
    from .views import build_brief, format_brief

    _require_db(settings.db)
    with Store(settings.db, read_only=True) as store:
        brief = build_brief(store, top=args.top, story_id=args.story)
    if args.json or args.format == "json":
        _print_json(brief.to_dict())
    else:
        print(format_brief(brief, markdown=args.format == "md"))
    return EXIT_OK


def cmd_timeline(args: argparse.Namespace, settings: Settings) -> int:
    from .store import Store
    from .views.stories import list_stories, pick_story
    from .views.timeline import build_timeline, format_timeline, timeline_to_dict

    _require_db(settings.db)
    with Store(settings.db, read_only=True) as store:
        members = None
        if args.story != "all":
            story = pick_story(list_stories(store), args.story)
            members = set(story.articles) if story is not None else None
        entries = build_timeline(
            store,
            entity=args.entity,
            start=args.start,
            end=args.end,
            statuses=args.statuses,
            articles=members,
        )
    if args.json:
        _print_json(timeline_to_dict(entries))
    else:
        print(format_timeline(entries))
    return EXIT_OK


def cmd_entities(args: argparse.Namespace, settings: Settings) -> int:
    from .store import Store

    _require_db(settings.db)
    with Store(settings.db, read_only=True) as store:
        entities = store.entities()
    if args.type:
        entities = [e for e in entities if e.type == args.type.upper()]
    if args.search:
        needle = args.search.lower()
        entities = [e for e in entities if any(needle in n.lower() for n in (e.name, *e.aliases))]
    entities.sort(key=lambda e: (-e.mentions, e.name))
    if args.json:
        _print_json([e.to_dict() for e in entities])
        return EXIT_OK
    for e in entities:
        also = f"  aka {', '.join(e.aliases)}" if e.aliases else ""
        of = f"  [{e.affiliation}]" if e.affiliation else ""
        print(f"{e.name}  ({e.type}, {e.mentions} mentions){of}{also}")
    return EXIT_OK


def cmd_articles(args: argparse.Namespace, settings: Settings) -> int:
    from .store import Store
    from .views.articles import format_articles, list_articles

    _require_db(settings.db)
    with Store(settings.db, read_only=True) as store:
        entries = list_articles(
            store, outlet=args.outlet, start=args.start, end=args.end, search=args.search
        )
    if args.json:
        _print_json([e.to_dict() for e in entries])
    else:
        print(format_articles(entries))
    return EXIT_OK


def cmd_articles_set(args: argparse.Namespace, settings: Settings) -> int:
    from .manage import update_article
    from .store import Store

    wanted = {
        name: value
        for name in ("title", "outlet", "published", "url")
        if (value := getattr(args, f"new_{name}")) is not None
    }
    if not wanted:
        print(
            "storyline: error: nothing to change; give --published, --outlet, --title or --url",
            file=sys.stderr,
        )
        return EXIT_USAGE
    _require_db(settings.db)
    with Store(settings.db) as store:
        done = update_article(store, settings, args.id, wanted)
    for failure in done.failures:
        print(f"storyline: warning: {failure}", file=sys.stderr)
    if args.json:
        _print_json(done.to_dict())
    elif not done.change.changes:
        print(f"{args.id} already has this metadata; nothing changed")
    else:
        print(f"updated metadata of {args.id} ({done.change.describe()})")
        if done.reextracted:
            print(f"re-extracted its facts against the new date ({done.facts} facts)")
    return EXIT_PARTIAL if done.failures else EXIT_OK


def cmd_articles_rm(args: argparse.Namespace, settings: Settings) -> int:
    from .manage import remove_articles
    from .store import Store

    _require_db(settings.db)
    with Store(settings.db) as store:
        done = remove_articles(store, args.ids)
    if args.json:
        _print_json(done.to_dict())
    else:
        print(
            f"removed {len(done.articles)} article(s) with {done.facts} facts; "
            f"entities {done.entities_before} → {done.entities_after}"
        )
    return EXIT_OK


def cmd_stories(args: argparse.Namespace, settings: Settings) -> int:
    from .store import Store
    from .views.stories import list_stories

    _require_db(settings.db)
    with Store(settings.db, read_only=True) as store:
        stories = list_stories(store)
    if args.json:
        _print_json([s.to_dict() for s in stories])
        return EXIT_OK
    for s in stories:
        copies = f", {len(s.copies)} cop{'y' if len(s.copies) == 1 else 'ies'}" if s.copies else ""
        span = f"{s.first or '?'} to {s.last or '?'}"
        print(f"{s.id}  {len(s.articles)} article(s){copies}, {span}  {s.label}")
        if s.top_entities:
            print(f"    {', '.join(s.top_entities)}")
    return EXIT_OK


def cmd_compare(args: argparse.Namespace, settings: Settings) -> int:
    from .resolve.proposals import compare_terms
    from .store import Store
    from .views.stories import compare_story_figures, story_proposals

    _require_db(settings.db)
    with Store(settings.db, read_only=True) as store:
        if args.what == "proposals":
            proposals = story_proposals(store, args.story)
        else:
            groups = compare_story_figures(store, args.story)
    if args.what == "proposals":
        rows = [
            {"proposal": p.id, "label": p.label, "proposer": p.proposer, **vars(d)}
            for p in proposals
            for d in compare_terms(p)
        ]
        if args.json:
            _print_json(rows)
        for row in [] if args.json else rows:
            print(
                f"{row['label']} ({row['proposer'] or 'proposer unknown'}), phase {row['phase']}: "
                f"{row['kind']} in {', '.join(row['present'])}, not in {', '.join(row['absent'])}"
                f"  ({'; '.join(row['texts'])})"
            )
        return EXIT_OK
    if args.json:
        _print_json([g.to_dict() for g in groups])
        return EXIT_OK
    for g in groups:
        about = " ".join(x for x in (g.kind, g.counted, f"in {g.where}" if g.where else "") if x)
        print(about)
        for i, v in enumerate(g.values):
            amount = _amount(v.value, v.low, v.high)
            when = (v.as_of or v.published or "undated")[:10]
            print(f"  [{i}] {amount:>12}  {v.outlet or v.article}  {when}  {v.text}")
        for pair in g.pairs:
            if pair.verdict != "agree":
                print(f"      [{pair.a}] vs [{pair.b}]: {pair.verdict}")
    return EXIT_OK


def cmd_ask(args: argparse.Namespace, settings: Settings) -> int:
    from .models import Event, Figure, Position, Quote
    from .store import Store
    from .views.ask import ask

    cls, party_flag, own = {
        "quotes": (Quote, "speaker", ()),
        "figures": (Figure, "source", ("kind",)),
        "events": (Event, "actor", ("type", "status")),
        "positions": (Position, "holder", ("stance",)),
    }[args.kind_of_fact]
    where = {k: getattr(args, k) for k in own if getattr(args, k, None)}
    _require_db(settings.db)
    with Store(settings.db, read_only=True) as store:
        answers = ask(
            store,
            cls,
            story_id=args.story,
            party=getattr(args, party_flag, None),
            start=args.start,
            end=args.end,
            search=args.search,
            where=where,
        )
    if args.json:
        _print_json([a.to_dict() for a in answers])
        return EXIT_OK
    for a in answers:
        print(
            f"{a.day or 'undated':<10}  {_describe(a.fact)}  [{a.article.outlet or a.article.id}]"
        )
    return EXIT_OK


def _describe(fact: Any) -> str:
    """One line for a fact: who, what, and its words."""
    from .models import Event, Figure, Position, Quote

    words = " ".join(fact.text.split())
    words = words if len(words) <= 90 else words[:89] + "…"
    if isinstance(fact, Quote):
        return f"{fact.speaker or '(speaker unknown)'}: “{words}”"
    if isinstance(fact, Figure):
        amount = _amount(fact.value, fact.low, fact.high)
        per = f", per {fact.source}" if fact.source else ""
        return f"{fact.kind} {amount} ({fact.qualifier}{per}): {words}"
    if isinstance(fact, Event):
        target = f" → {fact.target}" if fact.target else ""
        status = f" [{fact.status}]" if fact.status != "occurred" else ""
        return f"{fact.type} {fact.actor or '?'}{target}{status}: {words}"
    if isinstance(fact, Position):
        return f"{fact.holder or '?'} {fact.stance} {fact.issue or ''}: {words}"
    return words


def cmd_proposals(args: argparse.Namespace, settings: Settings) -> int:
    from .store import Store
    from .views.stories import story_proposals

    _require_db(settings.db)
    with Store(settings.db, read_only=True) as store:
        proposals = story_proposals(store, args.story)
    if args.json:
        _print_json([p.to_dict() for p in proposals])
        return EXIT_OK
    names = {p.id: p.label or p.id for p in proposals}
    for p in proposals:
        days = [
            "?"
            if ph.duration_days is None
            else "-".join(str(d) for d in sorted(set(ph.duration_days)))
            for ph in p.phases
            if ph.index > 0
        ]
        shape = f"{len(days)} phase(s) of {', '.join(days)} days" if days else "no phases given"
        print(f"{p.label or '(unnamed)'}  by {p.proposer or 'unknown'}: {p.status}; {shape}")
        if p.answers:
            print(f"    answers: {names.get(p.answers, p.answers)}")
        for change in p.history:
            print(f"    {change.date or 'undated'}  {change.status}  ({change.article})")
        print(f"    sources: {', '.join(p.articles)}")
    return EXIT_OK


def _amount(value: float | None, low: float | None, high: float | None) -> str:
    def fmt(x: float | None) -> str:
        return "?" if x is None else f"{x:,.0f}" if x == int(x) else f"{x:,g}"

    return fmt(value) if value is not None else f"{fmt(low)}-{fmt(high)}"


def cmd_migrate(args: argparse.Namespace, settings: Settings) -> int:
    from .store import migrate_store

    done = migrate_store(settings.db)
    if args.json:
        _print_json(done.to_dict())
    elif done.changed:
        print(f"migrated {done.db} from schema v{done.before} to v{done.after}")
    else:
        print(f"{done.db} is already at schema v{done.after}; nothing to do")
    return EXIT_OK


def cmd_serve(args: argparse.Namespace, settings: Settings) -> int:
    import uvicorn

    from .store import Store
    from .web import create_site

    _require_db(settings.db)
    with Store(settings.db, read_only=True):
        pass  # refuse a file that is not a readable Storyline database before listening
    app = create_site(settings)
    print(
        f"storyline: serving {settings.db} (read-only) on http://{args.host}:{args.port}/"
        " — Ctrl-C stops",
        file=sys.stderr,
    )
    uvicorn.run(app, host=args.host, port=args.port, log_level="warning")
    return EXIT_OK


def _require_db(path: str) -> None:
    """Reading commands must not create an empty database by accident."""
    if not Path(path).exists():
        raise StorylineError(
            f"no database at {path}; run `storyline ingest PATH... --db {path}` first"
        )


if __name__ == "__main__":
    sys.exit(main())
