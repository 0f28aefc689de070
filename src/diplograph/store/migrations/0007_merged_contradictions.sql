-- diplograph store, version 7: contradictions among claims kept with the merged facts.
-- A figure's series is its subject's actor (a national body counts as its country) and metric;
-- a series' contradictions are found again whenever one of its figures changes.
ALTER TABLE merged ADD COLUMN series TEXT;  -- statistics: repr((actor, metric))
CREATE INDEX merged_series ON merged (series);

CREATE TABLE merged_contradictions (
    series       TEXT NOT NULL,        -- the series whose figures disagree, or repr((actor, '#sum')) for totals
    seq          INTEGER NOT NULL,     -- the order query.contradictions gives within it
    subject_key  TEXT NOT NULL,        -- the actor
    phase        INTEGER NOT NULL,     -- 0: two values for one time; 1: parts against a total (listed after)
    sort_subject TEXT NOT NULL,        -- where it comes in the whole list
    sort_metric  TEXT NOT NULL,
    kind         TEXT NOT NULL,
    subject      TEXT NOT NULL,
    metric       TEXT NOT NULL,
    explanation  TEXT NOT NULL,
    same_document INTEGER NOT NULL,
    facts        TEXT NOT NULL,        -- JSON: the merged facts' ids, in order
    PRIMARY KEY (series, seq)
);
CREATE INDEX merged_contradictions_order ON merged_contradictions (phase, sort_subject, sort_metric, series, seq);
CREATE INDEX merged_contradictions_subject ON merged_contradictions (subject_key);
-- Stores with merged facts need their series and contradictions: `diplograph reindex`.
UPDATE store_state SET value = 'stale' WHERE key = 'merged' AND EXISTS (SELECT 1 FROM merged);
