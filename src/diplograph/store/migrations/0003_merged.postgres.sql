-- diplograph store, version 3 (PostgreSQL): knowledge merged as it is written.
-- Maintained by write_document in the document's own transaction (store/_merged.py);
-- `diplograph reindex` rebuilds every table below from the raw facts.

-- One row per merged fact (query.merge's MergedFact): a cluster of facts that state the same thing.
CREATE TABLE merged (
    id         BIGINT PRIMARY KEY,     -- the id of the cluster's first fact (clusters are numbered in write order)
    type       TEXT NOT NULL,
    part       TEXT NOT NULL,          -- the partition: facts of different partitions never merge
    uid        TEXT COLLATE "C" NOT NULL,         -- MergedFact.id
    fields     TEXT NOT NULL,          -- JSON, the merged fields
    first_seen TEXT,
    last_seen  TEXT,
    confidence DOUBLE PRECISION NOT NULL,
    date       TEXT COLLATE "C",                 -- MergedFact.date
    n_docs     INTEGER NOT NULL,
    members    TEXT NOT NULL,          -- JSON: the member facts with their evidence, in MergedFact order
    tested     TEXT                    -- events, positions, agreements: JSON list of the distinct field sets tested
);
CREATE INDEX merged_type_date ON merged (type, date);
CREATE INDEX merged_part ON merged (type, part);

-- Which cluster and partition each fact is in (merged_id is NULL only inside a write).
CREATE TABLE merged_members (
    fact_id   BIGINT PRIMARY KEY,
    merged_id BIGINT,
    type      TEXT NOT NULL,
    part      TEXT NOT NULL
);
CREATE INDEX merged_members_merged ON merged_members (merged_id);
CREATE INDEX merged_members_part ON merged_members (type, part);

-- The entities a merged fact names (any member's fields); role 'located' for an event placed in a
-- country by a place name ("in Hanoi").
CREATE TABLE merged_entities (
    entity_id TEXT NOT NULL,
    merged_id BIGINT NOT NULL,
    role      TEXT NOT NULL,
    PRIMARY KEY (entity_id, merged_id, role)
);
CREATE INDEX merged_entities_merged ON merged_entities (merged_id);

-- The blocks of query.merge's clustering (a fact is compared only with clusters sharing one).
CREATE TABLE merged_blocks (
    type      TEXT NOT NULL,
    block     TEXT NOT NULL,
    merged_id BIGINT NOT NULL,
    PRIMARY KEY (type, block, merged_id)
);
CREATE INDEX merged_blocks_merged ON merged_blocks (merged_id);

-- A statement whose tested fields equal an earlier one's joins that one's cluster untested.
CREATE TABLE merged_signatures (
    type      TEXT NOT NULL,
    signature TEXT NOT NULL,
    merged_id BIGINT NOT NULL,
    PRIMARY KEY (type, signature)
);
CREATE INDEX merged_signatures_merged ON merged_signatures (merged_id);

-- Every person-name string of an event's participants or a position's person.
CREATE TABLE person_names (
    fact_id BIGINT NOT NULL,
    name    TEXT NOT NULL,
    PRIMARY KEY (name, fact_id)
);
CREATE INDEX person_names_fact ON person_names (fact_id);

-- People identities (query.people) as of the last refresh: every person entity cited by a fact
-- (member = 1, with its count then) and any other name whose canonical name is not itself.
CREATE TABLE people (
    name      TEXT PRIMARY KEY,
    canonical TEXT NOT NULL,
    facts     INTEGER NOT NULL,
    member    INTEGER NOT NULL
);
CREATE INDEX people_canonical ON people (canonical);

-- merged: ready | stale (a store that had facts before this version: run `diplograph reindex`);
-- people_dirty: documents written since identities were last refreshed; people_version.
CREATE TABLE store_state (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
INSERT INTO store_state (key, value)
    SELECT 'merged', CASE WHEN EXISTS (SELECT 1 FROM facts) THEN 'stale' ELSE 'ready' END;
INSERT INTO store_state (key, value) VALUES ('people_dirty', '0');
INSERT INTO store_state (key, value) VALUES ('people_version', '0');
