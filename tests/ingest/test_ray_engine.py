"""``ingest --engine ray``: the same record as the default engine (skipped without Ray)."""

from __future__ import annotations

import json
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from storyline.cli import main
from storyline.errors import StorylineError
from storyline.ingest import RawArticle, read_inputs

from ..conftest import EXAMPLES


def write_records(path: Path, copies: int) -> int:
    raw = [
        r
        for r in read_inputs([str(EXAMPLES / "corpus")], max_bytes=5_000_000)
        if isinstance(r, RawArticle)
    ]
    lines = []
    for k in range(copies):
        for r in raw:
            text = f"{r.text}\n\n(Copy {k + 1}.)"
            lines.append(
                json.dumps(
                    {
                        "text": text,
                        "title": r.title,
                        "outlet": r.outlet,
                        "published": r.published,
                        "url": r.url,
                    }
                )
            )
    lines.append(lines[0])  # a duplicate: counted, not stored twice
    lines.append("{not json")  # a bad line: skipped with its line number
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return len(raw) * copies


def export(db: Path, out: Path) -> dict[str, object]:
    assert main(["export", "--db", str(db), "-o", str(out)]) == 0
    return dict(json.loads(out.read_text(encoding="utf-8")))


@pytest.mark.slow
def test_ray_gives_the_default_engines_record(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pytest.importorskip("ray")
    records = tmp_path / "records.jsonl"
    n = write_records(records, copies=2)
    code = main(["ingest", str(records), "--db", str(tmp_path / "default.db"), "--json"])
    default = json.loads(capsys.readouterr().out)
    assert code == 1  # the bad line
    shards = tmp_path / "shards"
    args = [
        "ingest",
        str(records),
        "--db",
        str(tmp_path / "ray.db"),
        "--engine",
        "ray",
        "--workers",
        "2",
        "--shards",
        str(shards),
        "--json",
    ]
    code = main(args)
    captured = capsys.readouterr()
    assert code == 1
    assert f"skipped {records}:{n + 2}: not valid JSON" in captured.err
    ray = json.loads(captured.out)
    assert {k: v for k, v in ray.items() if k != "db"} == {
        k: v for k, v in default.items() if k != "db"
    }
    assert ray["stored"] == n and ray["already_stored"] == 1
    assert list(shards.glob("*.parquet"))
    assert export(tmp_path / "ray.db", tmp_path / "ray.json") == export(
        tmp_path / "default.db", tmp_path / "default.json"
    )


def test_ray_engine_without_ray_says_how_to_install(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    try:
        import ray  # noqa: F401
    except ImportError:
        pass
    else:
        pytest.skip("ray is installed")
    records = tmp_path / "records.jsonl"
    write_records(records, copies=1)
    assert main(["ingest", str(records), "--db", str(tmp_path / "x.db"), "--engine", "ray"]) == 3
    assert "pip install 'storyline[ray]'" in capsys.readouterr().err


def test_ray_engine_names_the_files_it_cannot_read(tmp_path: Path) -> None:
    from storyline.engines.raydata import list_inputs
    from storyline.pipeline import IngestReport

    (tmp_path / "a.jsonl").write_text("{}\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text("text\n", encoding="utf-8")
    report = IngestReport()
    assert list_inputs([str(tmp_path)], report) == [str(tmp_path / "a.jsonl")]
    assert [s.source for s in report.skipped] == [str(tmp_path / "b.txt")]


def test_a_file_that_is_not_a_shard(tmp_path: Path) -> None:
    from storyline.config import Settings
    from storyline.engines.raydata import load_shards
    from storyline.pipeline import IngestReport
    from storyline.store import Store

    pq.write_table(pa.table({"seq": [1], "other": ["x"]}), tmp_path / "x.parquet")
    with (
        Store(tmp_path / "s.db") as store,
        pytest.raises(StorylineError, match="not a Storyline shard"),
    ):
        load_shards(tmp_path, store, Settings(), report=IngestReport())
    with (
        Store(tmp_path / "s.db") as store,
        pytest.raises(StorylineError, match="no Parquet shards"),
    ):
        load_shards(tmp_path / "empty", store, Settings(), report=IngestReport())
