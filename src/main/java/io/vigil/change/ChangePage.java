package io.vigil.change;

import java.util.List;

/** One page of changes, newest first. */
public record ChangePage(List<Change> items, int page, int size, long totalItems, long totalPages) {}
