package io.vigil.problem;

import io.vigil.incident.contract.Priority;
import io.vigil.ticket.TicketPeriod;

/** Which problems a list asks for; null means any. {@code period}: open at some moment of it. */
public record ProblemFilter(
    ProblemState state, String ci, String service, Priority priority, String number, TicketPeriod period) {

  /** The filters of the problem list. */
  public ProblemFilter(ProblemState state, String ci, String service) {
    this(state, ci, service, null, null, null);
  }
}
