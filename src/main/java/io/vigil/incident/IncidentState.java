package io.vigil.incident;

/** Where an incident is in its life. Only the incident process changes it. */
public enum IncidentState {
  /** Reported; being classified and routed. */
  NEW,
  /** Queued to a resolver group, nobody has taken it yet. */
  ASSIGNED,
  /** An analyst acknowledged it and works it. */
  IN_PROGRESS,
  /** Waiting for the caller, a vendor or a change. */
  PENDING,
  /** Service restored; waiting for the caller's confirmation or the auto-close. */
  RESOLVED,
  CLOSED;

  public boolean isOpen() {
    return this != RESOLVED && this != CLOSED;
  }
}
