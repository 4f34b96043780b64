"""The one error root of Storyline, and when each error is raised.

::

    StorylineError                 anything the user can act on; the CLI prints one line
    ├── ConfigError                a settings file or value is wrong
    │   └── LexiconError           a lexicon file has a malformed row (names file:line)
    ├── ModelNotFoundError         no spaCy English pipeline is installed
    ├── InputError                 one input file or record cannot be read (ingest skips it)
    ├── StoreError                 the database cannot be opened, read or written: damaged,
    │                              not ours, newer, read-only, a full disk, locked too long
    ├── GoldFormatError            a gold file for ``storyline eval`` breaks the contract
    └── NotInRecordError           a command names a story, article or value the record
                                   does not have (unknown id, bad filter): exit 2

Every error carries the thing it is about (``source``: a path or ``path:line``;
``article_id``) so a message can name it, and says what to do where there is a fix.
"""

from __future__ import annotations


class StorylineError(Exception):
    """Base of every error Storyline raises on purpose."""

    def __init__(
        self, message: str, *, source: str | None = None, article_id: str | None = None
    ) -> None:
        super().__init__(message)
        self.message = message
        self.source = source
        self.article_id = article_id

    def __str__(self) -> str:
        where = self.source or self.article_id
        return f"{where}: {self.message}" if where else self.message


class ConfigError(StorylineError):
    """Raised when a settings file cannot be parsed or a value is out of range."""


class LexiconError(ConfigError):
    """Raised when a row of a lexicon file has the wrong number of fields."""


class ModelNotFoundError(StorylineError):
    """Raised when none of the configured spaCy pipelines can be loaded."""


class InputError(StorylineError):
    """Raised for one unreadable input (binary, empty, undecodable, malformed, too big).

    Ingest turns it into a skipped item of the run report; the batch goes on.
    """


class StoreError(StorylineError):
    """Raised when the database cannot be opened, migrated, read or written.

    ``source`` is the database file; the message says what to do (``store/faults.py``
    words SQLite's errors).
    """


class GoldFormatError(StorylineError):
    """Raised when a gold file does not follow the contract's gold format."""


class NotInRecordError(StorylineError):
    """Raised when a command asks for what the record does not hold: an unknown story or
    article id, a filter value that cannot match. A usage error (the CLI exits 2), not a
    failure of the run."""
