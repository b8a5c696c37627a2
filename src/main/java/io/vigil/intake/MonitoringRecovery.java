package io.vigil.intake;

import io.vigil.audit.AuditAction;
import io.vigil.audit.AuditTrail;
import io.vigil.incident.IncidentProcess;
import io.vigil.incident.IncidentRepository;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.stereotype.Component;

/**
 * What opened an incident recovered: every alert resolved, or the heartbeat is back. Nobody took
 * the incident yet and auto-resolve is on: its process resolves it ({@code MonitoringRecovered}).
 * Otherwise the analyst is told, on the ticket and through the process ({@code RecoveryReported}).
 * Runs inside the caller's transaction, with the incident's row locked by it.
 */
@Component
class MonitoringRecovery {

  private final RuntimeService runtime;
  private final IncidentRepository incidents;
  private final AuditTrail audit;
  private final IntakeProperties properties;

  MonitoringRecovery(RuntimeService runtime, IncidentRepository incidents, AuditTrail audit, IntakeProperties properties) {
    this.runtime = runtime;
    this.incidents = incidents;
    this.audit = audit;
    this.properties = properties;
  }

  void recovered(AlertRepository.HeldIncident incident, String source, String note) {
    if (!incident.open()) {
      return;
    }
    String number = incident.number();
    audit.record(number, source, AuditAction.MONITORING_RECOVERED, note);
    if (properties.autoResolve() && !incident.worked() && waitingFor(number, IncidentProcess.Messages.MONITORING_RECOVERED)) {
      runtime.createMessageCorrelation(IncidentProcess.Messages.MONITORING_RECOVERED)
          .processInstanceBusinessKey(number)
          .setVariable(IncidentProcess.Variables.RECOVERY_NOTE, note)
          .setVariable(IncidentProcess.Variables.RECOVERED_BY, source)
          .correlateWithResult();
      return;
    }
    String why = !properties.autoResolve() ? "auto-resolve is off"
        : incident.worked() ? "an analyst works it"
        : "it is not waiting in triage";
    incidents.addComment(incident.id(), source, "Monitoring recovered: " + note + ". Not resolved automatically: " + why + ".");
    if (incident.resolverGroup() != null && waitingFor(number, IncidentProcess.Messages.RECOVERY_REPORTED)) {
      runtime.createMessageCorrelation(IncidentProcess.Messages.RECOVERY_REPORTED)
          .processInstanceBusinessKey(number)
          .setVariable(IncidentProcess.Variables.RECOVERY_NOTE, note)
          .correlateWithResult();
    }
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
