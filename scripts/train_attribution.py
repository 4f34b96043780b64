"""Train the attribution tagger on PolNeAR ``train``; report its span F1 on ``dev``.

    make train                                                    # both steps below
    .venv/bin/python scripts/train_attribution.py                 # train, write the model
    .venv/bin/python scripts/train_attribution.py --score dev     # the shipped model on dev

Training needs nothing beyond the run-time dependencies (python-crfsuite trains too).

PolNeAR is brat standoff: ``T`` lines give Source, Cue and Content spans (a span may have
several ``start end`` pieces), ``E`` lines tie them into one attribution. Every token of
an article belongs to at most one attribution, so the annotation is a tag sequence: this
script parses each article with the shipped spaCy pipeline, labels each token ``B-``/``I-``
CUE, SOURCE or CONTENT (or ``O``) and trains a linear-chain CRF over the features of
:mod:`storyline.extract.quotes.tagger`, one sequence per paragraph that may hold an
attribution. The cue vocabulary is learned here from train too. Articles annotated by
several annotators count once (the first annotator in name order).

Deterministic (L-BFGS has no randomness; files are read in name order); about two minutes
to parse and three to train on 2 cores. Never run by CI: ``make train``. Reads only
``train`` to fit and ``dev`` to score; PolNeAR ``test`` is never read.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import sys
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from spacy.tokens import Doc, DocBin

from storyline.config import Settings
from storyline.extract.quotes.marks import find_quoted_spans, quoted_tokens
from storyline.extract.quotes.tagger import (
    LABELS,
    MODEL_FILE,
    VOCAB_FILE,
    Columns,
    TaggedSpan,
    Vocabulary,
    decode,
    paragraph_features,
    paragraphs,
    worth_tagging,
)
from storyline.nlp import load_nlp

REPO = Path(__file__).resolve().parent.parent
DEFAULT_DATA = REPO.parent / "shared" / "data" / "polnear"
MODELS = REPO / "src" / "storyline" / "extract" / "quotes" / "models"
KINDS = {"Source": "SOURCE", "Cue": "CUE", "Content": "CONTENT"}
# A lemma is a cue word when train uses it as a cue at least this often, and in at least
# this share of its occurrences (so "say" is in, "be" and "have" are out).
MIN_CUE_COUNT = 3
MIN_CUE_SHARE = 0.15


@dataclass(frozen=True)
class Annotated:
    name: str
    text: str
    spans: list[tuple[str, list[tuple[int, int]]]]  # (kind, pieces)


def read_split(root: Path, split: str) -> list[Annotated]:
    """The articles of one split with their spans; one annotator per article."""
    if split == "test":
        raise SystemExit("PolNeAR test is never read")
    folder = root / split
    chosen: dict[str, Path] = {}
    for ann in sorted((folder / "attributions").glob("*.ann")):
        article = ann.stem.rsplit("_", 1)[0]
        chosen.setdefault(article, ann)
    out = []
    for article, ann in sorted(chosen.items()):
        text = (folder / "text" / f"{article}.txt").read_text(encoding="utf-8")
        out.append(Annotated(article, text, list(_read_ann(ann))))
    return out


def _read_ann(path: Path) -> Iterator[tuple[str, list[tuple[int, int]]]]:
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.startswith("T"):
            continue
        fields = line.split("\t")
        if len(fields) < 2:
            continue
        kind, _, offsets = fields[1].partition(" ")
        if kind not in KINDS:
            continue
        pieces = []
        for piece in offsets.split(";"):
            start, end = piece.split()
            pieces.append((int(start), int(end)))
        yield KINDS[kind], pieces


def parse(articles: list[Annotated], cache: Path | None, settings: Settings) -> list[Doc]:
    """The articles parsed with the shipped pipeline (cached as a DocBin when asked)."""
    nlp = load_nlp(settings.models)
    if cache is not None:
        # A cache made by another pipeline (another model version, other components before
        # the parser) holds other parses: its name says which pipeline made it.
        made_by = f"{nlp.meta['name']}-{nlp.meta['version']}-{'+'.join(nlp.pipe_names)}"
        fingerprint = hashlib.sha1(made_by.encode()).hexdigest()[:10]
        cache = cache.with_name(f"{cache.stem}-{fingerprint}.spacy")
    if cache is not None and cache.exists():
        docs = list(DocBin().from_disk(cache).get_docs(nlp.vocab))
        if [d.text for d in docs] == [a.text for a in articles]:
            return docs
    started = time.perf_counter()
    docs = list(nlp.pipe((a.text for a in articles), batch_size=32))
    print(f"parsed {len(docs)} articles in {time.perf_counter() - started:.0f}s", file=sys.stderr)
    if cache is not None:
        DocBin(store_user_data=False, docs=docs).to_disk(cache)
    return docs


def token_labels(doc: Doc, article: Annotated) -> list[str]:
    """The BIO label of each token: a token takes the span its first character is in."""
    labels = ["O"] * len(doc)
    starts = [t.idx for t in doc]
    for kind, pieces in article.spans:
        for start, end in pieces:
            first = True
            for token in doc.char_span(start, end, alignment_mode="expand") or ():
                if token.is_space or not start <= starts[token.i] < end:
                    continue
                if labels[token.i] != "O":
                    continue
                labels[token.i] = ("B-" if first else "I-") + kind
                first = False
    return labels


def learn_vocabulary(docs: list[Doc], labelled: list[list[str]]) -> Vocabulary:
    """Cue lemmas (verbs) and cue nouns: used as cues often, and in a good share of uses."""
    as_cue: dict[str, Counter[str]] = {"VERB": Counter(), "NOUN": Counter()}
    total: dict[str, Counter[str]] = {"VERB": Counter(), "NOUN": Counter()}
    for doc, labels in zip(docs, labelled, strict=True):
        for token, label in zip(doc, labels, strict=True):
            pos = "VERB" if token.pos_ in ("VERB", "AUX") else token.pos_
            if pos not in as_cue:
                continue
            lemma = token.lemma_.lower()
            total[pos][lemma] += 1
            if label.endswith("CUE"):
                as_cue[pos][lemma] += 1

    def keep(pos: str) -> frozenset[str]:
        return frozenset(
            lemma
            for lemma, count in as_cue[pos].items()
            if count >= MIN_CUE_COUNT and count / total[pos][lemma] >= MIN_CUE_SHARE
        )

    return Vocabulary(keep("VERB"), keep("NOUN"))


def sequences(
    docs: list[Doc], labelled: list[list[str]], vocab: Vocabulary
) -> Iterator[tuple[list[list[str]], list[str], int]]:
    """(features, labels, first token) of each paragraph worth tagging."""
    for doc, labels in zip(docs, labelled, strict=True):
        quoted = quoted_tokens(doc, find_quoted_spans(doc.text))
        columns = Columns.of(doc, vocab)
        for start, end in paragraphs(doc):
            if worth_tagging(columns, start, end):
                yield paragraph_features(columns, start, end, quoted), labels[start:end], start


def span_scores(
    gold: list[set[TaggedSpan]], predicted: list[set[TaggedSpan]]
) -> dict[str, dict[str, float]]:
    """Exact-span precision, recall, F1 per label, and token-overlap F1 for content."""
    out: dict[str, dict[str, float]] = {}
    for label in LABELS:
        tp = p = g = 0
        for gs, ps in zip(gold, predicted, strict=True):
            gl = {s for s in gs if s.label == label}
            pl = {s for s in ps if s.label == label}
            tp += len(gl & pl)
            p += len(pl)
            g += len(gl)
        precision = tp / p if p else 0.0
        recall = tp / g if g else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        out[label] = {"precision": precision, "recall": recall, "f1": f1, "gold": g, "pred": p}
    return out


def token_scores(gold: list[list[str]], predicted: list[list[str]]) -> dict[str, float]:
    """Token-level F1 per label (label type only, B/I ignored)."""
    out: dict[str, float] = {}
    for label in LABELS:
        tp = p = g = 0
        for gl, pl in zip(gold, predicted, strict=True):
            for a, b in zip(gl, pl, strict=True):
                ga, pb = a.endswith(label), b.endswith(label)
                tp += ga and pb
                p += pb
                g += ga
        pr = tp / p if p else 0.0
        rc = tp / g if g else 0.0
        out[label] = 2 * pr * rc / (pr + rc) if pr + rc else 0.0
    return out


def score(tagger_path: Path, vocab: Vocabulary, docs: list[Doc], labelled: list[list[str]]) -> None:
    import pycrfsuite

    tagger = pycrfsuite.Tagger()
    tagger.open(str(tagger_path))
    gold_spans: list[set[TaggedSpan]] = []
    pred_spans: list[set[TaggedSpan]] = []
    gold_tokens: list[list[str]] = []
    pred_tokens: list[list[str]] = []
    for doc, labels in zip(docs, labelled, strict=True):
        quoted = quoted_tokens(doc, find_quoted_spans(doc.text))
        columns = Columns.of(doc, vocab)
        predicted = ["O"] * len(doc)
        for start, end in paragraphs(doc):
            if worth_tagging(columns, start, end):
                tags = tagger.tag(paragraph_features(columns, start, end, quoted))
                predicted[start:end] = tags
        gold_spans.append(set(_all_spans(labels, doc)))
        pred_spans.append(set(_all_spans(predicted, doc)))
        gold_tokens.append(labels)
        pred_tokens.append(predicted)
    spans = span_scores(gold_spans, pred_spans)
    tokens = token_scores(gold_tokens, pred_tokens)
    for label in LABELS:
        s = spans[label]
        print(
            f"  {label:8} span P {s['precision']:.3f} R {s['recall']:.3f} F1 {s['f1']:.3f}"
            f"  (gold {s['gold']:.0f}, pred {s['pred']:.0f})   token F1 {tokens[label]:.3f}"
        )


def _all_spans(labels: list[str], doc: Doc) -> list[TaggedSpan]:
    out = []
    for start, end in paragraphs(doc):
        out.extend(decode(labels[start:end], start))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="PolNeAR data folder")
    parser.add_argument("--out", type=Path, default=MODELS, help="where to write the model")
    parser.add_argument("--cache", type=Path, default=None, help="folder for parsed DocBins")
    parser.add_argument("--c1", type=float, default=0.0, help="L1 penalty")
    parser.add_argument("--c2", type=float, default=1.0, help="L2 penalty")
    parser.add_argument("--iterations", type=int, default=300, help="L-BFGS iterations")
    parser.add_argument(
        "--holdout",
        type=int,
        default=0,
        help="keep the last N train articles out of training and score on them",
    )
    parser.add_argument(
        "--score",
        choices=("train", "dev"),
        action="append",
        default=[],
        help="score the model in --out on a split instead of training",
    )
    args = parser.parse_args()
    settings = Settings()

    def load(split: str) -> tuple[list[Annotated], list[Doc], list[list[str]]]:
        articles = read_split(args.data, split)
        cache = args.cache / f"polnear-{split}.spacy" if args.cache else None
        if args.cache:
            args.cache.mkdir(parents=True, exist_ok=True)
        docs = parse(articles, cache, settings)
        return articles, docs, [token_labels(d, a) for d, a in zip(docs, articles, strict=True)]

    if args.score:
        vocab = Vocabulary.from_dict(json.loads((args.out / VOCAB_FILE).read_text()))
        for split in args.score:
            _, docs, labelled = load(split)
            print(f"{split}: {len(docs)} articles")
            score(args.out / MODEL_FILE, vocab, docs, labelled)
        return

    import pycrfsuite

    _, docs, labelled = load("train")
    held_docs, held_labels = [], []
    if args.holdout:
        held_docs, held_labels = docs[-args.holdout :], labelled[-args.holdout :]
        docs, labelled = docs[: -args.holdout], labelled[: -args.holdout]
    vocab = learn_vocabulary(docs, labelled)
    print(
        f"cue vocabulary: {len(vocab.cue_lemmas)} verbs, {len(vocab.cue_nouns)} nouns",
        file=sys.stderr,
    )
    coverage: Counter[str] = Counter()
    trainer = pycrfsuite.Trainer(verbose=bool(os.environ.get("CRF_VERBOSE")))
    for features, labels, _ in sequences(docs, labelled, vocab):
        trainer.append(features, labels)
        coverage["tokens"] += len(labels)
        coverage["content"] += sum(lab.endswith("CONTENT") for lab in labels)
    all_content = sum(lab.endswith("CONTENT") for labels in labelled for lab in labels)
    print(
        f"sequences cover {coverage['content'] / all_content:.3f} of content tokens; "
        f"{coverage['tokens']} tokens",
        file=sys.stderr,
    )
    trainer.set_params(
        {
            "c1": args.c1,
            "c2": args.c2,
            "max_iterations": args.iterations,
            "feature.possible_transitions": True,
        }
    )
    args.out.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    trainer.train(str(args.out / MODEL_FILE))
    print(f"trained in {time.perf_counter() - started:.0f}s", file=sys.stderr)
    meta = {
        **vocab.to_dict(),
        "c1": args.c1,
        "c2": args.c2,
        "iterations": args.iterations,
        "train_articles": len(docs),
    }
    (args.out / VOCAB_FILE).write_text(json.dumps(meta, indent=1) + "\n", encoding="utf-8")
    if held_docs:
        print(f"held-out train: {len(held_docs)} articles")
        score(args.out / MODEL_FILE, vocab, held_docs, held_labels)


if __name__ == "__main__":
    main()
