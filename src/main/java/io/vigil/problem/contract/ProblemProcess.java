package io.vigil.problem.contract;

import io.vigil.notify.contract.Notifications;
import io.vigil.sla.contract.SlaMessage;

/**
 * The contract of {@code processes/problem-management.bpmn}: element ids, topics, messages and
 * variables. Code and tests refer to these, never to string literals, so that a renamed element
 * breaks the build instead of a ticket.
 */
public final class ProblemProcess {

  public static final String KEY = "problem-management";
  /** Known-error and resolution targets by priority and service. */
  public static final String SLA_DECISION = "problem-sla-targets";
  /** When incidents that keep coming back open a problem by themselves. */
  public static final String RECURRENCE_DECISION = "problem-recurrence";
  /** The causes an analyst may name, in the owner's words (one rule per cause). */
  public static final String CAUSE_CATEGORY_DECISION = "problem-cause-categories";

  private ProblemProcess() {}

  /** BPMN element ids. */
  public static final class Elements {
    public static final String START = "StartEvent_ProblemOpened";
    public static final String ASSESS = "Task_Assess";
    public static final String ACCEPTED = "Gateway_Accepted";
    public static final String REJECT = "Task_Reject";
    public static final String REJECTED = "EndEvent_Rejected";
    public static final String GATHER_EVIDENCE = "Task_GatherEvidence";
    public static final String ANALYSE_ROOT_CAUSE = "Task_AnalyseRootCause";
    public static final String RECORD_KNOWN_ERROR = "Task_RecordKnownError";
    public static final String REQUEST_FIX_CHANGE = "Task_RequestFixChange";
    public static final String FIX_CHANGE_FINISHED = "Event_FixChangeFinished";
    public static final String FIX_IN_PLACE = "Gateway_FixInPlace";
    public static final String RESOLVE_INCIDENTS = "Task_ResolveIncidents";
    public static final String REVIEW = "Task_Review";
    public static final String CLOSED = "EndEvent_ProblemClosed";
    public static final String SLA_ESCALATION = "SubProcess_SlaEscalation";
    public static final String SLA_THRESHOLD_REACHED = "StartEvent_SlaThresholdReached";
    public static final String NOTIFY_PROBLEM_MANAGERS = "Task_NotifyProblemManagers";
    public static final String PROBLEM_MANAGERS_NOTIFIED = "EndEvent_ProblemManagersNotified";

    private Elements() {}
  }

  /** External-task topics. */
  public static final class Topics {
    public static final String RCA = "problem.rca";

    private Topics() {}
  }

  /** Messages the process receives. */
  public static final class Messages {
    /** The change that brings the fix closed, failed, was rejected or cancelled. */
    public static final String FIX_CHANGE_FINISHED = "FixChangeFinished";

    private Messages() {}
  }

  /** Process variables: what the forms, the gateways and the worker need. The ticket holds the rest. */
  public static final class Variables {
    public static final String PROBLEM_NUMBER = "problemNumber";
    public static final String TITLE = "title";
    public static final String DESCRIPTION = "description";
    public static final String SERVICE = "service";
    public static final String CI = "ci";
    /** Incident numbers to link when the problem opens, comma-separated (the API and the start form). */
    public static final String INCIDENTS = "incidents";
    public static final String ORIGIN = "origin";
    public static final String OPENED_BY = "openedBy";
    public static final String PRIORITY = "priority";
    public static final String TASK_PRIORITY = "taskPriority";
    public static final String ASSESSMENT = "assessment";
    public static final String REJECTION_REASON = "rejectionReason";
    /** What the root-cause analysis worker gathered for the analyst: plain text, shown in the RCA form. */
    public static final String GATHERED_EVIDENCE = "gatheredEvidence";
    public static final String CAUSE_CATEGORY = "causeCategory";
    /** The causes the owner's decision lists, as the RCA form's choices ({@code [{label, value}]}). */
    public static final String CAUSE_CATEGORIES = "causeCategories";
    public static final String ROOT_CAUSE = "rootCause";
    public static final String FIVE_WHYS = "fiveWhys";
    public static final String EVIDENCE = "evidence";
    public static final String CORRECTIVE_ACTION = "correctiveAction";
    public static final String SYMPTOMS = "symptoms";
    public static final String WORKAROUND = "workaround";
    /** What the fix is: the description of the change that brings it. */
    public static final String FIX_NOTES = "fixNotes";
    /** The change that brings the fix: given in the fix step to adopt a change raised already, then the one the problem waits for. */
    public static final String CHANGE_NUMBER = "changeNumber";
    /** The change to raise for the fix, from the fix step's form (when it adopts none). */
    public static final String FIX_CHANGE_TYPE = "fixChangeType";
    public static final String FIX_CIS = "fixCis";
    public static final String FIX_PLANNED_START = "fixPlannedStart";
    public static final String FIX_PLANNED_END = "fixPlannedEnd";
    public static final String FIX_IMPLEMENTATION_PLAN = "fixImplementationPlan";
    public static final String FIX_BACKOUT_PLAN = "fixBackoutPlan";
    public static final String FIX_TEST_EVIDENCE = "fixTestEvidence";
    public static final String FIX_IMPLEMENTER_GROUP = "fixImplementerGroup";
    /** Why a fix change planned inside a freeze cannot wait: the CAB approves the exception. */
    public static final String FIX_EXCEPTION_REASON = "fixExceptionReason";
    /** Whether the fix change was implemented ({@link Messages#FIX_CHANGE_FINISHED}): if not, the fix step opens again. */
    public static final String FIX_CHANGE_IMPLEMENTED = "fixChangeImplemented";
    public static final String INCIDENT_HANDLING = "incidentHandling";
    public static final String REVIEW_NOTES = "reviewNotes";
    public static final String SLA_CLOCK = SlaMessage.CLOCK;
    public static final String SLA_THRESHOLD = SlaMessage.THRESHOLD;
    public static final String NOTIFICATION_AUDIENCE = Notifications.Variables.AUDIENCE;
    public static final String NOTIFICATION_SUBJECT = Notifications.Variables.SUBJECT;

    private Variables() {}
  }
}
