-- A text search within a resolver group (GET /api/incidents?q=&group=) asks the word index alone:
-- the row's words carry its group as one more word, 'group:<id>', which no title or description
-- can produce (their words are letters and digits). Before, the search and-ed the word index with
-- the group index, and where words and group are each common but seldom together both bitmaps were
-- large (ADR 16). Rewrites the table once.
DROP INDEX incident_words;
ALTER TABLE incident DROP COLUMN words;
ALTER TABLE incident ADD COLUMN words TSVECTOR
    GENERATED ALWAYS AS (to_tsvector('simple', title || ' ' || description)
        || array_to_tsvector(ARRAY['group:' || COALESCE(resolver_group, '')])) STORED;
CREATE INDEX incident_words ON incident USING GIN (words);
