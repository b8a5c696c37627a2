package io.vigil.problem;

import java.util.List;

/** One page of problems, newest first. */
public record ProblemPage(List<Problem> items, int page, int size, long totalItems, long totalPages) {}
