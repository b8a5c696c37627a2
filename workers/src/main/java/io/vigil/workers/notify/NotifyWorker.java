package io.vigil.workers.notify;

import static io.vigil.incident.contract.IncidentProcess.Variables.*;

import io.vigil.incident.contract.IncidentProcess;
import io.vigil.workers.WorkerProperties;
import io.vigil.workers.support.Failures;
import io.vigil.workers.support.Outcomes;
import io.vigil.workers.support.PooledWorker;
import io.vigil.workers.support.WorkerThreads;
import java.net.http.HttpClient;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.client.spring.annotation.ExternalTaskSubscription;
import org.camunda.bpm.client.task.ExternalTask;
import org.camunda.bpm.client.task.ExternalTaskService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;

/**
 * {@code notify.send}: posts a message to every webhook channel configured for the step's audience
 * ({@code vigil.workers.notifications.channels}). The body carries a Slack-compatible {@code text} and the
 * ticket's fields; the {@code Idempotency-Key} header is the task id, so a receiver can drop the copy
 * a redelivered task sends. An audience without a channel is recorded as notified on none.
 */
@Component
@ExternalTaskSubscription(
    topicName = IncidentProcess.Topics.NOTIFY,
    variableNames = {INCIDENT_NUMBER, TITLE, PRIORITY, RESOLVER_GROUP, NOTIFICATION_AUDIENCE, NOTIFICATION_SUBJECT})
public class NotifyWorker extends PooledWorker {

  private static final Logger log = LoggerFactory.getLogger(NotifyWorker.class);

  private final List<WorkerProperties.Notifications.Channel> channels;
  private final RestClient http;
  private final Failures failures;

  public NotifyWorker(WorkerProperties properties, RestClient.Builder builder, Failures failures, WorkerThreads threads) {
    super(threads);
    this.channels = properties.notifications().channels();
    JdkClientHttpRequestFactory factory = new JdkClientHttpRequestFactory(
        HttpClient.newBuilder().connectTimeout(properties.httpTimeout()).build());
    factory.setReadTimeout(properties.httpTimeout());
    this.http = builder.clone().requestFactory(factory).build();
    this.failures = failures;
  }

  @Override
  protected void handle(ExternalTask task, ExternalTaskService service) {
    String audience = task.getVariable(NOTIFICATION_AUDIENCE);
    List<WorkerProperties.Notifications.Channel> targets = channels.stream()
        .filter(c -> c.audiences().contains(audience))
        .toList();
    Map<String, Object> message = new LinkedHashMap<>();
    message.put("text", task.getVariable(NOTIFICATION_SUBJECT));
    message.put("ticket", task.getVariable(INCIDENT_NUMBER));
    message.put("title", task.getVariable(TITLE));
    message.put("priority", task.getVariable(PRIORITY));
    message.put("resolverGroup", task.getVariable(RESOLVER_GROUP));
    message.put("audience", audience);
    try {
      for (WorkerProperties.Notifications.Channel channel : targets) {
        http.post()
            .uri(channel.url())
            .contentType(MediaType.APPLICATION_JSON)
            .header("Idempotency-Key", task.getId())
            .body(message)
            .retrieve()
            .toBodilessEntity();
      }
    } catch (RuntimeException e) {
      failures.report(task, service, e);
      return;
    }
    if (targets.isEmpty()) {
      log.info("{} no channel configured for audience {}: {}", task.getBusinessKey(), audience, message.get("text"));
    } else {
      log.info("{} notified {} on {} channel(s)", task.getBusinessKey(), audience, targets.size());
    }
    Outcomes.complete(task, service, null, Map.of(NOTIFICATIONS_DELIVERED, targets.size()));
  }
}
