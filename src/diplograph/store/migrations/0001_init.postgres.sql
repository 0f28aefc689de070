-- diplograph store, version 1 (PostgreSQL). Offsets are into documents.text.
CREATE TABLE documents (
    id               TEXT PRIMARY KEY,
    text             TEXT NOT NULL,
    title            TEXT,
    url              TEXT,
    published        TEXT,
    published_source TEXT NOT NULL DEFAULT 'none',
    source           TEXT NOT NULL DEFAULT '',
    sha1             TEXT NOT NULL,
    segments         TEXT NOT NULL DEFAULT '[]',
    focus            TEXT,
    people           TEXT NOT NULL DEFAULT '{}',
    written_at       TEXT NOT NULL
);
CREATE INDEX documents_sha1 ON documents (sha1);
CREATE INDEX documents_published ON documents (published);

CREATE TABLE sentences (
    doc_id     TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    idx        INTEGER NOT NULL,
    start_char INTEGER NOT NULL,
    end_char   INTEGER NOT NULL,
    text       TEXT NOT NULL,
    tsv        TSVECTOR GENERATED ALWAYS AS (to_tsvector('english', text)) STORED,
    PRIMARY KEY (doc_id, idx)
);
CREATE INDEX sentences_tsv ON sentences USING GIN (tsv);

CREATE TABLE entities (
    id      TEXT PRIMARY KEY,
    kind    TEXT NOT NULL,
    name    TEXT NOT NULL,
    n_facts INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX entities_kind_name ON entities (kind, name);
CREATE INDEX entities_n_facts ON entities (n_facts);

CREATE TABLE mentions (
    id         BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    doc_id     TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    sentence   INTEGER NOT NULL,
    start_char INTEGER NOT NULL,
    end_char   INTEGER NOT NULL,
    text       TEXT NOT NULL,
    kind       TEXT NOT NULL,
    entity_id  TEXT,
    label      TEXT NOT NULL DEFAULT '',
    attrs      TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX mentions_doc ON mentions (doc_id, sentence);
CREATE INDEX mentions_entity ON mentions (entity_id);

-- Fact ids are drawn from this sequence by the writer, so evidence and links can be sent in bulk.
CREATE SEQUENCE facts_id_seq;
CREATE TABLE facts (
    id           BIGINT PRIMARY KEY,
    doc_id       TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    type         TEXT NOT NULL,
    fields       TEXT NOT NULL,
    fingerprint  TEXT NOT NULL UNIQUE,
    extractor    TEXT NOT NULL,
    confidence   DOUBLE PRECISION NOT NULL,
    date_key     TEXT COLLATE "C",
    date_end_key TEXT COLLATE "C"
);
CREATE INDEX facts_type ON facts (type, id);
CREATE INDEX facts_doc ON facts (doc_id);
CREATE INDEX facts_date ON facts (date_key);
CREATE INDEX facts_date_end ON facts (date_end_key);

CREATE TABLE evidence (
    fact_id    BIGINT PRIMARY KEY REFERENCES facts (id) ON DELETE CASCADE,
    doc_id     TEXT NOT NULL,
    sentence   INTEGER NOT NULL,
    start_char INTEGER NOT NULL,
    end_char   INTEGER NOT NULL,
    text       TEXT
);
CREATE INDEX evidence_sentence ON evidence (doc_id, sentence);

CREATE TABLE fact_entities (
    fact_id   BIGINT NOT NULL REFERENCES facts (id) ON DELETE CASCADE,
    entity_id TEXT NOT NULL,
    role      TEXT NOT NULL,
    PRIMARY KEY (entity_id, fact_id, role)
);
CREATE INDEX fact_entities_fact ON fact_entities (fact_id);
