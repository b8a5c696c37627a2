package io.vigil.problem;

/**
 * A problem's fix step asks for the change that brings the fix: change enablement raises it (or
 * adopts {@code existingChange}, raised already for this problem) in the same transaction, and tells
 * the problem through {@link ProblemChanges#changeRaised}, or refuses naming the field.
 */
public record FixChangeRequested(String problem, String existingChange, String title, String description, String type,
    String cis, String plannedStart, String plannedEnd, String implementationPlan, String backoutPlan, String testEvidence,
    String implementerGroup, String exceptionReason, String requestedBy) {}
