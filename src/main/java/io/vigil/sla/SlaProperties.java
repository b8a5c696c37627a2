package io.vigil.sla;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.validation.annotation.Validated;

/**
 * {@code vigil.sla.*}: the thresholds at which a clock tells its process, and the calendars that
 * {@code sla-targets.dmn} names. A calendar is either always open (24×7) or office hours in a zone
 * with working days and a holiday list, which the operator keeps up to date.
 */
@Validated
@ConfigurationProperties("vigil.sla")
public record SlaProperties(
    @DefaultValue({"50", "75", "100"}) @NotEmpty List<@Min(1) @Max(1000) Integer> thresholds,
    @NotEmpty Map<String, @Valid Calendar> calendars,
    @Valid @DefaultValue Firing firing) {

  /**
   * How this member fires the thresholds it owns: it looks every {@code tick}, fires what is due on
   * {@code threads} threads, holds a claim for {@code claimLease} while it fires (another member
   * takes over after that if it died), and marks a threshold fired more than {@code lateAfter} after
   * it was due as late.
   */
  public record Firing(
      @DefaultValue("true") boolean enabled,
      @DefaultValue("PT0.25S") Duration tick,
      @DefaultValue("2") @Min(1) @Max(64) int threads,
      @DefaultValue("PT30S") Duration claimLease,
      @DefaultValue("PT1M") Duration lateAfter) {}

  /** One calendar: {@code always-open: true}, or office hours. */
  public record Calendar(
      @DefaultValue("false") boolean alwaysOpen,
      @DefaultValue("UTC") ZoneId zone,
      @DefaultValue("08:00") @DateTimeFormat(pattern = "H:mm") LocalTime opens,
      @DefaultValue("17:00") @DateTimeFormat(pattern = "H:mm") LocalTime closes,
      @DefaultValue({"MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY"}) Set<DayOfWeek> workdays,
      @DefaultValue Set<LocalDate> holidays) {

    BusinessCalendar toBusinessCalendar() {
      return alwaysOpen ? new BusinessCalendar.AlwaysOpen() : new OfficeHours(zone, opens, closes, workdays, holidays);
    }
  }
}
