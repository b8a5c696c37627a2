package io.vigil.change;

import io.vigil.audit.AuditAction;
import io.vigil.audit.AuditEntry;
import io.vigil.audit.AuditTrail;
import io.vigil.change.contract.ChangeProcess;
import io.vigil.incident.IncidentChanges;
import io.vigil.security.VigilGroup;
import io.vigil.sla.SlaClockView;
import io.vigil.sla.SlaService;
import io.vigil.support.Causes;
import io.vigil.support.RetryOnConflict;
import io.vigil.ticket.TicketActor;
import io.vigil.ticket.TicketProcesses;
import io.vigil.web.ConflictException;
import io.vigil.web.NotFoundException;
import io.vigil.web.UnprocessableException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.camunda.bpm.engine.MismatchingMessageCorrelationException;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskAlreadyClaimedException;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.exception.NullValueException;
import org.camunda.bpm.engine.task.Task;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.server.ResponseStatusException;

/** Requests changes (by starting their process), takes the API's votes and reports, and reads changes for the API. */
@Service
@EnableConfigurationProperties(ChangeProperties.class)
public class ChangeService {

  /** The calendar answers at most this range at once. */
  static final Duration MAX_CALENDAR_RANGE = Duration.ofDays(366);
  static final int MAX_CALENDAR_CHANGES = 2000;

  /** What the process calls the fields of a vote and of an implementation report, and what the API calls them. */
  private static final Map<String, String> VOTE_FIELDS = Map.of(
      ChangeProcess.Variables.APPROVAL_DECISION, "decision", ChangeProcess.Variables.APPROVAL_COMMENT, "comment");
  private static final Map<String, String> REPORT_FIELDS = Map.of(
      ChangeProcess.Variables.IMPLEMENTATION_RESULT, "result", ChangeProcess.Variables.IMPLEMENTATION_NOTES, "notes");

  private final TicketProcesses processes;
  private final ChangeRepository changes;
  private final ChangeProperties properties;
  private final ChangeCalendar calendar;
  private final ScheduleContext schedule;
  private final IncidentChanges incidents;
  private final RuntimeService runtime;
  private final TaskService tasks;
  private final AuditTrail audit;
  private final SlaService sla;
  private final TransactionTemplate transaction;

  ChangeService(TicketProcesses processes, ChangeRepository changes, ChangeProperties properties, ChangeCalendar calendar,
      ScheduleContext schedule, IncidentChanges incidents, RuntimeService runtime, TaskService tasks, AuditTrail audit,
      SlaService sla, TransactionTemplate transaction) {
    this.processes = processes;
    this.changes = changes;
    this.properties = properties;
    this.calendar = calendar;
    this.schedule = schedule;
    this.incidents = incidents;
    this.runtime = runtime;
    this.tasks = tasks;
    this.audit = audit;
    this.sla = sla;
    this.transaction = transaction;
  }

  /** Requests a change: the ticket and its process in one transaction, or neither. */
  public ChangeView request(RequestChangeRequest request, TicketActor actor) {
    Map<String, Object> variables = new HashMap<>();
    variables.put(ChangeProcess.Variables.TITLE, request.title());
    variables.put(ChangeProcess.Variables.DESCRIPTION, request.description());
    variables.put(ChangeProcess.Variables.TYPE, request.type().name());
    variables.put(ChangeProcess.Variables.TEMPLATE, request.template());
    variables.put(ChangeProcess.Variables.CIS, String.join(",", request.cis()));
    variables.put(ChangeProcess.Variables.PLANNED_START, request.plannedStart().toString());
    variables.put(ChangeProcess.Variables.PLANNED_END, request.plannedEnd().toString());
    variables.put(ChangeProcess.Variables.IMPLEMENTATION_PLAN, request.implementationPlan());
    variables.put(ChangeProcess.Variables.BACKOUT_PLAN, request.backoutPlan());
    variables.put(ChangeProcess.Variables.TEST_EVIDENCE, request.testEvidence());
    variables.put(ChangeProcess.Variables.EXCEPTION_REASON, request.exceptionReason());
    variables.put(ChangeProcess.Variables.PROBLEM, request.problem());
    variables.put(ChangeProcess.Variables.IMPLEMENTER_GROUP, request.implementerGroup());
    variables.put(ChangeProcess.Variables.REQUESTED_BY, actor.userId());
    String number = engine(() -> transaction.execute(status -> processes.start(ChangeProcess.KEY, variables, actor)));
    return view(number);
  }

  /**
   * Casts the caller's vote for one of their groups whose approval is open: 409 when none is open for
   * them, or when they may not approve (their own change).
   */
  public ChangeView vote(String number, VoteRequest vote, TicketActor actor) {
    Change change = change(number);
    Task task = openTaskFor(change, actor, ChangeProcess.Elements.APPROVE_IN_SEQUENCE, ChangeProcess.Elements.APPROVE_IN_PARALLEL)
        .orElseThrow(() -> new ConflictException(number + " has no approval open for " + actor.groups() + " (it is "
            + change.state() + ")"));
    Map<String, Object> variables = new HashMap<>();
    variables.put(ChangeProcess.Variables.APPROVAL_DECISION, vote.decision().name());
    variables.put(ChangeProcess.Variables.APPROVAL_COMMENT, vote.comment());
    complete(task, variables, actor, VOTE_FIELDS);
    return view(number);
  }

  /** The implementer's report: 409 when the implementation is not open to them, or they voted on the change. */
  public ChangeView implemented(String number, ImplementationRequest report, TicketActor actor) {
    Change change = change(number);
    Task task = openTaskFor(change, actor, ChangeProcess.Elements.IMPLEMENT)
        .orElseThrow(() -> new ConflictException(number + " is " + change.state() + ": its implementation is not open to "
            + actor.groups()));
    Map<String, Object> variables = new HashMap<>();
    variables.put(ChangeProcess.Variables.IMPLEMENTATION_RESULT, report.result().name());
    variables.put(ChangeProcess.Variables.IMPLEMENTATION_NOTES, report.notes());
    complete(task, variables, actor, REPORT_FIELDS);
    return view(number);
  }

  /** Cancels a change until its implementation starts: its requester or a change manager. */
  public ChangeView cancel(String number, CancelChangeRequest request, TicketActor actor) {
    Change change = change(number);
    boolean changeManager = actor.groups().contains(VigilGroup.CHANGE_MANAGERS.id())
        || actor.groups().contains(VigilGroup.VIGIL_ADMINS.id());
    if (!changeManager && !actor.userId().equals(change.requestedBy())) {
      throw new ResponseStatusException(HttpStatus.FORBIDDEN, "only the requester or a change manager cancels " + number);
    }
    if (!change.state().isCancellable()) {
      throw new ConflictException(number + " is " + change.state() + ": it can no longer be cancelled");
    }
    try {
      // Who may cancel is the rule above, not an engine permission: the message goes in as Vigil's, naming the person.
      engine(() -> transaction.execute(status -> runtime.createMessageCorrelation(ChangeProcess.Messages.CANCEL)
          .processInstanceBusinessKey(number)
          .setVariable(ChangeProcess.Variables.CANCELLATION_REASON, request.reason())
          .setVariable(ChangeProcess.Variables.CANCELLED_BY, actor.userId())
          .correlateWithResult()));
    } catch (MismatchingMessageCorrelationException e) {
      throw new ConflictException(number + " has no running process: it can no longer be cancelled");
    }
    return view(number);
  }

  /** Marks an incident as caused by the change: 404 for an unknown incident. */
  public ChangeView causedIncident(String number, String incident, String actor) {
    transaction.executeWithoutResult(status -> {
      change(number);
      switch (incidents.mark(incident, number, actor)) {
        case MARKED -> audit.record(number, actor, AuditAction.INCIDENT_CAUSED, incident);
        case ALREADY_MARKED -> { }
        case NO_SUCH_INCIDENT -> throw new NotFoundException("incident", incident);
      }
    });
    return view(number);
  }

  public ChangeView view(String number) {
    Change change = change(number);
    List<ChangeCalendar.Freeze> freezes = calendar.freezesBetween(change.plannedStart().toInstant(), change.plannedEnd().toInstant());
    List<String> open = change.processInstanceId() == null ? List.of()
        : tasks.createTaskQuery().processInstanceId(change.processInstanceId()).orderByTaskCreateTime().asc().list()
            .stream().map(Task::getName).toList();
    return new ChangeView(change, changes.approvals(number), schedule.conflicts(change), freezes, schedule.inMaintenanceWindow(change),
        incidents.causedBy(number), open);
  }

  public ChangePage page(ChangeFilter filter, int page, int size) {
    long total = changes.count(filter);
    return new ChangePage(changes.page(filter, page, size), page, size, total, (total + size - 1) / size);
  }

  public List<TemplateView> templates() {
    return properties.templates().stream().map(TemplateView::of).toList();
  }

  /** Changes and freezes in a range of at most a year (422 otherwise). */
  public CalendarView calendar(OffsetDateTime from, OffsetDateTime to) {
    if (!to.isAfter(from)) {
      throw new UnprocessableException("to", "to: must be after from");
    }
    if (Duration.between(from, to).compareTo(MAX_CALENDAR_RANGE) > 0) {
      throw new UnprocessableException("to", "to: the calendar shows at most " + MAX_CALENDAR_RANGE.toDays() + " days at once");
    }
    Instant start = from.toInstant();
    Instant end = to.toInstant();
    return new CalendarView(from.withOffsetSameInstant(ZoneOffset.UTC), to.withOffsetSameInstant(ZoneOffset.UTC),
        changes.inWindow(from, to, MAX_CALENDAR_CHANGES), calendar.freezesBetween(start, end), calendar.maintenanceBetween(start, end));
  }

  public List<SlaClockView> sla(String number) {
    change(number);
    return sla.view(number);
  }

  public List<AuditEntry> auditTrail(String number) {
    change(number);
    return audit.of(number);
  }

  /** The change, or 404. */
  public Change change(String number) {
    return changes.find(number).orElseThrow(() -> new NotFoundException("change", number));
  }

  /** An open task of these steps that one of the caller's groups may take, and nobody else holds. */
  private Optional<Task> openTaskFor(Change change, TicketActor actor, String... steps) {
    if (change.processInstanceId() == null || actor.groups().isEmpty()) {
      return Optional.empty();
    }
    return tasks.createTaskQuery().processInstanceId(change.processInstanceId()).taskDefinitionKeyIn(steps)
        .taskCandidateGroupIn(actor.groups()).includeAssignedTasks().orderByTaskCreateTime().asc().list().stream()
        .filter(task -> task.getAssignee() == null || task.getAssignee().equals(actor.userId()))
        .findFirst();
  }

  /**
   * Claims and completes the task as the caller; a refusal names the request's field ({@code fields}:
   * variable to field). Two approvers voting at the same moment touch the same vote: the later one is
   * tried again. A task that went meanwhile (the vote ended with another's rejection, someone else
   * took it) is a conflict.
   */
  private void complete(Task task, Map<String, Object> variables, TicketActor actor, Map<String, String> fields) {
    try {
      engine(() -> {
        try {
          return RetryOnConflict.run(() -> transaction.execute(status -> processes.as(actor, () -> {
            if (task.getAssignee() == null) {
              tasks.claim(task.getId(), actor.userId());
            }
            tasks.complete(task.getId(), variables);
            return null;
          })));
        } catch (NullValueException | TaskAlreadyClaimedException gone) {
          throw new ConflictException(task.getName() + " is no longer open to " + actor.userId() + ": " + gone.getMessage());
        }
      });
    } catch (UnprocessableException refused) {
      String field = fields.get(refused.field());
      if (field == null) {
        throw refused;
      }
      throw new UnprocessableException(field, field + refused.getMessage().substring(refused.field().length()));
    }
  }

  /** Engine work for the API: a segregation-of-duties refusal is 409, another refusal 422. */
  private <T> T engine(Supplier<T> work) {
    try {
      return work.get();
    } catch (ConflictException e) {
      throw e;
    } catch (RuntimeException e) {
      var violation = Causes.find(e, SegregationOfDuties.Violation.class);
      if (violation.isPresent()) {
        throw new ConflictException(violation.get().getMessage());
      }
      throw TicketProcesses.refusedOrSame(e);
    }
  }
}
