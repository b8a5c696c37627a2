package io.vigil.notify;

import static io.vigil.notify.contract.Notifications.Variables.AUDIENCE;
import static io.vigil.notify.contract.Notifications.Variables.SUBJECT;
import static io.vigil.notify.contract.Notifications.Variables.TEMPLATE;

import io.vigil.audit.AuditAction;
import io.vigil.audit.AuditTrail;
import io.vigil.notify.contract.NotificationProcess;
import io.vigil.notify.contract.Notifications;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

/**
 * Starts the notification process ({@code processes/notification.bpmn}) for a ticket: from a ticket
 * model's throw event ("Tell the caller it is registered"), whose inputs name the audience, the
 * mail template and the subject, or from Java (a page). The message goes in a process of its own,
 * in the same transaction as the step that asked for it, so it is sent exactly when that step
 * commits and a mail server that is down never holds the ticket's process up. An incident of low
 * priority that reaches a group's queue is gathered for the group's next digest instead
 * ({@link NotificationProperties.QueueDigest}, {@link QueueDigestSender}).
 */
@Component("notifications")
@EnableConfigurationProperties(NotificationProperties.class)
public class NotificationRequests implements JavaDelegate {

  private static final Logger log = LoggerFactory.getLogger(NotificationRequests.class);

  /**
   * What the worker reads of the ticket from the asking process (the webhooks' fields, the caller's
   * address), copied when it has them. The number is the business key; templates read the rest of
   * the ticket over the API.
   */
  private static final List<String> TICKET_VARIABLES = List.of("title", "priority", "resolverGroup", "caller");

  private final RuntimeService runtime;
  private final AuditTrail audit;
  private final QueueDigests digests;
  private final NotificationProperties.QueueDigest queueDigest;
  private final Clock clock;

  NotificationRequests(RuntimeService runtime, AuditTrail audit, QueueDigests digests, NotificationProperties properties,
      Clock clock) {
    this.runtime = runtime;
    this.audit = audit;
    this.digests = digests;
    this.queueDigest = properties.queueDigest();
    this.clock = clock;
  }

  /** A throw event asks: its local inputs say to whom and with which template. */
  @Override
  public void execute(DelegateExecution execution) {
    String number = execution.getProcessBusinessKey();
    String audience = text(execution, AUDIENCE);
    String template = text(execution, TEMPLATE);
    Object priority = execution.getVariable("priority");
    if (queueDigest.gathers(template, priority)) {
      digests.gather(audience, number, text(execution, "title"), priority.toString(), clock.instant());
      log.info("{} gathered for the {} queue digest ({})", number, audience, priority);
      return;
    }
    Map<String, Object> variables = new HashMap<>();
    for (String name : TICKET_VARIABLES) {
      Object value = execution.getVariable(name);
      if (value != null) {
        variables.put(name, value);
      }
    }
    request(number, audience, template, text(execution, SUBJECT), variables);
  }

  /**
   * Sends {@code template} to {@code audience} about ticket {@code ticketNumber}, once this
   * transaction commits; {@code fields} are what the template may show (the ticket's, a digest's list).
   */
  public void request(String ticketNumber, String audience, String template, String subject, Map<String, Object> fields) {
    Map<String, Object> variables = new HashMap<>(fields);
    variables.put(AUDIENCE, audience);
    variables.put(TEMPLATE, template);
    variables.put(SUBJECT, subject);
    runtime.createMessageCorrelation(NotificationProcess.Messages.REQUESTED)
        .processInstanceBusinessKey(ticketNumber)
        .setVariables(variables)
        .correlateStartMessage();
  }

  /** The worker sent it: the ticket's audit trail, or that of each incident a digest listed, says what went to whom. */
  public void sent(DelegateExecution execution) {
    Object template = execution.getVariable(TEMPLATE);
    if (Notifications.Templates.QUEUE_DIGEST.equals(template)) {
      String detail = "in the " + execution.getVariable(AUDIENCE) + " digest: " + NotificationAudit.detail(execution);
      for (String number : QueueDigest.numbers(execution.getVariable(Notifications.Variables.QUEUE_DIGEST))) {
        audit.record(number, AuditTrail.SYSTEM, AuditAction.NOTIFIED, detail);
      }
      return;
    }
    audit.record(execution.getProcessBusinessKey(), AuditTrail.SYSTEM, AuditAction.NOTIFIED,
        template + " to " + NotificationAudit.detail(execution));
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
