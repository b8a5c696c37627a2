package io.vigil.incident;

import java.time.OffsetDateTime;

/** One move of an incident between resolver groups, by an analyst or by escalation. */
public record Reassignment(
    Kind kind, String fromGroup, String toGroup, String reason, String actor, OffsetDateTime occurredAt) {

  public enum Kind {
    REASSIGNED,
    ESCALATED
  }
}
