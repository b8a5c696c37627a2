package io.vigil.ticket;

import io.vigil.audit.AuditAction;
import io.vigil.audit.AuditTrail;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionTemplate;

/** The comments on every ticket, by ticket number; each is an audit entry too, written with it. */
@Repository
public class TicketComments {

  private final JdbcClient jdbc;
  private final AuditTrail audit;
  private final TransactionTemplate transaction;
  private final Clock clock;

  TicketComments(JdbcClient jdbc, AuditTrail audit, TransactionTemplate transaction, Clock clock) {
    this.jdbc = jdbc;
    this.audit = audit;
    this.transaction = transaction;
    this.clock = clock;
  }

  /** Adds the comment and its audit entry, in the caller's transaction if there is one. */
  public Comment add(String ticket, String author, String text) {
    return transaction.execute(status -> {
      OffsetDateTime at = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
      KeyHolder key = new GeneratedKeyHolder();
      jdbc.sql("INSERT INTO ticket_comment (ticket_number, author, text, created_at) VALUES (?, ?, ?, ?)")
          .params(ticket, author, text, at)
          .update(key, "id");
      audit.record(ticket, author, AuditAction.COMMENTED, text);
      return new Comment(key.getKeyAs(Number.class).longValue(), author, text, at);
    });
  }

  /** Oldest first. */
  public List<Comment> of(String ticket) {
    return jdbc.sql("SELECT id, author, text, created_at FROM ticket_comment WHERE ticket_number = ? ORDER BY id")
        .param(ticket)
        .query((rs, n) -> new Comment(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getObject(4, OffsetDateTime.class)))
        .list();
  }
}
