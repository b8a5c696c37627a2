package io.vigil.incident;

/**
 * An analyst resolved an incident with the workaround of a known error: problem management links the
 * incident to the known error's problem, in the same transaction.
 */
public record WorkaroundApplied(String incident, long article, String problem, String analyst) {}
