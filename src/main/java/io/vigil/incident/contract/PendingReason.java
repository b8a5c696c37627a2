package io.vigil.incident.contract;

/** What an incident waits for while pending; the SLA clock is paused meanwhile. */
public enum PendingReason {
  AWAITING_CALLER,
  AWAITING_VENDOR,
  AWAITING_CHANGE,
  /** The fix of the problem the incident belongs to; it resumes when the problem is resolved. */
  AWAITING_PROBLEM
}
