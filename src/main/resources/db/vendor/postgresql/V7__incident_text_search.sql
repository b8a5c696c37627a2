-- The text search of GET /api/incidents?q=: PostgreSQL's full-text search over the title and the
-- description, words as they are written (the 'simple' configuration: no language, no stemming;
-- each word of the query matches as a prefix). The words are kept with the row, so that reading
-- the newest rows to match them costs no parsing (IncidentRepository).
ALTER TABLE incident ADD COLUMN words TSVECTOR
    GENERATED ALWAYS AS (to_tsvector('simple', title || ' ' || description)) STORED;
CREATE INDEX incident_words ON incident USING GIN (words);
