package io.vigil.incident.contract;

/** What an incident waits for while pending; the SLA clock is paused meanwhile. */
public enum PendingReason {
  AWAITING_CALLER,
  AWAITING_VENDOR,
  AWAITING_CHANGE
}
