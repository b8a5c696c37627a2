package io.vigil.workers.support;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.MonthDay;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/**
 * Change windows for tests against the whole application with the demo profile, whose change
 * calendar freezes normal and standard changes from 20 December to 4 January (Berlin time). A
 * worker's test cannot ask the engine side's calendar, so it keeps a day clear on either side.
 */
public final class ChangeWindows {

  private static final MonthDay FREEZE_FROM = MonthDay.of(12, 19);
  private static final MonthDay FREEZE_TO = MonthDay.of(1, 5);

  private ChangeWindows() {}

  /**
   * A window of {@code length} starting on the hour {@code hourUtc}, at least {@code lead} from now and
   * clear of the year-end freeze: different hours keep one test's changes from overlapping another's.
   * The workers' tests take hours up to 9 and 20; the application's tests that plan changes on the
   * same items in the same context keep to others (TasklistBrowserIT 14:00, HostileInputIT 16:00).
   */
  public static OffsetDateTime[] outsideFreeze(Duration lead, int hourUtc, Duration length) {
    Instant earliest = Instant.now().plus(lead);
    OffsetDateTime start = earliest.atOffset(ZoneOffset.UTC).truncatedTo(ChronoUnit.DAYS).withHour(hourUtc);
    if (start.toInstant().isBefore(earliest)) {
      start = start.plusDays(1);
    }
    while (inFreeze(start.toLocalDate()) || inFreeze(start.plus(length).toLocalDate())) {
      start = start.plusDays(1);
    }
    return new OffsetDateTime[] {start, start.plus(length)};
  }

  private static boolean inFreeze(LocalDate day) {
    MonthDay monthDay = MonthDay.from(day);
    return !monthDay.isBefore(FREEZE_FROM) || !monthDay.isAfter(FREEZE_TO);
  }
}
