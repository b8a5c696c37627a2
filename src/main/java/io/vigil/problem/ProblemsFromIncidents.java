package io.vigil.problem;

import io.vigil.audit.AuditAction;
import io.vigil.audit.AuditTrail;
import io.vigil.incident.IncidentProblems;
import io.vigil.incident.RootCauseAnalysisRequested;
import io.vigil.incident.WorkaroundApplied;
import io.vigil.problem.contract.ProblemOrigin;
import io.vigil.problem.contract.ProblemProcess;
import io.vigil.ticket.TicketInput;
import io.vigil.ticket.TicketProcesses;
import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.engine.RuntimeService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Incidents that ask for their root cause join the open problem of their configuration item, or open
 * a problem of their own; incidents resolved with a known error's workaround join its problem. Both
 * in the transaction of the step that asked.
 */
@Component
class ProblemsFromIncidents {

  private static final Logger log = LoggerFactory.getLogger(ProblemsFromIncidents.class);

  private final ProblemRepository problems;
  private final IncidentProblems incidents;
  private final RuntimeService runtime;
  private final AuditTrail audit;

  ProblemsFromIncidents(ProblemRepository problems, IncidentProblems incidents, RuntimeService runtime, AuditTrail audit) {
    this.problems = problems;
    this.incidents = incidents;
    this.runtime = runtime;
    this.audit = audit;
  }

  @EventListener
  void rootCauseAnalysisRequested(RootCauseAnalysisRequested request) {
    String belongs = incidents.find(request.incident()).map(i -> i.problem()).orElse(null);
    if (belongs != null) {
      log.info("{} asks for root-cause analysis: it belongs to {} already", request.incident(), belongs);
      return;
    }
    String open = request.ci() == null ? null : problems.openProblemOfCi(request.ci()).orElse(null);
    if (open != null) {
      if (incidents.link(request.incident(), open, request.requestedBy()) == IncidentProblems.Link.LINKED) {
        audit.record(open, request.requestedBy(), AuditAction.INCIDENT_LINKED, request.incident() + " (root-cause analysis asked)");
      }
      log.info("{} joins {}, the open problem of {}", request.incident(), open, request.ci());
      return;
    }
    Map<String, Object> variables = new HashMap<>();
    variables.put(ProblemProcess.Variables.TITLE, TicketInput.shortened("Root cause of " + request.incident() + ": " + request.title(), TicketInput.MAX_TITLE));
    variables.put(ProblemProcess.Variables.DESCRIPTION, request.description());
    variables.put(ProblemProcess.Variables.SERVICE, request.service());
    variables.put(ProblemProcess.Variables.CI, request.ci());
    variables.put(ProblemProcess.Variables.INCIDENTS, request.incident());
    variables.put(ProblemProcess.Variables.ORIGIN, ProblemOrigin.INCIDENT.name());
    variables.put(ProblemProcess.Variables.OPENED_BY, request.requestedBy());
    String number = TicketProcesses.withoutAuthorization(() ->
        runtime.createProcessInstanceByKey(ProblemProcess.KEY).setVariables(variables).execute().getBusinessKey());
    log.info("{} asks for root-cause analysis: {} opened", request.incident(), number);
  }

  @EventListener
  void workaroundApplied(WorkaroundApplied applied) {
    Problem problem = problems.find(applied.problem()).orElse(null);
    if (problem == null || !problem.state().isOpen()) {
      log.info("{} used the workaround of article {}: its problem {} is no longer open, nothing linked", applied.incident(),
          applied.article(), applied.problem());
      return;
    }
    if (incidents.link(applied.incident(), applied.problem(), applied.analyst()) == IncidentProblems.Link.LINKED) {
      audit.record(applied.problem(), applied.analyst(), AuditAction.INCIDENT_LINKED,
          applied.incident() + " (resolved with the workaround of article " + applied.article() + ")");
    }
  }
}
