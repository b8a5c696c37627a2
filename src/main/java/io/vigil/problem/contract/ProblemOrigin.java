package io.vigil.problem.contract;

/** How a problem came to be opened. */
public enum ProblemOrigin {
  /** A problem manager opened it (API or Tasklist). */
  MANUAL,
  /** An analyst asked for root-cause analysis when resolving an incident. */
  INCIDENT,
  /** Incidents kept coming back on the same item or service (problem-recurrence.dmn). */
  RECURRENCE
}
