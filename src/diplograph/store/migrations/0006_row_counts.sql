-- diplograph store, version 6: row counts kept by write_document (documents, sentences, mentions,
-- facts, facts.<type>), so that stats are a read of a few rows, not a count of millions.
CREATE TABLE row_counts (
    name TEXT PRIMARY KEY,
    n    BIGINT NOT NULL
);
INSERT INTO row_counts (name, n) SELECT 'documents', COUNT(*) FROM documents;
INSERT INTO row_counts (name, n) SELECT 'sentences', COUNT(*) FROM sentences;
INSERT INTO row_counts (name, n) SELECT 'mentions', COUNT(*) FROM mentions;
INSERT INTO row_counts (name, n) SELECT 'facts', COUNT(*) FROM facts;
INSERT INTO row_counts (name, n) SELECT 'facts.' || type, COUNT(*) FROM facts GROUP BY type;
-- merged facts kept: the same again for the merged table (maintained with it)
CREATE INDEX merged_date_uid ON merged (date, uid);
UPDATE merged SET date = '' WHERE date IS NULL;  -- no date sorts last, as '' does
