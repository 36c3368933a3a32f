-- The unit an event concerns (metadata.unitId, set by the command path from the aggregate's
-- unitOf): GET /audit/export?unit= finds the streams of a unit through it.
CREATE INDEX es_events_unit ON es_events ((metadata->>'unitId')) WHERE metadata ? 'unitId';
