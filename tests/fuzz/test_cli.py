"""``storyline ingest`` over a folder of hostile files beside good ones: one line per bad
input naming it, exit 1, and every good input stored."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from storyline.cli import EXIT_PARTIAL, main

pytestmark = pytest.mark.slow  # parses and stores with the real model

REPORT = "Envoys of the Veyra Front met officials from Tarvenia in Lirevia on Monday."
PARAGRAPH = f"<p>{REPORT} Corvania said the talks would resume next week.</p>"

# name → content; each is refused with a reason naming it.
BAD: dict[str, bytes] = {
    "empty.txt": b"",
    "nul.txt": b"Tarvenia\x00said\x00so",
    "latin1.txt": "Lir\u00e9via".encode("latin-1"),
    "lone-surrogate.txt": "Tarvenia \ud800 said".encode("utf-8", "surrogatepass"),
    "no-words.txt": "\u200b\u202e “ ” « » ... \u0301".encode(),
    "deep.json": b"[" * 100_000 + b"]" * 100_000,
    "big-number.json": b'{"text": "Tarvenia said 5.", "published": ' + b"9" * 5_000 + b"}",
    "empty-list.json": b"[]",
    "deep.html": (
        f"<html><body><article>{'<div>' * 10_000}{PARAGRAPH * 3}{'</div>' * 10_000}"
        "</article></body></html>"
    ).encode(),
    "deep-front-matter.md": b"---\ntitle: " + b"[" * 10_000 + b"\n---\nThe Front said so.",
    "impossible-date.txt": f"---\npublished: 2025-02-30\n---\n{REPORT}".encode(),
    "bomb.md": (
        b"---\na: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
        b"c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\ntitle: [*c, *c, *c, *c, *c, *c]\n---\n"
        + REPORT.encode()
    ),
    "bad\nname.txt": b"",
}

# name → content; every article in them is stored.
GOOD: dict[str, bytes] = {
    "plain.txt": f"Talks in Lirevia\n\n{REPORT}".encode(),
    "front.md": f"---\ntitle: Talks\ndate: 2025-03-04\n---\n{REPORT} The envoys left.".encode(),
    "page.html": (
        f"<html><head><title>Talks</title></head><body><article>{PARAGRAPH}"
        f"<p>“We will return,” said Mara Oskel of the Front.</p></article></body></html>"
    ).encode(),
    "records.json": json.dumps(
        [
            {"id": "rtl", "text": f"\u202e{REPORT} \u200bAt least ١٢٣ were killed."},
            {"id": "escaped", "text": f"{REPORT} The Front said \\ud800 “no” «non»."},
            {"id": "nul", "text": f"{REPORT}\x00The Front said \u202e“yes”."},
        ]
    )
    .replace("\\\\ud800", "\\ud800")
    .encode(),
    "lines.jsonl": (
        json.dumps({"id": "line1", "text": f"{REPORT} Corvania said 1e308 and 400 was all."})
        + "\n{oops\n"
        + json.dumps({"id": "line3", "text": f"Talks resumed. {REPORT}"})
        + "\n"
    ).encode(),
}
# The lines that name a bad record, not a bad file.
BAD_RECORDS = ["lines.jsonl:2"]


def test_bad_inputs_get_one_line_each_and_good_ones_are_all_stored(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for name, data in {**BAD, **GOOD}.items():
        (folder / name).write_bytes(data)
    # A name that is not UTF-8 on disk: Python reads it with surrogate escapes.
    odd = os.fsdecode(b"Lir\xe9via.txt")
    (folder / odd).write_bytes(f"{REPORT} The envoys stayed.".encode())
    db = str(tmp_path / "s.db")

    code = main(["ingest", str(folder), "--db", db, "--json"])

    out, err = capsys.readouterr()
    assert code == EXIT_PARTIAL
    lines = err.rstrip("\n").split("\n")
    assert all(line.startswith("storyline: skipped ") for line in lines), err
    assert len(lines) == len(BAD) + len(BAD_RECORDS), err
    for name in BAD:
        shown = name.replace("\n", "\\n")
        assert sum(shown in line for line in lines) == 1, (name, err)
    assert "Traceback" not in err
    report = json.loads(out)
    # 3 files of one article, three records in the .json, two good lines, the odd name.
    assert report["stored"] == 3 + 3 + 2 + 1, report
    assert report["extractor_failures"] == 0 and report["skipped"] == len(lines)

    # Nothing lost on the way: each text as read, a lone surrogate as U+FFFD.
    exported = tmp_path / "out.json"
    assert main(["export", "--db", db, "-o", str(exported)]) == 0
    texts = {a["id"]: a["text"] for a in json.loads(exported.read_text())["articles"]}
    assert texts["escaped"] == f"{REPORT} The Front said \ufffd “no” «non»."
    assert texts["nul"] == f"{REPORT}\x00The Front said \u202e“yes”."
    assert texts["rtl"].startswith("\u202e") and "١٢٣" in texts["rtl"]
    sources = {a["source"] for a in json.loads(exported.read_text())["articles"]}
    assert str(folder / "Lir\ufffdvia.txt") in sources
