-- diplograph store, version 10: a merged fact's statements one row each, and the running state of
-- its merge, so that a statement joining a merged fact stated in thousands of documents (a president's
-- title) adds one row instead of rewriting them all.
CREATE TABLE merged_sources (
    merged_id BIGINT NOT NULL,
    ord       TEXT NOT NULL,           -- its place among the merged fact's statements
    member    TEXT NOT NULL,           -- JSON: type, fields, extractor, confidence, doc, sentence, start, end, text, fingerprint
    PRIMARY KEY (merged_id, ord)
);
ALTER TABLE merged ADD COLUMN state TEXT;  -- events, positions, agreements: query.merge.fold's state
-- Stores with merged facts need their statements moved: `diplograph reindex`.
UPDATE store_state SET value = 'stale' WHERE key = 'merged' AND EXISTS (SELECT 1 FROM merged);
