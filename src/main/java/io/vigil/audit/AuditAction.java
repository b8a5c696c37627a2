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
  REVIEWED,
  /** On a problem: the change that brings its fix was raised, and it finished. */
  FIX_CHANGE_RAISED,
  FIX_CHANGE_FINISHED,
  /** Change enablement's steps. */
  REQUESTED,
  RISK_ASSESSED,
  APPROVALS_DECIDED,
  /** One approver's vote. */
  APPROVED,
  SCHEDULED,
  IMPLEMENTATION_STARTED,
  IMPLEMENTED,
  IMPLEMENTATION_FAILED,
  BACKED_OUT,
  CANCELLED,
  /** Someone tried to approve their own change, or to implement one they approved: refused. */
  SEGREGATION_OF_DUTIES_REFUSED,
  /** On a change: an incident it caused (opened when it failed, or marked later). */
  INCIDENT_CAUSED,
  /** On an incident: the change that caused it. */
  CAUSED_BY_CHANGE,
  /** Through the engine (Tasklist, /engine-rest, Vigil's API): a task claimed or handed on, or completed with its values. */
  TASK_ASSIGNED,
  TASK_COMPLETED,
  /** Under ADMIN: a user, group, membership, tenant or authorization created, changed or deleted. */
  ADMINISTERED,
  /** A deployment created or deleted (under ADMIN). */
  DEPLOYED,
  /** Under ADMIN: a resolver group's on-call rota created or replaced. */
  ROTA_CHANGED,
  /** Under ADMIN: someone put on call in place of the rota for a while, and that override taken back. */
  ON_CALL_OVERRIDDEN,
  OVERRIDE_REMOVED,
  /** An operator's action on a ticket's process: cancelled, modified, suspended, migrated. */
  OPERATED,
  /** An on-call was paged for the incident (who, which layer of the rota). */
  PAGED,
  /** A layer of the rota had nobody on call: the next one was paged at once. */
  PAGE_SKIPPED,
  /** Someone took the paged incident: paging stopped. */
  PAGE_ACKNOWLEDGED
}
