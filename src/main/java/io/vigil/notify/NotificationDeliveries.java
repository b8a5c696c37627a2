package io.vigil.notify;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The delivery ledger (ADR 27). Each statement stands alone: the key's primary key decides between
 * two deliveries of one task that begin at once, and marking sent is a compare-and-set.
 */
@Repository
class NotificationDeliveries {

  private static final String COLUMNS =
      "delivery_key, ticket_number, channel, recipient, template, status, attempts, first_attempt_at, sent_at";

  /** A delivery as it stands after a begin, and whether that begin created it. */
  record Begun(NotificationDelivery delivery, boolean created) {}

  private final JdbcClient jdbc;
  private final Clock clock;

  NotificationDeliveries(JdbcClient jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  /** Records an attempt: a new row, or one more attempt on a row not sent yet. */
  Begun begin(DeliveryRequest request) {
    try {
      jdbc.sql("INSERT INTO notification_delivery (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, 'PENDING', 1, ?, NULL)")
          .params(request.key(), request.ticket(), request.channel().name(), request.recipient(), request.template(), now())
          .update();
      return new Begun(find(request.key()).orElseThrow(), true);
    } catch (DuplicateKeyException again) {
      jdbc.sql("UPDATE notification_delivery SET attempts = attempts + 1 WHERE delivery_key = ? AND status = 'PENDING'")
          .param(request.key())
          .update();
      return new Begun(find(request.key()).orElseThrow(), false);
    }
  }

  /** Marks a delivery sent; empty when there is none with that key. Marking it again changes nothing. */
  Optional<NotificationDelivery> sent(String key) {
    jdbc.sql("UPDATE notification_delivery SET status = 'SENT', sent_at = ? WHERE delivery_key = ? AND status = 'PENDING'")
        .params(now(), key)
        .update();
    return find(key);
  }

  Optional<NotificationDelivery> find(String key) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM notification_delivery WHERE delivery_key = ?").param(key).query(this::map).optional();
  }

  List<NotificationDelivery> ofTicket(String ticket) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM notification_delivery WHERE ticket_number = ? ORDER BY first_attempt_at, delivery_key")
        .param(ticket)
        .query(this::map)
        .list();
  }

  private NotificationDelivery map(ResultSet rs, int row) throws SQLException {
    return new NotificationDelivery(rs.getString(1), rs.getString(2), DeliveryChannel.valueOf(rs.getString(3)), rs.getString(4),
        rs.getString(5), NotificationDelivery.Status.valueOf(rs.getString(6)), rs.getInt(7),
        utc(rs.getObject(8, OffsetDateTime.class)), utc(rs.getObject(9, OffsetDateTime.class)));
  }

  private static OffsetDateTime utc(OffsetDateTime time) {
    return time == null ? null : time.withOffsetSameInstant(ZoneOffset.UTC);
  }

  private OffsetDateTime now() {
    return OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
  }
}
