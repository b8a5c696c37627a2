package io.vigil.notify;

import static io.vigil.notify.contract.Notifications.Variables.AUDIENCE;
import static io.vigil.notify.contract.Notifications.Variables.SUBJECT;
import static io.vigil.notify.contract.Notifications.Variables.TEMPLATE;

import io.vigil.audit.AuditAction;
import io.vigil.audit.AuditTrail;
import io.vigil.notify.contract.NotificationProcess;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Starts the notification process ({@code processes/notification.bpmn}) for a ticket: from a ticket
 * model's throw event ("Tell the caller it is registered"), whose inputs name the audience, the
 * mail template and the subject, or from Java (a page). The message goes in a process of its own,
 * in the same transaction as the step that asked for it, so it is sent exactly when that step
 * commits and a mail server that is down never holds the ticket's process up.
 */
@Component("notifications")
public class NotificationRequests implements JavaDelegate {

  /** What a template may show of the ticket, copied from the asking process when it has them. */
  private static final List<String> TICKET_VARIABLES =
      List.of("incidentNumber", "problemNumber", "changeNumber", "title", "priority", "resolverGroup", "caller");

  private final RuntimeService runtime;
  private final AuditTrail audit;

  NotificationRequests(RuntimeService runtime, AuditTrail audit) {
    this.runtime = runtime;
    this.audit = audit;
  }

  /** A throw event asks: its local inputs say to whom and with which template. */
  @Override
  public void execute(DelegateExecution execution) {
    Map<String, Object> variables = new HashMap<>();
    for (String name : TICKET_VARIABLES) {
      Object value = execution.getVariable(name);
      if (value != null) {
        variables.put(name, value);
      }
    }
    request(execution.getProcessBusinessKey(), text(execution, AUDIENCE), text(execution, TEMPLATE), text(execution, SUBJECT),
        variables);
  }

  /** Sends {@code template} to {@code audience} about ticket {@code ticketNumber}, once this transaction commits. */
  public void request(String ticketNumber, String audience, String template, String subject, Map<String, Object> ticket) {
    Map<String, Object> variables = new HashMap<>(ticket);
    variables.put(AUDIENCE, audience);
    variables.put(TEMPLATE, template);
    variables.put(SUBJECT, subject);
    runtime.createMessageCorrelation(NotificationProcess.Messages.REQUESTED)
        .processInstanceBusinessKey(ticketNumber)
        .setVariables(variables)
        .correlateStartMessage();
  }

  /** The worker sent it: the ticket's audit trail says what went to whom. */
  public void sent(DelegateExecution execution) {
    audit.record(execution.getProcessBusinessKey(), AuditTrail.SYSTEM, AuditAction.NOTIFIED,
        execution.getVariable(TEMPLATE) + " to " + NotificationAudit.detail(execution));
  }

  private static String text(DelegateExecution execution, String name) {
    Object value = execution.getVariable(name);
    if (value == null || value.toString().isBlank()) {
      throw new IllegalStateException(execution.getCurrentActivityId() + " names no " + name
          + ": give the throw event an input " + name);
    }
    return value.toString();
  }
}
