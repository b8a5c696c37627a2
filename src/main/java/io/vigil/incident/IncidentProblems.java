package io.vigil.incident;

import io.vigil.audit.AuditAction;
import io.vigil.audit.AuditTrail;
import io.vigil.incident.contract.IncidentProcess;
import io.vigil.ticket.TicketComments;
import io.vigil.ticket.TicketProcesses;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.MessageCorrelationBuilder;
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

  /** What a problem's fix did to one of its incidents. */
  public enum Fix {
    /** Resolved by the problem; it goes on to closure. */
    RESOLVED,
    /** Its resolver group is told; pending for the problem, it went back to triage. */
    REPORTED,
    /** Resolved or closed already: nothing to do. */
    NOT_OPEN,
    /** Not yet routed to a resolver group (still being classified): a comment says it. */
    NOT_REACHABLE
  }

  private final IncidentRepository incidents;
  private final RuntimeService runtime;
  private final TicketComments comments;
  private final AuditTrail audit;

  IncidentProblems(IncidentRepository incidents, RuntimeService runtime, TicketComments comments, AuditTrail audit) {
    this.incidents = incidents;
    this.runtime = runtime;
    this.comments = comments;
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

  /**
   * The problem's fix is in: an open incident is resolved by the problem ({@code resolve}) or its
   * group is told and, if it waits for the problem, it resumes. Runs in the problem's step, through
   * the incident's process ({@code ProblemFixed}, {@code ProblemFixReported}), so the incident's
   * ticket changes as every step changes it.
   */
  public Fix fixed(String incident, String problem, String fix, boolean resolve, String actor) {
    Incident found = incidents.get(incident);
    if (!found.state().isOpen()) {
      return Fix.NOT_OPEN;
    }
    String message = resolve ? IncidentProcess.Messages.PROBLEM_FIXED : IncidentProcess.Messages.PROBLEM_FIX_REPORTED;
    comments.add(incident, actor, problem + " is fixed: " + fix);
    if (found.resolverGroup() == null) {
      return Fix.NOT_REACHABLE;
    }
    boolean reachable = TicketProcesses.withoutAuthorization(() -> {
      if (runtime.createExecutionQuery().processInstanceBusinessKey(incident).messageEventSubscriptionName(message).count() == 0) {
        return false;
      }
      MessageCorrelationBuilder correlation = runtime.createMessageCorrelation(message)
          .processInstanceBusinessKey(incident)
          .setVariable(IncidentProcess.Variables.PROBLEM_NUMBER, problem)
          .setVariable(IncidentProcess.Variables.PROBLEM_FIX, fix);
      if (resolve) {
        correlation.correlateWithResult();
      } else {
        // the resolver group is told, and a pending incident waiting for the problem resumes
        correlation.correlateAllWithResult();
      }
      return true;
    });
    if (!reachable) {
      return Fix.NOT_REACHABLE;
    }
    if (!resolve) {
      audit.record(incident, actor, AuditAction.PROBLEM_FIX_REPORTED, problem + ": " + fix);
    }
    return resolve ? Fix.RESOLVED : Fix.REPORTED;
  }

  /** The incidents of a configuration item reported since, oldest first (at most {@code limit}). */
  public List<Incident> reportedSince(String ci, Instant since, int limit) {
    return incidents.reportedSince(ci, since.atOffset(ZoneOffset.UTC), limit);
  }

  /** The incidents of a category on a service reported since, oldest first (at most {@code limit}). */
  public List<Incident> reportedSince(String service, String category, Instant since, int limit) {
    return incidents.reportedSince(service, category, since.atOffset(ZoneOffset.UTC), limit);
  }

  /** Of the incidents given, those a new problem can take now: in no problem, and not being changed elsewhere. */
  public List<String> freeToLink(List<String> incidents) {
    return this.incidents.freeToLink(incidents);
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
