"""Writing the export document as JSON, JSON lines, CSV files or Parquet files."""

from __future__ import annotations

import csv
import json
import sys
from pathlib import Path
from typing import Any, TextIO

from ..errors import StorylineError
from .flat import flat_table

FORMATS = ("json", "jsonl", "csv", "parquet")
# Formats that write one file per section into a directory.
DIRECTORY_FORMATS = ("csv", "parquet")
RECORD_SECTIONS = ("articles", "entities", "quotes", "figures", "events", "proposals", "positions")


def write_export(data: dict[str, Any], fmt: str, output: str | None) -> None:
    """Write ``data`` (from :func:`build_export`) in ``fmt`` to ``output``.

    Args:
        data: the export document.
        fmt: ``json`` (one object), ``jsonl`` (one record a line, with a ``record`` key
            naming its section), ``csv`` or ``parquet`` (one file a section, in the directory
            ``output``; csv rows flat as in :mod:`.flat`, parquet columns typed as in
            :mod:`.parquet`).
        output: a file (json, jsonl) or directory (csv, parquet); ``None`` or ``-`` is
            stdout for json and jsonl.

    Raises:
        StorylineError: unknown format, csv or parquet without a directory, or the output
            cannot be written.
    """
    if fmt not in FORMATS:
        raise StorylineError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")
    try:
        if fmt in DIRECTORY_FORMATS:
            if output in (None, "-"):
                raise StorylineError(f"{fmt} export writes one file per section: give -o DIRECTORY")
            if fmt == "csv":
                _write_csv(data, Path(str(output)))
            else:
                # Imported here: pyarrow is large, and only this format needs it.
                from .parquet import write_parquet

                write_parquet(data, Path(str(output)))
        elif output in (None, "-"):
            _write_stream(data, fmt, sys.stdout)
        else:
            with open(str(output), "w", encoding="utf-8") as out:
                _write_stream(data, fmt, out)
    except BrokenPipeError:
        raise  # the reader went away (`| head`): the CLI ends quietly
    except OSError as e:
        raise StorylineError(f"cannot write export: {e.strerror or e}", source=output) from e


def _write_stream(data: dict[str, Any], fmt: str, out: TextIO) -> None:
    if fmt == "json":
        json.dump(data, out, ensure_ascii=False, indent=2)
        out.write("\n")
        return
    for section in RECORD_SECTIONS:
        for row in data.get(section, []):
            out.write(json.dumps({"record": section[:-1], **row}, ensure_ascii=False) + "\n")


def _write_csv(data: dict[str, Any], directory: Path) -> None:
    """One flat CSV file per section (see :mod:`.flat`).

    UTF-8 with a byte-order mark: without it Excel reads the file as the system's legacy
    code page and garbles every accent and curly quote.
    """
    directory.mkdir(parents=True, exist_ok=True)
    for section in RECORD_SECTIONS:
        columns, rows = flat_table(section, data.get(section, []))
        with open(directory / f"{section}.csv", "w", encoding="utf-8-sig", newline="") as out:
            writer = csv.DictWriter(out, fieldnames=columns)
            writer.writeheader()
            writer.writerows(rows)
