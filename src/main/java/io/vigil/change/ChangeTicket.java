package io.vigil.change;

import static io.vigil.change.contract.ChangeProcess.Variables.*;
import static io.vigil.ticket.TicketInput.MAX_REASON;
import static io.vigil.ticket.TicketInput.MAX_TEXT;
import static io.vigil.ticket.TicketInput.MAX_TITLE;
import static io.vigil.ticket.TicketInput.actor;
import static io.vigil.ticket.TicketInput.optionalText;
import static io.vigil.ticket.TicketInput.refusal;
import static io.vigil.ticket.TicketInput.requiredEnum;
import static io.vigil.ticket.TicketInput.requiredText;

import io.vigil.audit.AuditAction;
import io.vigil.audit.AuditTrail;
import io.vigil.catalog.ServiceCatalog;
import io.vigil.change.contract.ApprovalDecision;
import io.vigil.change.contract.ChangeProcess;
import io.vigil.change.contract.ChangeType;
import io.vigil.change.contract.ImplementationResult;
import io.vigil.change.contract.Risk;
import io.vigil.change.contract.Voting;
import io.vigil.notify.NotificationAudit;
import io.vigil.problem.ProblemChanges;
import io.vigil.security.VigilGroup;
import io.vigil.sla.SlaClock;
import io.vigil.sla.SlaService;
import io.vigil.ticket.TicketNumbers;
import io.vigil.ticket.TicketTasks;
import io.vigil.ticket.TicketType;
import io.vigil.web.FourDigitYear;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The one place where a change ticket changes. The change model names these methods on its
 * elements ({@code ${changeTicket.requested(execution)}}), so each runs inside the engine transaction
 * that moves the process: the ticket, its approvals, its audit trail and the process never disagree.
 * Numbers, audit, SLA clocks, task names and dates and the refusal of bad input come from the ticket
 * core, as for incidents and problems.
 */
@Component("changeTicket")
public class ChangeTicket {

  static final Pattern PROBLEM_NUMBER_FORMAT = Pattern.compile("PRB-\\d{6}");
  static final int MAX_CIS = 20;
  /** A planned start this far in the past is a mistake, not a clock that ran on while the request travelled. */
  static final Duration PAST_GRACE = Duration.ofMinutes(15);

  /** Decisions taken in a step's form: cleared when the step opens, so the form starts blank. */
  private static final List<String> VOTE = List.of(APPROVAL_DECISION, APPROVAL_COMMENT);

  private static final Logger log = LoggerFactory.getLogger(ChangeTicket.class);

  private final ChangeRepository changes;
  private final ChangeProperties properties;
  private final ChangeCalendar calendar;
  private final ScheduleContext scheduleContext;
  private final SegregationOfDuties segregation;
  private final ProblemChanges problems;
  private final IncidentsFromChanges incidents;
  private final TicketNumbers numbers;
  private final TicketTasks tasks;
  private final ServiceCatalog catalog;
  private final AuditTrail audit;
  private final SlaService sla;
  private final Clock clock;

  ChangeTicket(ChangeRepository changes, ChangeProperties properties, ChangeCalendar calendar, ScheduleContext scheduleContext,
      SegregationOfDuties segregation, ProblemChanges problems, IncidentsFromChanges incidents, TicketNumbers numbers,
      TicketTasks tasks, ServiceCatalog catalog, AuditTrail audit, SlaService sla, Clock clock) {
    this.changes = changes;
    this.properties = properties;
    this.calendar = calendar;
    this.scheduleContext = scheduleContext;
    this.segregation = segregation;
    this.problems = problems;
    this.incidents = incidents;
    this.numbers = numbers;
    this.tasks = tasks;
    this.catalog = catalog;
    this.audit = audit;
    this.sla = sla;
    this.clock = clock;
  }

  /**
   * Start event: checks the request against its template and the change calendar, opens the ticket,
   * gives it its number (the business key) and starts its approval clock. A normal or standard change
   * planned inside a freeze is refused unless it gives an exception reason, which the CAB then approves.
   */
  public void requested(DelegateExecution execution) {
    String title = requiredText(execution, TITLE, MAX_TITLE);
    String description = requiredText(execution, DESCRIPTION, MAX_TEXT);
    ChangeType type = requiredEnum(execution, TYPE, ChangeType.class);
    String templateId = optionalText(execution, TEMPLATE, 64);
    List<String> cis = cis(execution);
    OffsetDateTime start = instant(execution, PLANNED_START);
    OffsetDateTime end = instant(execution, PLANNED_END);
    OffsetDateTime now = now();
    if (!end.isAfter(start)) {
      throw refusal(execution, PLANNED_END + ": must be after the planned start " + start);
    }
    if (start.isBefore(now.minus(PAST_GRACE))) {
      throw refusal(execution, PLANNED_START + ": " + start + " has passed");
    }
    String implementationPlan = optionalText(execution, IMPLEMENTATION_PLAN, MAX_TEXT);
    String backoutPlan = optionalText(execution, BACKOUT_PLAN, MAX_TEXT);
    String testEvidence = optionalText(execution, TEST_EVIDENCE, MAX_TEXT);
    String exceptionReason = optionalText(execution, EXCEPTION_REASON, MAX_REASON);
    String implementerGroup = optionalText(execution, IMPLEMENTER_GROUP, 64);
    String requestedBy = optionalText(execution, REQUESTED_BY, 100);
    requestedBy = requestedBy == null ? actor(execution) : requestedBy;

    if (type == ChangeType.STANDARD) {
      if (templateId == null) {
        throw refusal(execution, TEMPLATE + ": a standard change names its pre-approved template (GET /api/changes/templates)");
      }
      ChangeProperties.Template template = properties.template(templateId)
          .orElseThrow(() -> refusal(execution, TEMPLATE + ": no template '" + templateId + "'; one of "
              + properties.templates().stream().map(ChangeProperties.Template::id).toList()));
      if (!template.cis().isEmpty() && !template.cis().containsAll(cis)) {
        throw refusal(execution, CIS + ": template " + template.id() + " is approved for " + template.cis() + " only");
      }
      if (Duration.between(start, end).compareTo(template.maxDuration()) > 0) {
        throw refusal(execution, PLANNED_END + ": template " + template.id() + " is approved for windows of at most "
            + template.maxDuration());
      }
      implementationPlan = implementationPlan == null ? template.implementationPlan() : implementationPlan;
      backoutPlan = backoutPlan == null ? template.backoutPlan() : backoutPlan;
      implementerGroup = implementerGroup == null ? template.implementerGroup() : implementerGroup;
    } else if (templateId != null) {
      throw refusal(execution, TEMPLATE + ": only a standard change comes from a template");
    }
    if (implementationPlan == null) {
      throw refusal(execution, IMPLEMENTATION_PLAN + ": required");
    }
    implementerGroup = implementerGroup == null ? requestersResolverGroup(execution) : implementerGroup;
    String group = implementerGroup;
    if (VigilGroup.byId(group).filter(VigilGroup::isResolverGroup).isEmpty()) {
      throw refusal(execution, IMPLEMENTER_GROUP + ": '" + group + "' is not a resolver group; expected one of "
          + VigilGroup.resolverGroupIds());
    }
    String problem = optionalText(execution, PROBLEM, 20);
    if (problem != null) {
      if (!PROBLEM_NUMBER_FORMAT.matcher(problem).matches()) {
        throw refusal(execution, PROBLEM + ": '" + problem + "' is not a problem number (PRB-000007)");
      }
      if (!problems.isOpen(problem)) {
        throw refusal(execution, PROBLEM + ": " + problem + " is not an open problem");
      }
    }
    boolean freezeException = false;
    var freeze = calendar.freezeOverlapping(start.toInstant(), end.toInstant());
    if (freeze.isPresent() && type != ChangeType.EMERGENCY) {
      if (exceptionReason == null) {
        throw refusal(execution, PLANNED_START + ": the window overlaps the freeze '" + freeze.get().name() + "' ("
            + freeze.get().start() + " to " + freeze.get().end() + "): plan it outside, or give an "
            + EXCEPTION_REASON + " for the CAB to approve");
      }
      freezeException = true;
    }

    String number = numbers.next(TicketType.CHANGE);
    execution.setProcessBusinessKey(number);
    changes.insert(new ChangeRepository.NewChange(number, execution.getProcessInstanceId(), type, templateId, title, description,
        cis, start, end, implementationPlan, backoutPlan, testEvidence, exceptionReason, problem, requestedBy, implementerGroup, now));
    audit.record(number, requestedBy, AuditAction.REQUESTED, type + " change of " + String.join(", ", cis) + " from " + start
        + " to " + end + (freezeException ? " inside the freeze '" + freeze.get().name() + "': " + exceptionReason : ""));
    if (problem != null) {
      problems.changeRaised(problem, number, requestedBy);
    }

    execution.setVariable(CHANGE_NUMBER, number);
    execution.setVariable(TITLE, title);
    execution.setVariable(DESCRIPTION, description);
    execution.setVariable(TYPE, type.name());
    execution.setVariable(TEMPLATE, templateId);
    execution.setVariable(CIS, String.join(", ", cis));
    execution.setVariable(PLANNED_START, start.toString());
    execution.setVariable(PLANNED_END, end.toString());
    execution.setVariable(IMPLEMENTATION_DUE, Date.from(start.toInstant()));
    execution.setVariable(IMPLEMENTATION_PLAN, implementationPlan);
    execution.setVariable(BACKOUT_PLAN, backoutPlan);
    execution.setVariable(TEST_EVIDENCE, testEvidence);
    execution.setVariable(EXCEPTION_REASON, exceptionReason);
    execution.setVariable(FREEZE_EXCEPTION, freezeException);
    execution.setVariable(PROBLEM, problem);
    execution.setVariable(REQUESTED_BY, requestedBy);
    execution.setVariable(IMPLEMENTER_GROUP, implementerGroup);
    Map<String, Object> inputs = new HashMap<>();
    inputs.put(TYPE, type.name());
    sla.targetsFor(number, ChangeProcess.SLA_DECISION, inputs, type.name(), now.toInstant(), requestedBy);
    log.info("{} requested by {} ({}): {}", number, requestedBy, type, title);
  }

  /** The risk table weighed the factors the worker gathered. */
  public void riskAssessed(DelegateExecution execution) {
    String number = number(execution);
    Risk risk = requiredEnum(execution, RISK, Risk.class);
    String factors = optionalText(execution, RISK_FACTORS, MAX_TEXT);
    changes.assessed(number, risk, factors);
    audit.record(number, actor(execution), AuditAction.RISK_ASSESSED, risk + (factors == null ? "" : ": " + factors.replace('\n', ';')));
  }

  /**
   * The approvals table named the approvers and how they vote. None: pre-approved. A group the table
   * names that Vigil does not know is the owner's mistake, and stops the change in Cockpit rather
   * than letting it through unapproved.
   */
  public void approvalsDecided(DelegateExecution execution) {
    String number = number(execution);
    Map<?, ?> routing = (Map<?, ?>) execution.getVariable(APPROVAL_ROUTING);
    if (routing == null || routing.get(VOTING) == null || routing.get(REVIEW_GROUP) == null) {
      throw new IllegalStateException(ChangeProcess.APPROVAL_DECISION + ".dmn gave no row for " + number);
    }
    execution.removeVariable(APPROVAL_ROUTING);
    Voting voting = Voting.valueOf(routing.get(VOTING).toString());
    String reviewGroup = routing.get(REVIEW_GROUP).toString();
    execution.setVariable(APPROVERS, routing.get(APPROVERS) == null ? "" : routing.get(APPROVERS).toString());
    execution.setVariable(VOTING, voting.name());
    execution.setVariable(REVIEW_GROUP, reviewGroup);
    List<String> groups = approverGroups(execution);
    for (String group : Stream.concat(groups.stream(), Stream.of(reviewGroup)).toList()) {
      if (VigilGroup.byId(group).isEmpty()) {
        throw new IllegalStateException(ChangeProcess.APPROVAL_DECISION + ".dmn names an unknown group '" + group + "'");
      }
    }
    if (voting == Voting.NONE || groups.isEmpty()) {
      execution.setVariable(VOTING, Voting.NONE.name());
      changes.preApproved(number, reviewGroup);
      audit.record(number, actor(execution), AuditAction.APPROVALS_DECIDED, "pre-approved (template "
          + execution.getVariable(TEMPLATE) + "); reviewed by " + reviewGroup);
      return;
    }
    execution.setVariable(CHANGE_REJECTED, false);
    changes.awaitingApproval(number, voting, groups, reviewGroup);
    audit.record(number, actor(execution), AuditAction.APPROVALS_DECIDED, String.join(", ", groups) + " ("
        + voting.name().toLowerCase() + "); reviewed by " + reviewGroup);
  }

  /** The groups that vote, in the table's order: the approval tasks' collection. */
  public List<String> approverGroups(DelegateExecution execution) {
    Object approvers = execution.getVariable(APPROVERS);
    if (approvers == null) {
      return List.of();
    }
    Set<String> groups = new LinkedHashSet<>();
    for (String part : approvers.toString().split(",")) {
      if (!part.isBlank()) {
        groups.add(part.trim());
      }
    }
    return List.copyOf(groups);
  }

  /**
   * An approval task opens for one group: what the approvers need to see, and a blank vote. The vote
   * belongs to this group's instance of the approval: declared on the task's own execution (where
   * approverGroup lives too), so that completing the task writes it there. Otherwise it lands on the
   * process, where in parallel one group's decision and comment would count for the other group's
   * task whenever its form leaves them out.
   */
  public void approvalOpened(DelegateTask task) {
    tasks.opened(task, number(task), (String) task.getVariable(TITLE));
    VOTE.forEach(task::removeVariable);
    VOTE.forEach(name -> task.getExecution().setVariableLocal(name, null));
    Change change = changes.get(number(task));
    task.setVariable(SCHEDULE_CONTEXT, scheduleContext.describe(change));
  }

  /** Someone takes an approval task: not the requester. */
  public void approvalClaimed(DelegateTask task) {
    if (task.getAssignee() != null) {
      segregation.mayApprove(task, changes.get(number(task)), task.getAssignee());
    }
  }

  /** One group's vote: a rejection needs its reason and ends the vote. */
  public void voted(DelegateTask task) {
    String number = number(task);
    Change change = changes.get(number);
    String voter = voter(task);
    segregation.mayApprove(task, change, voter);
    ApprovalDecision decision = requiredEnum(task, APPROVAL_DECISION, ApprovalDecision.class);
    String comment = decision == ApprovalDecision.REJECT
        ? requiredText(task, APPROVAL_COMMENT, MAX_REASON)
        : optionalText(task, APPROVAL_COMMENT, MAX_REASON);
    String group = (String) task.getVariable(APPROVER_GROUP);
    changes.vote(number, group, decision, voter, comment);
    audit.record(number, voter, decision == ApprovalDecision.APPROVE ? AuditAction.APPROVED : AuditAction.REJECTED,
        "for " + group + (comment == null ? "" : ": " + comment));
    if (decision == ApprovalDecision.REJECT) {
      task.getExecution().getProcessInstance().setVariable(CHANGE_REJECTED, true);
    }
  }

  /** Rejected by an approver: closed with their reason. */
  public void rejected(DelegateExecution execution) {
    String number = number(execution);
    Approval rejection = changes.approvals(number).stream()
        .filter(a -> a.decision() == ApprovalDecision.REJECT).findFirst()
        .orElseThrow(() -> new IllegalStateException(number + " rejected without a rejecting vote"));
    String reason = rejection.group() + ": " + rejection.comment();
    changes.rejected(number, reason, rejection.decidedBy());
    sla.closed(number, actor(execution));
    finished(changes.get(number), false, actor(execution));
    log.info("{} rejected by {}", number, reason);
  }

  /** Approved (or pre-approved): it waits for its planned start. */
  public void scheduled(DelegateExecution execution) {
    String number = number(execution);
    changes.scheduled(number);
    sla.reached(number, SlaClock.Kind.APPROVAL, actor(execution));
    audit.record(number, actor(execution), AuditAction.SCHEDULED, "implementation from " + execution.getVariable(PLANNED_START));
  }

  /** The planned start came: the implementer group's task opens. */
  public void implementationOpened(DelegateTask task) {
    String number = number(task);
    tasks.opened(task, number, (String) task.getVariable(TITLE));
    task.removeVariable(IMPLEMENTATION_RESULT);
    if (changes.get(number).state() == ChangeState.SCHEDULED) {
      changes.implementing(number);
      audit.record(number, actor(task), AuditAction.IMPLEMENTATION_STARTED, "window open for " + task.getVariable(IMPLEMENTER_GROUP));
    }
  }

  /** Someone takes the implementation: not one who approved it. */
  public void implementationClaimed(DelegateTask task) {
    if (task.getAssignee() != null) {
      segregation.mayImplement(changes.get(number(task)), task.getAssignee());
    }
  }

  /** The implementer reports how it went. */
  public void implemented(DelegateTask task) {
    String number = number(task);
    String implementer = voter(task);
    segregation.mayImplement(changes.get(number), implementer);
    ImplementationResult result = requiredEnum(task, IMPLEMENTATION_RESULT, ImplementationResult.class);
    String notes = requiredText(task, IMPLEMENTATION_NOTES, MAX_TEXT);
    changes.implemented(number, result, notes, implementer);
    audit.record(number, implementer, result == ImplementationResult.SUCCESSFUL ? AuditAction.IMPLEMENTED
        : AuditAction.IMPLEMENTATION_FAILED, notes);
  }

  /** The implementation failed: the back-out task opens for the implementer group. */
  public void backOutOpened(DelegateTask task) {
    tasks.opened(task, number(task), (String) task.getVariable(TITLE));
  }

  /** The back-out is done: what production looks like now. */
  public void backedOut(DelegateTask task) {
    String number = number(task);
    String notes = requiredText(task, BACKOUT_NOTES, MAX_TEXT);
    changes.backedOut(number, notes);
    audit.record(number, actor(task), AuditAction.BACKED_OUT, notes);
  }

  /** A failed change caused an incident: it is opened, caused by the change, for the review to record. */
  public void openIncident(DelegateExecution execution) {
    String number = number(execution);
    Change change = changes.get(number);
    if (change.causedIncident() != null) {
      return;
    }
    String incident = incidents.openFor(change, actor(execution));
    changes.causedIncident(number, incident);
    execution.setVariable(CAUSED_INCIDENT, incident);
    audit.record(number, actor(execution), AuditAction.INCIDENT_CAUSED, incident + " opened: the change failed and was backed out");
  }

  /** The post-implementation review opens. */
  public void reviewOpened(DelegateTask task) {
    String number = number(task);
    tasks.opened(task, number, (String) task.getVariable(TITLE));
    changes.inReview(number);
  }

  public void reviewed(DelegateTask task) {
    String number = number(task);
    String notes = requiredText(task, REVIEW_NOTES, MAX_TEXT);
    changes.reviewed(number, notes);
    audit.record(number, actor(task), AuditAction.REVIEWED, notes);
  }

  /** Closed after its review: CLOSED, or FAILED when it was backed out. The problem it fixes hears of it. */
  public void closed(DelegateExecution execution) {
    String number = number(execution);
    Change change = changes.get(number);
    boolean successful = change.implementationResult() == ImplementationResult.SUCCESSFUL;
    changes.closed(number, successful ? ChangeState.CLOSED : ChangeState.FAILED);
    sla.closed(number, actor(execution));
    audit.record(number, actor(execution), AuditAction.CLOSED, successful ? "implemented" : "failed and backed out: "
        + change.causedIncident());
    finished(changes.get(number), successful, actor(execution));
    log.info("{} closed ({})", number, successful ? "implemented" : "failed");
  }

  /** Cancelled before its implementation started. */
  public void cancelled(DelegateExecution execution) {
    String number = number(execution);
    String reason = requiredText(execution, CANCELLATION_REASON, MAX_REASON);
    String by = optionalText(execution, CANCELLED_BY, 100);
    by = by == null ? actor(execution) : by;
    changes.cancelled(number, reason, by);
    sla.closed(number, by);
    audit.record(number, by, AuditAction.CANCELLED, reason);
    finished(changes.get(number), false, by);
    log.info("{} cancelled by {}: {}", number, by, reason);
  }

  /** A notification went out (worker {@code notify.send}). */
  public void notified(DelegateExecution execution) {
    audit.record(number(execution), actor(execution), AuditAction.NOTIFIED, NotificationAudit.detail(execution));
  }

  private void finished(Change change, boolean implemented, String actor) {
    if (change.problem() != null) {
      problems.changeFinished(change.problem(), change.number(), implemented, change.state().name(), actor);
    }
  }

  private List<String> cis(DelegateExecution execution) {
    String given = requiredText(execution, CIS, MAX_TEXT);
    Set<String> ids = new LinkedHashSet<>();
    for (String part : given.split("[,\\s]+")) {
      if (!part.isBlank()) {
        ids.add(part);
      }
    }
    if (ids.size() > MAX_CIS) {
      throw refusal(execution, CIS + ": at most " + MAX_CIS + " configuration items; split the change");
    }
    for (String ci : ids) {
      try {
        catalog.serviceOf(null, ci);
      } catch (ServiceCatalog.NotInCatalog refused) {
        throw refusal(execution, CIS + ": " + refused.getMessage().replaceFirst("^ci: ", ""));
      }
    }
    return new ArrayList<>(ids);
  }

  /** An ISO-8601 instant as the API gives it, or as a form's date-time field does (no seconds). */
  private static OffsetDateTime instant(VariableScope scope, String name) {
    Object value = scope.getVariable(name);
    OffsetDateTime time;
    if (value instanceof Date date) {
      time = date.toInstant().atOffset(ZoneOffset.UTC);
    } else {
      String text = requiredText(scope, name, 64);
      try {
        time = OffsetDateTime.parse(text).withOffsetSameInstant(ZoneOffset.UTC);
      } catch (DateTimeParseException e) {
        throw refusal(scope, name + ": '" + text + "' is not an ISO-8601 date and time with its offset (2026-12-08T22:00:00Z)");
      }
    }
    // The API checks this on the request; a form or /engine-rest hands the value straight to the process.
    if (!FourDigitYear.Validator.holds(time)) {
      throw refusal(scope, name + ": " + FourDigitYear.MESSAGE);
    }
    return time;
  }

  /** The requester's resolver group implements, when the request names none. */
  private static String requestersResolverGroup(DelegateExecution execution) {
    Authentication authentication = execution.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
    List<String> groups = authentication == null || authentication.getGroupIds() == null ? List.of() : authentication.getGroupIds();
    return groups.stream().filter(g -> VigilGroup.byId(g).filter(VigilGroup::isResolverGroup).isPresent()).findFirst()
        .orElseThrow(() -> refusal(execution, IMPLEMENTER_GROUP + ": required, one of " + VigilGroup.resolverGroupIds()));
  }

  /** Who completes a task: the authenticated user, else (a test, a script) its assignee. */
  private static String voter(DelegateTask task) {
    String actor = actor(task);
    return AuditTrail.SYSTEM.equals(actor) && task.getAssignee() != null ? task.getAssignee() : actor;
  }

  private OffsetDateTime now() {
    return OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
  }

  static String number(VariableScope scope) {
    return (String) scope.getVariable(CHANGE_NUMBER);
  }
}
