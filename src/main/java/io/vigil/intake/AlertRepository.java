package io.vigil.intake;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The alerts incidents hold, and which incident holds each deduplication key. */
@Repository
class AlertRepository {

  /** One alert on one incident. */
  record StoredAlert(long id, String status) {
    boolean firing() {
      return "FIRING".equals(status);
    }
  }

  private final JdbcClient jdbc;
  private final Clock clock;

  AlertRepository(JdbcClient jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  Optional<String> holder(String dedupKey) {
    return jdbc.sql("SELECT incident_number FROM alert_dedup WHERE dedup_key = ?").param(dedupKey).query(String.class).optional();
  }

  /** Takes a key nobody holds; false when another transaction took it first. */
  boolean claim(String dedupKey, String incident) {
    try {
      jdbc.sql("INSERT INTO alert_dedup (dedup_key, incident_number, updated_at) VALUES (?, ?, ?)")
          .params(dedupKey, incident, now())
          .update();
      return true;
    } catch (DuplicateKeyException e) {
      return false;
    }
  }

  /** Hands a key from an incident no longer open to a new one; false when another transaction did first. */
  boolean move(String dedupKey, String from, String to) {
    return jdbc.sql("UPDATE alert_dedup SET incident_number = ?, updated_at = ? WHERE dedup_key = ? AND incident_number = ?")
        .params(to, now(), dedupKey, from)
        .update() == 1;
  }

  Optional<StoredAlert> alert(String incident, String fingerprint) {
    return jdbc.sql("SELECT id, status FROM monitoring_alert WHERE incident_number = ? AND fingerprint = ?")
        .params(incident, fingerprint)
        .query((rs, n) -> new StoredAlert(rs.getLong(1), rs.getString(2)))
        .optional();
  }

  void insert(String incident, AlertmanagerPayload batch, AlertmanagerPayload.Alert alert, String labelsJson) {
    OffsetDateTime now = now();
    boolean firing = alert.firing();
    jdbc.sql("""
            INSERT INTO monitoring_alert (incident_number, fingerprint, alertname, status, labels, summary, generator_url,
              group_key, receiver, starts_at, ends_at, received_count, first_received_at, last_received_at, resolved_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?)""")
        .params(incident, alert.fingerprint(), clip(alert.labels().get("alertname"), 200), firing ? "FIRING" : "RESOLVED",
            labelsJson, clip(alert.annotationsOrEmpty().get("summary"), 1000), clip(alert.generatorUrl(), 1000),
            clip(batch.groupKey(), 1000), clip(batch.receiver(), 200), utc(alert.startsAt()),
            firing ? null : utc(alert.endsAt()), now, now, firing ? null : now)
        .update();
  }

  /** Sent again with nothing new: only the counter moves. */
  void repeated(long id) {
    jdbc.sql("UPDATE monitoring_alert SET received_count = received_count + 1, last_received_at = ? WHERE id = ?")
        .params(now(), id)
        .update();
  }

  void firingAgain(long id, OffsetDateTime startsAt) {
    jdbc.sql("""
            UPDATE monitoring_alert SET status = 'FIRING', starts_at = ?, ends_at = NULL, resolved_at = NULL,
              received_count = received_count + 1, last_received_at = ?
            WHERE id = ?""")
        .params(utc(startsAt), now(), id)
        .update();
  }

  void resolved(long id, OffsetDateTime endsAt) {
    OffsetDateTime now = now();
    jdbc.sql("""
            UPDATE monitoring_alert SET status = 'RESOLVED', ends_at = ?, resolved_at = ?,
              received_count = received_count + 1, last_received_at = ?
            WHERE id = ?""")
        .params(utc(endsAt), now, now, id)
        .update();
  }

  int firing(String incident) {
    return jdbc.sql("SELECT COUNT(*) FROM monitoring_alert WHERE incident_number = ? AND status = 'FIRING'")
        .param(incident)
        .query(Integer.class)
        .single();
  }

  int total(String incident) {
    return jdbc.sql("SELECT COUNT(*) FROM monitoring_alert WHERE incident_number = ?").param(incident).query(Integer.class).single();
  }

  List<AlertView> alerts(String incident) {
    return jdbc.sql("""
            SELECT fingerprint, alertname, status, labels, summary, generator_url, starts_at, ends_at, received_count,
              first_received_at, last_received_at
            FROM monitoring_alert WHERE incident_number = ? ORDER BY id""")
        .param(incident)
        .query((rs, n) -> new AlertView(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
            rs.getString(6), rs.getObject(7, OffsetDateTime.class), rs.getObject(8, OffsetDateTime.class), rs.getInt(9),
            rs.getObject(10, OffsetDateTime.class), rs.getObject(11, OffsetDateTime.class)))
        .list();
  }

  /** Monitoring opened this incident: the storm guard counts it for a minute. */
  void opened(String incident, String source) {
    OffsetDateTime now = now();
    jdbc.sql("DELETE FROM monitoring_opened WHERE opened_at < ?").param(now.minusHours(1)).update();
    jdbc.sql("INSERT INTO monitoring_opened (incident_number, source, opened_at) VALUES (?, ?, ?)")
        .params(incident, source, now)
        .update();
  }

  int openedSince(Instant since) {
    return jdbc.sql("SELECT COUNT(*) FROM monitoring_opened WHERE opened_at >= ?")
        .param(since.atOffset(ZoneOffset.UTC))
        .query(Integer.class)
        .single();
  }

  private OffsetDateTime now() {
    return OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
  }

  private static OffsetDateTime utc(OffsetDateTime time) {
    return time == null ? null : time.withOffsetSameInstant(ZoneOffset.UTC);
  }

  private static String clip(String text, int max) {
    return text == null || text.length() <= max ? text : text.substring(0, max);
  }
}
