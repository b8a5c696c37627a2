package io.vigil.problem;

import io.vigil.audit.AuditAction;
import io.vigil.audit.AuditTrail;
import io.vigil.problem.contract.ProblemProcess;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.stereotype.Component;

/**
 * What change enablement tells problem management: a change was raised for a problem, and it
 * finished. A problem waiting for that change goes on: to resolve its incidents when the change was
 * implemented, back to its fix step when not.
 */
@Component
public class ProblemChanges {

  private final ProblemRepository problems;
  private final RuntimeService runtime;
  private final AuditTrail audit;

  ProblemChanges(ProblemRepository problems, RuntimeService runtime, AuditTrail audit) {
    this.problems = problems;
    this.runtime = runtime;
    this.audit = audit;
  }

  public boolean isOpen(String problem) {
    return problems.find(problem).map(p -> p.state().isOpen()).orElse(false);
  }

  /** A change now brings the problem's fix: the latest one raised is the problem's change. */
  public void changeRaised(String problem, String change, String actor) {
    problems.fixChange(problem, change);
    audit.record(problem, actor, AuditAction.FIX_CHANGE_RAISED, change);
  }

  /** The change finished ({@code state}: CLOSED, FAILED, REJECTED, CANCELLED): a problem waiting for it goes on. */
  public void changeFinished(String problem, String change, boolean implemented, String state, String actor) {
    audit.record(problem, actor, AuditAction.FIX_CHANGE_FINISHED, change + " " + state.toLowerCase()
        + (implemented ? ": the fix is in production" : ": the fix is not in production"));
    runtime.createMessageCorrelation(ProblemProcess.Messages.FIX_CHANGE_FINISHED)
        .processInstanceBusinessKey(problem)
        .processInstanceVariableEquals(ProblemProcess.Variables.CHANGE_NUMBER, change)
        .setVariable(ProblemProcess.Variables.FIX_CHANGE_IMPLEMENTED, implemented)
        .correlateAll();
  }
}
