package io.vigil.oncall;

import java.time.Instant;
import java.util.List;

/** An incident's pages as the API shows them: who was paged, in order, and who acknowledged first. */
public record PageSummary(List<String> pagedUsers, String acknowledgedBy, Instant acknowledgedAt) {}
