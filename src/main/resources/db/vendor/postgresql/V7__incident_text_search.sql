-- The text search of GET /api/incidents?q=: PostgreSQL's full-text search over the title and the
-- description, words as they are written (the 'simple' configuration: no language, no stemming;
-- each word of the query matches as a prefix). IncidentRepository uses this exact expression.
CREATE INDEX incident_text ON incident USING GIN (to_tsvector('simple', title || ' ' || description));
