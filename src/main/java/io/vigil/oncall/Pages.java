package io.vigil.oncall;

import io.vigil.oncall.contract.PageLayer;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The pages sent for incidents, and who acknowledged them (table {@code incident_page}). */
@Repository
public class Pages {

  /** One page to one person. */
  public record Page(String recipient, PageLayer layer, String group, Instant pagedAt, String acknowledgedBy, Instant acknowledgedAt) {}

  private final JdbcClient jdbc;

  Pages(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  void record(String incident, String group, PageLayer layer, List<String> recipients, Instant at) {
    for (String recipient : recipients) {
      jdbc.sql("""
              INSERT INTO incident_page (incident_number, resolver_group, layer, recipient, paged_at)
              VALUES (?, ?, ?, ?, ?)""")
          .params(incident, group, layer.name(), recipient, utc(at))
          .update();
    }
  }

  /** Marks every page of the incident not yet acknowledged as acknowledged by {@code user}; how many were. */
  int acknowledge(String incident, String user, Instant at) {
    return jdbc.sql("""
            UPDATE incident_page SET acknowledged_by = ?, acknowledged_at = ?
            WHERE incident_number = ? AND acknowledged_at IS NULL""")
        .params(user, utc(at), incident)
        .update();
  }

  /** The incident's pages, oldest first. */
  public List<Page> of(String incident) {
    return jdbc.sql("""
            SELECT recipient, layer, resolver_group, paged_at, acknowledged_by, acknowledged_at
            FROM incident_page WHERE incident_number = ? ORDER BY id""")
        .param(incident)
        .query((rs, row) -> new Page(rs.getString(1), PageLayer.valueOf(rs.getString(2)), rs.getString(3),
            rs.getTimestamp(4).toInstant(), rs.getString(5), instant(rs.getTimestamp(6))))
        .list();
  }

  private static Instant instant(Timestamp timestamp) {
    return timestamp == null ? null : timestamp.toInstant();
  }

  private static OffsetDateTime utc(Instant at) {
    return at.atOffset(ZoneOffset.UTC);
  }
}
