-- The lists of GET /api/incidents are newest first, and count their matches up to 10,000. An index
-- of (filter columns, id) lets a filtered page read its index backwards and stop after the page, and
-- a count read no more than the matches, however many tickets there are (docs/benchmarks.md, "A
-- million tickets"). They replace the single-column indexes of V1.
-- Migrations that differ by database live in db/vendor/{h2,postgresql}; all share one version order.
DROP INDEX incident_state;
DROP INDEX incident_resolver_group;
DROP INDEX incident_ci;
CREATE INDEX incident_state_newest ON incident (state, id);
CREATE INDEX incident_priority_newest ON incident (priority, id);
CREATE INDEX incident_ci_newest ON incident (ci_id, id);
CREATE INDEX incident_group_state ON incident (resolver_group, state, id);
CREATE INDEX incident_group_priority ON incident (resolver_group, priority, id);
