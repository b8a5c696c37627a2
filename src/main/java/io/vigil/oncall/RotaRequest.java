package io.vigil.oncall;

import io.swagger.v3.oas.annotations.media.Schema;
import io.vigil.web.BadRequestException;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A group's rota as a client gives it. Zone, handover, rotation and start come as text and are read
 * here, so that each refusal names its field.
 */
public record RotaRequest(
    @Schema(example = "Europe/Berlin") @NotBlank @Size(max = 64) String zone,
    @Schema(example = "09:00", description = "H:mm, local time in the zone") @NotBlank @Size(max = 5) String handover,
    @Schema(example = "P7D", description = "ISO-8601: days, weeks, months (P1D, P1W, P1M) or hours (PT12H), one hour to a year")
    @NotBlank @Size(max = 32) String rotation,
    @Schema(example = "2026-11-23", description = "The first slot begins on this day at the handover") @NotBlank @Size(max = 10) String start,
    @Schema(example = "[\"db.dave\"]", description = "In order: the first takes the first slot")
    @NotEmpty @Size(max = MAX_MEMBERS) List<@NotBlank @Size(max = 100) @Pattern(regexp = USER) String> primary,
    @Schema(example = "[]") @Size(max = MAX_MEMBERS) List<@NotBlank @Size(max = 100) @Pattern(regexp = USER) String> secondary,
    @Schema(example = "office-hours", description = "An SLA calendar (vigil.sla.calendars); default office-hours")
    @Size(max = 64) String calendar) {

  static final int MAX_MEMBERS = 50;
  /** A user id as the engine allows it. */
  static final String USER = "[a-zA-Z0-9][a-zA-Z0-9._@-]*";

  private static final DateTimeFormatter HANDOVER = DateTimeFormatter.ofPattern("H:mm");

  List<String> secondaryOrNone() {
    return secondary == null ? List.of() : secondary;
  }

  /** The rota for {@code group}; {@code calendars} are the names an SLA calendar may have. */
  Rota toRota(String group, Set<String> calendars) {
    ZoneId zoneId;
    try {
      zoneId = ZoneId.of(zone);
    } catch (DateTimeException e) {
      throw new BadRequestException("zone", "zone: no such time zone: " + zone);
    }
    LocalTime time;
    try {
      time = LocalTime.parse(handover, HANDOVER);
    } catch (DateTimeException e) {
      throw new BadRequestException("handover", "handover: not a time of day (H:mm): " + handover);
    }
    Rotation every;
    try {
      every = Rotation.parse(rotation);
    } catch (IllegalArgumentException e) {
      throw new BadRequestException("rotation", "rotation: " + e.getMessage());
    }
    LocalDate first;
    try {
      first = LocalDate.parse(start);
    } catch (DateTimeException e) {
      throw new BadRequestException("start", "start: not a date (yyyy-MM-dd): " + start);
    }
    if (first.getYear() < 1 || first.getYear() > 9999) {
      throw new BadRequestException("start", "start: must be in the years 1 to 9999");
    }
    onceEach("primary", primary);
    onceEach("secondary", secondaryOrNone());
    String named = calendar == null ? Rota.OFFICE_HOURS : calendar;
    if (!calendars.contains(named)) {
      throw new BadRequestException("calendar", "calendar: no SLA calendar '" + named + "' (vigil.sla.calendars has " + calendars + ")");
    }
    return new Rota(group, zoneId, time, every, first, primary, secondaryOrNone(), named, List.of());
  }

  private static void onceEach(String field, List<String> users) {
    Set<String> seen = new HashSet<>();
    for (String user : users) {
      if (!seen.add(user)) {
        throw new BadRequestException(field, field + ": " + user + " is in the layer twice");
      }
    }
  }
}
