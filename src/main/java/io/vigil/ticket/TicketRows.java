package io.vigil.ticket;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What every ticket table does alike: times stored in UTC, enums by name, and a step's update of one
 * ticket's row, which always moves its {@code updated_at}.
 */
public final class TicketRows {

  private TicketRows() {}

  public static OffsetDateTime now(Clock clock) {
    return OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
  }

  public static OffsetDateTime utc(OffsetDateTime time) {
    return time.withOffsetSameInstant(ZoneOffset.UTC);
  }

  /** The constant of that name, or {@code null} for a column that holds none. */
  public static <E extends Enum<E>> E enumOf(Class<E> type, String value) {
    return value == null ? null : Enum.valueOf(type, value);
  }

  /** Sets {@code assignments} ({@code "state = ?, risk = ?"}) on the ticket {@code number} of {@code table}. */
  public static void update(JdbcClient jdbc, Clock clock, String table, String number, String assignments, Object... values) {
    List<Object> params = new ArrayList<>(Arrays.asList(values));
    params.add(now(clock));
    params.add(number);
    jdbc.sql("UPDATE " + table + " SET " + assignments + ", updated_at = ? WHERE number = ?").params(params).update();
  }
}
