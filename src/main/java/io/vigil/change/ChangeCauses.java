package io.vigil.change;

import io.vigil.audit.AuditAction;
import io.vigil.audit.AuditTrail;
import io.vigil.incident.IncidentCausedByChange;
import io.vigil.incident.IncidentChanges;
import org.camunda.bpm.engine.BadUserRequestException;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** An analyst marked an incident in triage as caused by a change: the change must exist, and records it. */
@Component
class ChangeCauses {

  private final ChangeRepository changes;
  private final IncidentChanges incidents;
  private final AuditTrail audit;

  ChangeCauses(ChangeRepository changes, IncidentChanges incidents, AuditTrail audit) {
    this.changes = changes;
    this.incidents = incidents;
    this.audit = audit;
  }

  @EventListener
  void causedByChange(IncidentCausedByChange cause) {
    if (changes.find(cause.change()).isEmpty()) {
      throw new BadUserRequestException("causedByChange: no change " + cause.change());
    }
    if (incidents.mark(cause.incident(), cause.change(), cause.analyst()) == IncidentChanges.Mark.MARKED) {
      audit.record(cause.change(), cause.analyst(), AuditAction.INCIDENT_CAUSED, cause.incident() + " (found in triage)");
    }
  }
}
