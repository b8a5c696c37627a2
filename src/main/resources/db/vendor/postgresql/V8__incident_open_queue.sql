-- A resolver group's queue: the open incidents, a few among a million (H2 has no partial indexes;
-- there the group's (resolver_group, state, id) index of V6 serves). The condition is the one
-- IncidentRepository writes for open=true, word for word, so that the planner sees it applies.
CREATE INDEX incident_open_queue ON incident (resolver_group, id) WHERE state NOT IN ('RESOLVED', 'CLOSED');
