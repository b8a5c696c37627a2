package io.vigil.audit;

/** What happened to a ticket. Each is one audit entry. */
public enum AuditAction {
  REPORTED,
  CLASSIFIED,
  POSSIBLE_DUPLICATE,
  PRIORITISED,
  REPRIORITISED,
  ROUTED,
  ACKNOWLEDGED,
  REASSIGNED,
  PENDING,
  RESUMED,
  RESOLVED,
  CALLER_CONFIRMED,
  REOPENED,
  AUTO_CLOSING,
  RESOLVED_AS_DUPLICATE,
  MAJOR_INCIDENT_COORDINATED,
  NOTIFIED,
  ESCALATED,
  CLOSURE_REFUSED,
  CLOSED,
  COMMENTED,
  SLA_STARTED,
  SLA_PAUSED,
  SLA_RESUMED,
  SLA_REBASED,
  SLA_STOPPED,
  SLA_RESTARTED,
  SLA_THRESHOLD_REACHED,
  SLA_BREACHED,
  /** An alert joined the incident, or fired again after it had resolved. */
  ALERT_FIRING,
  ALERT_RESOLVED,
  /** Every alert of the incident resolved, or its heartbeat came back. */
  MONITORING_RECOVERED,
  /** Resolved because monitoring recovered before anyone worked the incident. */
  AUTO_RESOLVED,
  HEARTBEAT_FAILED,
  /** On an incident: its problem resolved it, or told its group of the fix (and it left pending). */
  RESOLVED_BY_PROBLEM,
  PROBLEM_FIX_REPORTED,
  /** On an incident: it joined a problem, or left it. */
  LINKED_TO_PROBLEM,
  UNLINKED_FROM_PROBLEM,
  /** On a problem: an incident joined it, or left it. */
  INCIDENT_LINKED,
  INCIDENT_UNLINKED,
  /** Problem management's steps. */
  ACCEPTED,
  REJECTED,
  EVIDENCE_GATHERED,
  ROOT_CAUSE_FOUND,
  KNOWN_ERROR_PUBLISHED,
  FIX_STARTED,
  FIX_IMPLEMENTED,
  REVIEWED
}
