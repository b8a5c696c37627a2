package io.vigil.change;

import static java.time.DayOfWeek.SATURDAY;
import static java.time.DayOfWeek.SUNDAY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.change.ChangeCalendar.Freeze;
import io.vigil.change.ChangeCalendar.MaintenancePeriod;
import io.vigil.change.ChangeCalendarProperties.FreezeDay;
import io.vigil.change.ChangeCalendarProperties.FreezeWindow;
import io.vigil.change.ChangeCalendarProperties.MaintenanceWindow;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The demo's calendar in Berlin (CET in winter, CEST in summer): a year-end freeze from 20 December
 * to 4 January, a one-off freeze for a data centre move, checkout on Sunday 02:00–06:00, payments at
 * the weekend 01:00–05:00, email every night 22:00–04:00.
 */
class ChangeCalendarTest {

  private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

  private static final ChangeCalendar CALENDAR = new ChangeCalendar(new ChangeCalendarProperties(BERLIN,
      List.of(
          new FreezeWindow("Year-end freeze", FreezeDay.of("12-20"), FreezeDay.of("01-04")),
          new FreezeWindow("Data centre move", FreezeDay.of("2027-03-12"), FreezeDay.of("2027-03-14"))),
      Map.of(
          "checkout", List.of(window("02:00", "06:00", SUNDAY)),
          "payments", List.of(window("01:00", "05:00", SATURDAY, SUNDAY)),
          "email", List.of(window("22:00", "04:00", DayOfWeek.values())))));

  private static final Freeze YEAR_END_2026 =
      new Freeze("Year-end freeze", berlin("2026-12-20T00:00"), berlin("2027-01-05T00:00"));

  @Test
  void aYearlyFreezeRunsOverTheYearEndFromTheStartOfItsFirstDayToTheEndOfItsLast() {
    assertThat(YEAR_END_2026.start()).isEqualTo(Instant.parse("2026-12-19T23:00:00Z"));
    assertThat(CALENDAR.freezeOverlapping(berlin("2026-12-31T10:00"), berlin("2026-12-31T12:00"))).contains(YEAR_END_2026);
    assertThat(CALENDAR.freezeOverlapping(berlin("2027-01-03T22:00"), berlin("2027-01-04T02:00"))).contains(YEAR_END_2026);
    assertThat(CALENDAR.freezeOverlapping(berlin("2027-01-04T23:30"), berlin("2027-01-05T01:00"))).contains(YEAR_END_2026);
    assertThat(CALENDAR.freezeOverlapping(berlin("2027-01-05T10:00"), berlin("2027-01-05T12:00"))).isEmpty();
    // The occurrence that began the year before
    assertThat(CALENDAR.freezeOverlapping(berlin("2026-01-02T10:00"), berlin("2026-01-02T12:00")))
        .contains(new Freeze("Year-end freeze", berlin("2025-12-20T00:00"), berlin("2026-01-05T00:00")));
  }

  @Test
  void aChangeThatOnlyTouchesAFreezeDoesNotOverlapIt() {
    assertThat(CALENDAR.freezeOverlapping(berlin("2026-12-19T22:00"), berlin("2026-12-20T00:00"))).isEmpty();
    assertThat(CALENDAR.freezeOverlapping(berlin("2027-01-05T00:00"), berlin("2027-01-05T02:00"))).isEmpty();
    assertThat(CALENDAR.freezeOverlapping(berlin("2026-12-19T22:00"), berlin("2026-12-20T00:01"))).contains(YEAR_END_2026);
  }

  @Test
  void aOneOffFreezeComesOnce() {
    Freeze move = new Freeze("Data centre move", berlin("2027-03-12T00:00"), berlin("2027-03-15T00:00"));
    assertThat(CALENDAR.freezeOverlapping(berlin("2027-03-14T20:00"), berlin("2027-03-14T21:00"))).contains(move);
    assertThat(CALENDAR.freezeOverlapping(berlin("2028-03-13T20:00"), berlin("2028-03-13T21:00"))).isEmpty();
    assertThat(CALENDAR.freezeOverlapping(berlin("2027-03-15T00:00"), berlin("2027-03-15T06:00"))).isEmpty();
  }

  @Test
  void aLongChangeMeetsTheEarliestFreezeItOverlaps() {
    assertThat(CALENDAR.freezeOverlapping(berlin("2027-02-01T00:00"), berlin("2029-06-01T00:00")))
        .contains(new Freeze("Data centre move", berlin("2027-03-12T00:00"), berlin("2027-03-15T00:00")));
    assertThat(CALENDAR.freezeOverlapping(berlin("2026-06-01T00:00"), berlin("2031-06-01T00:00"))).contains(YEAR_END_2026);
  }

  @Test
  void freezesBetweenListsEveryOccurrenceInTheRangeByStart() {
    assertThat(CALENDAR.freezesBetween(berlin("2026-01-01T00:00"), berlin("2028-01-01T00:00"))).containsExactly(
        new Freeze("Year-end freeze", berlin("2025-12-20T00:00"), berlin("2026-01-05T00:00")),
        YEAR_END_2026,
        new Freeze("Data centre move", berlin("2027-03-12T00:00"), berlin("2027-03-15T00:00")),
        new Freeze("Year-end freeze", berlin("2027-12-20T00:00"), berlin("2028-01-05T00:00")));
    assertThat(CALENDAR.freezesBetween(berlin("2026-02-01T00:00"), berlin("2026-12-01T00:00"))).isEmpty();
  }

  @Test
  void aChangeMustFitInOneOccurrenceOfAWindowBoundsIncluded() {
    // Sunday 29 November 2026
    assertThat(CALENDAR.inMaintenanceWindow(List.of("checkout"), berlin("2026-11-29T03:00"), berlin("2026-11-29T05:00"))).isTrue();
    assertThat(CALENDAR.inMaintenanceWindow(List.of("checkout"), berlin("2026-11-29T02:00"), berlin("2026-11-29T06:00"))).isTrue();
    assertThat(CALENDAR.inMaintenanceWindow(List.of("checkout"), berlin("2026-11-29T05:00"), berlin("2026-11-29T06:01"))).isFalse();
    assertThat(CALENDAR.inMaintenanceWindow(List.of("checkout"), berlin("2026-11-29T01:59"), berlin("2026-11-29T03:00"))).isFalse();
    // Saturday
    assertThat(CALENDAR.inMaintenanceWindow(List.of("checkout"), berlin("2026-11-28T03:00"), berlin("2026-11-28T05:00"))).isFalse();
    // Saturday 01:00–05:00 and Sunday 01:00–05:00 are two occurrences, not one from Saturday to Sunday
    assertThat(CALENDAR.inMaintenanceWindow(List.of("payments"), berlin("2026-11-28T04:00"), berlin("2026-11-29T02:00"))).isFalse();
  }

  @Test
  void aWindowWhoseEndComesBeforeItsStartRunsPastMidnight() {
    // Tuesday 24 November 2026, 22:00, to Wednesday 04:00
    assertThat(CALENDAR.inMaintenanceWindow(List.of("email"), berlin("2026-11-24T23:30"), berlin("2026-11-25T01:30"))).isTrue();
    assertThat(CALENDAR.inMaintenanceWindow(List.of("email"), berlin("2026-11-25T01:00"), berlin("2026-11-25T04:00"))).isTrue();
    assertThat(CALENDAR.inMaintenanceWindow(List.of("email"), berlin("2026-11-25T03:30"), berlin("2026-11-25T04:30"))).isFalse();
    assertThat(CALENDAR.inMaintenanceWindow(List.of("email"), berlin("2026-11-25T12:00"), berlin("2026-11-25T13:00"))).isFalse();
  }

  @Test
  void everyServiceWithWindowsMustBeOpenForTheWholeChange() {
    // Sunday 02:30–03:30: checkout is open, and so is email since Saturday 22:00
    assertThat(CALENDAR.inMaintenanceWindow(List.of("checkout", "email"), berlin("2026-11-29T02:30"), berlin("2026-11-29T03:30"))).isTrue();
    // Sunday 05:00–05:30: checkout is open, payments closed at 05:00
    assertThat(CALENDAR.inMaintenanceWindow(List.of("checkout", "payments"), berlin("2026-11-29T05:00"), berlin("2026-11-29T05:30"))).isFalse();
  }

  @Test
  void servicesWithoutWindowsDoNotConstrain() {
    Instant wednesdayNoon = berlin("2026-11-25T12:00");
    Instant later = berlin("2026-11-25T13:00");
    assertThat(CALENDAR.inMaintenanceWindow(List.of("customer-portal"), wednesdayNoon, later)).isTrue();
    assertThat(CALENDAR.inMaintenanceWindow(List.of(), wednesdayNoon, later)).isTrue();
    assertThat(CALENDAR.inMaintenanceWindow(null, wednesdayNoon, later)).isTrue();
    assertThat(CALENDAR.inMaintenanceWindow(List.of("customer-portal", "checkout"), wednesdayNoon, later)).isFalse();
  }

  @Test
  void windowsFollowTheLocalClockWhenTheClocksGoForward() {
    // Sunday 29 March 2026: 02:00 CET becomes 03:00 CEST, so checkout's window opens at 03:00 (01:00 UTC)
    // and closes at 06:00 CEST (04:00 UTC), three hours later. A week earlier it ran 01:00–05:00 UTC.
    assertThat(CALENDAR.maintenanceBetween("checkout", Instant.parse("2026-03-22T00:00:00Z"), Instant.parse("2026-03-30T00:00:00Z")))
        .containsExactly(
            new MaintenancePeriod("checkout", Instant.parse("2026-03-22T01:00:00Z"), Instant.parse("2026-03-22T05:00:00Z")),
            new MaintenancePeriod("checkout", Instant.parse("2026-03-29T01:00:00Z"), Instant.parse("2026-03-29T04:00:00Z")));
    assertThat(CALENDAR.inMaintenanceWindow(List.of("checkout"), Instant.parse("2026-03-29T01:00:00Z"), Instant.parse("2026-03-29T04:00:00Z"))).isTrue();
    assertThat(CALENDAR.inMaintenanceWindow(List.of("checkout"), Instant.parse("2026-03-29T00:30:00Z"), Instant.parse("2026-03-29T01:30:00Z"))).isFalse();
    assertThat(CALENDAR.inMaintenanceWindow(List.of("checkout"), Instant.parse("2026-03-29T03:30:00Z"), Instant.parse("2026-03-29T04:30:00Z"))).isFalse();
  }

  @Test
  void windowsFollowTheLocalClockWhenTheClocksGoBack() {
    // Sunday 25 October 2026: 03:00 CEST becomes 02:00 CET. Checkout's window opens at the first 02:00
    // (00:00 UTC) and closes at 06:00 CET (05:00 UTC): five real hours.
    assertThat(CALENDAR.maintenanceBetween("checkout", Instant.parse("2026-10-24T00:00:00Z"), Instant.parse("2026-10-26T00:00:00Z")))
        .containsExactly(new MaintenancePeriod("checkout", Instant.parse("2026-10-25T00:00:00Z"), Instant.parse("2026-10-25T05:00:00Z")));
    assertThat(CALENDAR.inMaintenanceWindow(List.of("checkout"), Instant.parse("2026-10-25T00:00:00Z"), Instant.parse("2026-10-25T05:00:00Z"))).isTrue();
    // Payments on Saturday night: 01:00 CEST is 23:00 UTC on Saturday.
    assertThat(CALENDAR.inMaintenanceWindow(List.of("payments"), Instant.parse("2026-10-24T23:00:00Z"), Instant.parse("2026-10-25T04:00:00Z"))).isTrue();
  }

  @Test
  void maintenanceBetweenListsTheOccurrencesInTheRange() {
    assertThat(CALENDAR.maintenanceBetween("checkout", berlin("2026-11-01T00:00"), berlin("2026-12-01T00:00")))
        .extracting(period -> period.start().atZone(BERLIN).toLocalDateTime())
        .containsExactly(local("2026-11-01T02:00"), local("2026-11-08T02:00"), local("2026-11-15T02:00"), local("2026-11-22T02:00"),
            local("2026-11-29T02:00"));
    // The night that began the evening before the range is in it, as is the one that begins in it.
    assertThat(CALENDAR.maintenanceBetween("email", berlin("2026-11-25T00:00"), berlin("2026-11-26T00:00"))).containsExactly(
        new MaintenancePeriod("email", berlin("2026-11-24T22:00"), berlin("2026-11-25T04:00")),
        new MaintenancePeriod("email", berlin("2026-11-25T22:00"), berlin("2026-11-26T04:00")));
    assertThat(CALENDAR.maintenanceBetween("customer-portal", berlin("2026-11-01T00:00"), berlin("2026-12-01T00:00"))).isEmpty();
  }

  @Test
  void rangesAreCapped() {
    Instant start = berlin("2026-01-01T00:00");
    // The Sundays of 2026
    assertThat(CALENDAR.maintenanceBetween("checkout", start, start.plus(ChangeCalendar.LONGEST_MAINTENANCE_RANGE))).hasSize(52);
    assertThatThrownBy(() -> CALENDAR.maintenanceBetween("checkout", start, start.plus(ChangeCalendar.LONGEST_MAINTENANCE_RANGE).plusSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at most 366 days");
    assertThatThrownBy(() -> CALENDAR.freezesBetween(start, start.plus(ChangeCalendar.LONGEST_FREEZE_RANGE).plusSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at most 3660 days");
    assertThatThrownBy(() -> CALENDAR.freezeOverlapping(start, start.minusSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ends before it starts");
  }

  private static MaintenanceWindow window(String from, String to, DayOfWeek... days) {
    return new MaintenanceWindow(Arrays.asList(days), LocalTime.parse(from), LocalTime.parse(to));
  }

  private static LocalDateTime local(String dateTime) {
    return LocalDateTime.parse(dateTime);
  }

  private static Instant berlin(String localDateTime) {
    return local(localDateTime).atZone(BERLIN).toInstant();
  }
}
