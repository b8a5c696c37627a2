package io.vigil.incident;

import java.time.Instant;

/**
 * An incident reached its resolver group's queue, classified: problem management looks, in the same
 * transaction, whether it keeps coming back.
 */
public record IncidentRouted(String incident, String ci, String service, String category, Instant reportedAt, String problem) {}
