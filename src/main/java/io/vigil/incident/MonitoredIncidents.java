package io.vigil.incident;

import io.vigil.audit.AuditAction;
import io.vigil.audit.AuditTrail;
import io.vigil.incident.contract.IncidentProcess;
import io.vigil.incident.contract.Priority;
import io.vigil.ticket.TicketComments;
import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.engine.RuntimeService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * What monitoring (Alertmanager's alerts, the heartbeats of scheduled jobs) does to incidents. Every
 * method runs inside the intake's own transaction: the intake has checked who may, and decides with
 * its own records whether an alert needs a ticket at all.
 */
@Service
public class MonitoredIncidents {

  private static final Logger log = LoggerFactory.getLogger(MonitoredIncidents.class);

  private final RuntimeService runtime;
  private final IncidentRepository incidents;
  private final TicketComments comments;
  private final AuditTrail audit;

  MonitoredIncidents(RuntimeService runtime, IncidentRepository incidents, TicketComments comments, AuditTrail audit) {
    this.runtime = runtime;
    this.incidents = incidents;
    this.comments = comments;
    this.audit = audit;
  }

  /**
   * Opens an incident and returns its number. A category the monitoring knows (from the alert's
   * labels) spares the classifier its guess from the words; a priority it gives (a heartbeat
   * monitor's, the alert storm's) is the incident's, whatever {@code incident-priority.dmn} says.
   */
  public String open(ReportIncidentRequest request, String reportedBy, String category, Priority priority) {
    Map<String, Object> variables = IncidentService.variables(request, reportedBy, null);
    variables.put(IncidentProcess.Variables.CATEGORY, category);
    if (priority != null) {
      variables.put(IncidentProcess.Variables.GIVEN_PRIORITY, priority.name());
    }
    return runtime.createProcessInstanceByKey(IncidentProcess.KEY)
        .setVariables(variables)
        .execute()
        .getBusinessKey();
  }

  /** The incident, its row locked until the transaction ends. */
  public Optional<HeldIncident> hold(String number) {
    return incidents.hold(number);
  }

  /**
   * What opened the incident recovered: every alert resolved, or the heartbeat is back. With
   * {@code autoResolve} and nobody having taken it yet, its process resolves it: at once when it
   * waits in triage ({@code MonitoringRecovered}), or, while it is still being classified or routed,
   * as soon as it is routed (the recovery is remembered on the ticket until then). Otherwise the
   * analyst is told, on the ticket and through the process ({@code RecoveryReported}).
   */
  public void recovered(HeldIncident incident, String source, String note, boolean autoResolve) {
    if (!incident.open()) {
      return;
    }
    String number = incident.number();
    audit.record(number, source, AuditAction.MONITORING_RECOVERED, note);
    if (autoResolve && !incident.worked()) {
      if (waitingFor(number, IncidentProcess.Messages.MONITORING_RECOVERED)) {
        runtime.createMessageCorrelation(IncidentProcess.Messages.MONITORING_RECOVERED)
            .processInstanceBusinessKey(number)
            .setVariable(IncidentProcess.Variables.RECOVERY_NOTE, note)
            .setVariable(IncidentProcess.Variables.RECOVERED_BY, source)
            .correlateWithResult();
        return;
      }
      if (incident.state() == IncidentState.NEW) {
        incidents.rememberRecovery(number, note, source);
        log.info("{} recovered before it was routed: resolved as recovered once it is", number);
        return;
      }
    }
    String why = !autoResolve ? "auto-resolve is off" : incident.worked() ? "an analyst works it" : "it is not waiting in triage";
    comments.add(number, source, "Monitoring recovered: " + note + ". Not resolved automatically: " + why + ".");
    if (incident.resolverGroup() != null && waitingFor(number, IncidentProcess.Messages.RECOVERY_REPORTED)) {
      runtime.createMessageCorrelation(IncidentProcess.Messages.RECOVERY_REPORTED)
          .processInstanceBusinessKey(number)
          .setVariable(IncidentProcess.Variables.RECOVERY_NOTE, note)
          .correlateWithResult();
    }
  }

  /** An alert of the incident fires again: a recovery remembered before routing no longer holds. */
  public void firingAgain(String number) {
    incidents.forgetRecovery(number);
  }

  /**
   * Asked before correlating: a correlation that finds no subscription throws inside the engine,
   * which marks the intake's whole transaction for rollback.
   */
  private boolean waitingFor(String number, String message) {
    return runtime.createExecutionQuery()
        .processInstanceBusinessKey(number)
        .messageEventSubscriptionName(message)
        .count() > 0;
  }
}
