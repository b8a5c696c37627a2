package io.vigil.incident;

import java.util.List;

/**
 * One page of incidents, newest first. The matches are counted up to {@link #COUNT_LIMIT}; beyond it,
 * and for a text search with many matches (counted among the newest incidents), {@code totalItems}
 * says "at least" and {@code totalItemsExact} is false, so that a list over a million tickets costs
 * the page it shows, not a count of them all (ADR 16).
 */
public record IncidentPage(
    List<Incident> items, int page, int size, long totalItems, long totalPages, boolean totalItemsExact) {

  public static final long COUNT_LIMIT = 10_000;
}
