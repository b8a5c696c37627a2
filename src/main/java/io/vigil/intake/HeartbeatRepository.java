package io.vigil.intake;

import io.vigil.incident.contract.Priority;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Heartbeat monitors. Every change of state is a compare-and-set, so that the nodes of a cluster agree. */
@Repository
class HeartbeatRepository {

  private static final String COLUMNS = "name, period_seconds, grace_seconds, ci_id, priority, status, next_due_at, last_ping_at,"
      + " last_failure_at, last_failure, ping_count, failure_count, incident_number, created_by, created_at";

  private final JdbcClient jdbc;
  private final Clock clock;

  HeartbeatRepository(JdbcClient jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  void insert(HeartbeatRequest request, String createdBy) {
    OffsetDateTime now = now();
    jdbc.sql("INSERT INTO heartbeat_monitor (" + COLUMNS + ", updated_at) VALUES (?, ?, ?, ?, ?, 'NEW', ?, NULL, NULL, NULL, 0, 0, NULL, ?, ?, ?)")
        .params(request.name(), request.period().toSeconds(), request.graceOrNone().toSeconds(), request.ci(),
            request.priorityOrDefault().name(), now.plus(request.period()).plus(request.graceOrNone()), createdBy, now, now)
        .update();
  }

  /** New settings; the next run is expected a period (and grace) after the last ping, or from now. */
  boolean update(HeartbeatRequest request) {
    OffsetDateTime now = now();
    return jdbc.sql("""
            UPDATE heartbeat_monitor SET period_seconds = ?, grace_seconds = ?, ci_id = ?, priority = ?,
              next_due_at = ?, updated_at = ?
            WHERE name = ?""")
        .params(request.period().toSeconds(), request.graceOrNone().toSeconds(), request.ci(), request.priorityOrDefault().name(),
            now.plus(request.period()).plus(request.graceOrNone()), now, request.name())
        .update() == 1;
  }

  boolean delete(String name) {
    return jdbc.sql("DELETE FROM heartbeat_monitor WHERE name = ?").param(name).update() == 1;
  }

  Optional<HeartbeatMonitor> find(String name) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM heartbeat_monitor WHERE name = ?").param(name).query(this::map).optional();
  }

  /** The monitor, its row locked until the transaction ends: its pings are taken one after the other. */
  Optional<HeartbeatMonitor> lock(String name) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM heartbeat_monitor WHERE name = ? FOR UPDATE").param(name).query(this::map).optional();
  }

  List<HeartbeatMonitor> all() {
    return jdbc.sql("SELECT " + COLUMNS + " FROM heartbeat_monitor ORDER BY name").query(this::map).list();
  }

  /** Monitors whose next run is overdue and that have not opened an incident for it yet. */
  List<String> overdue(OffsetDateTime now, int limit) {
    return jdbc.sql("""
            SELECT name FROM heartbeat_monitor WHERE status IN ('NEW', 'UP') AND next_due_at <= ?
            ORDER BY next_due_at FETCH FIRST ? ROWS ONLY""")
        .params(now, limit)
        .query(String.class)
        .list();
  }

  /** Marks a run missed; false when it is no longer overdue or another node did it first. */
  boolean missed(String name, OffsetDateTime now) {
    return jdbc.sql("UPDATE heartbeat_monitor SET status = 'DOWN', updated_at = ? WHERE name = ? AND status IN ('NEW', 'UP') AND next_due_at <= ?")
        .params(now, name, now)
        .update() == 1;
  }

  void pinged(String name, Duration nextIn) {
    OffsetDateTime now = now();
    jdbc.sql("""
            UPDATE heartbeat_monitor SET status = 'UP', last_ping_at = ?, ping_count = ping_count + 1, next_due_at = ?,
              incident_number = NULL, updated_at = ?
            WHERE name = ?""")
        .params(now, now.plus(nextIn), now, name)
        .update();
  }

  void failed(String name, String reason, Duration nextIn) {
    OffsetDateTime now = now();
    jdbc.sql("""
            UPDATE heartbeat_monitor SET status = 'DOWN', last_failure_at = ?, last_failure = ?, failure_count = failure_count + 1,
              next_due_at = ?, updated_at = ?
            WHERE name = ?""")
        .params(now, reason, now.plus(nextIn), now, name)
        .update();
  }

  void incidentOpened(String name, String incident) {
    jdbc.sql("UPDATE heartbeat_monitor SET incident_number = ?, updated_at = ? WHERE name = ?").params(incident, now(), name).update();
  }

  private HeartbeatMonitor map(ResultSet rs, int row) throws SQLException {
    return new HeartbeatMonitor(rs.getString(1), Duration.ofSeconds(rs.getLong(2)), Duration.ofSeconds(rs.getLong(3)),
        rs.getString(4), Priority.valueOf(rs.getString(5)), HeartbeatMonitor.Status.valueOf(rs.getString(6)),
        rs.getObject(7, OffsetDateTime.class), rs.getObject(8, OffsetDateTime.class), rs.getObject(9, OffsetDateTime.class),
        rs.getString(10), rs.getLong(11), rs.getLong(12), rs.getString(13), rs.getString(14), rs.getObject(15, OffsetDateTime.class));
  }

  private OffsetDateTime now() {
    return OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
  }
}
