package io.vigil.history;

import io.vigil.change.ChangeFilter;
import io.vigil.change.ChangePage;
import io.vigil.change.ChangeService;
import io.vigil.change.ChangeState;
import io.vigil.incident.IncidentFilter;
import io.vigil.incident.IncidentPage;
import io.vigil.incident.IncidentService;
import io.vigil.incident.IncidentState;
import io.vigil.problem.ProblemFilter;
import io.vigil.problem.ProblemPage;
import io.vigil.problem.ProblemService;
import io.vigil.problem.ProblemState;
import io.vigil.ticket.TicketType;
import io.vigil.web.BadRequestException;
import io.vigil.web.NotFoundException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * Finds tickets of every kind through each kind's own list (its filters and indexes), and merges
 * the kinds newest opened first. A search over several kinds reads the newest
 * {@value #MERGED_LIMIT} matches of each at most: past them, a search names the kind.
 */
@Component
class TicketSearch {

  static final int MERGED_LIMIT = 1_000;

  private static final Comparator<TicketSummary> NEWEST_FIRST = Comparator
      .comparing(TicketSummary::openedAt, Comparator.nullsLast(Comparator.reverseOrder()))
      .thenComparing(TicketSummary::number, Comparator.reverseOrder());

  private final IncidentService incidents;
  private final ProblemService problems;
  private final ChangeService changes;

  TicketSearch(IncidentService incidents, ProblemService problems, ChangeService changes) {
    this.incidents = incidents;
    this.problems = problems;
    this.changes = changes;
  }

  /** The ticket of that number, of whichever kind, or 404. */
  TicketSummary ticket(String number) {
    TicketType type = TicketType.ofNumber(number).orElseThrow(() -> new NotFoundException("ticket", number));
    return switch (type) {
      case INCIDENT -> TicketSummary.of(incidents.incident(number));
      case PROBLEM -> TicketSummary.of(problems.problem(number));
      case CHANGE -> TicketSummary.of(changes.change(number));
    };
  }

  TicketSummaryPage search(TicketQuery query, int page, int size) {
    Set<TicketType> kinds = kinds(query);
    if (kinds.size() == 1) {
      Found found = find(kinds.iterator().next(), query, page, size);
      return new TicketSummaryPage(found.items(), page, size, found.total(), found.exact());
    }
    long wanted = (long) (page + 1) * size;
    if (wanted > MERGED_LIMIT) {
      throw new BadRequestException("page", "page: a search over every kind of ticket shows the newest " + MERGED_LIMIT
          + " only; ask for one type to page further");
    }
    List<TicketSummary> merged = new ArrayList<>();
    long total = 0;
    boolean exact = true;
    for (TicketType kind : kinds) {
      Found found = find(kind, query, 0, (int) wanted);
      merged.addAll(found.items());
      total += found.total();
      exact &= found.exact();
    }
    merged.sort(NEWEST_FIRST);
    int from = Math.min(merged.size(), page * size);
    return new TicketSummaryPage(List.copyOf(merged.subList(from, Math.min(merged.size(), from + size))), page, size, total, exact);
  }

  /**
   * The kinds a query can match: the one asked for (or named by the number), those that have the
   * state asked for, a priority (incidents, problems) or a group (incidents, changes).
   */
  private static Set<TicketType> kinds(TicketQuery query) {
    Set<TicketType> kinds = query.type() == null ? EnumSet.allOf(TicketType.class) : EnumSet.of(query.type());
    if (query.state() != null) {
      kinds.removeIf(kind -> !hasState(kind, query.state()));
      if (kinds.isEmpty()) {
        throw new BadRequestException("state", "state: '" + query.state() + "' is not a state of "
            + (query.type() == null ? "any ticket" : "a " + query.type().name().toLowerCase()));
      }
    }
    if (query.number() != null) {
      kinds.retainAll(TicketType.ofNumber(query.number()).map(EnumSet::of).orElseGet(() -> EnumSet.noneOf(TicketType.class)));
    }
    if (query.priority() != null) {
      kinds.remove(TicketType.CHANGE);
    }
    if (query.group() != null) {
      kinds.remove(TicketType.PROBLEM);
    }
    return kinds;
  }

  private static boolean hasState(TicketType kind, String state) {
    Class<? extends Enum<?>> states = switch (kind) {
      case INCIDENT -> IncidentState.class;
      case PROBLEM -> ProblemState.class;
      case CHANGE -> ChangeState.class;
    };
    return Arrays.stream(states.getEnumConstants()).anyMatch(constant -> constant.name().equals(state));
  }

  private record Found(List<TicketSummary> items, long total, boolean exact) {}

  private Found find(TicketType kind, TicketQuery query, int page, int size) {
    return switch (kind) {
      case INCIDENT -> {
        IncidentPage found = incidents.page(new IncidentFilter(
            query.state() == null ? null : IncidentState.valueOf(query.state()), query.group(), query.priority(), null, null,
            List.of(), query.number(), query.period()), page, size);
        yield new Found(found.items().stream().map(TicketSummary::of).toList(), found.totalItems(), found.totalItemsExact());
      }
      case PROBLEM -> {
        ProblemPage found = problems.page(new ProblemFilter(
            query.state() == null ? null : ProblemState.valueOf(query.state()), null, null, query.priority(), query.number(),
            query.period()), page, size);
        yield new Found(found.items().stream().map(TicketSummary::of).toList(), found.totalItems(), true);
      }
      case CHANGE -> {
        ChangePage found = changes.page(new ChangeFilter(
            query.state() == null ? null : ChangeState.valueOf(query.state()), null, null, null, null, query.group(),
            query.number(), query.period()), page, size);
        yield new Found(found.items().stream().map(TicketSummary::of).toList(), found.totalItems(), true);
      }
    };
  }
}
