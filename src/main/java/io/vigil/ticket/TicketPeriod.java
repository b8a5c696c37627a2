package io.vigil.ticket;

import io.vigil.web.BadRequestException;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * A span of time a search asks about, either end open. A ticket belongs to it when it was open at
 * some moment of it: opened before its end, and not closed before its start. That is what an auditor
 * asking about March means: every ticket that was worked in March, including one opened in February
 * and closed in April.
 */
public record TicketPeriod(OffsetDateTime from, OffsetDateTime to) {

  public TicketPeriod {
    if (from != null && to != null && !to.isAfter(from)) {
      throw new BadRequestException("to", "to: must be after from");
    }
  }

  /** Adds the period's conditions on a ticket table whose opening time is {@code openedColumn} and closing time {@code closed_at}. */
  public void addConditions(String openedColumn, List<String> conditions, List<Object> params) {
    if (to != null) {
      conditions.add(openedColumn + " < ?");
      params.add(TicketRows.utc(to));
    }
    if (from != null) {
      conditions.add("(closed_at IS NULL OR closed_at >= ?)");
      params.add(TicketRows.utc(from));
    }
  }
}
