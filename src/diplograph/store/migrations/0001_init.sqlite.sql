-- diplograph store, version 1 (SQLite). Offsets are into documents.text.
CREATE TABLE documents (
    id               TEXT PRIMARY KEY,
    text             TEXT NOT NULL,
    title            TEXT,
    url              TEXT,
    published        TEXT,
    published_source TEXT NOT NULL DEFAULT 'none',
    source           TEXT NOT NULL DEFAULT '',
    sha1             TEXT NOT NULL,
    segments         TEXT NOT NULL DEFAULT '[]',   -- JSON [[start, end], ...]
    focus            TEXT,                         -- the document's main actor id
    people           TEXT NOT NULL DEFAULT '{}',   -- JSON canonical name -> {titles, aliases}
    written_at       TEXT NOT NULL
);
CREATE INDEX documents_sha1 ON documents (sha1);
CREATE INDEX documents_published ON documents (published);

-- An integer id so that the FTS index can point at sentences (external content).
CREATE TABLE sentences (
    id         INTEGER PRIMARY KEY,
    doc_id     TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    idx        INTEGER NOT NULL,
    start_char INTEGER NOT NULL,
    end_char   INTEGER NOT NULL,
    text       TEXT NOT NULL,
    UNIQUE (doc_id, idx)
);

CREATE VIRTUAL TABLE sentences_fts USING fts5 (
    text, content = 'sentences', content_rowid = 'id',
    tokenize = 'porter unicode61 remove_diacritics 2'
);
CREATE TRIGGER sentences_fts_insert AFTER INSERT ON sentences BEGIN
    INSERT INTO sentences_fts (rowid, text) VALUES (new.id, new.text);
END;
CREATE TRIGGER sentences_fts_delete AFTER DELETE ON sentences BEGIN
    INSERT INTO sentences_fts (sentences_fts, rowid, text) VALUES ('delete', old.id, old.text);
END;
CREATE TRIGGER sentences_fts_update AFTER UPDATE ON sentences BEGIN
    INSERT INTO sentences_fts (sentences_fts, rowid, text) VALUES ('delete', old.id, old.text);
    INSERT INTO sentences_fts (rowid, text) VALUES (new.id, new.text);
END;

CREATE TABLE entities (
    id      TEXT PRIMARY KEY,
    kind    TEXT NOT NULL,             -- country | body | person
    name    TEXT NOT NULL,
    n_facts INTEGER NOT NULL DEFAULT 0 -- facts that name it; kept current by write_document
);
CREATE INDEX entities_kind_name ON entities (kind, name);
CREATE INDEX entities_n_facts ON entities (n_facts);

CREATE TABLE mentions (
    id         INTEGER PRIMARY KEY,
    doc_id     TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    sentence   INTEGER NOT NULL,
    start_char INTEGER NOT NULL,
    end_char   INTEGER NOT NULL,
    text       TEXT NOT NULL,
    kind       TEXT NOT NULL,
    entity_id  TEXT,                   -- the mention's canonical id (not always an entities row: places, dates)
    label      TEXT NOT NULL DEFAULT '',
    attrs      TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX mentions_doc ON mentions (doc_id, sentence);
CREATE INDEX mentions_entity ON mentions (entity_id);

CREATE TABLE facts (
    id           INTEGER PRIMARY KEY,
    doc_id       TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    type         TEXT NOT NULL,
    fields       TEXT NOT NULL,        -- JSON, FACTS.md field names
    fingerprint  TEXT NOT NULL UNIQUE,
    extractor    TEXT NOT NULL,
    confidence   REAL NOT NULL,
    date_key     TEXT,                 -- the fact's main date, ISO to its precision
    date_end_key TEXT                  -- the end of its period (or date_key) + '~': an upper bound for range tests
);
CREATE INDEX facts_type ON facts (type);
CREATE INDEX facts_doc ON facts (doc_id);
CREATE INDEX facts_date ON facts (date_key);
CREATE INDEX facts_date_end ON facts (date_end_key);

CREATE TABLE evidence (
    fact_id    INTEGER PRIMARY KEY REFERENCES facts (id) ON DELETE CASCADE,
    doc_id     TEXT NOT NULL,
    sentence   INTEGER NOT NULL,
    start_char INTEGER NOT NULL,
    end_char   INTEGER NOT NULL,
    text       TEXT                    -- NULL when it is the stored sentence's text (the usual case)
);
CREATE INDEX evidence_sentence ON evidence (doc_id, sentence);

CREATE TABLE fact_entities (
    fact_id   INTEGER NOT NULL REFERENCES facts (id) ON DELETE CASCADE,
    entity_id TEXT NOT NULL,
    role      TEXT NOT NULL,           -- the field that names it: a, b, subject, actor, participants ...
    PRIMARY KEY (entity_id, fact_id, role)
) WITHOUT ROWID;
CREATE INDEX fact_entities_fact ON fact_entities (fact_id);
