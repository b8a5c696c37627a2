package io.vigil.workers.notify;

import io.vigil.workers.support.VigilApi;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * The delivery ledger, over {@code /api/notifications/deliveries} (ADR 27): a delivery is begun
 * before it is sent and marked sent after, so that a task delivered again sends only what the first
 * delivery did not.
 */
@Component
class DeliveryLedger {

  /** One notification of a task to one recipient on one channel ({@code MAIL} or {@code WEBHOOK}). */
  record Delivery(String key, String ticket, String channel, String recipient, String template) {

    static Delivery of(String taskId, String ticket, String channel, String recipient, String template) {
      String name = taskId + "\n" + channel + "\n" + recipient.toLowerCase();
      return new Delivery(UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString(), ticket, channel, recipient, template);
    }
  }

  private final VigilApi api;

  DeliveryLedger(VigilApi api) {
    this.api = api;
  }

  /** Records the attempt; true when an earlier delivery of the task already sent it. */
  boolean alreadySent(Delivery delivery) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("key", delivery.key());
    body.put("ticket", delivery.ticket());
    body.put("channel", delivery.channel());
    body.put("recipient", delivery.recipient());
    body.put("template", delivery.template());
    return "SENT".equals(api.post("/notifications/deliveries", body).path("status").asText());
  }

  void sent(Delivery delivery) {
    api.put("/notifications/deliveries/{key}/sent", delivery.key());
  }
}
