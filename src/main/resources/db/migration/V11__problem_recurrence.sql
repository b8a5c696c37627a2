-- Recurrence detection counts the incidents of a configuration item, and of a service and category,
-- reported within a window (problem-recurrence.dmn): an index each, so that a count reads the
-- window's incidents and no others, however long the item's history.
CREATE INDEX incident_ci_reported ON incident (ci_id, reported_at);
CREATE INDEX incident_service_category_reported ON incident (service_id, category, reported_at);
