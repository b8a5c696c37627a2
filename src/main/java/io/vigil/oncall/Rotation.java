package io.vigil.oncall;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.Period;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Locale;

/**
 * How often a rota hands over, as ISO-8601: a period of days, weeks, months or years ({@code P7D},
 * {@code P1W}, {@code P1M}), which keeps the handover at the same wall-clock time in the rota's zone
 * across daylight-saving changes, or a duration of hours ({@code PT12H}), which is counted in
 * elapsed time from the first handover. A rota hands over at most every hour and at least once a year.
 */
sealed interface Rotation permits Rotation.OfPeriod, Rotation.OfDuration {

  Duration SHORTEST = Duration.ofHours(1);
  /** A year from a leap day's year start: P1Y, P12M and P366D are in, P1Y1D is not. */
  int LONGEST_DAYS = 366;

  /** The start of slot {@code slot} (0 is the first) of a rota that starts on {@code start} at {@code handover} in {@code zone}. */
  Instant handover(LocalDate start, LocalTime handover, ZoneId zone, long slot);

  /** Roughly how long a slot lasts: where to look first for the slot of an instant. */
  Duration approximateLength();

  /** The ISO-8601 text, normalised ({@code P1W} is {@code P7D}). */
  String text();

  /** Parses {@code P7D} or {@code PT12H}; refuses zero, negative, mixed ({@code P1DT12H}), too short and too long. */
  static Rotation parse(String text) {
    String iso = text.strip();
    if (iso.contains("-")) {
      throw new IllegalArgumentException("must not be negative: " + text);
    }
    String upper = iso.toUpperCase(Locale.ROOT);
    if (upper.contains("T")) {
      if (!upper.startsWith("PT")) {
        throw new IllegalArgumentException("mixes days and hours: give days (P1D) or hours (PT36H), not " + text);
      }
      try {
        return new OfDuration(Duration.parse(iso));
      } catch (DateTimeException e) {
        throw new IllegalArgumentException("not an ISO-8601 duration (PT12H): " + text, e);
      }
    }
    try {
      return new OfPeriod(Period.parse(iso));
    } catch (DateTimeException e) {
      throw new IllegalArgumentException("not an ISO-8601 period (P7D, P1W) or duration (PT12H): " + text, e);
    }
  }

  /** Slot k starts on the start date plus k periods, at the handover time in the zone. */
  record OfPeriod(Period period) implements Rotation {

    private static final LocalDate LEAP_YEAR = LocalDate.of(2000, 1, 1);

    public OfPeriod {
      if (period.isNegative() || period.isZero()) {
        throw new IllegalArgumentException("must be longer than nothing: " + period);
      }
      if (LEAP_YEAR.plus(period).isAfter(LEAP_YEAR.plusDays(LONGEST_DAYS))) {
        throw new IllegalArgumentException("must be at most a year: " + period);
      }
    }

    /** A handover the clocks skip moves on by the gap (02:30 becomes 03:30), as ZonedDateTime places it. */
    @Override
    public Instant handover(LocalDate start, LocalTime handover, ZoneId zone, long slot) {
      return ZonedDateTime.of(start.plus(period.multipliedBy(Math.toIntExact(slot))), handover, zone).toInstant();
    }

    @Override
    public Duration approximateLength() {
      return Duration.ofMinutes(Math.round((period.toTotalMonths() * 30.436875 + period.getDays()) * 24 * 60));
    }

    @Override
    public String text() {
      return period.toString();
    }
  }

  /** Slot k starts k durations after the first handover, however the zone's clocks change. */
  record OfDuration(Duration duration) implements Rotation {

    public OfDuration {
      if (duration.compareTo(SHORTEST) < 0) {
        throw new IllegalArgumentException("must be at least " + SHORTEST + ": " + duration);
      }
      if (duration.compareTo(Duration.ofDays(LONGEST_DAYS)) > 0) {
        throw new IllegalArgumentException("must be at most a year: " + duration);
      }
    }

    @Override
    public Instant handover(LocalDate start, LocalTime handover, ZoneId zone, long slot) {
      return ZonedDateTime.of(start, handover, zone).toInstant().plus(duration.multipliedBy(slot));
    }

    @Override
    public Duration approximateLength() {
      return duration;
    }

    @Override
    public String text() {
      return duration.toString();
    }
  }
}
