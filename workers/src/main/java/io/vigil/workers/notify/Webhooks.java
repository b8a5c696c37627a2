package io.vigil.workers.notify;

import io.vigil.workers.WorkerProperties;
import java.net.http.HttpClient;
import java.util.List;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;

/**
 * The webhook channels of each audience ({@code vigil.workers.notifications.channels}): Slack, Teams
 * or any receiver of JSON. The {@code Idempotency-Key} header is the task id, so a receiver can drop
 * the copy a redelivered task would send.
 */
@Component
class Webhooks {

  private final List<WorkerProperties.Notifications.Channel> channels;
  private final RestClient http;

  Webhooks(WorkerProperties properties, RestClient.Builder builder) {
    this.channels = properties.notifications().channels();
    JdkClientHttpRequestFactory factory = new JdkClientHttpRequestFactory(
        HttpClient.newBuilder().connectTimeout(properties.httpTimeout()).build());
    factory.setReadTimeout(properties.httpTimeout());
    this.http = builder.clone().requestFactory(factory).build();
  }

  List<WorkerProperties.Notifications.Channel> of(String audience) {
    return channels.stream().filter(channel -> channel.audiences().contains(audience)).toList();
  }

  void post(WorkerProperties.Notifications.Channel channel, String taskId, Map<String, Object> message) {
    http.post()
        .uri(channel.url())
        .contentType(MediaType.APPLICATION_JSON)
        .header("Idempotency-Key", taskId)
        .body(message)
        .retrieve()
        .toBodilessEntity();
  }
}
