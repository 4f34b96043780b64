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
import itertools
import json
import logging
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from functools import cache, cached_property
from importlib import resources
from typing import Any

import numpy
from spacy.attrs import DEP, HEAD, IS_QUOTE, IS_SPACE, LEMMA, LOWER, ORTH, POS, SENT_START, TAG
from spacy.tokens import Doc, Token

from ...errors import ModelNotFoundError
from ..common.columns import Codes, Named, gather
from .columns import TokenColumns

logger = logging.getLogger(__name__)

TAGGER_NAME = "attribution-crf"
TAGGER_VERSION = 2
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


def _shapes(texts: list[str]) -> list[str]:
    """``"s=" + _shape(text)`` of each text: below a capital only the first character
    counts, so those shapes are made once per character."""
    by_first: dict[str, str] = {}
    out = []
    for text in texts:
        first = text[0]
        if first.isupper():
            out.append("s=X" if text.isupper() and len(text) > 1 else "s=Xx")
        else:
            shape = by_first.get(first)
            if shape is None:
                shape = by_first[first] = "s=" + _shape(first)
            out.append(shape)
    return out


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


class Columns:
    """The token attributes the features read, pulled out of a ``Doc`` once.

    Reading an attribute of a spaCy token builds a Python object each time, and features
    read each token's several times (as itself, as a neighbour, as a head). The columns
    come from ``Doc.to_array`` with each distinct value named once; the feature strings
    that do not depend on the paragraph are made once per distinct value. The per-token
    lists (``text``, ``lemma``, ...) are made on first use: tagging reads none of them.
    """

    def __init__(self, table: _Table, static: _Static) -> None:
        self._table = table
        self.static = static

    @classmethod
    def of(cls, doc: Doc, vocab: Vocabulary, tokens: TokenColumns | None = None) -> Columns:
        """The columns of ``doc``; ``tokens`` shares the string columns already read."""
        table = _Table.of(doc, vocab, tokens if tokens is not None else TokenColumns(doc))
        return cls(table, _Static.of(table))

    @cached_property
    def text(self) -> list[str]:
        return gather(*self._table.texts)

    @cached_property
    def lower(self) -> list[str]:
        return gather(*self._table.words)

    @cached_property
    def lemma(self) -> list[str]:
        return gather(*self._table.lemmas)

    @cached_property
    def tag(self) -> list[str]:
        return gather(*self._table.tags)

    @cached_property
    def dep(self) -> list[str]:
        return gather(*self._table.deps)

    @cached_property
    def pos(self) -> list[str]:
        return gather(*self._table.poses)

    @cached_property
    def head(self) -> list[int]:
        return list(self._table.head_at.tolist())

    @cached_property
    def sent_start(self) -> list[bool]:
        return list(self._table.sent_start.tolist())

    @cached_property
    def quote(self) -> list[bool]:
        return list(self._table.quote.tolist())

    @cached_property
    def cue(self) -> list[bool]:
        return list(self._table.cue.tolist())

    @cached_property
    def space(self) -> list[bool]:
        return list(self._table.space.tolist())

    @cached_property
    def breaks(self) -> list[bool]:
        """Whether a token's trailing whitespace breaks the line: never in spaCy, whose
        trailing whitespace is one space or nothing (a line break is a token of its own)."""
        return [False] * len(self._table.space)

    def paragraphs(self) -> list[tuple[int, int]]:
        """Token ranges of the paragraphs, as :func:`paragraphs` gives them: the runs of
        tokens between blank ones (see :attr:`breaks`)."""
        out: list[tuple[int, int]] = []
        start = 0
        for i in self.static.blanks:
            if start < i:
                out.append((start, i))
            start = i + 1
        if start < len(self._table.space):
            out.append((start, len(self._table.space)))
        return out


Flags = numpy.ndarray[Any, numpy.dtype[numpy.bool_]]


@dataclass(frozen=True)
class _Table:
    """A ``Doc``'s columns: each string column as its distinct values and their indices.

    Lemmas are lower-cased, as the features use them; ``head_at`` holds absolute indices.
    """

    texts: Named
    words: Named
    lemmas: Named
    tags: Named
    deps: Named
    poses: Named
    head_at: Codes
    sent_start: Flags
    quote: Flags
    space: Flags
    cue: Flags

    @classmethod
    def of(cls, doc: Doc, vocab: Vocabulary, tokens: TokenColumns) -> _Table:
        n = len(doc)
        head, sent_start, quote, space = (
            tokens.array(attr).astype(numpy.int64)
            for attr in (HEAD, SENT_START, IS_QUOTE, IS_SPACE)
        )
        texts, words, lemmas, tags, deps, poses = (
            tokens.named(attr) for attr in (ORTH, LOWER, LEMMA, TAG, DEP, POS)
        )
        lemmas = ([lemma.lower() for lemma in lemmas[0]], lemmas[1])
        head_at = head + numpy.arange(n)
        (pos_values, pos_at), (lemma_values, lemma_at) = poses, lemmas
        verb = _flags([p in ("VERB", "AUX") for p in pos_values], pos_at)
        noun = _flags([p == "NOUN" for p in pos_values], pos_at)
        cue_verb = _flags([lemma in vocab.cue_lemmas for lemma in lemma_values], lemma_at)
        cue_noun = _flags([lemma in vocab.cue_nouns for lemma in lemma_values], lemma_at)
        according = _flags([word == "according" for word in words[0]], words[1])
        return cls(
            texts=texts,
            words=words,
            lemmas=lemmas,
            tags=tags,
            deps=deps,
            poses=poses,
            head_at=head_at,
            sent_start=sent_start > 0,  # what ``bool(token.is_sent_start)`` reads
            quote=quote != 0,
            space=space != 0,
            cue=numpy.where(verb, cue_verb, numpy.where(noun, cue_noun, according)),
        )


def _sentence_ends(sent_start: Flags) -> Codes:
    """1 for the last token of each sentence (the one before a sentence start, and the
    last token of the text): content ends there more often than anywhere else."""
    ends = numpy.zeros(len(sent_start), dtype=numpy.int64)
    if len(sent_start):
        ends[:-1] = sent_start[1:]
        ends[-1] = 1
    return ends


def _flags(values: list[bool], at: Codes) -> Flags:
    """Each token's flag, from the flags of the distinct values."""
    return numpy.array(values, dtype=bool)[at]


@dataclass(frozen=True)
class _Static:
    """The feature strings of each token that do not depend on its paragraph.

    ``own`` holds a token's own features in order (word, lemma, tag, dependency, shape,
    suffix, head lemma, arc); ``prev_word``, ``prev_dep`` and the like are the strings a
    token gives its neighbours (``"w-1=" + word`` for the token after it); ``marks`` codes
    the quote-mark (1), sentence-start (2) and sentence-end (8) flags; ``after`` holds the
    cue and governing-cue features (the governing cue's arc, side, distance and lemma).
    ``sentence`` numbers the sentences; ``cues``, ``ends`` (of sentences), ``colons`` and
    ``blanks`` are token indices.
    """

    own: tuple[list[str], ...]
    prev_word: list[str]
    next_word: list[str]
    prev_tag: list[str]
    next_tag: list[str]
    prev_tag2: list[str]
    next_tag2: list[str]
    prev_dep: list[str]
    next_dep: list[str]
    marks: Codes
    after: list[tuple[str, ...]]
    sentence: list[int]
    cues: list[int]
    ends: list[int]
    colons: list[int]
    worth: list[bool]
    blanks: list[int]

    @classmethod
    def of(cls, table: _Table) -> _Static:
        (texts, text_at), (words, word_at), (lemmas, lemma_at) = (
            table.texts,
            table.words,
            table.lemmas,
        )
        (tags, tag_at), (deps, dep_at), (poses, pos_at) = table.tags, table.deps, table.poses
        head_at = table.head_at
        # "hd=" joins a token's arc with its head's POS: name each distinct pair once.
        pairs, pair_at = numpy.unique(dep_at * len(poses) + pos_at[head_at], return_inverse=True)
        arcs = ["hd=" + deps[k // len(poses)] + ">" + poses[k % len(poses)] for k in pairs.tolist()]
        own = (
            gather(["w=" + w for w in words], word_at),
            gather(["l=" + w for w in lemmas], lemma_at),
            gather(["t=" + t for t in tags], tag_at),
            gather(["d=" + d for d in deps], dep_at),
            gather(_shapes(texts), text_at),
            gather(["x=" + w[-3:] for w in words], word_at),
            gather(["h=" + w for w in lemmas], lemma_at[head_at]),
            gather(arcs, pair_at.astype(numpy.int64)),
        )
        mark = _flags([t[0] in _QUOTE_CHARS and len(t) <= 2 for t in texts], text_at)
        ends = _flags([t in _SENTENCE_CHARS for t in texts], text_at)
        colons = _flags([t == ":" for t in texts], text_at)
        return cls(
            own=own,
            prev_word=gather(["w-1=" + w for w in words], word_at),
            next_word=gather(["w+1=" + w for w in words], word_at),
            prev_tag=gather(["t-1=" + t for t in tags], tag_at),
            next_tag=gather(["t+1=" + t for t in tags], tag_at),
            prev_tag2=gather(["t-2=" + t for t in tags], tag_at),
            next_tag2=gather(["t+2=" + t for t in tags], tag_at),
            prev_dep=gather(["d-1=" + d for d in deps], dep_at),
            next_dep=gather(["d+1=" + d for d in deps], dep_at),
            marks=(mark | table.quote)
            + 2 * table.sent_start.astype(numpy.int64)
            + 8 * _sentence_ends(table.sent_start),
            after=_after_cue(table),
            sentence=numpy.cumsum(table.sent_start).tolist(),
            cues=numpy.flatnonzero(table.cue).tolist(),
            ends=numpy.flatnonzero(ends).tolist(),
            colons=numpy.flatnonzero(colons).tolist(),
            worth=(table.cue | table.quote | colons).tolist(),
            blanks=numpy.flatnonzero(table.space).tolist(),
        )


def _after_cue(table: _Table) -> list[tuple[str, ...]]:
    """Each token's cue features: its own cue lemma, then the nearest cue word above it.

    The climb of at most :data:`MAX_CLIMB` arcs runs for every token at once; the features
    are named once per distinct combination.
    """
    (lemmas, lemma_at), (deps, dep_at) = table.lemmas, table.deps
    cue, head_at = table.cue, table.head_at
    index = numpy.arange(len(cue))
    # The nearest cue word in the window of ``size`` tokens above each token: ``depth`` is
    # its distance less one (-1 for none), ``below`` the token under it on the way up, and
    # ``top`` the token ``size`` arcs up (the root for a shorter way: a climb stops at the
    # root, whose head is itself). A window is the window above the token and then the
    # one above its top, twice as long each time; then one arc at a time.
    depth = numpy.where((head_at != index) & cue[head_at], 0, -1)
    governor, below, top, size = head_at, index, head_at, 1
    while 2 * size <= MAX_CLIMB:
        take = (depth < 0) & (depth[top] >= 0)
        governor = numpy.where(take, governor[top], governor)
        below = numpy.where(take, below[top], below)
        depth = numpy.where(take, depth[top] + size, depth)
        top, size = top[top], 2 * size
    while size < MAX_CLIMB:
        above = head_at[top]
        take = (depth < 0) & (above != top) & cue[above]
        governor = numpy.where(take, above, governor)
        below = numpy.where(take, top, below)
        depth = numpy.where(take, size, depth)
        top, size = above, size + 1
    has = depth >= 0
    arc = numpy.where(has, dep_at[below] + 1, 0)
    left = (index < governor) & has
    lemma = numpy.where(cue, lemma_at + 1, 0)
    above = numpy.where(has, lemma_at[governor] + 1, 0)
    key = ((lemma * (len(deps) + 1) + arc) * 2 + left) * (MAX_CLIMB + 1) + depth + 1
    key = key * (len(lemmas) + 1) + above
    keys, key_at = numpy.unique(key, return_inverse=True)
    names: list[tuple[str, ...]] = []
    for k in keys.tolist():
        k, above_code = divmod(k, len(lemmas) + 1)
        rest, depth_code = divmod(k, MAX_CLIMB + 1)
        rest, is_left = divmod(rest, 2)
        lemma_code, arc_code = divmod(rest, len(deps) + 1)
        feats: list[str] = []
        if lemma_code:
            feats += ["cue", "cl=" + lemmas[lemma_code - 1]]
        if depth_code:
            name = deps[arc_code - 1]
            if depth_code == 1:  # the head itself is a cue word
                feats.append("hc=" + name)
            side = "L" if is_left else "R"
            feats += ["gc=" + name, "gcs=" + name + side, "gcd=" + _bucket(depth_code - 1)]
            feats.append("gcl=" + lemmas[above_code - 1])
        names.append(tuple(feats))
    return gather(names, key_at.astype(numpy.int64))


def worth_tagging(columns: Columns, start: int, end: int) -> bool:
    """Whether a paragraph can hold an attribution: it has a cue word, a colon or a quote."""
    return any(columns.static.worth[start:end])


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
    marks = columns.static.marks[start:end].tolist()
    flags = [_MARKS[m + 4 if i in quoted else m] for i, m in enumerate(marks, start)]
    return _rows(columns, start, end, flags)


def _mark_features(columns: Columns, quoted: Collection[int]) -> list[tuple[str, ...]]:
    """The quote and sentence-start features of every token: :func:`paragraph_features`
    reads them per paragraph, the tagger once per article."""
    codes = columns.static.marks.copy()
    inside = numpy.fromiter((i for i in quoted if 0 <= i < len(codes)), dtype=numpy.int64)
    codes[inside] += 4
    return gather(_MARKS, codes)


def _rows(columns: Columns, start: int, end: int, flags: list[tuple[str, ...]]) -> list[list[str]]:
    """The features of the paragraph's tokens; ``flags`` holds its tokens' marks features."""
    n = end - start
    if n <= 0:
        return []
    st = columns.static
    first_end = _first(st.ends, start, end) - start
    after_colon = min(_first(st.colons, start, end) + 1, end) - start
    # "s1" marks a prefix of the paragraph and "col" a suffix: three runs at most.
    if first_end <= after_colon:
        runs = [_S1] * first_end + [()] * (after_colon - first_end) + [_COL] * (n - after_colon)
    else:
        runs = (
            [_S1] * after_colon + [_S1_COL] * (first_end - after_colon) + [_COL] * (n - first_end)
        )
    word, lemma, tag, dep, shape, suffix, head, arc = (f[start:end] for f in st.own)
    edge = min(n, 2)
    return [
        ["b", w, lm, t, d, s, x, h, hd, pw, nw, pt, nt, pt2, nt2, pd, nd, *flag, *run, *cue, *near]
        for w, lm, t, d, s, x, h, hd, pw, nw, pt, nt, pt2, nt2, pd, nd, flag, run, cue, near in zip(
            word,
            lemma,
            tag,
            dep,
            shape,
            suffix,
            head,
            arc,
            ["w-1=<p>", *st.prev_word[start : end - 1]],
            [*st.next_word[start + 1 : end], "w+1=</p>"],
            ["t-1=<p>", *st.prev_tag[start : end - 1]],
            [*st.next_tag[start + 1 : end], "t+1=</p>"],
            ["t-2=<p>"] * edge + (st.prev_tag2[start : end - 2] if n > 2 else []),
            st.next_tag2[start + 2 : end] + ["t+2=</p>"] * edge,
            ["d-1=<p>", *st.prev_dep[start : end - 1]],
            [*st.next_dep[start + 1 : end], "d+1=</p>"],
            flags,
            runs,
            st.after[start:end],
            _nearest_cue(st, start, end),
            strict=True,
        )
    ]


def _first(positions: list[int], start: int, end: int) -> int:
    """The first of the sorted ``positions`` in ``[start, end)``, else ``end``."""
    k = bisect.bisect_left(positions, start)
    return positions[k] if k < len(positions) and positions[k] < end else end


def _nearest_cue(st: _Static, start: int, end: int) -> list[tuple[str, ...]]:
    """The side and distance of the nearest cue word in the paragraph, for each token.

    On a tie the earlier cue wins. Tokens are taken in runs between two cues: the first
    half of a run is nearest the cue before it, the rest the cue after.
    """
    cues = st.cues[bisect.bisect_left(st.cues, start) : bisect.bisect_left(st.cues, end)]
    if not cues:
        return [_NOCUE] * (end - start)
    sentence = st.sentence
    first = cues[0]
    here = sentence[first]
    out = [_NC_LEFT[min(first - i, _FAR)][sentence[i] == here] for i in range(start, first)]
    for a, b in itertools.pairwise(cues):
        out.append(_NC_AT)
        half = (a + b) // 2
        here, there = sentence[a], sentence[b]
        out += [_NC_RIGHT[min(i - a, _FAR)][sentence[i] == here] for i in range(a + 1, half + 1)]
        out += [_NC_LEFT[min(b - i, _FAR)][sentence[i] == there] for i in range(half + 1, b)]
    last = cues[-1]
    out.append(_NC_AT)
    here = sentence[last]
    out += [_NC_RIGHT[min(i - last, _FAR)][sentence[i] == here] for i in range(last + 1, end)]
    return out


def _bucket(gap: int) -> str:
    if gap <= 2:
        return str(gap)
    if gap <= 5:
        return "5"
    if gap <= 10:
        return "10"
    return "far"


# The features' fixed strings, made once. ``_MARKS`` is indexed by quote mark (1), sentence
# start (2), inside quotation marks (4) and sentence end (8); the nearest-cue tables by
# distance (``_FAR`` and beyond are "far") and whether the cue is in the token's sentence.
_MARKS = [
    tuple(name for bit, name in ((4, "q"), (1, "qm"), (2, "ss"), (8, "se")) if code & bit)
    for code in range(16)
]
_S1: tuple[str, ...] = ("s1",)
_COL: tuple[str, ...] = ("col",)
_S1_COL: tuple[str, ...] = ("s1", "col")
_FAR = 11
_NOCUE: tuple[str, ...] = ("nocue",)
_NC_AT: tuple[str, ...] = ("nc=C0", "ncs=C")
_NC_LEFT: list[tuple[tuple[str, ...], tuple[str, ...]]] = [
    (("nc=L" + _bucket(g),), ("nc=L" + _bucket(g), "ncs=L")) for g in range(_FAR + 1)
]
_NC_RIGHT: list[tuple[tuple[str, ...], tuple[str, ...]]] = [
    (("nc=R" + _bucket(g),), ("nc=R" + _bucket(g), "ncs=R")) for g in range(_FAR + 1)
]


def decode(labels: Sequence[str], offset: int) -> list[TaggedSpan]:
    """BIO labels of one paragraph → spans; an ``I-`` after ``O`` or another label opens one."""
    spans: list[TaggedSpan] = []
    label: str | None = None
    begin = 0
    for k, tag in enumerate(labels):
        if tag == "O":
            if label is not None:
                spans.append(TaggedSpan(label, offset + begin, offset + k))
                label = None
            continue
        kind = tag[2:]
        if label is not None:
            if kind == label and not tag.startswith("B-"):
                continue  # the span goes on
            spans.append(TaggedSpan(label, offset + begin, offset + k))
        label, begin = kind, k
    if label is not None:
        spans.append(TaggedSpan(label, offset + begin, offset + len(labels)))
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

    def tag(
        self, doc: Doc, quoted: Collection[int], tokens: TokenColumns | None = None
    ) -> list[TaggedSpan]:
        """Every cue, source and content span of ``doc``, in text order.

        Args:
            doc: the parsed article.
            quoted: indices of the tokens inside quotation marks.
            tokens: the string columns of ``doc`` already read, if any.
        """
        spans: list[TaggedSpan] = []
        columns = Columns.of(doc, self.vocab, tokens)
        flags = _mark_features(columns, quoted)
        for start, end in columns.paragraphs():
            if not worth_tagging(columns, start, end):
                continue
            features = _rows(columns, start, end, flags[start:end])
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
