"""Build examples/gold/entities.json (gold entity clusters with character offsets).

Run from anywhere:  python examples/gold/make_entities.py [--check]

The hand-made part is ENTITIES (canonical name, type, affiliation, surface forms)
and AMBIGUOUS (which entity a bare surface belongs to, per document and occurrence).
Every other occurrence of a surface form is found automatically: matching is
case-sensitive, on word boundaries, longest surface first, never overlapping
(so "Veyra" inside "Veyra Front" is not a mention of the region).

Offsets index the stored article text:
  .md    body after the YAML front matter, leading/trailing whitespace stripped
  .txt   the whole file (headline included)
  .jsonl the record's "text" field (doc key = the record id)
The .html file is skipped: its extracted text depends on the HTML extractor.

With --check the script rebuilds the mentions and fails if entities.json differs.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
CORPUS = HERE.parent / "corpus"
OUT = HERE / "entities.json"

# (canonical name, type, affiliation, surface forms)
ENTITIES: list[tuple[str, str, str | None, list[str]]] = [
    # people
    ("Oren Valcourt", "PERSON", "Lirevia", ["Oren Valcourt", "Valcourt"]),
    ("Annika Brosz", "PERSON", "Tarvenia", ["Annika Brosz", "Annica Brosz", "Brosz"]),
    ("Teodor Halvik", "PERSON", "Tarvenia", ["Teodor Halvik", "Halvik"]),
    ("Casimir Dreel", "PERSON", "Tarvenia", ["Casimir Dreel", "Dreel"]),
    ("Anton Dask", "PERSON", "Tarvenia", ["Anton Dask"]),
    ("Lena Vosk", "PERSON", "Tarvenian Defence Forces", ["Lena Vosk"]),
    ("Sabel Orrin", "PERSON", "Veyra Front", ["Sabel Orrin", "Orrin"]),
    ("Mirela Dask", "PERSON", "Veyra Front", ["Mirela Dask"]),
    ("Radek Amsel", "PERSON", "Veyra Front", ["Radek Amsel", "Amsel"]),
    ("Matthias Quell", "PERSON", "Corvania", ["Matthias Quell", "Quell"]),
    ("Tobias Renn", "PERSON", "United Relief Coordination Agency", ["Tobias Renn"]),
    ("Ansel Marek", "PERSON", "Telvano General Hospital", ["Ansel Marek", "Marek"]),
    ("Vera Holm", "PERSON", None, ["Vera Holm", "Holm"]),
    ("Hugo Marlane", "PERSON", None, ["Hugo Marlane"]),
    ("Petra Ilovan", "PERSON", None, ["Petra Ilovan"]),
    ("Salma Reuth", "PERSON", "Veyra Civil Defence", ["Salma Reuth"]),
    # the unrelated sports report (13): a rowing race in Kaskenland
    ("Ilse Worvath", "PERSON", "Dunholt Rowing Club", ["Ilse Worvath"]),
    ("Marit Olsgaard", "PERSON", "Saltmere Boat Club", ["Marit Olsgaard"]),
    ("Jannik Broe", "PERSON", "Dunholt Rowing Club", ["Jannik Broe"]),
    # organizations
    ("Veyra Front", "ORG", None, ["Veyra Front", "Front"]),
    ("Veyra Health Authority", "ORG", "Veyra Front", ["Veyra Health Authority"]),
    ("United Relief Coordination Agency", "ORG", None,
     ["United Relief Coordination Agency", "URCA"]),
    ("Tarvenian Defence Forces", "ORG", "Tarvenia", ["Tarvenian Defence Forces"]),
    ("Captives’ Families Forum", "ORG", None, ["Captives’ Families Forum", "Forum"]),
    ("Telvano General Hospital", "ORG", None, ["Telvano General Hospital"]),
    ("Veyra Civil Defence", "ORG", None, ["Veyra Civil Defence"]),
    ("Kestrel Wire", "ORG", None, ["Kestrel Wire"]),
    ("The Continental Ledger", "ORG", None, ["The Continental Ledger"]),
    ("Amberline News", "ORG", None, ["Amberline News"]),
    # In sports copy a club goes by its town: "The Dunholt crew", "Dunholt’s coach",
    # "Saltmere, who had won the race" are the clubs; only the dateline is the town.
    ("Dunholt Rowing Club", "ORG", "Dunholt", ["Dunholt Rowing Club", "Dunholt"]),
    ("Saltmere Boat Club", "ORG", None, ["Saltmere Boat Club", "Saltmere"]),
    # countries, regions, towns (demonyms listed under their country)
    ("Tarvenia", "GPE", None, ["Tarvenia", "Tarvenian"]),
    ("Veyra", "GPE", "Tarvenia", ["Veyra", "Veyran"]),
    ("Lirevia", "GPE", None, ["Lirevia", "Lirevian"]),
    ("Corvania", "GPE", None, ["Corvania", "Corvanian"]),
    ("Vantis", "GPE", "Lirevia", ["Vantis", "VANTIS"]),
    ("Oskaren", "GPE", "Tarvenia", ["Oskaren", "OSKAREN"]),
    ("Telvano", "GPE", "Veyra", ["Telvano", "TELVANO"]),
    ("Port Selka", "GPE", "Veyra", ["Port Selka"]),
    ("Marrowgate", "GPE", "Tarvenia", ["Marrowgate"]),
    ("Brisca", "GPE", "Veyra", ["Brisca"]),
    ("Kaskenland", "GPE", None, ["Kaskenland"]),
    ("Dunholt", "GPE", "Kaskenland", ["DUNHOLT"]),
]

# Bare surfaces shared by two entities: (doc, surface, occurrence index among the
# bare occurrences left after longer surfaces matched) -> canonical name.
AMBIGUOUS: dict[tuple[str, str, int], str] = {
    # 09: the interior minister speaks first, then the Front's spokeswoman.
    ("09-ledger-halvik-rejects.md", "Dask", 0): "Anton Dask",
    ("09-ledger-halvik-rejects.md", "Dask", 1): "Mirela Dask",
}

NORP = {"Tarvenian", "Veyran", "Lirevian", "Corvanian"}


def load_texts() -> dict[str, str]:
    """Return {doc key: stored text} for every non-HTML document of the corpus."""
    texts: dict[str, str] = {}
    for path in sorted(CORPUS.iterdir()):
        raw = path.read_text(encoding="utf-8")
        if path.suffix == ".md":
            if not raw.startswith("---\n"):
                raise ValueError(f"{path.name}: no front matter")
            end = raw.index("\n---\n", 4)
            texts[path.name] = raw[end + 5:].strip()
        elif path.suffix == ".txt":
            texts[path.name] = raw
        elif path.suffix == ".jsonl":
            for line in raw.splitlines():
                if line.strip():
                    record = json.loads(line)
                    texts[record["id"]] = record["text"]
    return texts


def find_mentions(texts: dict[str, str]) -> dict[str, list[dict[str, object]]]:
    """Return {canonical name: [mention, ...]} over all documents."""
    surfaces = [(s, name) for name, _, _, forms in ENTITIES for s in forms]
    ambiguous_surfaces = {s for (_, s, _) in AMBIGUOUS}
    surfaces += [(s, None) for s in ambiguous_surfaces]
    surfaces.sort(key=lambda item: -len(item[0]))
    found: dict[str, list[dict[str, object]]] = {name: [] for name, *_ in ENTITIES}
    for doc, text in texts.items():
        taken = [False] * len(text)
        bare_count: dict[str, int] = {}
        hits: list[tuple[int, int, str, str]] = []
        for surface, name in surfaces:
            pattern = re.compile(r"(?<!\w)" + re.escape(surface) + r"(?!\w)")
            for m in pattern.finditer(text):
                if any(taken[m.start():m.end()]):
                    continue
                hits.append((m.start(), m.end(), surface, name or ""))
                for i in range(m.start(), m.end()):
                    taken[i] = True
        for start, end, surface, name in sorted(hits):
            if not name:
                index = bare_count.get(surface, 0)
                bare_count[surface] = index + 1
                key = (doc, surface, index)
                if key not in AMBIGUOUS:
                    raise KeyError(f"unresolved bare {surface!r} in {doc} (occurrence {index})")
                name = AMBIGUOUS[key]
            assert text[start:end] == surface
            found[name].append({"doc": doc, "text": surface, "start": start, "end": end})
    return found


def build() -> dict[str, object]:
    texts = load_texts()
    found = find_mentions(texts)
    entities = []
    for name, etype, affiliation, _ in ENTITIES:
        mentions = found[name]
        for m in mentions:
            text = texts[str(m["doc"])]
            if text[int(m["start"]):int(m["end"])] != m["text"]:
                raise AssertionError(f"offset mismatch for {m}")
        entities.append({"name": name, "type": etype, "affiliation": affiliation,
                         "mentions": mentions})
    return {
        "format": "storyline-entities-gold/1",
        "note": ("Offsets into stored text (see README). Demonym mentions (NORP: "
                 + ", ".join(sorted(NORP)) + ") are listed under their country. "
                 "The .html document is not included."),
        "entities": entities,
    }


def main(argv: list[str]) -> int:
    data = build()
    rendered = json.dumps(data, ensure_ascii=False, indent=1) + "\n"
    if "--check" in argv:
        if OUT.read_text(encoding="utf-8") != rendered:
            print("entities.json is out of date; re-run make_entities.py", file=sys.stderr)
            return 1
        print("entities.json up to date")
        return 0
    OUT.write_text(rendered, encoding="utf-8")
    total = sum(len(e["mentions"]) for e in data["entities"])  # type: ignore[index]
    print(f"wrote {OUT} ({len(data['entities'])} entities, {total} mentions)")  # type: ignore[arg-type]
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
