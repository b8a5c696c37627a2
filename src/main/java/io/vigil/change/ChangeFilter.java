package io.vigil.change;

import io.vigil.change.contract.ChangeType;
import io.vigil.ticket.TicketPeriod;
import java.time.OffsetDateTime;

/** Which changes a list asks for; null means any. {@code period}: open at some moment of it. */
public record ChangeFilter(
    ChangeState state, ChangeType type, String ci, String problem, OffsetDateTime closedSince,
    String implementerGroup, String number, TicketPeriod period) {

  /** The filters of the change list. */
  public ChangeFilter(ChangeState state, ChangeType type, String ci, String problem, OffsetDateTime closedSince) {
    this(state, type, ci, problem, closedSince, null, null, null);
  }
}
