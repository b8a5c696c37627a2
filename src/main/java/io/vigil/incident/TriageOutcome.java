package io.vigil.incident;

/** What the analyst decided in the triage form. */
public enum TriageOutcome {
  REASSIGN,
  PENDING,
  RESOLVE
}
