-- GIN's pending list (fastupdate) makes the planner price the full-text index so high
-- after a bulk build that it scans every sentence instead; index entries are written
-- at once instead, and the pending list is emptied.
ALTER INDEX sentences_tsv SET (fastupdate = off);
SELECT gin_clean_pending_list('sentences_tsv'::regclass);
