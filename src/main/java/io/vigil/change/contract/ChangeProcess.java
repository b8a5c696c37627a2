package io.vigil.change.contract;

import io.vigil.notify.contract.Notifications;
import io.vigil.sla.contract.SlaMessage;

/**
 * The contract of {@code processes/change-management.bpmn}: element ids, topics, messages and
 * variables. Code and tests refer to these, never to string literals, so that a renamed element
 * breaks the build instead of a change.
 */
public final class ChangeProcess {

  public static final String KEY = "change-management";
  /** The risk of a change from its risk factors. */
  public static final String RISK_DECISION = "change-risk";
  /** Who approves a change, and whether they vote in sequence or in parallel, by type and risk. */
  public static final String APPROVAL_DECISION = "change-approvals";
  /** How long the approvers have to decide, by change type. */
  public static final String SLA_DECISION = "change-sla-targets";

  private ChangeProcess() {}

  /** BPMN element ids. */
  public static final class Elements {
    public static final String START = "StartEvent_ChangeRequested";
    public static final String GATHER_RISK_FACTORS = "Task_GatherRiskFactors";
    public static final String ASSESS_RISK = "Task_AssessRisk";
    public static final String DECIDE_APPROVALS = "Task_DecideApprovals";
    public static final String APPROVAL_ROUTE = "Gateway_ApprovalRoute";
    public static final String APPROVE_IN_SEQUENCE = "Task_ApproveInSequence";
    public static final String APPROVE_IN_PARALLEL = "Task_ApproveInParallel";
    public static final String VOTES_IN = "Gateway_VotesIn";
    public static final String APPROVED = "Gateway_Approved";
    public static final String REJECT = "Task_Reject";
    public static final String REJECTED = "EndEvent_Rejected";
    public static final String SCHEDULE = "Task_Schedule";
    public static final String PLANNED_START = "Event_PlannedStart";
    public static final String IMPLEMENT = "Task_Implement";
    public static final String IMPLEMENTATION_RESULT = "Gateway_ImplementationResult";
    public static final String BACK_OUT = "Task_BackOut";
    public static final String OPEN_INCIDENT = "Task_OpenIncident";
    public static final String REVIEW = "Task_Review";
    public static final String CLOSED = "EndEvent_ChangeClosed";
    public static final String CANCELLATION = "SubProcess_Cancellation";
    public static final String CANCEL_REQUESTED = "StartEvent_CancelRequested";
    public static final String CANCELLED = "EndEvent_Cancelled";
    public static final String SLA_ESCALATION = "SubProcess_SlaEscalation";
    public static final String SLA_THRESHOLD_REACHED = "StartEvent_SlaThresholdReached";
    public static final String NOTIFY_CHANGE_MANAGERS = "Task_NotifyChangeManagers";
    public static final String CHANGE_MANAGERS_NOTIFIED = "EndEvent_ChangeManagersNotified";

    private Elements() {}
  }

  /** External-task topics. */
  public static final class Topics {
    /** Gathers the risk factors {@link #RISK_DECISION} weighs. */
    public static final String ASSESS_RISK = "change.assess-risk";

    private Topics() {}
  }

  /** Messages the process receives. */
  public static final class Messages {
    /** The requester or a change manager cancels the change before its implementation starts. */
    public static final String CANCEL = "ChangeCancelled";

    private Messages() {}
  }

  /** Process variables: what the forms, the decisions, the gateways and the worker need. The ticket holds the rest. */
  public static final class Variables {
    public static final String CHANGE_NUMBER = "changeNumber";
    public static final String TITLE = "title";
    public static final String DESCRIPTION = "description";
    /** {@link ChangeType}. */
    public static final String TYPE = "changeType";
    /** The standard change's template id ({@code GET /api/changes/templates}). */
    public static final String TEMPLATE = "template";
    /** Configuration item ids, comma-separated. */
    public static final String CIS = "cis";
    /** ISO-8601 instants ({@code 2026-12-08T22:00:00Z}); the start is also the timer's date. */
    public static final String PLANNED_START = "plannedStart";
    public static final String PLANNED_END = "plannedEnd";
    public static final String IMPLEMENTATION_PLAN = "implementationPlan";
    public static final String BACKOUT_PLAN = "backoutPlan";
    public static final String TEST_EVIDENCE = "testEvidence";
    /** Why a change planned inside a freeze must go ahead: the CAB then approves the exception. */
    public static final String EXCEPTION_REASON = "exceptionReason";
    /** The problem whose fix this change brings (PRB-…). */
    public static final String PROBLEM = "problem";
    public static final String REQUESTED_BY = "requestedBy";
    /** The resolver group that implements the change and backs it out. */
    public static final String IMPLEMENTER_GROUP = "implementerGroup";
    /** The planned start as a date, for the timer. */
    public static final String IMPLEMENTATION_DUE = "implementationDue";

    /** Risk factors: gathered by {@link Topics#ASSESS_RISK}, weighed by {@link #RISK_DECISION}. */
    public static final String CI_CRITICALITY = "ciCriticality";
    public static final String LEAD_TIME_HOURS = "leadTimeHours";
    public static final String BACKOUT_PLANNED = "backoutPlanned";
    public static final String FAILED_CHANGES = "failedChanges";
    public static final String CONFLICTS = "conflicts";
    public static final String IN_MAINTENANCE_WINDOW = "inMaintenanceWindow";
    /** The factors in words, for the approvers' form. */
    public static final String RISK_FACTORS = "riskFactors";
    /** {@link Risk}. */
    public static final String RISK = "risk";
    /** Whether the change is planned inside a freeze, with an exception reason: the CAB must approve it. */
    public static final String FREEZE_EXCEPTION = "freezeException";

    /** The row {@link #APPROVAL_DECISION} chose, read into the three below and then removed. */
    public static final String APPROVAL_ROUTING = "approvalRouting";
    /** Outputs of {@link #APPROVAL_DECISION}: approver groups (comma-separated, in order), {@link Voting}, the reviewers. */
    public static final String APPROVERS = "approvers";
    public static final String VOTING = "voting";
    public static final String REVIEW_GROUP = "reviewGroup";
    /** The approver groups as a list, one approval task each. */
    public static final String APPROVER_GROUPS = "approverGroups";
    /** The group of one approval task. */
    public static final String APPROVER_GROUP = "approverGroup";
    /** {@link ApprovalDecision}, local to one group's approval (its task's execution), as is the comment. */
    public static final String APPROVAL_DECISION = "approvalDecision";
    public static final String APPROVAL_COMMENT = "approvalComment";
    /** Set when an approver rejects: the vote ends. */
    public static final String CHANGE_REJECTED = "changeRejected";
    /** What the approvers see: conflicts and the calendar around the window, in words. */
    public static final String SCHEDULE_CONTEXT = "scheduleContext";

    /** {@link ImplementationResult}. */
    public static final String IMPLEMENTATION_RESULT = "implementationResult";
    public static final String IMPLEMENTATION_NOTES = "implementationNotes";
    public static final String BACKOUT_NOTES = "backoutNotes";
    /** The incident opened when the change failed. */
    public static final String CAUSED_INCIDENT = "causedIncident";
    public static final String REVIEW_NOTES = "reviewNotes";
    public static final String CANCELLATION_REASON = "cancellationReason";
    public static final String CANCELLED_BY = "cancelledBy";

    public static final String SLA_CLOCK = SlaMessage.CLOCK;
    public static final String SLA_THRESHOLD = SlaMessage.THRESHOLD;
    public static final String NOTIFICATION_AUDIENCE = Notifications.Variables.AUDIENCE;
    public static final String NOTIFICATION_SUBJECT = Notifications.Variables.SUBJECT;

    private Variables() {}
  }
}
