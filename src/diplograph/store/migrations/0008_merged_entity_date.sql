-- diplograph store, version 8: an entity's merged facts newest first, whatever their type.
CREATE INDEX merged_entities_date ON merged_entities (entity_id, date, uid, merged_id, role);
