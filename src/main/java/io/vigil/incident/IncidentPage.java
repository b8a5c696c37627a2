package io.vigil.incident;

import java.util.List;

/** One page of incidents, newest first. */
public record IncidentPage(List<Incident> items, int page, int size, long totalItems, long totalPages) {}
