-- diplograph store, version 4 (SQLite): an entity's merged facts by type and date from the index alone
-- (the newest events of the USA are an index range, not thousands of merged rows read and sorted).
ALTER TABLE merged_entities ADD COLUMN type TEXT NOT NULL DEFAULT '';
ALTER TABLE merged_entities ADD COLUMN date TEXT NOT NULL DEFAULT '';  -- COALESCE(merged.date, '')
ALTER TABLE merged_entities ADD COLUMN uid TEXT NOT NULL DEFAULT '';
UPDATE merged_entities SET
    type = (SELECT m.type FROM merged m WHERE m.id = merged_entities.merged_id),
    date = (SELECT COALESCE(m.date, '') FROM merged m WHERE m.id = merged_entities.merged_id),
    uid = (SELECT m.uid FROM merged m WHERE m.id = merged_entities.merged_id);
CREATE INDEX merged_entities_type_date ON merged_entities (entity_id, type, date, uid, merged_id, role);
