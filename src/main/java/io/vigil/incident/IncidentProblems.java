package io.vigil.incident;

import io.vigil.audit.AuditAction;
import io.vigil.audit.AuditTrail;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * What problem management does to incidents: links them to a problem (an incident belongs to at
 * most one) and lists a problem's incidents. Each link and unlink is on the incident's audit trail;
 * the problem records its side.
 */
@Component
public class IncidentProblems {

  /** How a link went. */
  public enum Link {
    LINKED,
    /** It belonged to this problem already: nothing changed. */
    ALREADY_LINKED,
    NO_SUCH_INCIDENT,
    /** It belongs to another problem. */
    LINKED_ELSEWHERE
  }

  private final IncidentRepository incidents;
  private final AuditTrail audit;

  IncidentProblems(IncidentRepository incidents, AuditTrail audit) {
    this.incidents = incidents;
    this.audit = audit;
  }

  public Link link(String incident, String problem, String actor) {
    Incident found = incidents.find(incident).orElse(null);
    if (found == null) {
      return Link.NO_SUCH_INCIDENT;
    }
    if (problem.equals(found.problem())) {
      return Link.ALREADY_LINKED;
    }
    if (!incidents.linkProblem(incident, problem)) {
      return Link.LINKED_ELSEWHERE;
    }
    audit.record(incident, actor, AuditAction.LINKED_TO_PROBLEM, problem);
    return Link.LINKED;
  }

  /** Whether the incident belonged to the problem (and now no longer does). */
  public boolean unlink(String incident, String problem, String actor, String reason) {
    if (!incidents.unlinkProblem(incident, problem)) {
      return false;
    }
    audit.record(incident, actor, AuditAction.UNLINKED_FROM_PROBLEM, problem + (reason == null ? "" : ": " + reason));
    return true;
  }

  /** The problem's incidents, oldest first. */
  public List<Incident> of(String problem) {
    return incidents.ofProblem(problem);
  }

  /** The incident, if there is one of that number. */
  public Optional<Incident> find(String incident) {
    return incidents.find(incident);
  }
}
