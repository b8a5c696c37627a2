package io.vigil.oncall;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.vigil.sla.SlaCalendars;
import io.vigil.sla.SlaProperties;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.Period;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The engine's questions: each reads the rota as stored now, and office hours come from the rota's calendar. */
class OnCallScheduleTest {

  private static final Instant WEDNESDAY = Instant.parse("2026-11-25T10:00:00Z");
  private static final Instant SLOT_START = Instant.parse("2026-11-23T08:00:00Z");
  private static final Instant SLOT_END = Instant.parse("2026-11-30T08:00:00Z");

  private final RotaRepository repository = mock(RotaRepository.class);
  private final OnCallSchedule schedule = new OnCallSchedule(repository, new SlaCalendars(new SlaProperties(List.of(50, 75, 100),
      Map.of("24x7", calendar(true), "office-hours", calendar(false)), null)));

  @Test
  void aGroupWithoutARotaHasNobodyOnCallAndTheDefaultOfficeHours() {
    when(repository.find("network")).thenReturn(Optional.empty());
    when(repository.calendarOf("network")).thenReturn(Optional.empty());
    assertThat(schedule.onCall("network", WEDNESDAY)).isEmpty();
    assertThat(schedule.inOfficeHours("network", WEDNESDAY)).isTrue();
    assertThat(schedule.inOfficeHours("network", Instant.parse("2026-11-25T17:00:00Z"))).isFalse();
    assertThat(schedule.inOfficeHours("network", Instant.parse("2026-11-29T10:00:00Z"))).isFalse();
  }

  @Test
  void aRotaReplacedBetweenTwoLookupsGivesTheNewAnswerToTheSecond() {
    when(repository.find("database")).thenReturn(Optional.of(stored(rota(List.of("db.dave"), "office-hours"))),
        Optional.of(stored(rota(List.of("db.olga", "db.dave"), "office-hours"))));
    when(repository.overrides("database", SLOT_START, SLOT_END)).thenReturn(List.of());
    assertThat(schedule.onCall("database", WEDNESDAY)).contains(new OnCall("database", "db.dave", null, SLOT_START, SLOT_END));
    assertThat(schedule.onCall("database", WEDNESDAY)).contains(new OnCall("database", "db.olga", null, SLOT_START, SLOT_END));
  }

  @Test
  void theOverridesOfTheSlotAskedAboutApply() {
    when(repository.find("database")).thenReturn(Optional.of(stored(rota(List.of("db.dave"), "office-hours"))));
    when(repository.overrides("database", SLOT_START, SLOT_END)).thenReturn(List.of(new OnCallOverride(4, Layer.SECONDARY, "db.olga",
        Instant.parse("2026-11-25T08:00:00Z"), Instant.parse("2026-11-25T20:00:00Z"), null, "im.ian", SLOT_START)));
    assertThat(schedule.onCall("database", WEDNESDAY)).contains(new OnCall("database", "db.dave", "db.olga",
        Instant.parse("2026-11-25T08:00:00Z"), Instant.parse("2026-11-25T20:00:00Z")));
  }

  @Test
  void officeHoursAreTheCalendarTheRotaNames() {
    when(repository.calendarOf("database")).thenReturn(Optional.of("24x7"));
    assertThat(schedule.inOfficeHours("database", Instant.parse("2026-11-29T03:00:00Z"))).isTrue();
  }

  private static Rota rota(List<String> primary, String calendar) {
    return new Rota("database", ZoneId.of("Europe/Berlin"), LocalTime.of(9, 0), new Rotation.OfPeriod(Period.ofWeeks(1)),
        LocalDate.of(2026, 11, 23), primary, List.of(), calendar, List.of());
  }

  private static RotaRepository.StoredRota stored(Rota rota) {
    return new RotaRepository.StoredRota(rota, 1, SLOT_START, "db.dave");
  }

  private static SlaProperties.Calendar calendar(boolean alwaysOpen) {
    return new SlaProperties.Calendar(alwaysOpen, ZoneOffset.UTC, LocalTime.of(8, 0), LocalTime.of(17, 0),
        EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY), Set.of());
  }
}
