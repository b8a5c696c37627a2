package io.vigil.problem;

import io.vigil.audit.AuditAction;
import io.vigil.audit.AuditEntry;
import io.vigil.audit.AuditTrail;
import io.vigil.incident.Incident;
import io.vigil.incident.IncidentProblems;
import io.vigil.knowledge.KnowledgeBase;
import io.vigil.problem.contract.ProblemOrigin;
import io.vigil.problem.contract.ProblemProcess;
import io.vigil.sla.SlaClockView;
import io.vigil.sla.SlaService;
import io.vigil.ticket.TicketActor;
import io.vigil.ticket.TicketProcesses;
import io.vigil.web.ConflictException;
import io.vigil.web.NotFoundException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/** Opens problems (by starting their process), links incidents to them, and reads them for the API. */
@Service
public class ProblemService {

  private final TicketProcesses processes;
  private final ProblemRepository problems;
  private final IncidentProblems incidents;
  private final KnowledgeBase knowledge;
  private final TaskService tasks;
  private final AuditTrail audit;
  private final SlaService sla;
  private final TransactionTemplate transaction;

  ProblemService(TicketProcesses processes, ProblemRepository problems, IncidentProblems incidents, KnowledgeBase knowledge,
      TaskService tasks, AuditTrail audit, SlaService sla, TransactionTemplate transaction) {
    this.processes = processes;
    this.problems = problems;
    this.incidents = incidents;
    this.knowledge = knowledge;
    this.tasks = tasks;
    this.audit = audit;
    this.sla = sla;
    this.transaction = transaction;
  }

  /** Opens a problem: the ticket, its links and its process in one transaction, or none of them. */
  public ProblemView open(OpenProblemRequest request, TicketActor actor) {
    Map<String, Object> variables = new HashMap<>();
    variables.put(ProblemProcess.Variables.TITLE, request.title());
    variables.put(ProblemProcess.Variables.DESCRIPTION, request.description());
    variables.put(ProblemProcess.Variables.SERVICE, request.service());
    variables.put(ProblemProcess.Variables.CI, request.ci());
    variables.put(ProblemProcess.Variables.INCIDENTS, request.incidents() == null ? null : String.join(",", request.incidents()));
    variables.put(ProblemProcess.Variables.ORIGIN, ProblemOrigin.MANUAL.name());
    variables.put(ProblemProcess.Variables.OPENED_BY, actor.userId());
    try {
      String number = transaction.execute(status -> processes.start(ProblemProcess.KEY, variables, actor));
      return view(number);
    } catch (RuntimeException e) {
      throw TicketProcesses.refusedOrSame(e);
    }
  }

  /** Links an incident to an open problem: 404 for an unknown one, 409 when it belongs to another problem. */
  public ProblemView link(String number, String incident, String actor) {
    transaction.executeWithoutResult(status -> {
      open(number);
      switch (incidents.link(incident, number, actor)) {
        case LINKED -> audit.record(number, actor, AuditAction.INCIDENT_LINKED, incident);
        case ALREADY_LINKED -> { }
        case NO_SUCH_INCIDENT -> throw new NotFoundException("incident", incident);
        case LINKED_ELSEWHERE -> throw new ConflictException(incident + " belongs to "
            + incidents.find(incident).map(Incident::problem).orElse("another problem") + ": unlink it there first");
      }
    });
    return view(number);
  }

  /** Unlinks an incident from an open problem: 404 when it does not belong to it. */
  public void unlink(String number, String incident, String actor) {
    transaction.executeWithoutResult(status -> {
      open(number);
      if (!incidents.unlink(incident, number, actor, null)) {
        throw new NotFoundException("incident of " + number, incident);
      }
      audit.record(number, actor, AuditAction.INCIDENT_UNLINKED, incident);
    });
  }

  public ProblemView view(String number) {
    Problem problem = problem(number);
    List<String> linked = incidents.of(number).stream().map(Incident::number).toList();
    Long article = knowledge.articleOf(number).orElse(null);
    List<String> open = problem.processInstanceId() == null ? List.of()
        : tasks.createTaskQuery().processInstanceId(problem.processInstanceId()).orderByTaskCreateTime().asc().list()
            .stream().map(Task::getName).toList();
    return new ProblemView(problem, linked, article, open);
  }

  public ProblemPage page(ProblemFilter filter, int page, int size) {
    long total = problems.count(filter);
    return new ProblemPage(problems.page(filter, page, size), page, size, total, (total + size - 1) / size);
  }

  public List<SlaClockView> sla(String number) {
    problem(number);
    return sla.view(number);
  }

  public List<AuditEntry> auditTrail(String number) {
    problem(number);
    return audit.of(number);
  }

  /** The problem, or 404. */
  public Problem problem(String number) {
    return problems.find(number).orElseThrow(() -> new NotFoundException("problem", number));
  }

  private Problem open(String number) {
    Problem problem = problem(number);
    if (!problem.state().isOpen()) {
      throw new ConflictException(number + " is " + problem.state() + ": its incidents no longer change");
    }
    return problem;
  }
}
