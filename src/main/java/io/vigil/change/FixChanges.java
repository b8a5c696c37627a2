package io.vigil.change;

import io.vigil.change.contract.ChangeProcess;
import io.vigil.change.contract.ChangeType;
import io.vigil.problem.FixChangeRequested;
import io.vigil.problem.ProblemChanges;
import io.vigil.ticket.TicketProcesses;
import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.RuntimeService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * A problem's fix step asks for its change, in the step's transaction: the change is raised from
 * the step's form, or one raised for the problem already is adopted. The change's own checks refuse
 * the step, named after the form's fields.
 */
@Component
class FixChanges {

  /** The change's fields, as the problem's fix form names them. */
  private static final Map<String, String> FORM_FIELDS = Map.of(
      ChangeProcess.Variables.TYPE, "fixChangeType",
      ChangeProcess.Variables.CIS, "fixCis",
      ChangeProcess.Variables.PLANNED_START, "fixPlannedStart",
      ChangeProcess.Variables.PLANNED_END, "fixPlannedEnd",
      ChangeProcess.Variables.IMPLEMENTATION_PLAN, "fixImplementationPlan",
      ChangeProcess.Variables.BACKOUT_PLAN, "fixBackoutPlan",
      ChangeProcess.Variables.TEST_EVIDENCE, "fixTestEvidence",
      ChangeProcess.Variables.IMPLEMENTER_GROUP, "fixImplementerGroup",
      ChangeProcess.Variables.DESCRIPTION, "fixNotes",
      ChangeProcess.Variables.EXCEPTION_REASON, "fixExceptionReason");

  private static final Logger log = LoggerFactory.getLogger(FixChanges.class);

  private final ChangeRepository changes;
  private final ProblemChanges problems;
  private final RuntimeService runtime;

  FixChanges(ChangeRepository changes, ProblemChanges problems, RuntimeService runtime) {
    this.changes = changes;
    this.problems = problems;
    this.runtime = runtime;
  }

  @EventListener
  void fixChangeRequested(FixChangeRequested request) {
    if (request.existingChange() != null) {
      adopt(request);
      return;
    }
    Map<String, Object> variables = new HashMap<>();
    variables.put(ChangeProcess.Variables.TITLE, request.title());
    variables.put(ChangeProcess.Variables.DESCRIPTION, request.description());
    variables.put(ChangeProcess.Variables.TYPE, request.type() == null ? ChangeType.NORMAL.name() : request.type());
    variables.put(ChangeProcess.Variables.CIS, request.cis());
    variables.put(ChangeProcess.Variables.PLANNED_START, request.plannedStart());
    variables.put(ChangeProcess.Variables.PLANNED_END, request.plannedEnd());
    variables.put(ChangeProcess.Variables.IMPLEMENTATION_PLAN, request.implementationPlan());
    variables.put(ChangeProcess.Variables.BACKOUT_PLAN, request.backoutPlan());
    variables.put(ChangeProcess.Variables.TEST_EVIDENCE, request.testEvidence());
    variables.put(ChangeProcess.Variables.IMPLEMENTER_GROUP, request.implementerGroup());
    variables.put(ChangeProcess.Variables.EXCEPTION_REASON, request.exceptionReason());
    variables.put(ChangeProcess.Variables.PROBLEM, request.problem());
    variables.put(ChangeProcess.Variables.REQUESTED_BY, request.requestedBy());
    try {
      String number = TicketProcesses.withoutAuthorization(() ->
          runtime.createProcessInstanceByKey(ChangeProcess.KEY).setVariables(variables).execute().getBusinessKey());
      log.info("{} raised {} for its fix", request.problem(), number);
    } catch (BadUserRequestException refused) {
      throw new BadUserRequestException(formField(refused.getMessage()), refused);
    }
  }

  private void adopt(FixChangeRequested request) {
    String number = request.existingChange();
    Change change = changes.find(number)
        .orElseThrow(() -> new BadUserRequestException("changeNumber: no change " + number));
    if (!change.state().isOpen()) {
      throw new BadUserRequestException("changeNumber: " + number + " is " + change.state() + "; raise a new change");
    }
    if (change.problem() != null && !change.problem().equals(request.problem())) {
      throw new BadUserRequestException("changeNumber: " + number + " brings the fix of " + change.problem());
    }
    if (change.problem() == null) {
      changes.fixes(number, request.problem());
      runtime.setVariable(change.processInstanceId(), ChangeProcess.Variables.PROBLEM, request.problem());
    }
    problems.changeRaised(request.problem(), number, request.requestedBy());
  }

  /** "cis: unknown …" from the change is "fixCis: unknown …" in the problem's form. */
  static String formField(String message) {
    int separator = message.indexOf(": ");
    if (separator < 0) {
      return message;
    }
    String field = FORM_FIELDS.get(message.substring(0, separator));
    return field == null ? message : field + message.substring(separator);
  }
}
