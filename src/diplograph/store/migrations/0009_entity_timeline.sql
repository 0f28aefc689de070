-- diplograph store, version 9: each entity's time line in order (merged_timeline rows per entity the
-- merged fact names), so that a page of the USA's time line is the head of an index range.
CREATE TABLE entity_timeline (
    entity_id TEXT NOT NULL,
    key       TEXT NOT NULL,
    type      TEXT NOT NULL,
    mkey      TEXT NOT NULL,
    merged_id BIGINT NOT NULL,
    seq       INTEGER NOT NULL,
    lo        TEXT NOT NULL,
    hi        TEXT NOT NULL,
    channels  TEXT NOT NULL,
    PRIMARY KEY (entity_id, key, type, mkey, merged_id, seq)
);
CREATE INDEX entity_timeline_merged ON entity_timeline (merged_id);
-- Stores with merged facts need their entities' time lines: `diplograph reindex`.
UPDATE store_state SET value = 'stale' WHERE key = 'merged' AND EXISTS (SELECT 1 FROM merged);
