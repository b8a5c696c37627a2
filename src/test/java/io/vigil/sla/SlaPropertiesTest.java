package io.vigil.sla;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.boot.convert.ApplicationConversionService;

/** The calendars as an operator writes them in application.yaml. */
class SlaPropertiesTest {

  @Test
  void bindsAlwaysOpenAndOfficeHoursCalendars() {
    SlaProperties properties = bind(Map.of(
        "vigil.sla.calendars.24x7.always-open", "true",
        "vigil.sla.calendars.office-hours.zone", "Europe/Berlin",
        "vigil.sla.calendars.office-hours.opens", "7:30",
        "vigil.sla.calendars.office-hours.closes", "16:00",
        "vigil.sla.calendars.office-hours.holidays[0]", "2026-12-25",
        "vigil.sla.calendars.office-hours.holidays[1]", "2026-12-26"));

    assertThat(properties.thresholds()).containsExactly(50, 75, 100);
    SlaProperties.Calendar office = properties.calendars().get("office-hours");
    assertThat(office.zone()).isEqualTo(ZoneId.of("Europe/Berlin"));
    assertThat(office.opens()).isEqualTo(LocalTime.of(7, 30));
    assertThat(office.workdays()).containsExactlyInAnyOrder(
        DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY, DayOfWeek.FRIDAY);
    assertThat(office.holidays()).contains(LocalDate.of(2026, 12, 25));

    SlaCalendars calendars = new SlaCalendars(properties);
    assertThat(calendars.named("24x7")).isInstanceOf(BusinessCalendar.AlwaysOpen.class);
    // Thursday 24 December, 15:00 in Berlin: one hour until closing, then Christmas (a holiday), the
    // weekend, and the second hour on Monday from 07:30.
    Instant christmasEve = Instant.parse("2026-12-24T14:00:00Z");
    assertThat(calendars.named("office-hours").plus(christmasEve, Duration.ofHours(2)))
        .isEqualTo(Instant.parse("2026-12-28T07:30:00Z"));
    assertThatThrownBy(() -> calendars.named("weekends")).hasMessageContaining("[24x7, office-hours]");
  }

  @Test
  void aMistypedCalendarFailsTheStartNamingTheSetting() {
    assertThatThrownBy(() -> bind(Map.of("vigil.sla.calendars.office-hours.zone", "Europe/Atlantis")))
        .hasMessageContaining("vigil.sla.calendars.office-hours.zone");
    assertThatThrownBy(() -> new SlaCalendars(bind(Map.of(
            "vigil.sla.calendars.office-hours.opens", "18:00", "vigil.sla.calendars.office-hours.closes", "08:00"))))
        .hasMessageContaining("open before they close");
  }

  private static SlaProperties bind(Map<String, String> settings) {
    return new Binder(java.util.List.of(new MapConfigurationPropertySource(settings)), null, ApplicationConversionService.getSharedInstance())
        .bindOrCreate("vigil.sla", SlaProperties.class);
  }
}
