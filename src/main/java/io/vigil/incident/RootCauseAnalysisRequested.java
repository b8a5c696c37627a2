package io.vigil.incident;

/**
 * An analyst resolved an incident and asked for its root cause to be found: problem management takes
 * it up in the same transaction, linking the incident to the open problem of its configuration item
 * or opening one.
 */
public record RootCauseAnalysisRequested(String incident, String title, String description, String service, String ci,
    String requestedBy) {}
