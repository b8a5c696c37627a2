package io.vigil.audit;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The audit trail of every ticket. Entries are written inside the transaction of the change they
 * describe, so a change and its entry commit or roll back together.
 */
@Repository
public class AuditTrail {

  /** The actor of steps no person took: timers, rules, the engine itself. */
  public static final String SYSTEM = "vigil";

  /** The subject of entries that concern no ticket: administrators' actions, on-call rotas. */
  public static final String ADMINISTRATION = "ADMIN";

  private static final int MAX_DETAIL = 4000;

  private final JdbcClient jdbc;
  private final Clock clock;

  public AuditTrail(JdbcClient jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  public void record(String ticketNumber, String actor, AuditAction action, String detail) {
    String text = detail == null || detail.length() <= MAX_DETAIL ? detail : detail.substring(0, MAX_DETAIL);
    jdbc.sql("INSERT INTO audit_entry (ticket_number, occurred_at, actor, action, detail) VALUES (?, ?, ?, ?, ?)")
        .params(ticketNumber, OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC),
            actor == null ? SYSTEM : actor, action.name(), text)
        .update();
  }

  public List<AuditEntry> of(String ticketNumber) {
    return jdbc.sql("SELECT id, ticket_number, occurred_at, actor, action, detail FROM audit_entry WHERE ticket_number = ? ORDER BY id")
        .param(ticketNumber)
        .query((rs, n) -> new AuditEntry(rs.getLong(1), rs.getString(2), rs.getObject(3, OffsetDateTime.class),
            rs.getString(4), AuditAction.valueOf(rs.getString(5)), rs.getString(6)))
        .list();
  }
}
