package io.vigil.ticket;

import io.vigil.support.Databases;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Gives each new ticket its number from a database sequence of its kind: never used before, never
 * given twice, on any node. A rolled-back report leaves a gap, as sequences do.
 */
@Component
public class TicketNumbers {

  private final JdbcClient jdbc;
  private final boolean postgresql;

  TicketNumbers(JdbcClient jdbc, DataSource dataSource) {
    this.jdbc = jdbc;
    this.postgresql = Databases.isPostgresql(dataSource);
  }

  public String next(TicketType type) {
    String sql = postgresql ? "SELECT nextval('" + type.sequence() + "')" : "SELECT NEXT VALUE FOR " + type.sequence();
    return type.number(jdbc.sql(sql).query(Long.class).single());
  }
}
