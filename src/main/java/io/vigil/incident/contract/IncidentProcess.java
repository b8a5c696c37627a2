package io.vigil.incident.contract;

import io.vigil.notify.contract.Notifications;
import io.vigil.sla.contract.SlaMessage;

/**
 * The contract of {@code processes/incident-management.bpmn}: element ids, topics, messages, error
 * codes and variables. Code and tests refer to these, never to string literals, so that a renamed
 * element breaks the build instead of a ticket.
 */
public final class IncidentProcess {

  public static final String KEY = "incident-management";
  public static final String PRIORITY_DECISION = "incident-priority";
  public static final String ROUTING_DECISION = "incident-routing";
  /** Category, impact and urgency at once: the three decisions below, required by one (a decision requirements graph). */
  public static final String CLASSIFICATION_DECISION = "incident-classification";
  public static final String CATEGORY_DECISION = "incident-category";
  public static final String IMPACT_DECISION = "incident-impact";
  public static final String URGENCY_DECISION = "incident-urgency";

  private IncidentProcess() {}

  /** BPMN element ids. */
  public static final class Elements {
    public static final String START = "StartEvent_IncidentReported";
    public static final String CLASSIFY = "Task_Classify";
    public static final String POSSIBLE_DUPLICATE = "BoundaryEvent_PossibleDuplicate";
    public static final String REVIEW_DUPLICATE = "Task_ReviewDuplicate";
    public static final String RECORD_DUPLICATE = "Task_RecordDuplicate";
    public static final String DETERMINE_PRIORITY = "Task_DeterminePriority";
    public static final String DETERMINE_RESOLVER_GROUP = "Task_DetermineResolverGroup";
    public static final String INVESTIGATION = "SubProcess_Investigation";
    public static final String RECOVERED_BEFORE_TRIAGE = "Gateway_RecoveredBeforeTriage";
    public static final String TELL_CALLER_REGISTERED = "Event_TellCallerRegistered";
    public static final String REACHED_GROUP = "Gateway_ReachedGroup";
    public static final String TELL_GROUP = "Event_TellGroup";
    public static final String PAGE_ON_CALL = "Event_PageOnCall";
    public static final String TRIAGE = "Task_Triage";
    public static final String REASSIGN = "Task_Reassign";
    public static final String PENDING = "Task_Pending";
    public static final String RESOLVE = "Task_Resolve";
    public static final String TELL_CALLER_RESOLVED = "Event_TellCallerResolved";
    public static final String CONFIRM_RESOLUTION = "Task_ConfirmResolution";
    public static final String AUTO_CLOSE = "BoundaryEvent_AutoClose";
    public static final String REOPEN = "Task_Reopen";
    public static final String MAJOR_INCIDENT = "Gateway_MajorIncident";
    public static final String COORDINATE_MAJOR_INCIDENT = "Task_CoordinateMajorIncident";
    public static final String NOTIFY_STAKEHOLDERS = "Task_NotifyStakeholders";
    public static final String SERVICE_RESTORED = "Gateway_ServiceRestored";
    public static final String CLOSE = "Task_Close";
    public static final String CLOSURE_DATA_INCOMPLETE = "BoundaryEvent_ClosureDataIncomplete";
    public static final String COMPLETE_CLOSURE_DATA = "Task_CompleteClosureData";
    public static final String TELL_CALLER_CLOSED = "Event_TellCallerClosed";
    public static final String CLOSED = "EndEvent_IncidentClosed";
    public static final String SLA_ESCALATION = "SubProcess_SlaEscalation";
    public static final String SLA_THRESHOLD_REACHED = "StartEvent_SlaThresholdReached";
    public static final String ESCALATE = "Task_Escalate";
    public static final String NOTIFY_INCIDENT_MANAGERS = "Task_NotifyIncidentManagers";
    public static final String ESCALATION_RECORDED = "EndEvent_Escalated";
    public static final String INCIDENT_MANAGERS_NOTIFIED = "EndEvent_IncidentManagersNotified";
    public static final String PRIORITY_CHANGE = "SubProcess_PriorityChange";
    public static final String PRIORITY_CHANGE_REQUESTED = "StartEvent_PriorityChangeRequested";
    public static final String REPRIORITISE = "Task_Reprioritise";
    public static final String PRIORITY_CHANGED = "EndEvent_PriorityChanged";
    public static final String MONITORING_RECOVERED = "BoundaryEvent_MonitoringRecovered";
    public static final String AUTO_RESOLVE = "Task_AutoResolve";
    public static final String RESOLVED_BY_MONITORING = "EndEvent_ResolvedByMonitoring";
    public static final String RECOVERY_REPORTED = "SubProcess_RecoveryReported";
    public static final String TELL_RESOLVER_GROUP = "Task_TellResolverGroup";
    public static final String RESOLVER_GROUP_TOLD = "EndEvent_ResolverGroupTold";
    public static final String PROBLEM_FIX_REPORTED_WHILE_PENDING = "BoundaryEvent_ProblemFixReported";
    public static final String RESOLVED_BY_PROBLEM = "SubProcess_ResolvedByProblem";
    public static final String PROBLEM_FIXED = "StartEvent_ProblemFixed";
    public static final String RESOLVE_BY_PROBLEM = "Task_ResolveByProblem";
    public static final String RESOLVED_BY_PROBLEM_END = "EndEvent_ResolvedByProblem";
    public static final String PROBLEM_FIX_REPORTED = "SubProcess_ProblemFixReported";
    public static final String PROBLEM_FIX_REPORTED_START = "StartEvent_ProblemFixReported";
    public static final String TELL_GROUP_OF_FIX = "Task_TellGroupOfFix";
    public static final String GROUP_TOLD_OF_FIX = "EndEvent_GroupToldOfFix";

    private Elements() {}
  }

  /** External-task topics, one worker each. */
  public static final class Topics {
    public static final String CLASSIFY = "incident.classify";
    public static final String ESCALATE = "incident.escalate";
    public static final String CLOSE = "incident.close";
    public static final String NOTIFY = Notifications.TOPIC;

    private Topics() {}
  }

  /** Message names correlated to the process. */
  public static final class Messages {
    /** Sent by the SLA clocks; carries {@link Variables#SLA_CLOCK} and {@link Variables#SLA_THRESHOLD}. */
    public static final String SLA_THRESHOLD_REACHED = SlaMessage.NAME;
    /** Sent by the API; sets {@link Variables#IMPACT} and {@link Variables#URGENCY}, and carries {@link Variables#PRIORITY_CHANGE_REASON} and {@link Variables#PRIORITY_CHANGED_BY}. */
    public static final String PRIORITY_CHANGE_REQUESTED = "PriorityChangeRequested";
    /** Sent by the monitoring intake when an incident nobody took yet recovered; carries {@link Variables#RECOVERY_NOTE} and {@link Variables#RECOVERED_BY}. */
    public static final String MONITORING_RECOVERED = "MonitoringRecovered";
    /** Sent by the monitoring intake when an incident recovered that an analyst works (or auto-resolve is off); carries {@link Variables#RECOVERY_NOTE}. */
    public static final String RECOVERY_REPORTED = "RecoveryReported";
    /** Sent by problem management when the incident's problem is fixed and resolves its open incidents; carries {@link Variables#PROBLEM_NUMBER} and {@link Variables#PROBLEM_FIX}. */
    public static final String PROBLEM_FIXED = "ProblemFixed";
    /** Sent by problem management when the incident's problem is fixed and its group decides; carries the same. */
    public static final String PROBLEM_FIX_REPORTED = "ProblemFixReported";

    private Messages() {}
  }

  /** BPMN error codes the workers raise and the model catches. */
  public static final class Errors {
    public static final String POSSIBLE_DUPLICATE = "POSSIBLE_DUPLICATE";
    public static final String CLOSURE_DATA_INCOMPLETE = "CLOSURE_DATA_INCOMPLETE";

    private Errors() {}
  }

  /** Process variables: what routing and the forms need, nothing more. The ticket holds the rest. */
  public static final class Variables {
    public static final String INCIDENT_NUMBER = "incidentNumber";
    public static final String TITLE = "title";
    public static final String DESCRIPTION = "description";
    public static final String CALLER = "caller";
    public static final String SERVICE = "service";
    public static final String CI = "ci";
    public static final String IMPACT = "impact";
    public static final String URGENCY = "urgency";
    public static final String IDEMPOTENCY_KEY = "idempotencyKey";
    public static final String REPORTED_BY = "reportedBy";
    public static final String REPORTED_AT = "reportedAt";
    public static final String ACKNOWLEDGED_AT = "acknowledgedAt";
    public static final String RESOLVED_AT = "resolvedAt";
    public static final String CATEGORY = "category";
    public static final String CLASSIFICATION_NOTE = "classificationNote";
    public static final String POSSIBLE_DUPLICATE_OF = "possibleDuplicateOf";
    public static final String DUPLICATE_CONFIRMED = "duplicateConfirmed";
    public static final String PRIORITY = "priority";
    /** A priority whoever reported the incident gave (a heartbeat monitor, the alert storm): it stands over incident-priority.dmn. */
    public static final String GIVEN_PRIORITY = "givenPriority";
    public static final String PRIORITY_CHANGE_REASON = "priorityChangeReason";
    public static final String PRIORITY_CHANGED_BY = "priorityChangedBy";
    /** What monitoring said when the incident recovered; set by the MonitoringRecovered message, or at routing when it recovered before. */
    public static final String RECOVERY_NOTE = "recoveryNote";
    public static final String RECOVERED_BY = "recoveredBy";
    public static final String TASK_PRIORITY = "taskPriority";
    public static final String RESOLVER_GROUP = "resolverGroup";
    public static final String REASSIGNMENT_HISTORY = "reassignmentHistory";
    public static final String TRIAGE_OUTCOME = "triageOutcome";
    public static final String TRIAGE_ANALYST = "triageAnalyst";
    public static final String REASSIGN_TO = "reassignTo";
    public static final String REASSIGN_REASON = "reassignReason";
    public static final String PENDING_REASON = "pendingReason";
    public static final String PENDING_NOTE = "pendingNote";
    /** The change that caused the incident (CHG-…), as the analyst found in triage. */
    public static final String CAUSED_BY_CHANGE = "causedByChange";
    public static final String RESUME_NOTE = "resumeNote";
    public static final String RESOLUTION_CODE = "resolutionCode";
    public static final String RESOLUTION_NOTES = "resolutionNotes";
    public static final String ROOT_CAUSE_ANALYSIS_NEEDED = "rootCauseAnalysisNeeded";
    /** The knowledge articles that may apply, as the triage form lists them (local to the triage task). */
    public static final String SUGGESTED_ARTICLES = "suggestedArticles";
    /** The article whose workaround the analyst applied (resolution code WORKAROUND): links the incident to its problem. */
    public static final String KNOWLEDGE_ARTICLE = "knowledgeArticle";
    /** The problem that fixed the incident, and what its fix was (set by the problem's messages). */
    public static final String PROBLEM_NUMBER = "problemNumber";
    public static final String PROBLEM_FIX = "problemFix";
    public static final String CALLER_CONFIRMED = "callerConfirmed";
    public static final String REOPEN_REASON = "reopenReason";
    public static final String CLOSURE_REASON = "closureReason";
    public static final String CLOSURE_PROBLEM = "closureProblem";
    public static final String MAJOR_INCIDENT_SUMMARY = "majorIncidentSummary";
    public static final String TIME_TO_ACKNOWLEDGE = "timeToAcknowledgeSeconds";
    public static final String TIME_TO_RESOLVE = "timeToResolveSeconds";
    public static final String SLA_CLOCK = SlaMessage.CLOCK;
    public static final String SLA_THRESHOLD = SlaMessage.THRESHOLD;
    public static final String SLA_LATE = SlaMessage.LATE;
    public static final String ESCALATION_TYPE = SlaMessage.ESCALATION_TYPE;
    public static final String ESCALATION_GROUP = SlaMessage.ESCALATION_GROUP;
    public static final String ESCALATION_LEVEL = SlaMessage.ESCALATION_LEVEL;
    public static final String NOTIFICATION_AUDIENCE = Notifications.Variables.AUDIENCE;
    public static final String NOTIFICATION_SUBJECT = Notifications.Variables.SUBJECT;
    public static final String NOTIFICATIONS_DELIVERED = Notifications.Variables.DELIVERED;
    public static final String NOTIFIED_RECIPIENTS = Notifications.Variables.RECIPIENTS;

    private Variables() {}
  }
}
