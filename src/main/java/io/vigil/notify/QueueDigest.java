package io.vigil.notify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vigil.notify.contract.Notifications;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One resolver group's digest: the incidents gathered for it since its last, oldest first. It goes
 * as one notification, filed under its oldest incident, with the list in the
 * {@link Notifications.Variables#QUEUE_DIGEST} variable.
 */
record QueueDigest(String group, List<Queued> incidents) {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** An incident as it reached the group's queue. */
  record Queued(long id, String number, String title, String priority, Instant reachedAt) {}

  QueueDigest {
    if (incidents.isEmpty()) {
      throw new IllegalArgumentException("A digest of the " + group + " queue lists at least one incident");
    }
    incidents = List.copyOf(incidents);
  }

  /** The ticket the notification is filed under: a notification, and its delivery ledger, needs one. */
  String ticketNumber() {
    return incidents.get(0).number();
  }

  String subject() {
    return incidents.size() + (incidents.size() == 1 ? " incident" : " incidents") + " in the " + group + " queue";
  }

  /** The {@link Notifications.Variables#QUEUE_DIGEST} variable's JSON. */
  String json() {
    ArrayNode list = JSON.createArrayNode();
    for (Queued incident : incidents) {
      ObjectNode item = list.addObject();
      item.put("number", incident.number());
      item.put("title", incident.title());
      item.put("priority", incident.priority());
      item.put("reachedAt", incident.reachedAt().toString());
    }
    return list.toString();
  }

  /** The incidents a {@link Notifications.Variables#QUEUE_DIGEST} variable lists (Spin's JSON value prints as its JSON). */
  static List<String> numbers(Object variable) {
    JsonNode list;
    try {
      list = JSON.readTree(String.valueOf(variable));
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(Notifications.Variables.QUEUE_DIGEST + " is not JSON: " + variable, e);
    }
    List<String> numbers = new ArrayList<>();
    list.forEach(item -> numbers.add(item.path("number").asText()));
    return numbers;
  }
}
