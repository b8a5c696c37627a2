package io.vigil.change;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.change.ChangeCalendarProperties.FreezeDay;
import io.vigil.change.ChangeCalendarProperties.FreezeWindow;
import io.vigil.change.ChangeCalendarProperties.MaintenanceWindow;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.MonthDay;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.ConfigDataApplicationContextInitializer;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** The change calendar as operators write it: bound and checked when Vigil starts. */
class ChangeCalendarPropertiesTest {

  private final ApplicationContextRunner context = new ApplicationContextRunner().withUserConfiguration(ChangeCalendar.class);

  @Test
  void withoutSettingsNothingIsFrozenAndEveryServiceMayBeChangedAtAnyTime() {
    context.run(started -> {
      ChangeCalendarProperties properties = started.getBean(ChangeCalendarProperties.class);
      assertThat(properties.zone()).isEqualTo(ZoneId.of("UTC"));
      assertThat(properties.freezeWindows()).isEmpty();
      assertThat(properties.maintenanceWindows()).isEmpty();
    });
  }

  @Test
  void bindsFreezeAndMaintenanceWindows() {
    context.withPropertyValues(
            "vigil.changes.calendar.zone=Europe/Vienna",
            "vigil.changes.calendar.freeze-windows[0].name=Year-end freeze",
            "vigil.changes.calendar.freeze-windows[0].from=12-20",
            "vigil.changes.calendar.freeze-windows[0].to=01-04",
            "vigil.changes.calendar.freeze-windows[1].name=Data centre move",
            "vigil.changes.calendar.freeze-windows[1].from=2027-03-12",
            "vigil.changes.calendar.freeze-windows[1].to=2027-03-14",
            "vigil.changes.calendar.maintenance-windows.email[0].days=SATURDAY,SUNDAY",
            "vigil.changes.calendar.maintenance-windows.email[0].from=22:00",
            "vigil.changes.calendar.maintenance-windows.email[0].to=4:00")
        .run(started -> {
          ChangeCalendarProperties properties = started.getBean(ChangeCalendarProperties.class);
          assertThat(properties.zone()).isEqualTo(ZoneId.of("Europe/Vienna"));
          assertThat(properties.freezeWindows()).containsExactly(
              new FreezeWindow("Year-end freeze", new FreezeDay.EveryYear(MonthDay.of(12, 20)), new FreezeDay.EveryYear(MonthDay.of(1, 4))),
              new FreezeWindow("Data centre move", new FreezeDay.Once(LocalDate.of(2027, 3, 12)),
                  new FreezeDay.Once(LocalDate.of(2027, 3, 14))));
          assertThat(properties.maintenanceWindows()).containsOnlyKeys("email");
          assertThat(properties.maintenanceWindows().get("email")).containsExactly(
              new MaintenanceWindow(List.of(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY), LocalTime.of(22, 0), LocalTime.of(4, 0)));
        });
  }

  @Test
  void theDemoCalendarMeansWhatItSays() {
    context.withInitializer(new ConfigDataApplicationContextInitializer())
        .withPropertyValues("spring.profiles.active=demo")
        .run(started -> {
          ChangeCalendar calendar = started.getBean(ChangeCalendar.class);
          // Thursday 31 December 2026, 09:00 in Berlin
          Instant newYearsEve = Instant.parse("2026-12-31T08:00:00Z");
          assertThat(calendar.freezeOverlapping(newYearsEve, newYearsEve.plusSeconds(3600)))
              .get().extracting(ChangeCalendar.Freeze::name).isEqualTo("Year-end freeze");
          // Sunday 29 November 2026, 02:30–03:30 in Berlin: checkout, payments and email are all open
          assertThat(calendar.inMaintenanceWindow(List.of("checkout", "payments", "email"),
              Instant.parse("2026-11-29T01:30:00Z"), Instant.parse("2026-11-29T02:30:00Z"))).isTrue();
          assertThat(calendar.maintenanceBetween("email", Instant.parse("2026-11-25T00:00:00Z"), Instant.parse("2026-11-26T00:00:00Z")))
              .hasSize(2);
        });
  }

  @Test
  void aMistypedSettingFailsTheStartNamingIt() {
    assertStartFails("vigil.changes.calendar.zone", "vigil.changes.calendar.zone=Europe/Atlantis");
    assertStartFails("vigil.changes.calendar.freeze-windows[0].from",
        "vigil.changes.calendar.freeze-windows[0].name=Year-end freeze",
        "vigil.changes.calendar.freeze-windows[0].from=12-32",
        "vigil.changes.calendar.freeze-windows[0].to=01-04");
    assertStartFails("vigil.changes.calendar.freeze-windows[0].to",
        "vigil.changes.calendar.freeze-windows[0].name=Year-end freeze",
        "vigil.changes.calendar.freeze-windows[0].from=12-20",
        "vigil.changes.calendar.freeze-windows[0].to=4 January");
    assertStartFails("vigil.changes.calendar.maintenance-windows.email[0].from",
        "vigil.changes.calendar.maintenance-windows.email[0].days=SUNDAY",
        "vigil.changes.calendar.maintenance-windows.email[0].from=25:00",
        "vigil.changes.calendar.maintenance-windows.email[0].to=04:00");
  }

  @Test
  void aWindowThatContradictsItselfFailsTheStartNamingIt() {
    assertStartFails("mixes a yearly day (MM-DD) and a date (YYYY-MM-DD)",
        "vigil.changes.calendar.freeze-windows[0].name=Year-end freeze",
        "vigil.changes.calendar.freeze-windows[0].from=2026-12-20",
        "vigil.changes.calendar.freeze-windows[0].to=01-04");
    assertStartFails("vigil.changes.calendar.freeze-windows[0]",
        "vigil.changes.calendar.freeze-windows[0].name=Data centre move",
        "vigil.changes.calendar.freeze-windows[0].from=2027-03-14",
        "vigil.changes.calendar.freeze-windows[0].to=2027-03-12");
    assertStartFails("ends before it starts",
        "vigil.changes.calendar.freeze-windows[0].name=Data centre move",
        "vigil.changes.calendar.freeze-windows[0].from=2027-03-14",
        "vigil.changes.calendar.freeze-windows[0].to=2027-03-12");
    assertStartFails("vigil.changes.calendar.maintenance-windows.email[0]",
        "vigil.changes.calendar.maintenance-windows.email[0].days=SUNDAY",
        "vigil.changes.calendar.maintenance-windows.email[0].from=04:00",
        "vigil.changes.calendar.maintenance-windows.email[0].to=04:00");
  }

  @Test
  void aWindowWithoutANameOrDaysOrAServiceWithoutWindowsFailsTheStart() {
    // Bean validation names the field as Java spells it
    assertStartFails("vigil.changes.calendar.freezeWindows[0].name",
        "vigil.changes.calendar.freeze-windows[0].from=12-20",
        "vigil.changes.calendar.freeze-windows[0].to=01-04");
    assertStartFails("vigil.changes.calendar.maintenanceWindows[email][0].days",
        "vigil.changes.calendar.maintenance-windows.email[0].from=22:00",
        "vigil.changes.calendar.maintenance-windows.email[0].to=04:00");
    // A service listed without windows could never be changed
    assertStartFails("vigil.changes.calendar.maintenanceWindows[email]", "vigil.changes.calendar.maintenance-windows.email=");
  }

  private void assertStartFails(String message, String... settings) {
    context.withPropertyValues(settings).run(started -> assertThat(started).getFailure().hasStackTraceContaining(message));
  }
}
