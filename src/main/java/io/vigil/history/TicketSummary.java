package io.vigil.history;

import io.vigil.change.Change;
import io.vigil.incident.Incident;
import io.vigil.problem.Problem;
import io.vigil.ticket.TicketType;
import java.time.OffsetDateTime;

/**
 * A ticket of any kind as the history lists it. {@code group}: an incident's resolver group, a
 * change's implementer group; problems have none. {@code priority}: incidents and problems; a
 * change has a risk instead.
 */
record TicketSummary(
    TicketType type, String number, String title, String state, String priority, String group,
    OffsetDateTime openedAt, OffsetDateTime closedAt) {

  static TicketSummary of(Incident incident) {
    return new TicketSummary(TicketType.INCIDENT, incident.number(), incident.title(), incident.state().name(),
        name(incident.priority()), incident.resolverGroup(), incident.reportedAt(), incident.closedAt());
  }

  static TicketSummary of(Problem problem) {
    return new TicketSummary(TicketType.PROBLEM, problem.number(), problem.title(), problem.state().name(),
        name(problem.priority()), null, problem.openedAt(), problem.closedAt());
  }

  static TicketSummary of(Change change) {
    return new TicketSummary(TicketType.CHANGE, change.number(), change.title(), change.state().name(),
        null, change.implementerGroup(), change.requestedAt(), change.closedAt());
  }

  private static String name(Enum<?> value) {
    return value == null ? null : value.name();
  }
}
