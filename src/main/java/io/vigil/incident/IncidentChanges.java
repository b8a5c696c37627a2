package io.vigil.incident;

import io.vigil.audit.AuditAction;
import io.vigil.audit.AuditTrail;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * What change enablement does to incidents: marks them as caused by a change (a failed change opens
 * one; an analyst marks one in triage or over the API) and lists the incidents a change caused. The
 * incident's audit trail records the mark; the change records its side.
 */
@Component
public class IncidentChanges {

  /** How a mark went. */
  public enum Mark {
    MARKED,
    /** It was marked as caused by this change already: nothing changed. */
    ALREADY_MARKED,
    NO_SUCH_INCIDENT
  }

  private final IncidentRepository incidents;
  private final AuditTrail audit;

  IncidentChanges(IncidentRepository incidents, AuditTrail audit) {
    this.incidents = incidents;
    this.audit = audit;
  }

  /** The incident was caused by the change; a later mark replaces an earlier one (the analyst knows better now). */
  public Mark mark(String incident, String change, String actor) {
    Incident found = incidents.find(incident).orElse(null);
    if (found == null) {
      return Mark.NO_SUCH_INCIDENT;
    }
    if (change.equals(found.causedByChange())) {
      return Mark.ALREADY_MARKED;
    }
    incidents.markCausedBy(incident, change);
    audit.record(incident, actor, AuditAction.CAUSED_BY_CHANGE, change
        + (found.causedByChange() == null ? "" : " (was " + found.causedByChange() + ")"));
    return Mark.MARKED;
  }

  /** The incidents the change caused, oldest first. */
  public List<String> causedBy(String change) {
    return incidents.causedBy(change);
  }
}
