package io.vigil.incident;

import io.vigil.incident.contract.Priority;

/** Which incidents a list asks for; null means any. */
public record IncidentFilter(
    IncidentState state, String resolverGroup, Priority priority, String ci, Boolean open) {}
