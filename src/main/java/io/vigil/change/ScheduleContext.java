package io.vigil.change;

import io.vigil.catalog.ServiceCatalog;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * What the approvers read about a change's window: the changes it conflicts with, the freezes
 * around it, whether it lies in its services' maintenance windows, and the other changes planned
 * around it. Plain text for the approval form.
 */
@Component
class ScheduleContext {

  /** The approvers see the calendar this far either side of the window. */
  static final Duration AROUND = Duration.ofDays(7);
  static final int MAX_LISTED = 10;

  private final ChangeRepository changes;
  private final ChangeCalendar calendar;
  private final ServiceCatalog catalog;

  ScheduleContext(ChangeRepository changes, ChangeCalendar calendar, ServiceCatalog catalog) {
    this.changes = changes;
    this.calendar = calendar;
    this.catalog = catalog;
  }

  List<Conflict> conflicts(Change change) {
    return changes.conflicts(change.cis(), change.plannedStart(), change.plannedEnd(), change.number());
  }

  /** The services of the change's items. */
  Set<String> services(Change change) {
    Set<String> services = new LinkedHashSet<>();
    for (String ci : change.cis()) {
      catalog.configurationItem(ci).map(item -> item.service()).ifPresent(services::add);
    }
    return services;
  }

  boolean inMaintenanceWindow(Change change) {
    return calendar.inMaintenanceWindow(services(change), change.plannedStart().toInstant(), change.plannedEnd().toInstant());
  }

  String describe(Change change) {
    StringBuilder text = new StringBuilder();
    List<Conflict> conflicts = conflicts(change);
    if (conflicts.isEmpty()) {
      text.append("No other change on these items overlaps the window.\n");
    } else {
      text.append("Conflicts: ").append(conflicts.size()).append(" other change(s) on the same items overlap the window:\n");
      conflicts.stream().limit(MAX_LISTED).forEach(c -> text.append("- ").append(c.number()).append(' ').append(c.title())
          .append(" (").append(c.state()).append(", ").append(c.plannedStart()).append(" to ").append(c.plannedEnd())
          .append(", ").append(String.join(", ", c.cis())).append(")\n"));
    }
    Instant from = change.plannedStart().toInstant().minus(AROUND);
    Instant to = change.plannedEnd().toInstant().plus(AROUND);
    List<ChangeCalendar.Freeze> freezes = calendar.freezesBetween(from, to);
    if (freezes.isEmpty()) {
      text.append("No freeze within ").append(AROUND.toDays()).append(" days of the window.\n");
    } else {
      freezes.forEach(f -> text.append("Freeze '").append(f.name()).append("': ").append(f.start()).append(" to ")
          .append(f.end()).append('\n'));
    }
    Set<String> services = services(change);
    text.append(inMaintenanceWindow(change)
        ? "Inside the maintenance windows of " + (services.isEmpty() ? "its services" : String.join(", ", services)) + ".\n"
        : "Outside the maintenance windows of " + String.join(", ", services) + ".\n");
    List<Change> around = changes.inWindow(change.plannedStart().minusDays(1), change.plannedEnd().plusDays(1), MAX_LISTED + 1)
        .stream().filter(c -> !c.number().equals(change.number())).filter(c -> ChangeRepository.LIVE.contains(c.state().name()))
        .toList();
    if (!around.isEmpty()) {
      text.append("Other changes within a day of the window:\n");
      around.stream().limit(MAX_LISTED).forEach(c -> text.append("- ").append(c.number()).append(' ').append(c.title())
          .append(" (").append(c.plannedStart()).append(" to ").append(c.plannedEnd()).append(")\n"));
    }
    return text.toString().strip();
  }
}
