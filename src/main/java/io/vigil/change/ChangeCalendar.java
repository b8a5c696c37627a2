package io.vigil.change;

import io.vigil.change.ChangeCalendarProperties.FreezeDay;
import io.vigil.change.ChangeCalendarProperties.FreezeWindow;
import io.vigil.change.ChangeCalendarProperties.MaintenanceWindow;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

/**
 * When changes may happen: not during a freeze, and on a business service's configuration items
 * only inside one of its maintenance windows. Each occurrence is placed in the configured zone on its
 * own date, so that it moves in UTC as the local clock does across daylight-saving changes: a time
 * the clocks skip is moved on by the gap (02:00 becomes 03:00), a time they repeat is its first
 * occurrence.
 */
@Component
@EnableConfigurationProperties(ChangeCalendarProperties.class)
public class ChangeCalendar {

  /** A calendar view shows a month or a year: a longer range asks for more occurrences than anyone reads. */
  static final Duration LONGEST_MAINTENANCE_RANGE = Duration.ofDays(366);

  /** Freezes come about once a year each, so a planning view may look further ahead. */
  static final Duration LONGEST_FREEZE_RANGE = Duration.ofDays(10 * 366);

  private static final Comparator<Freeze> BY_START =
      Comparator.comparing(Freeze::start).thenComparing(Freeze::end).thenComparing(Freeze::name);

  private final ZoneId zone;
  private final List<FreezeWindow> freezeWindows;
  private final Map<String, List<MaintenanceWindow>> maintenanceWindows;

  public ChangeCalendar(ChangeCalendarProperties properties) {
    this.zone = properties.zone();
    this.freezeWindows = properties.freezeWindows();
    this.maintenanceWindows = properties.maintenanceWindows();
  }

  /** One occurrence of a freeze window: from {@code start} up to, not including, {@code end}. */
  public record Freeze(String name, Instant start, Instant end) {}

  /** One occurrence of a service's maintenance window, {@code start} and {@code end} included. */
  public record MaintenancePeriod(String service, Instant start, Instant end) {}

  /** The earliest freeze that overlaps [start, end); one that ends at {@code start} or begins at {@code end} does not. */
  public Optional<Freeze> freezeOverlapping(Instant start, Instant end) {
    requireRange(start, end);
    int firstYear = yearOf(start);
    // A yearly freeze comes back every year: a change that overlaps a later occurrence overlaps next year's.
    return freezes(firstYear - 1, Math.min(yearOf(end), firstYear + 1))
        .filter(freeze -> overlaps(freeze.start(), freeze.end(), start, end))
        .min(BY_START);
  }

  /** The freezes that overlap [from, to), by start; at most ten years of them. */
  public List<Freeze> freezesBetween(Instant from, Instant to) {
    requireRange(from, to, LONGEST_FREEZE_RANGE);
    return freezes(yearOf(from) - 1, yearOf(to))
        .filter(freeze -> overlaps(freeze.start(), freeze.end(), from, to))
        .sorted(BY_START)
        .toList();
  }

  /**
   * Whether a change from {@code start} to {@code end} may touch these services: each of them that
   * has maintenance windows must have one occurrence that holds the whole change. Services without
   * windows may be changed at any time.
   */
  public boolean inMaintenanceWindow(Collection<String> services, Instant start, Instant end) {
    requireRange(start, end);
    if (services == null) {
      return true;
    }
    LocalDate day = start.atZone(zone).toLocalDate();
    // An occurrence ends by the day after it begins: one that holds the start began that day or the day before.
    return services.stream()
        .distinct()
        .filter(maintenanceWindows::containsKey)
        .allMatch(service -> periods(service, day.minusDays(1), day)
            .anyMatch(period -> !period.start().isAfter(start) && !period.end().isBefore(end)));
  }

  /** The service's maintenance periods that overlap [from, to), by start; the range is at most 366 days. */
  public List<MaintenancePeriod> maintenanceBetween(String service, Instant from, Instant to) {
    requireRange(from, to, LONGEST_MAINTENANCE_RANGE);
    return periods(service, from.atZone(zone).toLocalDate().minusDays(1), to.atZone(zone).toLocalDate())
        .filter(period -> overlaps(period.start(), period.end(), from, to))
        .sorted(Comparator.comparing(MaintenancePeriod::start).thenComparing(MaintenancePeriod::end))
        .toList();
  }

  /** Every service's maintenance periods that overlap [from, to), by start, then service. */
  public List<MaintenancePeriod> maintenanceBetween(Instant from, Instant to) {
    return maintenanceWindows.keySet().stream()
        .flatMap(service -> maintenanceBetween(service, from, to).stream())
        .sorted(Comparator.comparing(MaintenancePeriod::start).thenComparing(MaintenancePeriod::service))
        .toList();
  }

  private Stream<Freeze> freezes(int firstYear, int lastYear) {
    return freezeWindows.stream().flatMap(window -> occurrences(window, firstYear, lastYear));
  }

  private Stream<Freeze> occurrences(FreezeWindow window, int firstYear, int lastYear) {
    if (window.from() instanceof FreezeDay.Once from && window.to() instanceof FreezeDay.Once to) {
      return Stream.of(freeze(window.name(), from.date(), to.date()));
    }
    FreezeDay.EveryYear from = (FreezeDay.EveryYear) window.from();
    FreezeDay.EveryYear to = (FreezeDay.EveryYear) window.to();
    int overYearEnd = to.day().isBefore(from.day()) ? 1 : 0;
    return IntStream.rangeClosed(firstYear, lastYear)
        .mapToObj(year -> freeze(window.name(), from.day().atYear(year), to.day().atYear(year + overYearEnd)));
  }

  private Freeze freeze(String name, LocalDate firstDay, LocalDate lastDay) {
    return new Freeze(name, firstDay.atStartOfDay(zone).toInstant(), lastDay.plusDays(1).atStartOfDay(zone).toInstant());
  }

  private Stream<MaintenancePeriod> periods(String service, LocalDate firstDay, LocalDate lastDay) {
    List<MaintenanceWindow> windows = maintenanceWindows.getOrDefault(service, List.of());
    return firstDay.datesUntil(lastDay.plusDays(1))
        .flatMap(day -> windows.stream()
            .filter(window -> window.days().contains(day.getDayOfWeek()))
            .map(window -> new MaintenancePeriod(service, at(day, window.from()),
                at(window.to().isAfter(window.from()) ? day : day.plusDays(1), window.to()))));
  }

  private Instant at(LocalDate day, LocalTime time) {
    return ZonedDateTime.of(day, time, zone).toInstant();
  }

  private int yearOf(Instant instant) {
    return instant.atZone(zone).getYear();
  }

  private static boolean overlaps(Instant start, Instant end, Instant otherStart, Instant otherEnd) {
    return start.isBefore(otherEnd) && otherStart.isBefore(end);
  }

  private static void requireRange(Instant from, Instant to) {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    if (to.isBefore(from)) {
      throw new IllegalArgumentException("the range ends before it starts: " + from + " to " + to);
    }
  }

  private static void requireRange(Instant from, Instant to, Duration longest) {
    requireRange(from, to);
    if (Duration.between(from, to).compareTo(longest) > 0) {
      throw new IllegalArgumentException("ranges are at most " + longest.toDays() + " days long, not " + from + " to " + to);
    }
  }
}
