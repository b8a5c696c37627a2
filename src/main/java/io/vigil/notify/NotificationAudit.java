package io.vigil.notify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigil.notify.contract.Notifications;
import java.util.Collection;
import java.util.List;
import org.camunda.bpm.engine.delegate.VariableScope;

/**
 * The detail of a ticket's NOTIFIED audit entry, from what its {@code notify.send} task answered:
 * {@code incident-managers -> im.ian@example.com, ops-chat: INC-000042 breaching: …}. Every ticket's
 * listener writes it the same way.
 */
public final class NotificationAudit {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {};

  private NotificationAudit() {}

  public static String detail(VariableScope execution) {
    Object recipients = execution.getVariable(Notifications.Variables.RECIPIENTS);
    String to;
    if (recipients == null) {
      // a worker of the version before answered with the count alone (a rolling update)
      to = execution.getVariable(Notifications.Variables.DELIVERED) + " recipient(s)";
    } else {
      List<String> names = recipients(recipients);
      to = names.isEmpty() ? "nobody" : String.join(", ", names);
    }
    return execution.getVariable(Notifications.Variables.AUDIENCE) + " -> " + to + ": "
        + execution.getVariable(Notifications.Variables.SUBJECT);
  }

  /** A JSON array variable (Spin's JSON value prints as its JSON), its text, or a list. */
  static List<String> recipients(Object value) {
    if (value instanceof Collection<?> list) {
      return list.stream().map(String::valueOf).toList();
    }
    try {
      return JSON.readValue(value.toString(), STRINGS);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(Notifications.Variables.RECIPIENTS + " is not a JSON array of strings: " + value, e);
    }
  }
}
