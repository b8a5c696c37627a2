package io.vigil.sla;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Office hours 08:00–17:00, Monday to Friday, in Berlin (CET in winter, CEST in summer). */
class OfficeHoursTest {

  private static final Set<DayOfWeek> WEEKDAYS = EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY);

  private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
  private static final OfficeHours OFFICE = new OfficeHours(BERLIN, LocalTime.of(8, 0), LocalTime.of(17, 0), WEEKDAYS,
      Set.of(LocalDate.of(2026, 12, 25)));

  @Test
  void timeInsideADayIsWallClockTime() {
    assertThat(OFFICE.plus(berlin("2026-11-24T09:00"), Duration.ofHours(2))).isEqualTo(berlin("2026-11-24T11:00"));
    assertThat(OFFICE.between(berlin("2026-11-24T09:00"), berlin("2026-11-24T11:00"))).isEqualTo(Duration.ofHours(2));
  }

  @Test
  void aDeadlineAtClosingTimeStaysOnThatDay() {
    assertThat(OFFICE.plus(berlin("2026-11-27T08:00"), Duration.ofHours(9))).isEqualTo(berlin("2026-11-27T17:00"));
  }

  @Test
  void theWeekendDoesNotCount() {
    assertThat(OFFICE.plus(berlin("2026-11-27T16:00"), Duration.ofHours(2))).isEqualTo(berlin("2026-11-30T09:00"));
    assertThat(OFFICE.between(berlin("2026-11-27T16:00"), berlin("2026-11-30T09:00"))).isEqualTo(Duration.ofHours(2));
  }

  @Test
  void timeStartsAtTheNextOpening() {
    assertThat(OFFICE.plus(berlin("2026-11-28T12:00"), Duration.ofHours(1))).isEqualTo(berlin("2026-11-30T09:00"));
    assertThat(OFFICE.plus(berlin("2026-11-30T06:00"), Duration.ofMinutes(30))).isEqualTo(berlin("2026-11-30T08:30"));
    assertThat(OFFICE.plus(berlin("2026-11-30T18:00"), Duration.ofMinutes(30))).isEqualTo(berlin("2026-12-01T08:30"));
    assertThat(OFFICE.between(berlin("2026-11-28T00:00"), berlin("2026-11-30T08:00"))).isZero();
  }

  @Test
  void holidaysDoNotCount() {
    // Thursday 24 December, then Christmas (a holiday), the weekend, Monday.
    assertThat(OFFICE.plus(berlin("2026-12-24T16:00"), Duration.ofHours(2))).isEqualTo(berlin("2026-12-28T09:00"));
  }

  @Test
  void fiveBusinessDaysAreFiveOfficeDays() {
    assertThat(OFFICE.plus(berlin("2026-11-23T10:00"), Duration.ofHours(5 * 9))).isEqualTo(berlin("2026-11-30T10:00"));
  }

  @Test
  void officeHoursFollowTheLocalClockAcrossDaylightSavingChanges() {
    // Clocks go forward on Sunday 29 March: Friday 16:00 is 15:00 UTC, Monday 09:00 is 07:00 UTC.
    assertThat(OFFICE.plus(berlin("2026-03-27T16:00"), Duration.ofHours(2)))
        .isEqualTo(Instant.parse("2026-03-30T07:00:00Z")).isEqualTo(berlin("2026-03-30T09:00"));
    // Clocks go back on Sunday 25 October: Friday 16:00 is 14:00 UTC, Monday 09:00 is 08:00 UTC.
    assertThat(OFFICE.plus(berlin("2026-10-23T16:00"), Duration.ofHours(2)))
        .isEqualTo(Instant.parse("2026-10-26T08:00:00Z")).isEqualTo(berlin("2026-10-26T09:00"));
  }

  @Test
  void anOpenPeriodAcrossTheChangeIsAsLongAsItReallyIs() {
    // A night shift 01:00–05:00 on the night the clocks go forward at 02:00 lasts three real hours,
    // on the night they go back at 03:00, five.
    OfficeHours nights = new OfficeHours(BERLIN, LocalTime.of(1, 0), LocalTime.of(5, 0), EnumSet.allOf(DayOfWeek.class), Set.of());
    assertThat(nights.between(berlin("2026-03-29T00:00"), berlin("2026-03-29T12:00"))).isEqualTo(Duration.ofHours(3));
    assertThat(nights.plus(berlin("2026-03-29T01:00"), Duration.ofHours(3))).isEqualTo(berlin("2026-03-29T05:00"));
    assertThat(nights.between(berlin("2026-10-25T00:00"), berlin("2026-10-25T12:00"))).isEqualTo(Duration.ofHours(5));
  }

  @Test
  void addingThenMeasuringGivesBackTheSameAmount() {
    Random random = new Random(42);
    Instant base = berlin("2026-01-01T00:00");
    for (int i = 0; i < 2_000; i++) {
      Instant from = base.plus(Duration.ofMinutes(random.nextInt(366 * 24 * 60)));
      Duration amount = Duration.ofMinutes(random.nextInt(40 * 9 * 60));
      Instant due = OFFICE.plus(from, amount);
      assertThat(OFFICE.between(from, due)).as("from %s plus %s", from, amount).isEqualTo(amount);
      assertThat(OFFICE.plus(from, amount.plusMinutes(1))).as("one minute more is later").isAfter(due);
    }
  }

  @Test
  void alwaysOpenCountsEveryMinute() {
    BusinessCalendar always = new BusinessCalendar.AlwaysOpen();
    assertThat(always.plus(berlin("2026-11-27T16:00"), Duration.ofHours(2))).isEqualTo(berlin("2026-11-27T18:00"));
    assertThat(always.between(berlin("2026-11-27T16:00"), berlin("2026-11-30T09:00"))).isEqualTo(Duration.ofHours(65));
    assertThat(always.between(berlin("2026-11-30T09:00"), berlin("2026-11-27T16:00"))).isZero();
  }

  @Test
  void nonsenseCalendarsAreRefused() {
    assertThatThrownBy(() -> new OfficeHours(BERLIN, LocalTime.of(17, 0), LocalTime.of(8, 0), WEEKDAYS, Set.of()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new OfficeHours(BERLIN, LocalTime.of(8, 0), LocalTime.of(17, 0), Set.of(), Set.of()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> OFFICE.plus(berlin("2026-11-27T16:00"), Duration.ofHours(-1)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static Instant berlin(String localDateTime) {
    return LocalDateTime.parse(localDateTime).atZone(BERLIN).toInstant();
  }
}
