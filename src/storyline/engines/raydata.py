"""``storyline ingest --engine ray``: read → parse → extract on a Ray cluster, then load.

The optional extra ``storyline[ray]`` brings Ray Data; this module is the only one that
imports it. Inputs are JSON-lines and Parquet files of records (``{id, text | html, title,
outlet, published, url}``, as for the default engine). The stages:

1. **read** (``flat_map``, one task per input file): each record becomes a row with its
   place in the input (``seq``) and its name (``path:line``, ``path#row``);
2. **parse and extract** (``map_batches`` on an actor pool of ``settings.workers`` actors,
   each holding a loaded model): a batch of records becomes one row per article with the
   article, its facts, its extractor failures and over-budget line as JSON, or the reason it
   was skipped;
3. **write** the rows as Parquet shards (``--shards DIR`` keeps them);
4. **load** (this process, the one writer): the shards in input order go through the same
   duplicate rule and the same batched writes as the default engine
   (:class:`~storyline.pipeline.NewArticles`, :func:`~storyline.pipeline.store_extracted`),
   then entities are resolved across the whole store.

Stages 1–2 scale with the cluster; stage 4 and entity resolution run on one machine, like
every cross-document step (see the README's Ray section for how long they take).
"""

from __future__ import annotations

import json
import logging
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from ..config import Settings
from ..errors import StorylineError
from ..extract import get_extractors
from ..ingest import Defaults, RawArticle, Skipped
from ..ingest.records import read_line
from ..models import FACT_TYPES, Article, Fact
from ..nlp import load_nlp
from ..pipeline import (
    Extracted,
    IngestReport,
    NewArticles,
    extract_pieces,
    parse_articles,
    store_extracted,
)
from ..store import Store

logger = logging.getLogger(__name__)

INPUT_SUFFIXES = (".jsonl", ".parquet")
# Records per map_batches call: as the default engine's worker tasks (pipeline.py).
BATCH_RECORDS = 8
# Input bytes per block after the read stage; a block is what one actor takes at a time.
# About eight 600-word records: every actor gets work even from a single input file.
BLOCK_BYTES = 8 * 4_000

SHARD_SCHEMA = pa.schema(
    [
        ("seq", pa.int64()),
        ("source", pa.string()),
        ("article", pa.string()),
        ("facts", pa.string()),
        ("failures", pa.string()),
        ("over_budget", pa.string()),
        ("skipped", pa.string()),
    ]
)


@dataclass(frozen=True)
class RayOptions:
    """Where the Ray engine runs and what it keeps.

    ``address``: a running cluster to join (``ray://host:10001`` or ``auto``); ``None``
    starts a local one with ``settings.workers`` CPUs. ``shards``: a directory to keep the
    Parquet shards in; ``None`` writes them to a temporary directory removed after loading.
    """

    address: str | None = None
    shards: str | None = None


def ingest_with_ray(
    paths: Sequence[str],
    store: Store,
    settings: Settings,
    *,
    defaults: Defaults | None = None,
    options: RayOptions | None = None,
) -> IngestReport:
    """Ingest JSON-lines and Parquet inputs with Ray Data; the same record as ``ingest``.

    Raises:
        StorylineError: Ray is not installed, or the cluster cannot be reached.
        StoreError: the database cannot be written.
    """
    options = options or RayOptions()
    report = IngestReport()
    files = list_inputs(paths, report)
    if not files:
        return report
    if options.shards is not None:
        Path(options.shards).mkdir(parents=True, exist_ok=True)
        run_ray(files, options.shards, settings, defaults or Defaults(), options.address)
        load_shards(options.shards, store, settings, report=report)
        return report
    with tempfile.TemporaryDirectory(prefix="storyline-shards-") as tmp:
        run_ray(files, tmp, settings, defaults or Defaults(), options.address)
        load_shards(tmp, store, settings, report=report)
    return report


def list_inputs(paths: Sequence[str], report: IngestReport) -> list[str]:
    """The .jsonl and .parquet files of ``paths`` (directories walked in name order)."""
    files: list[str] = []
    for path in paths:
        p = Path(path)
        candidates = sorted(c for c in p.rglob("*") if c.is_file()) if p.is_dir() else [p]
        for candidate in candidates:
            if any(part.startswith(".") for part in candidate.parts[len(p.parts) :]):
                continue
            if not candidate.exists():
                report.skipped.append(Skipped(str(candidate), "no such file or directory"))
            elif candidate.suffix.lower() in INPUT_SUFFIXES:
                files.append(str(candidate))
            else:
                report.skipped.append(
                    Skipped(
                        str(candidate),
                        "the ray engine reads .jsonl and .parquet records; "
                        "use the default engine for other files",
                    )
                )
    return files


def run_ray(
    files: list[str], shards: str, settings: Settings, defaults: Defaults, address: str | None
) -> None:
    """Stages 1–3: read, parse and extract on Ray, write the shards to ``shards``."""
    ray = _import_ray()
    started = not ray.is_initialized()
    if started:
        try:
            ray.init(
                address=address,
                # One CPU slot besides the K actors' for the read and write tasks: with
                # exactly K, the actors hold every slot and the read task never starts.
                num_cpus=settings.workers + 1 if address is None else None,
                include_dashboard=False,
                log_to_driver=False,
                logging_level=logging.WARNING,
            )
        except (ConnectionError, RuntimeError, ValueError) as e:
            raise StorylineError(f"cannot start or join the Ray cluster: {e}") from e
    try:
        context = ray.data.DataContext.get_current()
        context.execution_options.preserve_order = True
        context.enable_progress_bars = False
        size = sum(Path(f).stat().st_size for f in files)
        blocks = max(2 * settings.workers, size // BLOCK_BYTES)
        records = ray.data.from_items(
            # Workers open the absolute path; records are named after the path as given,
            # as the default engine names them.
            [{"path": str(Path(f).resolve()), "name": f, "index": i} for i, f in enumerate(files)]
        ).flat_map(read_records)
        extracted = records.repartition(int(blocks)).map_batches(
            ExtractBatch,
            fn_constructor_args=(settings, defaults),
            batch_size=BATCH_RECORDS,
            batch_format="pyarrow",
            compute=ray.data.ActorPoolStrategy(size=settings.workers),
            num_cpus=1,
        )
        extracted.write_parquet(shards)
    finally:
        if started:
            ray.shutdown()


def _import_ray() -> Any:
    try:
        import ray
        import ray.data
    except ImportError as e:
        raise StorylineError(
            "the ray engine needs Ray: pip install 'storyline[ray]' (or 'ray[data]')"
        ) from e
    return ray


def read_records(row: dict[str, Any]) -> list[dict[str, Any]]:
    """Stage 1: the records of one input file, each with its input order and its name.

    ``seq`` orders every record of the run: the file's index in the high bits, the line
    (or row) number in the low 32.
    """
    path, name, index = str(row["path"]), str(row["name"]), int(row["index"])
    rows = []
    if path.endswith(".parquet"):
        records = pq.read_table(path).to_pylist()
        for number, record in enumerate(records, start=1):
            source = name if len(records) == 1 else f"{name}#{number}"
            line = json.dumps(record, ensure_ascii=False, default=str)
            rows.append({"seq": (index << 32) | number, "source": source, "line": line})
        return rows
    with open(path, encoding="utf-8-sig") as lines:
        for number, line in enumerate(lines, start=1):
            if line.strip():
                source = f"{name}:{number}"
                rows.append({"seq": (index << 32) | number, "source": source, "line": line})
    return rows


class ExtractBatch:
    """Stage 2, one per Ray actor: the model is loaded once, then batch after batch."""

    def __init__(self, settings: Settings, defaults: Defaults) -> None:
        self.settings = settings
        self.defaults = defaults
        self.nlp = load_nlp(settings.models)
        self.extractors = get_extractors(settings.disabled)

    def __call__(self, batch: pa.Table) -> pa.Table:
        out: list[dict[str, Any]] = []
        articles: list[tuple[int, str, Article]] = []
        for row in batch.to_pylist():
            item = read_line(row["line"], row["source"])
            if isinstance(item, RawArticle):
                articles.append((row["seq"], item.source, item.to_article(self.defaults)))
            else:
                out.append(_row(row["seq"], item.source, skipped=item.reason))
        pieces = parse_articles(
            self.nlp, (article for _, _, article in articles), self.settings, workers=1
        )
        extracted = extract_pieces(pieces, self.extractors, self.settings.extract_budget)
        for (seq, source, article), (_, facts, notes) in zip(articles, extracted, strict=True):
            out.append(_row(seq, source, article=article, facts=facts, notes=notes))
        out.sort(key=lambda r: int(r["seq"]))
        return pa.Table.from_pylist(out, schema=SHARD_SCHEMA)


def _row(
    seq: int,
    source: str,
    *,
    article: Article | None = None,
    facts: list[Fact] | None = None,
    notes: IngestReport | None = None,
    skipped: str | None = None,
) -> dict[str, Any]:
    return {
        "seq": seq,
        "source": source,
        "article": json.dumps(article.to_dict(), ensure_ascii=False) if article else None,
        "facts": json.dumps([[f.KIND, f.to_dict()] for f in facts or []], ensure_ascii=False),
        "failures": json.dumps(notes.failures if notes else [], ensure_ascii=False),
        "over_budget": json.dumps(notes.over_budget if notes else [], ensure_ascii=False),
        "skipped": skipped,
    }


def load_shards(
    directory: str | Path, store: Store, settings: Settings, *, report: IngestReport
) -> None:
    """Stage 4: store the shards' articles and facts in input order, as ``ingest`` would.

    Raises:
        StorylineError: the directory holds no shard, or a shard is not one of ours.
        StoreError: the database cannot be written.
    """
    files = sorted(Path(directory).glob("*.parquet"))
    if not files:
        raise StorylineError("no Parquet shards to load", source=str(directory))
    check = NewArticles(store, report)

    def results() -> Iterator[Extracted]:
        for row in _rows_in_order(files):
            if row["skipped"] is not None:
                report.skipped.append(Skipped(row["source"], row["skipped"]))
                continue
            article = Article.from_dict(json.loads(row["article"]))
            if not check.admit(article, row["source"]):
                continue
            facts = [FACT_TYPES[kind].from_dict(data) for kind, data in json.loads(row["facts"])]
            notes = IngestReport(
                failures=list(json.loads(row["failures"])),
                over_budget=list(json.loads(row.get("over_budget") or "[]")),
            )
            yield article, facts, notes

    store_extracted(results(), store, settings, report=report)


def _rows_in_order(files: list[Path]) -> Iterable[dict[str, Any]]:
    """Every shard row by ``seq``: shard by shard when their ranges do not overlap (one
    shard in memory at a time), else all at once."""
    ranges = []
    for path in files:
        seq = _read_shard(path, columns=["seq"]).column("seq")
        if len(seq):
            ranges.append((pc.min(seq).as_py(), pc.max(seq).as_py(), path))
    ranges.sort(key=lambda r: r[0])
    if all(a[1] < b[0] for a, b in pairwise(ranges)):
        for *_, path in ranges:
            yield from _read_shard(path).sort_by("seq").to_pylist()
        return
    table = pa.concat_tables(_read_shard(path) for *_, path in ranges)
    yield from table.sort_by("seq").to_pylist()


def _read_shard(path: Path, columns: list[str] | None = None) -> pa.Table:
    try:
        table = pq.read_table(path, columns=columns)
    except (OSError, pa.ArrowInvalid) as e:
        raise StorylineError(f"cannot read shard: {e}", source=str(path)) from e
    wanted = columns or SHARD_SCHEMA.names
    if table.schema.names != wanted:
        raise StorylineError("not a Storyline shard (unexpected columns)", source=str(path))
    return table
