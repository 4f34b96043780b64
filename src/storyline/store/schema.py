"""The schema: its migrations, one per version, and where each fact type is stored.

``PRAGMA user_version`` records how far a file has been migrated. A migration is history:
once released it is never edited, a change of schema is a new entry at the end.

Since v3 every fact type has its own table (``mentions``, ``quotes``, ``figures``,
``events``, ``proposals``, ``positions``) with one column per field of its dataclass in
:mod:`storyline.models` (``article`` is ``article_id``); only nested lists (a proposal's
``phases``) are JSON text.
"""

from __future__ import annotations

import sqlite3


def _copy_facts(kind: str, table: str, fields: str) -> str:
    """v3: the statement copying one kind of v1's JSON ``facts`` rows into its own table.

    ``fields`` are the columns after ``text``, each ``name`` or ``name=default``: a key
    missing from an old row's JSON gets the dataclass default, as ``from_dict`` gave it; a
    JSON null stays NULL. Part of migration v3, so as frozen as the migration itself.
    """
    names = ["text", *(f.split("=")[0] for f in fields.split())]
    defaults = {"text": "''", **dict(f.split("=") for f in fields.split() if "=" in f)}
    values = []
    for name in names:
        value = f"json_extract(data, '$.{name}')"
        if name in defaults:
            missing = f"json_type(data, '$.{name}') IS NULL"
            value = f"CASE WHEN {missing} THEN {defaults[name]} ELSE {value} END"
        values.append(value)
    return (
        f'INSERT INTO {table} (id, article_id, start, "end", extractor, {", ".join(names)}) '
        f'SELECT id, article_id, start, "end", extractor, {", ".join(values)} '
        f"FROM facts WHERE kind = '{kind}';"
    )


# Each entry moves the schema one version up; statements are separated by ";".
MIGRATIONS: tuple[str, ...] = (
    """
    CREATE TABLE articles (
        id TEXT PRIMARY KEY,
        text_sha256 TEXT NOT NULL UNIQUE,
        title TEXT, outlet TEXT, published TEXT, url TEXT, source TEXT,
        text TEXT NOT NULL,
        ingested_at TEXT NOT NULL
    );
    CREATE TABLE facts (
        id TEXT PRIMARY KEY,
        kind TEXT NOT NULL,
        article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        start INTEGER NOT NULL,
        "end" INTEGER NOT NULL,
        extractor TEXT NOT NULL,
        data TEXT NOT NULL
    );
    CREATE INDEX facts_by_kind ON facts(kind, article_id, start);
    CREATE INDEX facts_by_article ON facts(article_id);
    CREATE TABLE entities (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        type TEXT NOT NULL,
        data TEXT NOT NULL
    );
    CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
    """,
    # v2, entity resolution (resolve/entities.py): each article's names and the entity they
    # joined, so that a new article is merged into the existing entities without a rebuild.
    """
    CREATE TABLE entity_members (
        article_id TEXT NOT NULL,
        name TEXT NOT NULL,
        entity_id TEXT NOT NULL,
        data TEXT NOT NULL,
        PRIMARY KEY (article_id, name)
    );
    CREATE INDEX entity_members_by_entity ON entity_members(entity_id);
    CREATE TABLE entity_articles (article_id TEXT PRIMARY KEY, signature TEXT NOT NULL);
    """,
    # v3, a schema users can query (`select holder, stance from positions`): one table per
    # fact type with a column per field, filled from the JSON of v1's `facts` table, which
    # goes.
    """
    CREATE TABLE mentions (
        id TEXT PRIMARY KEY,
        article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        start INTEGER NOT NULL,
        "end" INTEGER NOT NULL,
        extractor TEXT NOT NULL,
        text TEXT,
        name TEXT,
        type TEXT,
        role TEXT,
        affiliation TEXT
    );
    CREATE INDEX mentions_by_article ON mentions(article_id, start);
    CREATE INDEX mentions_by_name ON mentions(name);
    CREATE TABLE quotes (
        id TEXT PRIMARY KEY,
        article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        start INTEGER NOT NULL,
        "end" INTEGER NOT NULL,
        extractor TEXT NOT NULL,
        text TEXT,
        kind TEXT,
        speaker TEXT,
        speaker_entity TEXT,
        cue TEXT
    );
    CREATE INDEX quotes_by_article ON quotes(article_id, start);
    CREATE INDEX quotes_by_speaker ON quotes(speaker);
    CREATE TABLE figures (
        id TEXT PRIMARY KEY,
        article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        start INTEGER NOT NULL,
        "end" INTEGER NOT NULL,
        extractor TEXT NOT NULL,
        text TEXT,
        value REAL,
        low REAL,
        high REAL,
        unit TEXT,
        kind TEXT,
        counted TEXT,
        qualifier TEXT,
        source TEXT,
        as_of TEXT
    );
    CREATE INDEX figures_by_article ON figures(article_id, start);
    CREATE INDEX figures_by_kind ON figures(kind, as_of);
    CREATE TABLE events (
        id TEXT PRIMARY KEY,
        article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        start INTEGER NOT NULL,
        "end" INTEGER NOT NULL,
        extractor TEXT NOT NULL,
        text TEXT,
        type TEXT,
        mode TEXT,
        actor TEXT,
        target TEXT,
        location TEXT,
        date TEXT,
        date_text TEXT,
        status TEXT,
        period TEXT
    );
    CREATE INDEX events_by_article ON events(article_id, start);
    CREATE INDEX events_by_type ON events(type);
    CREATE INDEX events_by_date ON events(date);
    CREATE INDEX events_by_actor ON events(actor);
    CREATE TABLE proposals (
        id TEXT PRIMARY KEY,
        article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        start INTEGER NOT NULL,
        "end" INTEGER NOT NULL,
        extractor TEXT NOT NULL,
        text TEXT,
        label TEXT,
        proposer TEXT,
        status TEXT,
        phases TEXT DEFAULT '[]'
    );
    CREATE INDEX proposals_by_article ON proposals(article_id, start);
    CREATE INDEX proposals_by_proposer ON proposals(proposer);
    CREATE TABLE positions (
        id TEXT PRIMARY KEY,
        article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        start INTEGER NOT NULL,
        "end" INTEGER NOT NULL,
        extractor TEXT NOT NULL,
        text TEXT,
        holder TEXT,
        stance TEXT,
        issue TEXT
    );
    CREATE INDEX positions_by_article ON positions(article_id, start);
    CREATE INDEX positions_by_holder ON positions(holder, stance);
    CREATE INDEX positions_by_stance ON positions(stance);

    """
    + _copy_facts("mention", "mentions", "name='' type='OTHER' role affiliation")
    + _copy_facts("quote", "quotes", "kind='direct' speaker speaker_entity cue")
    + _copy_facts(
        "figure",
        "figures",
        "value low high unit kind='other' counted qualifier='exact' source as_of",
    )
    + _copy_facts(
        "event",
        "events",
        "type='CONSULT' mode actor target location date date_text status='occurred' period",
    )
    + _copy_facts("proposal", "proposals", "label proposer status phases='[]'")
    + _copy_facts("position", "positions", "holder stance='support' issue")
    + "DROP TABLE facts;",
    # v4, dating as readers date (issue 11): whether an event's day is the article's for want
    # of its own, and a figure's mode (occurred, planned, hypothetical, negated).
    """
    ALTER TABLE events ADD COLUMN date_inferred INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE figures ADD COLUMN status TEXT DEFAULT 'occurred';
    """,
    # v5, full-text search for `storyline serve` (issue 13): FTS5 indexes of articles (title,
    # text) and quotes (speaker, text), filled from what is stored and kept in step by
    # triggers, so ingest, reextract and any other writer need no code of their own. The
    # indexes are contentless (no text is stored twice); `search_rows` gives each article
    # and quote a fixed integer key, which their tables lack (without an INTEGER PRIMARY KEY
    # a VACUUM may renumber rowids). Plus the indexes the API's filters read through.
    """
    CREATE TABLE search_rows (
        id INTEGER PRIMARY KEY,
        kind TEXT NOT NULL,
        key TEXT NOT NULL,
        UNIQUE (kind, key)
    );
    CREATE VIRTUAL TABLE articles_fts USING fts5(
        title, text, content='', tokenize='unicode61 remove_diacritics 2'
    );
    CREATE VIRTUAL TABLE quotes_fts USING fts5(
        speaker, text, content='', tokenize='unicode61 remove_diacritics 2'
    );
    INSERT INTO search_rows (kind, key) SELECT 'article', id FROM articles ORDER BY rowid;
    INSERT INTO articles_fts (rowid, title, text)
        SELECT s.id, a.title, a.text FROM articles a
        JOIN search_rows s ON s.kind = 'article' AND s.key = a.id;
    INSERT INTO search_rows (kind, key) SELECT 'quote', id FROM quotes ORDER BY rowid;
    INSERT INTO quotes_fts (rowid, speaker, text)
        SELECT s.id, q.speaker, q.text FROM quotes q
        JOIN search_rows s ON s.kind = 'quote' AND s.key = q.id;
    CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN
        INSERT INTO search_rows (kind, key) VALUES ('article', new.id);
        INSERT INTO articles_fts (rowid, title, text)
            VALUES (last_insert_rowid(), new.title, new.text);
    END;
    CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
        INSERT INTO articles_fts (articles_fts, rowid, title, text)
            SELECT 'delete', id, old.title, old.text FROM search_rows
            WHERE kind = 'article' AND key = old.id;
        DELETE FROM search_rows WHERE kind = 'article' AND key = old.id;
    END;
    CREATE TRIGGER articles_fts_update AFTER UPDATE OF id, title, text ON articles BEGIN
        INSERT INTO articles_fts (articles_fts, rowid, title, text)
            SELECT 'delete', id, old.title, old.text FROM search_rows
            WHERE kind = 'article' AND key = old.id;
        UPDATE search_rows SET key = new.id WHERE kind = 'article' AND key = old.id;
        INSERT INTO articles_fts (rowid, title, text)
            SELECT id, new.title, new.text FROM search_rows
            WHERE kind = 'article' AND key = new.id;
    END;
    CREATE TRIGGER quotes_fts_insert AFTER INSERT ON quotes BEGIN
        INSERT INTO search_rows (kind, key) VALUES ('quote', new.id);
        INSERT INTO quotes_fts (rowid, speaker, text)
            VALUES (last_insert_rowid(), new.speaker, new.text);
    END;
    CREATE TRIGGER quotes_fts_delete AFTER DELETE ON quotes BEGIN
        INSERT INTO quotes_fts (quotes_fts, rowid, speaker, text)
            SELECT 'delete', id, old.speaker, old.text FROM search_rows
            WHERE kind = 'quote' AND key = old.id;
        DELETE FROM search_rows WHERE kind = 'quote' AND key = old.id;
    END;
    CREATE TRIGGER quotes_fts_update AFTER UPDATE OF id, speaker, text ON quotes BEGIN
        INSERT INTO quotes_fts (quotes_fts, rowid, speaker, text)
            SELECT 'delete', id, old.speaker, old.text FROM search_rows
            WHERE kind = 'quote' AND key = old.id;
        UPDATE search_rows SET key = new.id WHERE kind = 'quote' AND key = old.id;
        INSERT INTO quotes_fts (rowid, speaker, text)
            SELECT id, new.speaker, new.text FROM search_rows
            WHERE kind = 'quote' AND key = new.id;
    END;
    CREATE INDEX articles_by_published ON articles(published, id);
    CREATE INDEX articles_by_order ON articles(published IS NULL, coalesce(published, ''), id);
    CREATE INDEX articles_by_outlet ON articles(outlet COLLATE NOCASE, published);
    CREATE INDEX events_by_target ON events(target);
    CREATE INDEX figures_by_source ON figures(source);
    """,
)

SCHEMA_VERSION = len(MIGRATIONS)

# Fact kind (``Quote.KIND`` …) → its table, since v3.
FACT_TABLES: dict[str, str] = {
    "mention": "mentions",
    "quote": "quotes",
    "figure": "figures",
    "event": "events",
    "proposal": "proposals",
    "position": "positions",
}
# Columns holding a nested list as JSON text; every other field is a scalar column.
JSON_COLUMNS = frozenset({"phases"})
# The tables every Storyline database has had since v1: a file without them is not ours.
CORE_TABLES = frozenset({"articles", "entities"})


def apply_migration(conn: sqlite3.Connection, number: int) -> None:
    """Run migration ``number`` (0-based) and record it; the caller holds the transaction."""
    for statement in _statements(MIGRATIONS[number]):
        conn.execute(statement)
    conn.execute(f"PRAGMA user_version={number + 1}")


def _statements(script: str) -> list[str]:
    """The statements of a migration: split at ";", but a trigger's body stays whole."""
    out: list[str] = []
    pending = ""
    for piece in script.split(";"):
        pending += piece + ";"
        if sqlite3.complete_statement(pending):
            if pending.strip(" \n;"):
                out.append(pending)
            pending = ""
    if pending.strip(" \n;"):
        out.append(pending)
    return out
