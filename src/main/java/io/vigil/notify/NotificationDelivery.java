package io.vigil.notify;

import java.time.OffsetDateTime;

/**
 * One notification to one recipient, as the delivery ledger holds it. {@code status} is
 * {@code PENDING} from the first attempt until the worker reports it sent, then {@code SENT};
 * {@code attempts} counts the deliveries of the task that tried it.
 */
public record NotificationDelivery(
    String key,
    String ticket,
    DeliveryChannel channel,
    /** The e-mail address, or the webhook channel's name. */
    String recipient,
    String template,
    Status status,
    int attempts,
    OffsetDateTime firstAttemptAt,
    OffsetDateTime sentAt) {

  public enum Status {
    PENDING,
    SENT
  }
}
