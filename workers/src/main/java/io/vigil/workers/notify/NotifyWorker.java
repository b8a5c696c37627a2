package io.vigil.workers.notify;

import static io.vigil.notify.contract.Notifications.Variables.*;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigil.incident.contract.IncidentProcess;
import io.vigil.notify.contract.Notifications;
import io.vigil.sla.contract.SlaMessage;
import io.vigil.workers.WorkerProperties;
import io.vigil.workers.support.Failures;
import io.vigil.workers.support.Outcomes;
import io.vigil.workers.support.PooledWorker;
import io.vigil.workers.support.WorkerThreads;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.camunda.bpm.client.spring.annotation.ExternalTaskSubscription;
import org.camunda.bpm.client.task.ExternalTask;
import org.camunda.bpm.client.task.ExternalTaskService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.mail.MailException;
import org.springframework.stereotype.Component;

/**
 * {@code notify.send}: mails the people of the step's audience, rendered from the step's template
 * ({@link Notifications}), and posts to the audience's webhook channels. Each mail and post is
 * recorded in Vigil's delivery ledger before it goes and marked sent after, so that a task delivered
 * twice, or retried after some of its deliveries failed, sends each one once (ADR 27). A failed
 * delivery is a technical failure, retried as {@link Failures} counts; a person without a usable
 * address, or whose address the mail server refuses, is skipped.
 */
@Component
@ExternalTaskSubscription(
    topicName = Notifications.TOPIC,
    variableNames = {AUDIENCE, SUBJECT, TEMPLATE, PAGE_LAYER, CALLER, QUEUE_DIGEST, IncidentProcess.Variables.TITLE,
        IncidentProcess.Variables.PRIORITY, IncidentProcess.Variables.RESOLVER_GROUP, SlaMessage.CLOCK, SlaMessage.THRESHOLD})
public class NotifyWorker extends PooledWorker {

  private static final Logger log = LoggerFactory.getLogger(NotifyWorker.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String MAIL = "MAIL";
  private static final String WEBHOOK = "WEBHOOK";

  private final Directory directory;
  private final MailModels models;
  private final MailTemplates templates;
  private final Mailer mailer;
  private final Webhooks webhooks;
  private final DeliveryLedger ledger;
  private final Failures failures;

  NotifyWorker(Directory directory, MailModels models, MailTemplates templates, Mailer mailer, Webhooks webhooks,
      DeliveryLedger ledger, Failures failures, WorkerThreads threads) {
    super(threads);
    this.directory = directory;
    this.models = models;
    this.templates = templates;
    this.mailer = mailer;
    this.webhooks = webhooks;
    this.ledger = ledger;
    this.failures = failures;
  }

  /** One delivery to make: the ledger's record of it, and how to send it. */
  private record Pending(DeliveryLedger.Delivery delivery, Runnable send) {}

  @Override
  protected void handle(ExternalTask task, ExternalTaskService service) {
    String ticket = task.getBusinessKey();
    String audience = task.getVariable(AUDIENCE);
    String subject = task.getVariable(SUBJECT);
    List<Pending> pending;
    try {
      if (ticket == null) {
        throw new IllegalStateException(Notifications.TOPIC + " needs the ticket's number as the process's business key");
      }
      Supplier<Map<String, Object>> ticketRead = MailModels.once(() -> models.ticket(ticket));
      pending = new ArrayList<>(mails(task, ticket, ticketRead, audience, subject));
      pending.addAll(posts(task, ticket, ticketRead, audience, subject));
    } catch (RuntimeException e) {
      failures.report(task, service, e);
      return;
    }

    Round round = deliver(ticket, pending);
    if (round.firstFailure() != null) {
      failures.report(task, service, new IllegalStateException(round.failed().size() + " of " + pending.size()
          + " notifications not delivered (" + String.join(", ", round.failed()) + "); first: " + round.firstFailure().getMessage(),
          round.firstFailure()));
      return;
    }
    List<String> delivered = round.delivered();
    if (delivered.isEmpty()) {
      log.info("{} nobody to notify for audience {}: {}", ticket, audience, subject);
    } else {
      log.info("{} notified {}: {}", ticket, audience, String.join(", ", delivered));
    }
    Outcomes.complete(task, service, null, Map.of(DELIVERED, delivered.size(), RECIPIENTS, json(delivered)));
  }

  /** What one delivery of the task reached, and what it did not. */
  private record Round(List<String> delivered, List<String> failed, RuntimeException firstFailure) {}

  /** Sends what the ledger does not know as sent, each once; a failure does not stop the others. */
  private Round deliver(String ticket, List<Pending> pending) {
    List<String> delivered = new ArrayList<>();
    List<String> failed = new ArrayList<>();
    RuntimeException firstFailure = null;
    boolean mailServerDown = false;
    for (Pending next : pending) {
      DeliveryLedger.Delivery delivery = next.delivery();
      if (mailServerDown && delivery.channel().equals(MAIL)) {
        failed.add(delivery.recipient());
        continue;
      }
      try {
        if (!ledger.alreadySent(delivery)) {
          next.send().run();
          ledger.sent(delivery);
        }
        delivered.add(delivery.recipient());
      } catch (MailException e) {
        if (Mailer.addressRefused(e, delivery.recipient())) {
          log.warn("{} mail server refused {}: skipped ({})", ticket, delivery.recipient(), e.getMessage());
          continue;
        }
        // the other mails would meet the same server
        mailServerDown = Mailer.serverUnavailable(e);
        failed.add(delivery.recipient());
        firstFailure = firstFailure == null ? e : firstFailure;
      } catch (RuntimeException e) {
        failed.add(delivery.recipient());
        firstFailure = firstFailure == null ? e : firstFailure;
      }
    }
    return new Round(delivered, failed, firstFailure);
  }

  /** A mail to each person of the audience, all rendered before the first goes. */
  private List<Pending> mails(ExternalTask task, String ticket, Supplier<Map<String, Object>> ticketRead, String audience,
      String subject) {
    if (!mailer.enabled()) {
      return List.of();
    }
    Audience whom = Audience.parse(audience);
    String caller = whom.kind() == Audience.Kind.CALLER ? field(task, CALLER, ticketRead) : task.getVariable(CALLER);
    List<Recipient> recipients = directory.recipients(ticket, whom, caller);
    if (recipients.isEmpty()) {
      return List.of();
    }
    String template = task.getVariable(TEMPLATE) instanceof String name && !name.isBlank() ? name : Notifications.Templates.NOTIFICATION;
    Object queueDigest = template.equals(Notifications.Templates.QUEUE_DIGEST) ? task.getVariable(QUEUE_DIGEST) : null;
    Map<String, Object> model = models.of(new MailModels.Task(ticket, subject, audience, caller,
        task.getVariable(PAGE_LAYER), task.getVariable(SlaMessage.CLOCK), task.getVariable(SlaMessage.THRESHOLD), queueDigest),
        ticketRead);
    List<Pending> mails = new ArrayList<>();
    for (Recipient recipient : recipients) {
      MailTemplates.Rendered mail = templates.render(template, MailModels.to(model, recipient));
      DeliveryLedger.Delivery delivery = DeliveryLedger.Delivery.of(task.getId(), ticket, MAIL, recipient.address(), template);
      mails.add(new Pending(delivery, () -> mailer.send(delivery.key(), recipient, mail)));
    }
    return mails;
  }

  /** A post to each webhook channel of the audience: the subject as Slack's {@code text}, and the ticket's fields. */
  private List<Pending> posts(ExternalTask task, String ticket, Supplier<Map<String, Object>> ticketRead, String audience,
      String subject) {
    List<WorkerProperties.Notifications.Channel> channels = webhooks.of(audience);
    if (channels.isEmpty()) {
      return List.of();
    }
    Map<String, Object> message = new LinkedHashMap<>();
    message.put("text", subject);
    message.put("ticket", ticket);
    message.put("title", field(task, IncidentProcess.Variables.TITLE, ticketRead));
    message.put("priority", field(task, IncidentProcess.Variables.PRIORITY, ticketRead));
    message.put("resolverGroup", field(task, IncidentProcess.Variables.RESOLVER_GROUP, ticketRead));
    message.put("audience", audience);
    List<Pending> posts = new ArrayList<>();
    for (WorkerProperties.Notifications.Channel channel : channels) {
      DeliveryLedger.Delivery delivery = DeliveryLedger.Delivery.of(task.getId(), ticket, WEBHOOK, channel.name(), null);
      posts.add(new Pending(delivery, () -> webhooks.post(channel, task.getId(), message)));
    }
    return posts;
  }

  /**
   * A field of the ticket: the task's variable when its process has it (a ticket's own process),
   * else the ticket as the API shows it (a notification process carries only what the message is).
   */
  private static String field(ExternalTask task, String name, Supplier<Map<String, Object>> ticketRead) {
    Object value = task.getVariable(name);
    if (value == null) {
      value = ticketRead.get().get(name);
    }
    return value == null ? null : value.toString();
  }

  private static String json(List<String> recipients) {
    try {
      return JSON.writeValueAsString(recipients);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
