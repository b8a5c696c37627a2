package io.vigil.change;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.MonthDay;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.validation.annotation.Validated;

/**
 * {@code vigil.changes.calendar.*}: when changes should not happen (freeze windows, for every
 * service) and when a business service may be touched (its maintenance windows). Days and times are
 * read in {@code zone}, so that they follow the operators' wall clock across daylight-saving changes.
 * A service without maintenance windows may be changed at any time outside a freeze.
 */
@Validated
@ConfigurationProperties("vigil.changes.calendar")
public record ChangeCalendarProperties(
    @DefaultValue("UTC") @NotNull ZoneId zone,
    @DefaultValue List<@Valid FreezeWindow> freezeWindows,
    @DefaultValue Map<String, @NotEmpty List<@Valid MaintenanceWindow>> maintenanceWindows) {

  /**
   * No changes from the start of {@code from} to the end of {@code to}: every year when both are
   * {@code MM-DD} (12-20 to 01-04 runs over the year end), once when both are {@code YYYY-MM-DD}.
   */
  public record FreezeWindow(@NotBlank String name, @NotNull FreezeDay from, @NotNull FreezeDay to) {

    public FreezeWindow {
      if (from != null && to != null) {
        if (from.getClass() != to.getClass()) {
          throw new IllegalArgumentException("freeze window '" + name + "' mixes a yearly day (MM-DD) and a date (YYYY-MM-DD): "
              + from + " to " + to);
        }
        if (from instanceof FreezeDay.Once first && to instanceof FreezeDay.Once last && last.date().isBefore(first.date())) {
          throw new IllegalArgumentException("freeze window '" + name + "' ends before it starts: " + from + " to " + to);
        }
      }
    }
  }

  /** A freeze window's first or last day, as the operator writes it. */
  public sealed interface FreezeDay {

    /** Spring's conversion finds this by its name when it binds {@code from} and {@code to}. */
    static FreezeDay of(String text) {
      String day = text.strip();
      try {
        if (day.length() == "MM-DD".length()) {
          return new EveryYear(MonthDay.parse("--" + day));
        }
        if (day.length() == "YYYY-MM-DD".length()) {
          return new Once(LocalDate.parse(day));
        }
      } catch (DateTimeException e) {
        throw new IllegalArgumentException("no such day: " + text, e);
      }
      throw new IllegalArgumentException("a freeze day is MM-DD (every year) or YYYY-MM-DD (once), not " + text);
    }

    /** The same day every year; 02-29 falls on 28 February in other years. */
    record EveryYear(MonthDay day) implements FreezeDay {

      @Override
      public String toString() {
        return day.toString().substring(2);
      }
    }

    record Once(LocalDate date) implements FreezeDay {

      @Override
      public String toString() {
        return date.toString();
      }
    }
  }

  /**
   * On each of {@code days}, from {@code from} to {@code to} local time; a {@code to} before
   * {@code from} runs past midnight into the next day (22:00–04:00 on SATURDAY ends on Sunday).
   */
  public record MaintenanceWindow(
      @NotEmpty List<DayOfWeek> days,
      @NotNull @DateTimeFormat(pattern = "H:mm") LocalTime from,
      @NotNull @DateTimeFormat(pattern = "H:mm") LocalTime to) {

    public MaintenanceWindow {
      if (from != null && from.equals(to)) {
        throw new IllegalArgumentException("a maintenance window opens and closes at different times, not both at " + from);
      }
    }
  }
}
