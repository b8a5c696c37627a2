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
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.Expression;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.model.bpmn.instance.FlowElement;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperties;
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

  /** What each throw event asks for, read from its model once. */
  private final Map<String, Message> messages = new ConcurrentHashMap<>();

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

  /** A throw event asks: its extension properties say to whom, with which template and subject. */
  @Override
  public void execute(DelegateExecution execution) {
    String number = execution.getProcessBusinessKey();
    Message message = messages.computeIfAbsent(execution.getProcessDefinitionId() + '/' + execution.getCurrentActivityId(),
        key -> Message.of(execution));
    String audience = message.audience().evaluate(execution);
    String template = message.template().evaluate(execution);
    Object priority = execution.getVariable("priority");
    if (queueDigest.gathers(template, priority)) {
      digests.gather(audience, number, String.valueOf(execution.getVariable("title")), priority.toString(), clock.instant());
      log.info("{} gathered for the {} queue digest ({})", number, audience, priority);
      return;
    }
    request(number, audience, template, message.subject().evaluate(execution), Map.of());
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

  /**
   * A throw event's message: its extension properties {@code notificationAudience},
   * {@code notificationTemplate} and {@code notificationSubject}, each text or an expression
   * such as {@code ${resolverGroup}}. Properties rather than input mappings: an input would make
   * the event a scope of its own and write three variables (and their history) per message.
   */
  private record Message(Property audience, Property template, Property subject) {

    static Message of(DelegateExecution execution) {
      Map<String, String> properties = new HashMap<>();
      FlowElement event = execution.getBpmnModelElementInstance();
      if (event.getExtensionElements() != null) {
        event.getExtensionElements().getElementsQuery().filterByType(CamundaProperties.class).list().stream()
            .flatMap(list -> list.getCamundaProperties().stream())
            .forEach(property -> properties.put(property.getCamundaName(), property.getCamundaValue()));
      }
      return new Message(Property.of(event, properties, AUDIENCE), Property.of(event, properties, TEMPLATE),
          Property.of(event, properties, SUBJECT));
    }
  }

  /** One property, its expressions parsed once. */
  private record Property(String name, Expression expression) {

    static Property of(FlowElement event, Map<String, String> properties, String name) {
      String value = properties.get(name);
      if (value == null || value.isBlank()) {
        throw new IllegalStateException(event.getId() + " names no " + name
            + ": give the throw event an extension property " + name);
      }
      return new Property(name, Context.getProcessEngineConfiguration().getExpressionManager().createExpression(value));
    }

    String evaluate(DelegateExecution execution) {
      Object value = expression.getValue(execution);
      if (value == null || value.toString().isBlank()) {
        throw new IllegalStateException(execution.getCurrentActivityId() + ": " + name + " is empty");
      }
      return value.toString();
    }
  }
}
