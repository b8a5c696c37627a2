-- The lists of GET /api/incidents are newest first. An index of (filter column, id) lets each
-- filtered page read its index backwards and stop after the page, however many tickets there are
-- (docs/benchmarks.md, "A million tickets"). They replace the single-column indexes of V1.
-- Migrations that differ by database live in db/vendor/{h2,postgresql}; all share one version order.
DROP INDEX incident_state;
DROP INDEX incident_resolver_group;
DROP INDEX incident_ci;
CREATE INDEX incident_state_newest ON incident (state, id);
CREATE INDEX incident_group_newest ON incident (resolver_group, id);
CREATE INDEX incident_priority_newest ON incident (priority, id);
CREATE INDEX incident_ci_newest ON incident (ci_id, id);
