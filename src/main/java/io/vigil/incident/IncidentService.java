package io.vigil.incident;

import io.vigil.audit.AuditEntry;
import io.vigil.audit.AuditTrail;
import io.vigil.incident.contract.IncidentProcess;
import io.vigil.knowledge.KnowledgeBase;
import io.vigil.oncall.OnCallPaging;
import io.vigil.oncall.PageSummary;
import io.vigil.security.VigilGroup;
import io.vigil.sla.SlaClockView;
import io.vigil.sla.SlaService;
import io.vigil.support.Causes;
import io.vigil.ticket.Comment;
import io.vigil.ticket.TicketActor;
import io.vigil.ticket.TicketComments;
import io.vigil.ticket.TicketProcesses;
import io.vigil.web.ConflictException;
import io.vigil.web.NotFoundException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.MismatchingMessageCorrelationException;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.server.ResponseStatusException;

/** Opens incidents (by starting their process) and reads them for the API. */
@Service
public class IncidentService {

  /** How many knowledge articles an incident's answer and triage form suggest. */
  static final int SUGGESTED_ARTICLES = 3;

  /** The outcome of a report: the ticket, and whether this request opened it. */
  public record Reported(Incident incident, boolean created) {}

  private final RuntimeService runtime;
  private final TicketProcesses processes;
  private final TaskService tasks;
  private final IncidentRepository incidents;
  private final TicketComments comments;
  private final AuditTrail audit;
  private final SlaService sla;
  private final TransactionTemplate transaction;
  private final KnowledgeBase knowledge;
  private final OnCallPaging paging;

  IncidentService(RuntimeService runtime, TicketProcesses processes, TaskService tasks, IncidentRepository incidents,
      TicketComments comments, AuditTrail audit, SlaService sla, TransactionTemplate transaction, KnowledgeBase knowledge,
      OnCallPaging paging) {
    this.runtime = runtime;
    this.tasks = tasks;
    this.processes = processes;
    this.incidents = incidents;
    this.comments = comments;
    this.audit = audit;
    this.sla = sla;
    this.transaction = transaction;
    this.knowledge = knowledge;
    this.paging = paging;
  }

  /**
   * Opens an incident: the ticket and its process start in one transaction, or neither does. With
   * an idempotency key, a repeated report returns the incident the first one opened.
   */
  public Reported report(ReportIncidentRequest request, TicketActor reporter, String idempotencyKey) {
    if (idempotencyKey != null) {
      var earlier = incidents.findByIdempotencyKey(reporter.userId(), idempotencyKey);
      if (earlier.isPresent()) {
        return new Reported(earlier.get(), false);
      }
    }
    Map<String, Object> variables = variables(request, reporter.userId(), idempotencyKey);
    try {
      String number = transaction.execute(status -> processes.start(IncidentProcess.KEY, variables, reporter));
      return new Reported(incidents.get(number), true);
    } catch (RuntimeException e) {
      if (idempotencyKey != null && Causes.any(e, DuplicateKeyException.class)) {
        return incidents.findByIdempotencyKey(reporter.userId(), idempotencyKey)
            .map(earlier -> new Reported(earlier, false))
            .orElseThrow(() -> e);
      }
      throw TicketProcesses.refusedOrSame(e);
    }
  }

  /** What a report starts the process with. */
  public static Map<String, Object> variables(ReportIncidentRequest request, String reportedBy, String idempotencyKey) {
    Map<String, Object> variables = new HashMap<>();
    variables.put(IncidentProcess.Variables.TITLE, request.title());
    variables.put(IncidentProcess.Variables.DESCRIPTION, request.description());
    variables.put(IncidentProcess.Variables.CALLER, request.caller());
    variables.put(IncidentProcess.Variables.SERVICE, request.service());
    variables.put(IncidentProcess.Variables.CI, request.ci());
    variables.put(IncidentProcess.Variables.IMPACT, request.impact() == null ? null : request.impact().name());
    variables.put(IncidentProcess.Variables.URGENCY, request.urgency() == null ? null : request.urgency().name());
    variables.put(IncidentProcess.Variables.REPORTED_BY, reportedBy);
    variables.put(IncidentProcess.Variables.IDEMPOTENCY_KEY, idempotencyKey);
    return variables;
  }



  /**
   * New impact and urgency for an open incident: its process decides the new priority, the ticket and
   * its SLA clocks follow, all in one transaction.
   */
  public Incident changePriority(String number, PriorityChangeRequest change, TicketActor actor) {
    Incident incident = incident(number);
    if (!incident.state().isOpen() || incident.priority() == null) {
      throw new ConflictException(number + " is " + incident.state() + (incident.priority() == null ? ", not yet prioritised" : "")
          + ": its priority cannot change");
    }
    try {
      // The API has checked who may change a priority; engine permissions to update instances would open far more.
      transaction.executeWithoutResult(status -> runtime.createMessageCorrelation(IncidentProcess.Messages.PRIORITY_CHANGE_REQUESTED)
          .processInstanceBusinessKey(number)
          .setVariable(IncidentProcess.Variables.IMPACT, change.impact().name())
          .setVariable(IncidentProcess.Variables.URGENCY, change.urgency().name())
          .setVariableLocal(IncidentProcess.Variables.PRIORITY_CHANGE_REASON, change.reason().trim())
          .setVariableLocal(IncidentProcess.Variables.PRIORITY_CHANGED_BY, actor.userId())
          .correlateWithResult());
    } catch (MismatchingMessageCorrelationException e) {
      throw new ConflictException(number + " has no running process: its priority cannot change");
    } catch (RuntimeException e) {
      throw TicketProcesses.refusedOrSame(e);
    }
    return incidents.get(number);
  }

  public IncidentView view(String number) {
    return view(incident(number));
  }

  /**
   * The incident with the names of its open tasks. Asked by process instance (indexed on the tasks
   * themselves): by business key the engine joins every open execution, which on PostgreSQL cost more
   * than the rest of a report.
   */
  public IncidentView view(Incident incident) {
    List<String> open = incident.processInstanceId() == null ? List.of()
        : tasks.createTaskQuery().processInstanceId(incident.processInstanceId()).orderByTaskCreateTime().asc().list()
            .stream().map(Task::getName).toList();
    PageSummary pages = paging.summary(incident.number());
    return new IncidentView(incident, open, knowledge.search(incident.title() + " " + incident.description(), SUGGESTED_ARTICLES),
        pages.pagedUsers(), pages.acknowledgedBy());
  }

  /**
   * Someone acknowledges the incident's page (a link in the page, or the API): paging stops. Its
   * resolver group, whoever was paged, the incident managers and admins may; the incident must be
   * open. Taking its triage task in Tasklist acknowledges too.
   */
  public IncidentView acknowledge(String number, TicketActor actor) {
    Incident incident = incident(number);
    if (!incident.state().isOpen()) {
      throw new ConflictException(number + " is " + incident.state() + ": there is nothing to acknowledge");
    }
    boolean paged = paging.summary(number).pagedUsers().contains(actor.userId());
    if (!paged && !actor.groups().contains(incident.resolverGroup()) && !actor.groups().contains(VigilGroup.INCIDENT_MANAGERS.id())
        && !actor.groups().contains(VigilGroup.VIGIL_ADMINS.id())) {
      throw new ResponseStatusException(HttpStatus.FORBIDDEN, "only " + incident.resolverGroup()
          + ", whoever was paged and the incident managers acknowledge " + number);
    }
    transaction.executeWithoutResult(status -> paging.acknowledge(number, actor.userId()));
    return view(number);
  }

  public IncidentPage page(IncidentFilter filter, int page, int size) {
    IncidentRepository.Matches matches = incidents.matches(filter, page, size, IncidentPage.COUNT_LIMIT + 1);
    long total = matches.count();
    return new IncidentPage(matches.items(), page, size, total, (total + size - 1) / size, matches.exact());
  }

  public Comment comment(String number, String author, String text) {
    incident(number);
    return comments.add(number, author, text);
  }

  public List<Comment> comments(String number) {
    incident(number);
    return comments.of(number);
  }

  public List<Reassignment> reassignments(String number) {
    incident(number);
    return incidents.reassignments(number);
  }

  public List<SlaClockView> sla(String number) {
    incident(number);
    return sla.view(number);
  }

  public List<AuditEntry> auditTrail(String number) {
    incident(number);
    return audit.of(number);
  }

  /** The incident, or 404. */
  public Incident incident(String number) {
    return incidents.find(number).orElseThrow(() -> new NotFoundException("incident", number));
  }


}
