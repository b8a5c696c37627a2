package io.vigil.history;

import java.util.List;

/**
 * One page of tickets, newest opened first. {@code totalItemsExact} is false when a kind's count
 * stopped at its limit, as the incident list's does (ADR 16).
 */
record TicketSummaryPage(List<TicketSummary> items, int page, int size, long totalItems, boolean totalItemsExact) {}
