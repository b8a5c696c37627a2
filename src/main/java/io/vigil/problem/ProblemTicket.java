package io.vigil.problem;

import static io.vigil.problem.contract.ProblemProcess.Variables.*;
import static io.vigil.ticket.TicketInput.MAX_REASON;
import static io.vigil.ticket.TicketInput.MAX_TEXT;
import static io.vigil.ticket.TicketInput.MAX_TITLE;
import static io.vigil.ticket.TicketInput.actor;
import static io.vigil.ticket.TicketInput.optionalEnum;
import static io.vigil.ticket.TicketInput.optionalText;
import static io.vigil.ticket.TicketInput.refusal;
import static io.vigil.ticket.TicketInput.requiredEnum;
import static io.vigil.ticket.TicketInput.requiredText;
import static io.vigil.ticket.TicketInput.shortened;

import io.vigil.audit.AuditAction;
import io.vigil.audit.AuditTrail;
import io.vigil.catalog.ServiceCatalog;
import io.vigil.incident.Incident;
import io.vigil.incident.IncidentProblems;
import io.vigil.incident.contract.Priority;
import io.vigil.knowledge.KnowledgeBase;
import io.vigil.notify.NotificationAudit;
import io.vigil.problem.contract.Assessment;
import io.vigil.problem.contract.IncidentHandling;
import io.vigil.problem.contract.ProblemOrigin;
import io.vigil.problem.contract.ProblemProcess;
import io.vigil.sla.SlaClock;
import io.vigil.sla.SlaService;
import io.vigil.ticket.TicketNumbers;
import io.vigil.ticket.TicketTasks;
import io.vigil.ticket.TicketType;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.spin.plugin.variable.SpinValues;
import org.camunda.spin.Spin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * The one place where a problem ticket changes. The problem model names these methods on its
 * elements ({@code ${problemTicket.assessed(task)}}), so each runs inside the engine transaction
 * that moves the process: the ticket, its audit trail, its incidents' links and the process never
 * disagree. Numbers, audit, SLA clocks, task names and dates and the refusal of bad input come from
 * the ticket core, as for incidents.
 */
@Component("problemTicket")
public class ProblemTicket {

  static final Pattern INCIDENT_NUMBER_FORMAT = Pattern.compile("INC-\\d{6}");
  static final Pattern CHANGE_NUMBER_FORMAT = Pattern.compile("CHG-\\d{6}");

  /** Decisions taken in a step's form: cleared when the step opens, so the form starts blank. */
  private static final Map<String, List<String>> STEP_DECISIONS = Map.of(
      ProblemProcess.Elements.ASSESS, List.of(ASSESSMENT, REJECTION_REASON),
      ProblemProcess.Elements.REQUEST_FIX_CHANGE, List.of(CHANGE_NUMBER));

  private static final Logger log = LoggerFactory.getLogger(ProblemTicket.class);

  private final ProblemRepository problems;
  private final IncidentProblems incidents;
  private final TicketNumbers numbers;
  private final TicketTasks tasks;
  private final ServiceCatalog catalog;
  private final CauseCategories causes;
  private final KnowledgeBase knowledge;
  private final AuditTrail audit;
  private final SlaService sla;
  private final ApplicationEventPublisher events;
  private final Clock clock;

  ProblemTicket(ProblemRepository problems, IncidentProblems incidents, TicketNumbers numbers, TicketTasks tasks,
      ServiceCatalog catalog, CauseCategories causes, KnowledgeBase knowledge, AuditTrail audit, SlaService sla,
      ApplicationEventPublisher events, Clock clock) {
    this.problems = problems;
    this.incidents = incidents;
    this.numbers = numbers;
    this.tasks = tasks;
    this.catalog = catalog;
    this.causes = causes;
    this.knowledge = knowledge;
    this.audit = audit;
    this.sla = sla;
    this.events = events;
    this.clock = clock;
  }

  /**
   * Start event: opens the ticket, gives it its number (the business key), links its incidents and
   * starts its SLA clocks. A configuration item has at most one open problem: opening a second is
   * refused, naming the first, which the incidents should join instead.
   */
  public void opened(DelegateExecution execution) {
    String title = requiredText(execution, TITLE, MAX_TITLE);
    String description = requiredText(execution, DESCRIPTION, MAX_TEXT);
    String ci = optionalText(execution, CI, 64);
    String service = optionalText(execution, SERVICE, 64);
    try {
      service = catalog.serviceOf(service, ci);
    } catch (ServiceCatalog.NotInCatalog refused) {
      throw refusal(execution, refused.getMessage());
    }
    String open = ci == null ? null : problems.openProblemOfCi(ci).orElse(null);
    if (open != null) {
      throw refusal(execution, "ci: " + ci + " has an open problem, " + open + ": link the incidents to it");
    }
    ProblemOrigin origin = optionalEnum(execution, ORIGIN, ProblemOrigin.class);
    origin = origin == null ? ProblemOrigin.MANUAL : origin;
    String openedBy = optionalText(execution, OPENED_BY, 100);
    openedBy = openedBy == null ? actor(execution) : openedBy;
    List<Incident> linked = incidentsToLink(execution);
    Priority priority = linked.stream().map(Incident::priority).filter(p -> p != null)
        .min(Comparator.naturalOrder()).orElse(Priority.P3);

    String number = numbers.next(TicketType.PROBLEM);
    OffsetDateTime now = now();
    execution.setProcessBusinessKey(number);
    problems.insert(new ProblemRepository.NewProblem(number, execution.getProcessInstanceId(), origin, title, description,
        service, ci, priority, openedBy, now));
    if (ci != null) {
      problems.holdOpenProblemOfCi(ci, number);
    }
    audit.record(number, openedBy, AuditAction.REPORTED, title + " (" + origin.name().toLowerCase() + ", " + priority + ")");
    for (Incident incident : linked) {
      link(execution, number, incident.number(), openedBy);
    }

    execution.removeVariable(INCIDENTS);
    execution.setVariable(PROBLEM_NUMBER, number);
    execution.setVariable(TITLE, title);
    execution.setVariable(DESCRIPTION, description);
    execution.setVariable(SERVICE, service);
    execution.setVariable(CI, ci);
    execution.setVariable(ORIGIN, origin.name());
    execution.setVariable(OPENED_BY, openedBy);
    execution.setVariable(PRIORITY, priority.name());
    execution.setVariable(TASK_PRIORITY, priority.taskPriority());
    sla.targetsFor(number, ProblemProcess.SLA_DECISION, priority.name(), service, now.toInstant(), openedBy);
    log.info("{} opened by {} ({}): {}", number, openedBy, origin, title);
  }

  /** Links an incident to the open problem: refused, naming the field, when it cannot be. */
  private void link(VariableScope scope, String problem, String incident, String actor) {
    switch (incidents.link(incident, problem, actor)) {
      case LINKED -> audit.record(problem, actor, AuditAction.INCIDENT_LINKED, incident);
      case ALREADY_LINKED -> { }
      case NO_SUCH_INCIDENT -> throw refusal(scope, "incidents: no incident " + incident);
      case LINKED_ELSEWHERE -> throw refusal(scope, "incidents: " + incident + " belongs to "
          + incidents.find(incident).map(Incident::problem).orElse("another problem"));
    }
  }

  private List<Incident> incidentsToLink(DelegateExecution execution) {
    String given = optionalText(execution, INCIDENTS, MAX_TEXT);
    if (given == null) {
      return List.of();
    }
    Set<String> numbersGiven = new LinkedHashSet<>();
    for (String part : given.split("[,\\s]+")) {
      if (part.isBlank()) {
        continue;
      }
      if (!INCIDENT_NUMBER_FORMAT.matcher(part).matches()) {
        throw refusal(execution, "incidents: '" + part + "' is not an incident number (INC-000042)");
      }
      numbersGiven.add(part);
    }
    List<Incident> found = new ArrayList<>();
    for (String number : numbersGiven) {
      found.add(incidents.find(number).orElseThrow(() -> refusal(execution, "incidents: no incident " + number)));
    }
    return found;
  }

  /** A task opens: its Tasklist name carries the number and title, its dates follow the SLA, its decisions start blank. */
  public void taskOpened(DelegateTask task) {
    tasks.opened(task, number(task), (String) task.getVariable(TITLE));
    STEP_DECISIONS.getOrDefault(task.getTaskDefinitionKey(), List.of()).forEach(task::removeVariable);
    if (ProblemProcess.Elements.ANALYSE_ROOT_CAUSE.equals(task.getTaskDefinitionKey())) {
      List<Map<String, String>> choices = causes.forService((String) task.getVariable(SERVICE)).stream()
          .map(cause -> Map.of("label", cause.label(), "value", cause.value()))
          .toList();
      task.setVariableLocal(CAUSE_CATEGORIES, SpinValues.jsonValue(Spin.JSON(choices)).create());
    }
  }

  /** The problem managers accepted the problem (with its priority) or found it is not one. */
  public void assessed(DelegateTask task) {
    String number = number(task);
    Assessment assessment = requiredEnum(task, ASSESSMENT, Assessment.class);
    if (assessment == Assessment.REJECT) {
      requiredText(task, REJECTION_REASON, MAX_REASON);
      return;
    }
    Problem problem = problems.get(number);
    Priority priority = optionalEnum(task, PRIORITY, Priority.class);
    priority = priority == null ? problem.priority() : priority;
    problems.assessed(number, priority, actor(task));
    task.setVariable(PRIORITY, priority.name());
    task.setVariable(TASK_PRIORITY, priority.taskPriority());
    if (priority != problem.priority()) {
      sla.targetsFor(number, ProblemProcess.SLA_DECISION, priority.name(), problem.service(), clock.instant(), actor(task));
    }
    audit.record(number, actor(task), AuditAction.ACCEPTED, priority + (priority != problem.priority() ? " (was " + problem.priority() + ")" : ""));
  }

  /** Not a problem: closed as rejected, its clocks stopped, its incidents and its item free again. */
  public void rejected(DelegateExecution execution) {
    String number = number(execution);
    String reason = requiredText(execution, REJECTION_REASON, MAX_REASON);
    String actor = actor(execution);
    problems.rejected(number, reason, actor);
    problems.releaseOpenProblemOfCi(number);
    for (Incident incident : incidents.of(number)) {
      incidents.unlink(incident.number(), number, actor, "the problem was rejected");
      audit.record(number, actor, AuditAction.INCIDENT_UNLINKED, incident.number());
    }
    sla.closed(number, actor);
    audit.record(number, actor, AuditAction.REJECTED, reason);
    log.info("{} rejected: {}", number, reason);
  }

  /** The root-cause analysis worker gathered the evidence (worker {@code problem.rca}). */
  public void evidenceGathered(DelegateExecution execution) {
    String evidence = optionalText(execution, GATHERED_EVIDENCE, MAX_TEXT);
    audit.record(number(execution), actor(execution), AuditAction.EVIDENCE_GATHERED,
        evidence == null ? "nothing found" : evidence.lines().count() + " lines for the analyst");
  }

  /** The analyst recorded the root cause: its category must be one the owner's table offers for the service. */
  public void rootCauseFound(DelegateTask task) {
    String number = number(task);
    String category = requiredText(task, CAUSE_CATEGORY, 64);
    List<CauseCategories.Cause> offered = causes.forService((String) task.getVariable(SERVICE));
    if (offered.stream().noneMatch(cause -> cause.value().equals(category))) {
      throw refusal(task, CAUSE_CATEGORY + ": '" + category + "' is not one of "
          + offered.stream().map(CauseCategories.Cause::value).toList());
    }
    String rootCause = requiredText(task, ROOT_CAUSE, MAX_TEXT);
    String fiveWhys = optionalText(task, FIVE_WHYS, MAX_TEXT);
    String evidence = optionalText(task, EVIDENCE, MAX_TEXT);
    String correctiveAction = requiredText(task, CORRECTIVE_ACTION, MAX_TEXT);
    problems.rootCauseFound(number, category, rootCause, fiveWhys, evidence, correctiveAction);
    audit.record(number, actor(task), AuditAction.ROOT_CAUSE_FOUND, category + ": " + rootCause);
  }

  /** Symptoms and workaround recorded: the known error is published and its clock stops. */
  public void knownErrorRecorded(DelegateTask task) {
    String number = number(task);
    String symptoms = requiredText(task, SYMPTOMS, MAX_TEXT);
    String workaround = requiredText(task, WORKAROUND, MAX_TEXT);
    Problem problem = problems.get(number);
    problems.knownError(number, workaround);
    long article = knowledge.publish(new KnowledgeBase.KnownError(number, problem.title(), symptoms, problem.rootCause(),
        workaround, problem.service(), problem.ci(), actor(task)));
    sla.reached(number, SlaClock.Kind.KNOWN_ERROR, actor(task));
    audit.record(number, actor(task), AuditAction.KNOWN_ERROR_PUBLISHED, "knowledge article " + article + ": " + workaround);
  }

  /**
   * The fix step: what the fix is, what happens to the open incidents once it is in production, and
   * the change that brings it, raised now from the form's fields or adopted (a change raised for this
   * problem already). The problem then waits for that change.
   */
  public void fixChangeRequested(DelegateTask task) {
    String number = number(task);
    String notes = requiredText(task, FIX_NOTES, MAX_TEXT);
    IncidentHandling handling = requiredEnum(task, INCIDENT_HANDLING, IncidentHandling.class);
    String existing = optionalText(task, CHANGE_NUMBER, 20);
    if (existing != null && !CHANGE_NUMBER_FORMAT.matcher(existing).matches()) {
      throw refusal(task, CHANGE_NUMBER + ": '" + existing + "' is not a change number (CHG-000042)");
    }
    Problem problem = problems.get(number);
    String actor = actor(task);
    events.publishEvent(new FixChangeRequested(number, existing, shortened("Fix for " + number + ": " + problem.title(), MAX_TITLE), notes,
        optionalText(task, FIX_CHANGE_TYPE, 20), optionalText(task, FIX_CIS, MAX_TEXT), optionalText(task, FIX_PLANNED_START, 64),
        optionalText(task, FIX_PLANNED_END, 64), optionalText(task, FIX_IMPLEMENTATION_PLAN, MAX_TEXT),
        optionalText(task, FIX_BACKOUT_PLAN, MAX_TEXT), optionalText(task, FIX_TEST_EVIDENCE, MAX_TEXT),
        optionalText(task, FIX_IMPLEMENTER_GROUP, 64), optionalText(task, FIX_EXCEPTION_REASON, MAX_REASON), actor));
    String change = problems.get(number).change();
    if (change == null || (existing != null && !existing.equals(change))) {
      throw new IllegalStateException(number + ": no change was raised for the fix");
    }
    problems.fixRequested(number, notes, handling);
    task.setVariable(CHANGE_NUMBER, change);
    audit.record(number, actor, AuditAction.FIX_STARTED, change + ": " + notes + " (open incidents once it is in: "
        + handling.name().toLowerCase().replace('_', ' ') + ")");
  }

  /** The fix change finished without bringing the fix: the fix step opens again. */
  public void fixNotInPlace(DelegateExecution execution) {
    String number = number(execution);
    problems.fixChangeFailed(number);
    audit.record(number, actor(execution), AuditAction.FIX_IMPLEMENTED, "not in production: "
        + execution.getVariable(CHANGE_NUMBER) + " did not bring it; a new change is needed");
  }

  /** The fix change was implemented and closed. */
  public void fixInPlace(DelegateExecution execution) {
    String number = number(execution);
    audit.record(number, actor(execution), AuditAction.FIX_IMPLEMENTED, execution.getVariable(CHANGE_NUMBER) + " implemented");
  }

  /**
   * The problem is resolved: its clocks stop and its item is free for a new problem. Its open
   * incidents are resolved by it, or their groups are told (and those waiting for it resume), as
   * the fix form chose.
   */
  public void resolveIncidents(DelegateExecution execution) {
    String number = number(execution);
    String actor = actor(execution);
    Problem problem = problems.get(number);
    boolean resolve = problem.incidentHandling() == IncidentHandling.RESOLVE;
    Map<IncidentProblems.Fix, List<String>> outcomes = new EnumMap<>(IncidentProblems.Fix.class);
    for (Incident incident : incidents.of(number)) {
      IncidentProblems.Fix fix = incidents.fixed(incident.number(), number, problem.fixNotes(), resolve, actor);
      outcomes.computeIfAbsent(fix, f -> new ArrayList<>()).add(incident.number());
    }
    problems.resolved(number);
    problems.releaseOpenProblemOfCi(number);
    sla.resolved(number, actor);
    StringBuilder detail = new StringBuilder("fix in place");
    outcomes.forEach((fix, numbers) -> detail.append("; ").append(fix.name().toLowerCase().replace('_', ' ')).append(": ")
        .append(String.join(", ", numbers)));
    audit.record(number, actor, AuditAction.RESOLVED, detail.toString());
    log.info("{} resolved ({})", number, detail);
  }

  /** The problem managers reviewed the resolved problem. */
  public void reviewed(DelegateTask task) {
    String number = number(task);
    String notes = requiredText(task, REVIEW_NOTES, MAX_TEXT);
    problems.reviewed(number, notes);
    audit.record(number, actor(task), AuditAction.REVIEWED, notes);
  }

  /** Closed after its review. */
  public void closed(DelegateExecution execution) {
    String number = number(execution);
    problems.closed(number);
    sla.closed(number, actor(execution));
    audit.record(number, actor(execution), AuditAction.CLOSED, null);
    log.info("{} closed", number);
  }

  /** A notification went out (worker {@code notify.send}). */
  public void notified(DelegateExecution execution) {
    audit.record(number(execution), actor(execution), AuditAction.NOTIFIED, NotificationAudit.detail(execution));
  }

  private OffsetDateTime now() {
    return OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
  }

  private static String number(VariableScope scope) {
    return (String) scope.getVariable(PROBLEM_NUMBER);
  }
}
