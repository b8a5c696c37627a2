package io.vigil.incident;

/**
 * An analyst found in triage that a change caused the incident: change enablement checks the change
 * and records the cause in the same transaction, or refuses the triage naming the field.
 */
public record IncidentCausedByChange(String incident, String change, String analyst) {}
