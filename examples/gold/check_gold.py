"""Sanity checks for the example corpus and its gold files.

Run:  python examples/gold/check_gold.py      (exit status 1 on any problem)

Checks: every .md front matter parses as YAML with title/date/outlet/url; every
.jsonl line is a JSON record with the expected keys; examples.json loads, every
"path" exists and every "text" equals its jsonl record; document metadata agrees
with the files; all labels come from the contract vocabularies (CONTRACT.md §1);
quote texts occur in the document as a run of word tokens; every "evidence"
string is a substring of the document; an event whose evidence names a weekday
has a date on that weekday; names used as speaker/actor/holder/proposer are
known canonical names; entities.json offsets are right.
"""

from __future__ import annotations

import datetime as dt
import html
import json
import re
import sys
from html.parser import HTMLParser
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
CORPUS = HERE.parent / "corpus"

QUOTE_KINDS = {"direct", "partial", "indirect"}
FIGURE_KINDS = {"killed", "injured", "hostages_taken", "hostages_held", "released", "displaced",
                "sheltering", "population", "prisoners", "aid", "visits", "phases", "duration",
                "money", "other"}
QUALIFIERS = {"exact", "approx", "more_than", "at_least", "less_than", "up_to"}
EVENT_TYPES = {"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT",
               "REQUEST", "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE",
               "COERCE", "ASSAULT"}
STATUSES = {"occurred", "planned", "hypothetical", "negated"}
STANCES = {"demand", "offer", "accept", "reject", "support", "oppose", "condition"}
TERM_KINDS = {"ceasefire", "hostage_release", "prisoner_release", "withdrawal", "aid",
              "return_of_displaced", "reconstruction", "disarmament", "negotiation", "other"}
# Unnamed groups allowed as speaker/source besides the canonical entity names.
GROUP_NAMES = {"hospital officials", "Tarvenian officials", "Lirevian officials",
               "Lirevian foreign ministry", "mediators", "police", "organisers"}
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]

problems: list[str] = []


def problem(msg: str) -> None:
    problems.append(msg)


class _StoryText(HTMLParser):
    """Collect <p> text inside div.story-body (only for checking the gold evidence)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.depth = 0
        self.in_p = False
        self.paragraphs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "div" and ("class", "story-body") in attrs:
            self.depth = 1
        elif self.depth and tag == "div":
            self.depth += 1
        elif self.depth and tag == "p":
            self.in_p = True
            self.paragraphs.append("")

    def handle_endtag(self, tag: str) -> None:
        if self.depth and tag == "div":
            self.depth -= 1
        elif tag == "p":
            self.in_p = False

    def handle_data(self, data: str) -> None:
        if self.in_p:
            self.paragraphs[-1] += data


def html_meta(raw: str) -> dict[str, str]:
    meta = {}
    for prop, content in re.findall(r'<meta property="([^"]+)" content="([^"]*)"', raw):
        meta[prop] = html.unescape(content)
    meta["title"] = html.unescape(re.search(r"<title>(.*?)</title>", raw).group(1))  # type: ignore[union-attr]
    return meta


def load_corpus() -> dict[str, dict[str, object]]:
    """Return {doc id: {"text", "title", "outlet", "published"}} for every document."""
    docs: dict[str, dict[str, object]] = {}
    for path in sorted(CORPUS.iterdir()):
        raw = path.read_text(encoding="utf-8")
        if path.suffix == ".md":
            if not raw.startswith("---\n"):
                problem(f"{path.name}: missing front matter")
                continue
            end = raw.index("\n---\n", 4)
            front = yaml.safe_load(raw[4:end])
            for key in ("title", "date", "outlet", "url"):
                if key not in front:
                    problem(f"{path.name}: front matter lacks {key}")
            if not isinstance(front.get("date"), dt.date):
                problem(f"{path.name}: date is not YYYY-MM-DD")
            body = raw[end + 5:].strip()
            if re.search(r"\n\n\n", body) or re.search(r"[^\n]\n[^\n]", body):
                problem(f"{path.name}: paragraphs must be separated by exactly one blank line")
            docs[path.stem] = {"text": body, "title": front["title"], "outlet": front["outlet"],
                               "published": str(front["date"])}
        elif path.suffix == ".txt":
            docs[path.stem] = {"text": raw, "title": raw.split("\n", 1)[0], "outlet": None,
                               "published": None}
        elif path.suffix == ".jsonl":
            for n, line in enumerate(raw.splitlines(), 1):
                record = json.loads(line)
                keys = {"id", "title", "outlet", "published", "url", "text"}
                if set(record) != keys:
                    problem(f"{path.name}:{n}: keys {sorted(record)} != {sorted(keys)}")
                dt.date.fromisoformat(record["published"])
                docs[record["id"]] = {"text": record["text"], "title": record["title"],
                                      "outlet": record["outlet"],
                                      "published": record["published"]}
        elif path.suffix == ".html":
            parser = _StoryText()
            parser.feed(raw)
            meta = html_meta(raw)
            docs[path.stem] = {"text": "\n\n".join(parser.paragraphs),
                               "title": meta["og:title"], "outlet": meta["og:site_name"],
                               "published": meta["article:published_time"][:10]}
        else:
            problem(f"unexpected corpus file {path.name}")
    return docs


def tokens(text: str) -> list[str]:
    return re.findall(r"\w+", text.lower())


def contains_run(haystack: list[str], needle: list[str]) -> bool:
    n = len(needle)
    return any(haystack[i:i + n] == needle for i in range(len(haystack) - n + 1))


def check_gold(corpus: dict[str, dict[str, object]], names: set[str]) -> None:
    gold_path = HERE / "examples.json"
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    if gold.get("format") != "storyline-gold/1" or gold.get("name") != "examples":
        problem("examples.json: wrong format or name")
    known = names | GROUP_NAMES
    seen = set()
    for d in gold["documents"]:
        did = d["id"]
        seen.add(did)
        if did not in corpus:
            problem(f"{did}: no such corpus document")
            continue
        ref = corpus[did]
        if "path" in d:
            if not (gold_path.parent / d["path"]).exists():
                problem(f"{did}: path {d['path']} does not exist")
        elif d.get("text") != ref["text"]:
            problem(f"{did}: inline text differs from the jsonl record")
        for key in ("title", "outlet", "published"):
            if d.get(key) != ref[key]:
                problem(f"{did}: {key} {d.get(key)!r} != {ref[key]!r}")
        text = str(ref["text"])
        toks = tokens(text)
        for q in d["quotes"]:
            if q["kind"] not in QUOTE_KINDS:
                problem(f"{did}: quote kind {q['kind']}")
            if not contains_run(toks, tokens(q["text"])):
                problem(f"{did}: quote not in text: {q['text'][:60]}")
            if q["speaker"] is not None and q["speaker"] not in known:
                problem(f"{did}: unknown speaker {q['speaker']}")
        for f in d["figures"]:
            if ("value" in f) == ("low" in f):
                problem(f"{did}: figure needs value xor low/high: {f}")
            if f["kind"] not in FIGURE_KINDS or f["qualifier"] not in QUALIFIERS:
                problem(f"{did}: figure vocabulary: {f}")
            if f["source"] is not None and f["source"] not in known:
                problem(f"{did}: unknown figure source {f['source']}")
            if f["evidence"] not in text:
                problem(f"{did}: figure evidence not in text: {f['evidence']}")
        for e in d["events"]:
            if e["type"] not in EVENT_TYPES or e["status"] not in STATUSES:
                problem(f"{did}: event vocabulary: {e}")
            for role in ("actor", "target"):
                if e[role] is not None and e[role] not in known:
                    problem(f"{did}: unknown event {role} {e[role]}")
            if e["evidence"] not in text:
                problem(f"{did}: event evidence not in text: {e['evidence']}")
            if e["date"] is not None:
                date = dt.date.fromisoformat(e["date"])
                for day in WEEKDAYS:
                    if day in e["evidence"] and date.strftime("%A") != day:
                        problem(f"{did}: {e['date']} is not a {day}: {e['evidence']}")
        for p in d["positions"]:
            if p["stance"] not in STANCES:
                problem(f"{did}: stance {p['stance']}")
            if p["holder"] not in known:
                problem(f"{did}: unknown holder {p['holder']}")
            if p["evidence"] not in text:
                problem(f"{did}: position evidence not in text: {p['evidence']}")
        for pr in d.get("proposals", []):
            if pr["proposer"] not in known:
                problem(f"{did}: unknown proposer {pr['proposer']}")
            if not set(pr["terms"]) <= TERM_KINDS:
                problem(f"{did}: term kinds {pr['terms']}")
            low, high = pr["phase_duration_days"]
            if low > high:
                problem(f"{did}: phase durations {low} > {high}")
    for missing in set(corpus) - seen:
        problem(f"{missing}: corpus document without gold")


def check_entities(corpus: dict[str, dict[str, object]]) -> set[str]:
    data = json.loads((HERE / "entities.json").read_text(encoding="utf-8"))
    if data.get("format") != "storyline-entities-gold/1":
        problem("entities.json: wrong format")
    names = set()
    for entity in data["entities"]:
        names.add(entity["name"])
        if entity["type"] not in {"PERSON", "ORG", "GPE", "NORP"}:
            problem(f"entities.json: type {entity['type']}")
        for m in entity["mentions"]:
            text = str(corpus[str(m["doc"]).rsplit(".", 1)[0]]["text"]) \
                if str(m["doc"]).rsplit(".", 1)[0] in corpus else None
            if text is None or text[m["start"]:m["end"]] != m["text"]:
                problem(f"entities.json: bad offsets {m}")
    return names


def main() -> int:
    corpus = load_corpus()
    names = check_entities(corpus)
    check_gold(corpus, names)
    for msg in problems:
        print("PROBLEM:", msg)
    print(f"{len(corpus)} documents checked, {len(problems)} problem(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
