package io.vigil.incident;

import static io.vigil.incident.contract.IncidentProcess.Variables.*;
import static io.vigil.ticket.TicketInput.MAX_REASON;
import static io.vigil.ticket.TicketInput.MAX_TEXT;
import static io.vigil.ticket.TicketInput.MAX_TITLE;
import static io.vigil.ticket.TicketInput.actor;
import static io.vigil.ticket.TicketInput.optionalEnum;
import static io.vigil.ticket.TicketInput.optionalText;
import static io.vigil.ticket.TicketInput.refusal;
import static io.vigil.ticket.TicketInput.requiredEnum;
import static io.vigil.ticket.TicketInput.requiredText;
import static io.vigil.ticket.TicketInput.requiredYesNo;

import io.vigil.audit.AuditAction;
import io.vigil.audit.AuditTrail;
import io.vigil.catalog.ServiceCatalog;
import io.vigil.incident.contract.ClosureReason;
import io.vigil.incident.contract.EscalationType;
import io.vigil.incident.contract.IncidentProcess;
import io.vigil.incident.contract.Level;
import io.vigil.incident.contract.PendingReason;
import io.vigil.incident.contract.Priority;
import io.vigil.incident.contract.ResolutionCode;
import io.vigil.incident.contract.TriageOutcome;
import io.vigil.knowledge.KnowledgeArticle;
import io.vigil.knowledge.KnowledgeBase;
import io.vigil.knowledge.KnowledgeHit;
import io.vigil.notify.NotificationAudit;
import io.vigil.oncall.OnCallPaging;
import io.vigil.security.VigilGroup;
import io.vigil.sla.SlaService;
import io.vigil.ticket.TicketNumbers;
import io.vigil.ticket.TicketTasks;
import io.vigil.ticket.TicketType;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.task.Task;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * The one place where an incident ticket changes. The incident model names these methods on its
 * elements ({@code ${incidentTicket.routed(execution)}}), so each runs inside the engine transaction
 * that moves the process: the ticket, its audit trail and the process never disagree.
 *
 * <p>What is common to every ticket (its number, comments, audit trail, SLA clocks, task names and
 * dates, the refusal of bad input) comes from the ticket core in {@code io.vigil.ticket}; input from
 * forms and workers is checked with {@link io.vigil.ticket.TicketInput}, which refuses a bad value so
 * that Tasklist and the REST API show it as a 400 and the whole step rolls back.
 */
@Component("incidentTicket")
public class IncidentTicket {

  private static final int HISTORY_LINES = 12;
  private static final DateTimeFormatter HISTORY_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'");

  /** Decisions taken in a step's form: cleared when the step opens again, so the form starts blank. */
  private static final Map<String, List<String>> STEP_DECISIONS = Map.of(
      IncidentProcess.Elements.TRIAGE, List.of(TRIAGE_OUTCOME, REASSIGN_TO, REASSIGN_REASON, PENDING_REASON, PENDING_NOTE),
      IncidentProcess.Elements.PENDING, List.of(RESUME_NOTE),
      IncidentProcess.Elements.CONFIRM_RESOLUTION, List.of(CALLER_CONFIRMED, REOPEN_REASON),
      IncidentProcess.Elements.REVIEW_DUPLICATE, List.of(DUPLICATE_CONFIRMED));

  private static final Set<String> RESOLVER_STEPS = Set.of(
      IncidentProcess.Elements.TRIAGE, IncidentProcess.Elements.PENDING,
      IncidentProcess.Elements.RESOLVE, IncidentProcess.Elements.COMPLETE_CLOSURE_DATA);

  static final Pattern CHANGE_NUMBER_FORMAT = Pattern.compile("CHG-\\d{6}");

  private static final Logger log = LoggerFactory.getLogger(IncidentTicket.class);

  private final IncidentRepository incidents;
  private final TicketNumbers numbers;
  private final TicketTasks tasks;
  private final ServiceCatalog catalog;
  private final AuditTrail audit;
  private final IncidentMetrics metrics;
  private final SlaService sla;
  private final ApplicationEventPublisher events;
  private final ClosedIncidentIndex closedIncidents;
  private final KnowledgeBase knowledge;
  private final OnCallPaging paging;
  private final Clock clock;

  IncidentTicket(IncidentRepository incidents, TicketNumbers numbers, TicketTasks tasks, ServiceCatalog catalog, AuditTrail audit,
      IncidentMetrics metrics, SlaService sla, ApplicationEventPublisher events, ClosedIncidentIndex closedIncidents, KnowledgeBase knowledge, OnCallPaging paging,
      Clock clock) {
    this.incidents = incidents;
    this.numbers = numbers;
    this.tasks = tasks;
    this.catalog = catalog;
    this.audit = audit;
    this.metrics = metrics;
    this.sla = sla;
    this.events = events;
    this.closedIncidents = closedIncidents;
    this.knowledge = knowledge;
    this.paging = paging;
    this.clock = clock;
  }

  /** Start event: opens the ticket, gives it its number (the business key). */
  public void reported(DelegateExecution execution) {
    String title = requiredText(execution, TITLE, MAX_TITLE);
    String description = requiredText(execution, DESCRIPTION, MAX_TEXT);
    String caller = requiredText(execution, CALLER, 100);
    Level impact = optionalEnum(execution, IMPACT, Level.class);
    Level urgency = optionalEnum(execution, URGENCY, Level.class);
    String ci = optionalText(execution, CI, 64);
    String service = optionalText(execution, SERVICE, 64);
    try {
      service = catalog.serviceOf(service, ci);
    } catch (ServiceCatalog.NotInCatalog refused) {
      throw refusal(execution, refused.getMessage());
    }
    String reportedBy = optionalText(execution, REPORTED_BY, 100);
    if (reportedBy == null) {
      reportedBy = actor(execution);
    }
    String idempotencyKey = optionalText(execution, IDEMPOTENCY_KEY, 200);
    // Taken at prioritisation; checked now, so that a bad one is refused to whoever reports it.
    optionalEnum(execution, GIVEN_PRIORITY, Priority.class);

    String number = numbers.next(TicketType.INCIDENT);
    OffsetDateTime now = now();
    execution.setProcessBusinessKey(number);
    incidents.insert(new IncidentRepository.NewIncident(number, execution.getProcessInstanceId(), title, description,
        caller, reportedBy, idempotencyKey, service, ci, impact, urgency, now));

    execution.removeVariable(IDEMPOTENCY_KEY);
    execution.setVariable(INCIDENT_NUMBER, number);
    execution.setVariable(TITLE, title);
    execution.setVariable(DESCRIPTION, description);
    execution.setVariable(CALLER, caller);
    execution.setVariable(REPORTED_BY, reportedBy);
    execution.setVariable(IMPACT, impact == null ? null : impact.name());
    execution.setVariable(URGENCY, urgency == null ? null : urgency.name());
    execution.setVariable(SERVICE, service);
    execution.setVariable(CI, ci);
    execution.setVariable(REPORTED_AT, Date.from(now.toInstant()));
    execution.setVariable(TASK_PRIORITY, Priority.P3.taskPriority());
    execution.setVariable(REASSIGNMENT_HISTORY, "");
    audit.record(number, reportedBy, AuditAction.REPORTED, title + " (caller " + caller + ")");
    log.info("{} reported by {}: {}", number, reportedBy, title);
  }

  /** Classification done (worker {@code incident.classify}). */
  public void classified(DelegateExecution execution) {
    String number = number(execution);
    String category = requiredText(execution, CATEGORY, 32);
    String service = optionalText(execution, SERVICE, 64);
    Level impact = requiredEnum(execution, IMPACT, Level.class);
    Level urgency = requiredEnum(execution, URGENCY, Level.class);
    incidents.classified(number, category, service, impact, urgency);
    String note = optionalText(execution, CLASSIFICATION_NOTE, MAX_TEXT);
    audit.record(number, actor(execution), AuditAction.CLASSIFIED,
        "category " + category + ", service " + service + ", impact " + impact + ", urgency " + urgency
            + (note == null ? "" : " (" + note + ")"));
  }

  /** The classification found an open incident that looks the same. */
  public void possibleDuplicate(DelegateExecution execution) {
    classified(execution);
    String number = number(execution);
    String original = requiredText(execution, POSSIBLE_DUPLICATE_OF, 20);
    audit.record(number, actor(execution), AuditAction.POSSIBLE_DUPLICATE, "looks like " + original);
    log.info("{} may duplicate {}", number, original);
  }

  /**
   * Priority from {@code incident-priority.dmn}, unless whoever reported the incident gave one (a
   * heartbeat monitor, the alert storm): that one stands, whatever the table says.
   */
  public void prioritised(DelegateExecution execution) {
    String number = number(execution);
    Priority decided = requiredEnum(execution, PRIORITY, Priority.class);
    Priority given = optionalEnum(execution, GIVEN_PRIORITY, Priority.class);
    Priority priority = given == null ? decided : given;
    if (given != null) {
      execution.setVariable(PRIORITY, given.name());
    }
    execution.setVariable(TASK_PRIORITY, priority.taskPriority());
    incidents.prioritised(number, priority);
    String levels = "impact " + execution.getVariable(IMPACT) + ", urgency " + execution.getVariable(URGENCY);
    audit.record(number, actor(execution), AuditAction.PRIORITISED, given == null ? priority + " (" + levels + ")"
        : priority + " as given by " + execution.getVariable(REPORTED_BY) + " (incident-priority.dmn: " + decided + " for " + levels + ")");
    Date reportedAt = (Date) execution.getVariable(REPORTED_AT);
    sla.targetsFor(number, priority.name(), (String) execution.getVariable(SERVICE),
        reportedAt == null ? clock.instant() : reportedAt.toInstant(), actor(execution));
  }

  /**
   * A new priority from new impact and urgency: on the ticket and the open tasks, and the SLA clocks
   * re-based on its targets (time already worked and paused is kept). Raising an incident to P1 here
   * does not start the major-incident path, which is decided at routing.
   */
  public void reprioritised(DelegateExecution execution) {
    String number = number(execution);
    Priority before = incidents.get(number).priority();
    Priority priority = requiredEnum(execution, PRIORITY, Priority.class);
    Level impact = requiredEnum(execution, IMPACT, Level.class);
    Level urgency = requiredEnum(execution, URGENCY, Level.class);
    String reason = requiredText(execution, PRIORITY_CHANGE_REASON, MAX_REASON);
    String actor = requiredText(execution, PRIORITY_CHANGED_BY, 100);
    execution.setVariable(TASK_PRIORITY, priority.taskPriority());
    incidents.reprioritised(number, impact, urgency, priority);
    audit.record(number, actor, AuditAction.REPRIORITISED,
        before + " -> " + priority + " (impact " + impact + ", urgency " + urgency + "): " + reason);
    if (priority != before) {
      sla.targetsFor(number, priority.name(), (String) execution.getVariable(SERVICE), clock.instant(), actor);
    }
    tasks.refresh(number, priority.taskPriority());
    log.info("{} reprioritised {} -> {}", number, before, priority);
  }

  /**
   * Resolver group from {@code incident-routing.dmn}. A recovery that monitoring reported before
   * this (while the incident was classified or routed) is taken from the ticket, so that the
   * investigation resolves the incident as recovered instead of queueing it for triage.
   */
  public void routed(DelegateExecution execution) {
    String number = number(execution);
    String group = requiredText(execution, RESOLVER_GROUP, 64);
    if (VigilGroup.byId(group).filter(VigilGroup::isResolverGroup).isEmpty()) {
      throw new IllegalStateException("incident-routing.dmn routed " + number + " to '" + group
          + "', which is not a resolver group: " + VigilGroup.resolverGroupIds());
    }
    Priority priority = requiredEnum(execution, PRIORITY, Priority.class);
    incidents.routed(number, group);
    // Read after the update above holds the row: the intake holds it too while it remembers a recovery.
    incidents.takeRecovery(number).ifPresent(recovered -> {
      execution.setVariable(RECOVERY_NOTE, recovered.note());
      execution.setVariable(RECOVERED_BY, recovered.by());
    });
    appendHistory(execution, "routed to " + group);
    metrics.opened(priority, group);
    audit.record(number, actor(execution), AuditAction.ROUTED, group);
    Incident routed = incidents.get(number);
    events.publishEvent(new IncidentRouted(number, routed.ci(), routed.service(), routed.category(),
        routed.reportedAt().toInstant(), routed.problem()));
    log.info("{} routed to {} ({})", number, group, priority);
  }

  /**
   * A task opens: its Tasklist name carries the number and title ("INC-000042 Triage and
   * investigate: Checkout returns HTTP 500"), its due date is when the resolution target is reached
   * and its follow-up date the next SLA threshold, and the decisions of an earlier pass are cleared.
   */
  public void opened(DelegateTask task) {
    tasks.opened(task, number(task), (String) task.getVariable(TITLE));
    STEP_DECISIONS.getOrDefault(task.getTaskDefinitionKey(), List.of()).forEach(task::removeVariable);
    if (IncidentProcess.Elements.TRIAGE.equals(task.getTaskDefinitionKey())) {
      suggestArticles(task);
    }
  }

  /** The known errors and articles that match the incident's words, for the triage form; nothing when none does. */
  private void suggestArticles(DelegateTask task) {
    List<KnowledgeHit> hits = knowledge.search(task.getVariable(TITLE) + " " + task.getVariable(DESCRIPTION),
        IncidentService.SUGGESTED_ARTICLES);
    if (hits.isEmpty()) {
      return;
    }
    List<String> lines = new ArrayList<>();
    for (KnowledgeHit hit : hits) {
      String line = "Article " + hit.id() + (hit.problem() == null ? "" : " (" + hit.problem() + ")") + ": " + hit.title()
          + ". Workaround: " + hit.workaround().replaceAll("\\s+", " ");
      lines.add(line.length() > 600 ? line.substring(0, 599) + "…" : line);
    }
    task.setVariableLocal(SUGGESTED_ARTICLES, String.join("\n", lines));
  }

  /** Triage task claimed or unclaimed: claiming is the acknowledgement. */
  public void acknowledged(DelegateTask task) {
    String number = number(task);
    String assignee = task.getAssignee();
    if (assignee == null) {
      incidents.unassigned(number);
      return;
    }
    acknowledge(task, number, assignee);
  }

  private void acknowledge(DelegateTask task, String number, String analyst) {
    OffsetDateTime now = now();
    if (task.getVariable(ACKNOWLEDGED_AT) == null) {
      task.setVariable(ACKNOWLEDGED_AT, Date.from(now.toInstant()));
    }
    incidents.acknowledged(number, analyst, now);
    audit.record(number, actor(task), AuditAction.ACKNOWLEDGED, "taken by " + analyst);
    sla.acknowledged(number, actor(task));
    paging.acknowledge(number, analyst);
  }

  /** Triage form submitted: checks the decision before the gateway acts on it. */
  public void triaged(DelegateTask task) {
    String number = number(task);
    TriageOutcome outcome = requiredEnum(task, TRIAGE_OUTCOME, TriageOutcome.class);
    String analyst = task.getAssignee() != null ? task.getAssignee() : actor(task);
    if (task.getVariable(ACKNOWLEDGED_AT) == null) {
      acknowledge(task, number, analyst);
    }
    task.setVariable(TRIAGE_ANALYST, analyst);
    switch (outcome) {
      case REASSIGN -> {
        String to = requiredText(task, REASSIGN_TO, 64);
        if (VigilGroup.byId(to).filter(VigilGroup::isResolverGroup).isEmpty()) {
          throw refusal(task, REASSIGN_TO + ": '" + to + "' is not a resolver group; expected one of " + VigilGroup.resolverGroupIds());
        }
        if (to.equals(task.getVariable(RESOLVER_GROUP))) {
          throw refusal(task, REASSIGN_TO + ": the incident is already with " + to);
        }
        requiredText(task, REASSIGN_REASON, MAX_REASON);
      }
      case PENDING -> {
        PendingReason reason = requiredEnum(task, PENDING_REASON, PendingReason.class);
        if (reason == PendingReason.AWAITING_PROBLEM && incidents.get(number).problem() == null) {
          throw refusal(task, PENDING_REASON + ": " + number + " belongs to no problem; a problem manager links it first");
        }
        optionalText(task, PENDING_NOTE, MAX_TEXT);
      }
      case RESOLVE -> { }
    }
    String causedBy = optionalText(task, CAUSED_BY_CHANGE, 20);
    if (causedBy != null) {
      if (!CHANGE_NUMBER_FORMAT.matcher(causedBy).matches()) {
        throw refusal(task, CAUSED_BY_CHANGE + ": '" + causedBy + "' is not a change number (CHG-000042)");
      }
      events.publishEvent(new IncidentCausedByChange(number, causedBy, analyst));
    }
  }

  /** Reassigned from the triage form. */
  public void reassigned(DelegateExecution execution) {
    String from = (String) execution.getVariable(RESOLVER_GROUP);
    String to = requiredText(execution, REASSIGN_TO, 64);
    String reason = requiredText(execution, REASSIGN_REASON, MAX_REASON);
    move(execution, Reassignment.Kind.REASSIGNED, from, to, reason);
    audit.record(number(execution), actor(execution), AuditAction.REASSIGNED, from + " -> " + to + ": " + reason);
    log.info("{} reassigned from {} to {}: {}", number(execution), from, to, reason);
  }

  private void move(DelegateExecution execution, Reassignment.Kind kind, String from, String to, String reason) {
    String actor = actor(execution);
    execution.setVariable(RESOLVER_GROUP, to);
    execution.setVariable(TRIAGE_ANALYST, null);
    appendHistory(execution, (kind == Reassignment.Kind.ESCALATED ? "escalated " : "reassigned ")
        + from + " -> " + to + " by " + actor + ": " + reason);
    incidents.reassigned(number(execution), new Reassignment(kind, from, to, reason, actor, now()));
  }

  /** Pending task opened: the incident waits (and its SLA clock pauses). */
  public void pending(DelegateTask task) {
    String number = number(task);
    PendingReason reason = requiredEnum(task, PENDING_REASON, PendingReason.class);
    incidents.pending(number, reason);
    String note = optionalText(task, PENDING_NOTE, MAX_TEXT);
    audit.record(number, actor(task), AuditAction.PENDING, reason + (note == null ? "" : ": " + note));
    sla.paused(number, reason.name(), actor(task));
  }

  /** Pending task completed: back to work. */
  public void resumed(DelegateTask task) {
    String number = number(task);
    incidents.resumed(number);
    String note = optionalText(task, RESUME_NOTE, MAX_TEXT);
    audit.record(number, actor(task), AuditAction.RESUMED, note);
    sla.resumed(number, actor(task));
  }

  /** Resolve form submitted (also the form that completes refused closure data). */
  public void resolved(DelegateTask task) {
    String number = number(task);
    ResolutionCode code = requiredEnum(task, RESOLUTION_CODE, ResolutionCode.class);
    String notes = requiredText(task, RESOLUTION_NOTES, MAX_TEXT);
    boolean rootCauseAnalysisNeeded = Boolean.TRUE.equals(task.getVariable(ROOT_CAUSE_ANALYSIS_NEEDED));
    OffsetDateTime now = now();
    task.setVariable(RESOLVED_AT, Date.from(now.toInstant()));
    task.setVariable(ROOT_CAUSE_ANALYSIS_NEEDED, rootCauseAnalysisNeeded);
    incidents.resolved(number, code, notes, rootCauseAnalysisNeeded, now);
    audit.record(number, actor(task), AuditAction.RESOLVED,
        code + (rootCauseAnalysisNeeded ? " (root-cause analysis needed)" : "") + ": " + notes);
    sla.resolved(number, actor(task));
    if (code == ResolutionCode.WORKAROUND && task.getVariable(KNOWLEDGE_ARTICLE) != null) {
      workaroundApplied(task, number);
    }
    if (rootCauseAnalysisNeeded) {
      Incident incident = incidents.get(number);
      events.publishEvent(new RootCauseAnalysisRequested(number, incident.title(), incident.description(), incident.service(),
          incident.ci(), actor(task)));
    }
    log.info("{} resolved by {}: {}", number, actor(task), code);
  }

  /** The analyst applied an article's workaround: the incident belongs to its known error's problem. */
  private void workaroundApplied(DelegateTask task, String number) {
    Object given = task.getVariable(KNOWLEDGE_ARTICLE);
    long id;
    try {
      id = given instanceof Number n ? n.longValue() : Long.parseLong(String.valueOf(given).trim());
    } catch (NumberFormatException e) {
      throw refusal(task, KNOWLEDGE_ARTICLE + ": '" + given + "' is not an article number");
    }
    KnowledgeArticle article = knowledge.article(id)
        .orElseThrow(() -> refusal(task, KNOWLEDGE_ARTICLE + ": no knowledge article " + id));
    if (article.problem() != null) {
      events.publishEvent(new WorkaroundApplied(number, id, article.problem(), actor(task)));
    }
  }

  /** The service desk recorded the caller's answer. */
  public void confirmationAnswered(DelegateTask task) {
    boolean confirmed = requiredYesNo(task, CALLER_CONFIRMED);
    if (confirmed) {
      task.setVariable(CLOSURE_REASON, ClosureReason.CONFIRMED.name());
      audit.record(number(task), actor(task), AuditAction.CALLER_CONFIRMED, "service restored for the caller");
    } else {
      requiredText(task, REOPEN_REASON, MAX_REASON);
    }
  }

  /** The service desk decided whether a report duplicates an open incident. */
  public void duplicateReviewed(DelegateTask task) {
    requiredYesNo(task, DUPLICATE_CONFIRMED);
  }

  /** The caller did not answer in time. */
  public void autoClosing(DelegateExecution execution) {
    execution.setVariable(CLOSURE_REASON, ClosureReason.AUTO_CLOSED.name());
    audit.record(number(execution), AuditTrail.SYSTEM, AuditAction.AUTO_CLOSING, "no answer from the caller");
  }

  /** The caller still has the problem. */
  public void reopened(DelegateExecution execution) {
    String number = number(execution);
    String reason = requiredText(execution, REOPEN_REASON, MAX_REASON);
    execution.removeVariable(RESOLVED_AT);
    execution.removeVariable(CLOSURE_REASON);
    incidents.reopened(number);
    appendHistory(execution, "reopened by " + actor(execution) + ": " + reason);
    audit.record(number, actor(execution), AuditAction.REOPENED, reason);
    sla.reopened(number, actor(execution));
    log.info("{} reopened: {}", number, reason);
  }

  /**
   * Monitoring recovered before anyone took the incident: resolved as {@code RECOVERED} with the
   * monitoring's note, clocks stopped; the process goes on to closure without a caller to ask.
   */
  public void autoResolved(DelegateExecution execution) {
    String number = number(execution);
    String note = requiredText(execution, RECOVERY_NOTE, MAX_TEXT);
    String actor = requiredText(execution, RECOVERED_BY, 100);
    String notes = "Resolved by monitoring: " + note;
    OffsetDateTime now = now();
    execution.setVariable(RESOLUTION_CODE, ResolutionCode.RECOVERED.name());
    execution.setVariable(RESOLUTION_NOTES, notes);
    execution.setVariable(CLOSURE_REASON, ClosureReason.AUTO_RESOLVED.name());
    execution.setVariable(RESOLVED_AT, Date.from(now.toInstant()));
    incidents.resolved(number, ResolutionCode.RECOVERED, notes, false, now);
    audit.record(number, actor, AuditAction.AUTO_RESOLVED, note);
    sla.resolved(number, actor);
    paging.withdraw(number);
    log.info("{} resolved by monitoring: {}", number, note);
  }

  /**
   * The incident's problem is fixed and resolves it: resolved with the problem's fix as the notes,
   * clocks stopped; the process goes on to closure without a caller to ask.
   */
  public void resolvedByProblem(DelegateExecution execution) {
    String number = number(execution);
    String problem = requiredText(execution, PROBLEM_NUMBER, 20);
    String fix = requiredText(execution, PROBLEM_FIX, MAX_TEXT);
    String notes = "Resolved by " + problem + ": " + fix;
    OffsetDateTime now = now();
    execution.setVariable(RESOLUTION_CODE, ResolutionCode.FIXED.name());
    execution.setVariable(RESOLUTION_NOTES, notes);
    execution.setVariable(CLOSURE_REASON, ClosureReason.RESOLVED_BY_PROBLEM.name());
    execution.setVariable(RESOLVED_AT, Date.from(now.toInstant()));
    incidents.resolved(number, ResolutionCode.FIXED, notes, false, now);
    audit.record(number, actor(execution), AuditAction.RESOLVED_BY_PROBLEM, notes);
    sla.resolved(number, actor(execution));
    paging.withdraw(number);
    log.info("{} resolved by {}", number, problem);
  }

  /** The incident waited for its problem, whose fix is in: back to triage, for its group to check and resolve it. */
  public void resumedByProblem(DelegateExecution execution) {
    String number = number(execution);
    String problem = requiredText(execution, PROBLEM_NUMBER, 20);
    incidents.resumed(number);
    audit.record(number, actor(execution), AuditAction.RESUMED, problem + " is fixed: " + execution.getVariable(PROBLEM_FIX));
    sla.resumed(number, actor(execution));
  }

  /** The service desk confirmed the duplicate. */
  public void resolvedAsDuplicate(DelegateExecution execution) {
    String number = number(execution);
    String original = requiredText(execution, POSSIBLE_DUPLICATE_OF, 20);
    String notes = "Duplicate of " + original;
    OffsetDateTime now = now();
    if (execution.getVariable(RESOLVER_GROUP) == null) {
      execution.setVariable(RESOLVER_GROUP, VigilGroup.SERVICE_DESK.id());
    }
    execution.setVariable(RESOLUTION_CODE, ResolutionCode.DUPLICATE.name());
    execution.setVariable(RESOLUTION_NOTES, notes);
    execution.setVariable(CLOSURE_REASON, ClosureReason.DUPLICATE.name());
    execution.setVariable(RESOLVED_AT, Date.from(now.toInstant()));
    incidents.resolvedAsDuplicate(number, original, VigilGroup.SERVICE_DESK.id(), notes, now);
    audit.record(number, actor(execution), AuditAction.RESOLVED_AS_DUPLICATE, notes);
    log.info("{} resolved as duplicate of {}", number, original);
  }

  /** The incident manager closed the major-incident coordination. */
  public void majorIncidentCoordinated(DelegateTask task) {
    String summary = requiredText(task, MAJOR_INCIDENT_SUMMARY, MAX_TEXT);
    audit.record(number(task), actor(task), AuditAction.MAJOR_INCIDENT_COORDINATED, summary);
  }

  /** A notification went out (worker {@code notify.send}). */
  public void notified(DelegateExecution execution) {
    audit.record(number(execution), actor(execution), AuditAction.NOTIFIED, NotificationAudit.detail(execution));
  }

  /**
   * An SLA threshold was escalated (worker {@code incident.escalate}). A functional escalation moves
   * the open resolver work to the next-tier group at once; a hierarchical one goes on to notify.
   */
  public void escalated(DelegateExecution execution) {
    String number = number(execution);
    EscalationType type = requiredEnum(execution, ESCALATION_TYPE, EscalationType.class);
    String clock = String.valueOf(execution.getVariable(SLA_CLOCK));
    String threshold = String.valueOf(execution.getVariable(SLA_THRESHOLD));
    int level = execution.getVariable(ESCALATION_LEVEL) instanceof Number n ? n.intValue() : 0;
    String from = (String) execution.getVariable(RESOLVER_GROUP);
    String detail = clock + " SLA at " + threshold + "%: " + type;
    if (type == EscalationType.FUNCTIONAL) {
      String to = requiredText(execution, ESCALATION_GROUP, 64);
      if (VigilGroup.byId(to).filter(VigilGroup::isResolverGroup).isEmpty()) {
        throw new IllegalStateException("escalation group '" + to + "' is not a resolver group");
      }
      if (from != null && !to.equals(from)) {
        move(execution, Reassignment.Kind.ESCALATED, from, to, detail);
        moveOpenWork(execution, from, to);
      }
      detail += " -> " + to;
    }
    // Thresholds escalate concurrently and may decide on a level another escalation has passed since:
    // the level only ever rises.
    level = Math.max(level, incidents.get(number).escalationLevel());
    incidents.escalated(number, level);
    audit.record(number, actor(execution), AuditAction.ESCALATED, detail);
    log.info("{} escalated ({}), level {}", number, detail, level);
  }

  private void moveOpenWork(DelegateExecution execution, String from, String to) {
    TaskService taskService = execution.getProcessEngineServices().getTaskService();
    for (Task task : taskService.createTaskQuery().processInstanceId(execution.getProcessInstanceId()).list()) {
      if (!RESOLVER_STEPS.contains(task.getTaskDefinitionKey())) {
        continue;
      }
      boolean candidate = taskService.getIdentityLinksForTask(task.getId()).stream()
          .anyMatch(l -> IdentityLinkType.CANDIDATE.equals(l.getType()) && from.equals(l.getGroupId()));
      if (candidate) {
        taskService.deleteCandidateGroup(task.getId(), from);
      }
      taskService.addCandidateGroup(task.getId(), to);
      if (IncidentProcess.Elements.TRIAGE.equals(task.getTaskDefinitionKey()) && task.getAssignee() != null) {
        taskService.setAssignee(task.getId(), null);
      }
    }
  }

  /** The close worker refused: resolution not documented well enough. */
  public void closureRefused(DelegateExecution execution) {
    audit.record(number(execution), actor(execution), AuditAction.CLOSURE_REFUSED,
        String.valueOf(execution.getVariable(CLOSURE_PROBLEM)));
  }

  /** Closed (worker {@code incident.close}). */
  public void closed(DelegateExecution execution) {
    String number = number(execution);
    ClosureReason reason = requiredEnum(execution, CLOSURE_REASON, ClosureReason.class);
    Long timeToAcknowledge = seconds(execution.getVariable(TIME_TO_ACKNOWLEDGE));
    Long timeToResolve = seconds(execution.getVariable(TIME_TO_RESOLVE));
    incidents.closed(number, reason, timeToAcknowledge, timeToResolve, now());
    Priority priority = optionalEnum(execution, PRIORITY, Priority.class);
    metrics.closed(priority, (String) execution.getVariable(RESOLVER_GROUP), reason);
    audit.record(number, actor(execution), AuditAction.CLOSED,
        reason + ", time to acknowledge " + timeToAcknowledge + " s, time to resolve " + timeToResolve + " s");
    sla.closed(number, actor(execution));
    closedIncidents.closed(number);
    log.info("{} closed ({})", number, reason);
  }

  private void appendHistory(VariableScope scope, String line) {
    String history = (String) scope.getVariable(REASSIGNMENT_HISTORY);
    List<String> lines = new ArrayList<>(history == null || history.isEmpty() ? List.of() : Arrays.asList(history.split("\n")));
    String entry = now().format(HISTORY_TIME) + "  " + line;
    lines.add(entry.length() > 300 ? entry.substring(0, 300) : entry);
    while (lines.size() > HISTORY_LINES) {
      lines.remove(0);
    }
    scope.setVariable(REASSIGNMENT_HISTORY, String.join("\n", lines));
  }

  private OffsetDateTime now() {
    return OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
  }

  private static String number(VariableScope scope) {
    return (String) scope.getVariable(INCIDENT_NUMBER);
  }

  private static Long seconds(Object value) {
    return value instanceof Number n ? n.longValue() : null;
  }
}
