package io.vigil.incident.contract;

/** What the analyst decided in the triage form. */
public enum TriageOutcome {
  REASSIGN,
  PENDING,
  RESOLVE
}
