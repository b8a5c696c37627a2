package io.vigil.sla;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.EnumSet;
import java.util.Set;

/**
 * Office hours in a time zone: open from {@code opens} to {@code closes} local time on the working
 * days, except on holidays. Each day's open period is placed in the zone on its own date, so
 * daylight-saving changes move it in UTC as they move it on the office wall clock.
 */
public record OfficeHours(ZoneId zone, LocalTime opens, LocalTime closes, Set<DayOfWeek> workdays, Set<LocalDate> holidays)
    implements BusinessCalendar {

  /** Beyond this many days without an open period the calendar is taken to be misconfigured. */
  private static final int LONGEST_SEARCH_DAYS = 20 * 366;

  public OfficeHours {
    if (!opens.isBefore(closes)) {
      throw new IllegalArgumentException("office hours must open before they close: " + opens + "–" + closes);
    }
    if (workdays.isEmpty()) {
      throw new IllegalArgumentException("office hours need at least one working day");
    }
    workdays = Set.copyOf(EnumSet.copyOf(workdays));
    holidays = Set.copyOf(holidays);
  }

  @Override
  public Duration between(Instant from, Instant to) {
    Duration total = Duration.ZERO;
    if (!to.isAfter(from)) {
      return total;
    }
    LocalDate last = to.atZone(zone).toLocalDate();
    for (LocalDate day = from.atZone(zone).toLocalDate(); !day.isAfter(last); day = day.plusDays(1)) {
      if (isWorkingDay(day)) {
        Instant start = latest(from, openingOn(day));
        Instant end = earliest(to, closingOn(day));
        if (end.isAfter(start)) {
          total = total.plus(Duration.between(start, end));
        }
      }
    }
    return total;
  }

  @Override
  public Instant plus(Instant from, Duration amount) {
    Duration left = BusinessCalendar.requireNotNegative(amount);
    if (left.isZero()) {
      return from;
    }
    LocalDate day = from.atZone(zone).toLocalDate();
    for (int searched = 0; searched < LONGEST_SEARCH_DAYS; searched++, day = day.plusDays(1)) {
      if (!isWorkingDay(day)) {
        continue;
      }
      Instant start = latest(from, openingOn(day));
      Instant end = closingOn(day);
      if (!end.isAfter(start)) {
        continue;
      }
      Duration open = Duration.between(start, end);
      if (left.compareTo(open) <= 0) {
        return start.plus(left);
      }
      left = left.minus(open);
    }
    throw new IllegalStateException("no open period within " + LONGEST_SEARCH_DAYS + " days of " + from
        + ": check the working days and holidays of the calendar in " + zone);
  }

  public boolean isWorkingDay(LocalDate day) {
    return workdays.contains(day.getDayOfWeek()) && !holidays.contains(day);
  }

  private Instant openingOn(LocalDate day) {
    return ZonedDateTime.of(day, opens, zone).toInstant();
  }

  private Instant closingOn(LocalDate day) {
    return ZonedDateTime.of(day, closes, zone).toInstant();
  }

  private static Instant latest(Instant a, Instant b) {
    return a.isAfter(b) ? a : b;
  }

  private static Instant earliest(Instant a, Instant b) {
    return a.isBefore(b) ? a : b;
  }
}
