-- diplograph store, version 5: the time line entries of each merged fact (query.timeline), so that a
-- page of an entity's time line is read in order, whatever the entity's size.
CREATE TABLE merged_timeline (
    merged_id BIGINT NOT NULL,
    seq       INTEGER NOT NULL,        -- a term's start (0) before its end (1)
    date      TEXT NOT NULL,           -- the entry's date as stated
    what      TEXT NOT NULL,           -- event | start | end | since | signed | as_of | reported
    key       TEXT NOT NULL,           -- its sort key (first day + precision)
    lo        TEXT NOT NULL,           -- the first and last day it can mean
    hi        TEXT NOT NULL,
    type      TEXT NOT NULL,
    mkey      TEXT NOT NULL,           -- the merged fact's own place in query.merge's order
    channels  TEXT NOT NULL,           -- '|party|state|': the channels its statements name
    PRIMARY KEY (merged_id, seq)
);
CREATE INDEX merged_timeline_key ON merged_timeline (key, type, mkey, merged_id, seq);
-- Stores that already have merged facts need their time lines: `diplograph reindex`.
UPDATE store_state SET value = 'stale' WHERE key = 'merged' AND EXISTS (SELECT 1 FROM merged);
