-- diplograph store, version 4 (PostgreSQL): an entity's merged facts by type and date from the index alone.
ALTER TABLE merged_entities ADD COLUMN type TEXT NOT NULL DEFAULT '';
ALTER TABLE merged_entities ADD COLUMN date TEXT COLLATE "C" NOT NULL DEFAULT '';  -- COALESCE(merged.date, '')
ALTER TABLE merged_entities ADD COLUMN uid TEXT COLLATE "C" NOT NULL DEFAULT '';
UPDATE merged_entities e SET type = m.type, date = COALESCE(m.date, ''), uid = m.uid FROM merged m
    WHERE m.id = e.merged_id;
CREATE INDEX merged_entities_type_date ON merged_entities (entity_id, type, date, uid, merged_id, role);
