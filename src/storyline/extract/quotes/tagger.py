"""The learned attribution tagger: cue, source and content spans over a parsed ``Doc``.

A linear-chain CRF (CRFsuite) labels each token of a paragraph ``B-``/``I-`` CUE, SOURCE
or CONTENT, or ``O``, the scheme of the PolNeAR corpus, from features of the spaCy
parse: the word, its lemma, tag and dependency, its head, whether a cue word governs it
and along which arc, which side of that cue it stands, whether it is inside quotation
marks. It is trained on PolNeAR ``train`` by ``scripts/train_attribution.py`` (``make
train``); the model and its cue vocabulary ship as package data under ``models/``.

Why a CRF: it tags a 600-word article in a few milliseconds on one core, its weights are
ten megabytes, it is deterministic and trains in minutes. A spaCy tagger or span finder
on the shared ``tok2vec`` would have to run the network again (the pipeline keeps no
token vectors after parsing), which costs a large share of the parse itself against a
budget of 25 % for quotes, reported speech and the tagger together.

Only paragraphs that hold a cue word of the vocabulary (or a colon or quotation mark) are
tagged: attribution needs a cue, and the rest need not be paid for.
"""

from __future__ import annotations

import bisect
import json
import logging
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from spacy.tokens import Doc, Token

from ...errors import ModelNotFoundError

logger = logging.getLogger(__name__)

TAGGER_NAME = "attribution-crf"
TAGGER_VERSION = 1
MODEL_FILE = "attribution.crfsuite"
VOCAB_FILE = "attribution.json"
LABELS = ("CUE", "SOURCE", "CONTENT")
# How far up the tree a token looks for a cue word that governs it; deeper links are
# mostly through a misparse.
MAX_CLIMB = 8
_QUOTE_CHARS = frozenset("\"“”„‟«»‘’'`")
_SENTENCE_CHARS = frozenset(".?!")


@dataclass(frozen=True)
class TaggedSpan:
    """One labelled span: ``label`` is CUE, SOURCE or CONTENT; tokens ``[start, end)``."""

    label: str
    start: int
    end: int


@dataclass(frozen=True)
class Vocabulary:
    """What the features need besides the parse: the cue words learned from train."""

    cue_lemmas: frozenset[str]
    cue_nouns: frozenset[str]

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Vocabulary:
        return cls(frozenset(data["cue_lemmas"]), frozenset(data.get("cue_nouns", ())))

    def to_dict(self) -> dict[str, Any]:
        return {"cue_lemmas": sorted(self.cue_lemmas), "cue_nouns": sorted(self.cue_nouns)}

    def is_cue(self, token: Token) -> bool:
        """Whether ``token`` is a cue word: a verb (or noun) the training cues are made of."""
        pos = token.pos_
        lemma = token.lemma_.lower()
        if pos in ("VERB", "AUX"):
            return lemma in self.cue_lemmas
        if pos == "NOUN":
            return lemma in self.cue_nouns
        return token.lower_ == "according"


def _shape(text: str) -> str:
    if text[0].isupper():
        return "X" if text.isupper() and len(text) > 1 else "Xx"
    if text[0].isdigit():
        return "d"
    if text[0].isalpha():
        return "x"
    return "p" + text[0] if text[0] in _QUOTE_CHARS or not text[0].isalnum() else "o"


def paragraphs(doc: Doc) -> list[tuple[int, int]]:
    """Token ranges of the paragraphs of ``doc`` (lines), without their blank tokens."""
    out: list[tuple[int, int]] = []
    start: int | None = None
    for token in doc:
        if token.is_space:
            if start is not None:
                out.append((start, token.i))
                start = None
            continue
        if start is None:
            start = token.i
        if "\n" in token.whitespace_:
            out.append((start, token.i + 1))
            start = None
    if start is not None:
        out.append((start, len(doc)))
    return out


@dataclass(frozen=True)
class Columns:
    """The token attributes the features read, pulled out of a ``Doc`` once.

    Reading an attribute of a spaCy token builds a Python object each time; features read
    each token's several times (as itself, as a neighbour, as a head).
    """

    text: list[str]
    lower: list[str]
    lemma: list[str]
    tag: list[str]
    dep: list[str]
    pos: list[str]
    head: list[int]
    sent_start: list[bool]
    quote: list[bool]
    cue: list[bool]
    space: list[bool]
    breaks: list[bool]

    def paragraphs(self) -> list[tuple[int, int]]:
        """Token ranges of the paragraphs, as :func:`paragraphs` gives them."""
        out: list[tuple[int, int]] = []
        start: int | None = None
        for i, (space, breaks) in enumerate(zip(self.space, self.breaks, strict=True)):
            if space:
                if start is not None:
                    out.append((start, i))
                    start = None
                continue
            if start is None:
                start = i
            if breaks:
                out.append((start, i + 1))
                start = None
        if start is not None:
            out.append((start, len(self.space)))
        return out

    @classmethod
    def of(cls, doc: Doc, vocab: Vocabulary) -> Columns:
        text, lower, lemma, tag, dep, pos, head = [], [], [], [], [], [], []
        sent_start, quote, cue, space, breaks = [], [], [], [], []
        cue_lemmas, cue_nouns = vocab.cue_lemmas, vocab.cue_nouns
        for token in doc:
            word = token.lower_
            base = token.lemma_.lower()
            kind = token.pos_
            text.append(token.text)
            lower.append(word)
            lemma.append(base)
            tag.append(token.tag_)
            dep.append(token.dep_)
            pos.append(kind)
            head.append(token.head.i)
            sent_start.append(bool(token.is_sent_start))
            quote.append(token.is_quote)
            space.append(token.is_space)
            breaks.append("\n" in token.whitespace_)
            if kind in ("VERB", "AUX"):
                cue.append(base in cue_lemmas)
            elif kind == "NOUN":
                cue.append(base in cue_nouns)
            else:
                cue.append(word == "according")
        return cls(text, lower, lemma, tag, dep, pos, head, sent_start, quote, cue, space, breaks)


def worth_tagging(columns: Columns, start: int, end: int) -> bool:
    """Whether a paragraph can hold an attribution: it has a cue word, a colon or a quote."""
    return any(
        columns.cue[i] or columns.quote[i] or columns.text[i] == ":" for i in range(start, end)
    )


def paragraph_features(
    columns: Columns, start: int, end: int, quoted: Collection[int]
) -> list[list[str]]:
    """The CRF features of each token of the paragraph ``[start, end)``.

    Args:
        columns: the article's token attributes (:meth:`Columns.of`).
        start: the paragraph's first token.
        end: one past its last token.
        quoted: indices of the tokens inside quotation marks (marks included).

    Returns:
        One list of feature strings per token.
    """
    c = columns
    words, tags, lemma, dep, pos, heads, cue = c.lower, c.tag, c.lemma, c.dep, c.pos, c.head, c.cue
    cue_positions = [i for i in range(start, end) if cue[i]]
    first_sentence_end = next((i for i in range(start, end) if c.text[i] in _SENTENCE_CHARS), end)
    # The sentence of each token, from sentence starts: ``token.sent`` rebuilds a span.
    sentence = [0] * (end - start)
    number = 0
    for i in range(start + 1, end):
        if c.sent_start[i]:
            number += 1
        sentence[i - start] = number
    colon_seen = False
    out: list[list[str]] = []
    for i in range(start, end):
        k = i - start
        text = c.text[i]
        head = heads[i]
        word = words[i]
        feats = [
            "b",
            "w=" + word,
            "l=" + lemma[i],
            "t=" + tags[i],
            "d=" + dep[i],
            "s=" + _shape(text),
            "x=" + word[-3:],
            "h=" + lemma[head],
            "hd=" + dep[i] + ">" + pos[head],
            "w-1=" + (words[i - 1] if i > start else "<p>"),
            "w+1=" + (words[i + 1] if i + 1 < end else "</p>"),
            "t-1=" + (tags[i - 1] if i > start else "<p>"),
            "t+1=" + (tags[i + 1] if i + 1 < end else "</p>"),
            "t-2=" + (tags[i - 2] if i > start + 1 else "<p>"),
            "t+2=" + (tags[i + 2] if i + 2 < end else "</p>"),
        ]
        if i in quoted:
            feats.append("q")
        if c.quote[i] or (text[0] in _QUOTE_CHARS and len(text) <= 2):
            feats.append("qm")
        if c.sent_start[i]:
            feats.append("ss")
        if i < first_sentence_end:
            feats.append("s1")
        if colon_seen:
            feats.append("col")
        if text == ":":
            colon_seen = True
        if cue[i]:
            feats.append("cue")
            feats.append("cl=" + lemma[i])
        if head != i and cue[head]:
            feats.append("hc=" + dep[i])
        feats.extend(_governing_cue(c, i))
        if cue_positions:
            at = bisect.bisect_left(cue_positions, i)
            options = cue_positions[max(at - 1, 0) : at + 1]
            # The nearest cue; on a tie the earlier one, as min() over the list would pick.
            nearest = min(options, key=lambda p: abs(p - i))
            gap = nearest - i
            side = "L" if gap > 0 else "R" if gap < 0 else "C"
            feats.append("nc=" + side + _bucket(abs(gap)))
            if sentence[nearest - start] == sentence[k]:
                feats.append("ncs=" + side)
        else:
            feats.append("nocue")
        out.append(feats)
    return out


def _bucket(gap: int) -> str:
    if gap <= 2:
        return str(gap)
    if gap <= 5:
        return "5"
    if gap <= 10:
        return "10"
    return "far"


def _governing_cue(columns: Columns, index: int) -> list[str]:
    """Features of the nearest cue word above token ``index``: the arc under it, the side."""
    heads, cue = columns.head, columns.cue
    child = index
    node = heads[index]
    for depth in range(MAX_CLIMB):
        if node == child:
            return []
        if cue[node]:
            side = "L" if index < node else "R"
            arc = columns.dep[child]
            return ["gc=" + arc, "gcs=" + arc + side, "gcd=" + _bucket(depth)]
        child, node = node, heads[node]
    return []


def decode(labels: Sequence[str], offset: int) -> list[TaggedSpan]:
    """BIO labels of one paragraph → spans; an ``I-`` after ``O`` or another label opens one."""
    spans: list[TaggedSpan] = []
    label: str | None = None
    begin = 0
    for k, tag in enumerate((*labels, "O")):
        kind = tag[2:] if tag != "O" else None
        if label is not None and (tag.startswith("B-") or kind != label):
            spans.append(TaggedSpan(label, offset + begin, offset + k))
            label = None
        if kind is not None and label is None:
            label, begin = kind, k
    return spans


class AttributionTagger:
    """A loaded CRF model with its cue vocabulary.

    Args:
        tagger: an opened ``pycrfsuite.Tagger``.
        vocab: the cue words the features were trained with.
    """

    def __init__(self, tagger: Any, vocab: Vocabulary) -> None:
        self._tagger = tagger
        self.vocab = vocab

    def tag(self, doc: Doc, quoted: Collection[int]) -> list[TaggedSpan]:
        """Every cue, source and content span of ``doc``, in text order.

        Args:
            doc: the parsed article.
            quoted: indices of the tokens inside quotation marks.
        """
        spans: list[TaggedSpan] = []
        columns = Columns.of(doc, self.vocab)
        for start, end in columns.paragraphs():
            if not worth_tagging(columns, start, end):
                continue
            features = paragraph_features(columns, start, end, quoted)
            spans.extend(decode(self._tagger.tag(features), start))
        return spans


@cache
def load_tagger() -> AttributionTagger:
    """The shipped attribution tagger, loaded once per process.

    Raises:
        ModelNotFoundError: the model files are missing from the installed package.
    """
    import pycrfsuite  # the one module that imports the CRF runtime

    models = resources.files("storyline.extract.quotes") / "models"
    model = models / MODEL_FILE
    vocab_file = models / VOCAB_FILE
    if not model.is_file() or not vocab_file.is_file():
        raise ModelNotFoundError(
            f"the attribution tagger's files are missing ({MODEL_FILE}, {VOCAB_FILE} under "
            "storyline/extract/quotes/models): reinstall storyline, or run `make train`"
        )
    vocab = Vocabulary.from_dict(json.loads(vocab_file.read_text(encoding="utf-8")))
    tagger = pycrfsuite.Tagger()
    with resources.as_file(model) as path:
        tagger.open(str(path))
    logger.info("loaded attribution tagger %s@%d", TAGGER_NAME, TAGGER_VERSION)
    return AttributionTagger(tagger, vocab)
