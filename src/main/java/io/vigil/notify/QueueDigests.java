package io.vigil.notify;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The incidents gathered for the resolver groups' next digests (table {@code queue_digest}): written
 * in the transaction of the step that queued the incident, deleted by the digest that lists it.
 */
@Repository
class QueueDigests {

  private final JdbcClient jdbc;

  QueueDigests(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  void gather(String group, String number, String title, String priority, Instant reachedAt) {
    jdbc.sql("INSERT INTO queue_digest (resolver_group, incident_number, title, priority, reached_at) VALUES (?, ?, ?, ?, ?)")
        .params(group, number, title, priority, reachedAt.atOffset(ZoneOffset.UTC))
        .update();
  }

  /** The groups with incidents gathered. */
  List<String> groups() {
    return jdbc.sql("SELECT DISTINCT resolver_group FROM queue_digest ORDER BY resolver_group").query(String.class).list();
  }

  /**
   * Takes the group's gathered incidents for one digest, in the caller's transaction; empty when
   * there are none left to take.
   *
   * <p>Deleting a row is what takes it, so that two engine nodes looking at once never list the same
   * incident: on PostgreSQL a second node's DELETE of a row waits for the first node's transaction
   * and then deletes nothing (or, had the first rolled back, the row, which is then its own). Both
   * delete in id order, so neither holds a row the other waits for while it waits itself. Plain
   * DELETE and its update count, unlike DELETE … RETURNING or SKIP LOCKED, read the same on H2.
   */
  Optional<QueueDigest> take(String group) {
    List<QueueDigest.Queued> taken = new ArrayList<>();
    for (QueueDigest.Queued gathered : jdbc.sql("""
            SELECT id, incident_number, title, priority, reached_at FROM queue_digest
            WHERE resolver_group = ? ORDER BY id""")
        .param(group)
        .query(this::map)
        .list()) {
      if (jdbc.sql("DELETE FROM queue_digest WHERE id = ?").param(gathered.id()).update() == 1) {
        taken.add(gathered);
      }
    }
    return taken.isEmpty() ? Optional.empty() : Optional.of(new QueueDigest(group, taken));
  }

  private QueueDigest.Queued map(ResultSet rs, int row) throws SQLException {
    return new QueueDigest.Queued(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
        rs.getObject(5, OffsetDateTime.class).toInstant());
  }
}
