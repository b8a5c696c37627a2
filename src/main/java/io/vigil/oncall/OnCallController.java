package io.vigil.oncall;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.vigil.web.FourDigitYear;
import jakarta.validation.Valid;
import java.net.URI;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/groups/{group}}: a resolver group's on-call rota, its overrides, who is on call, and
 * the rota as a calendar feed. Every account reads; the group's members, the incident managers and
 * the admins write (SecurityConfiguration).
 */
@RestController
@RequestMapping("/api/groups/{group}")
@Validated
@Tag(name = "On call", description = "Who is on call for each resolver group: rotas, overrides, and the rota as a calendar feed")
class OnCallController {

  static final String TEXT_CALENDAR = "text/calendar";

  private final OnCallRotas rotas;
  private final Clock clock;

  OnCallController(OnCallRotas rotas, Clock clock) {
    this.rotas = rotas;
    this.clock = clock;
  }

  @PutMapping("/rota")
  @Operation(summary = "Set the group's rota (its members, incident managers, admins)",
      description = "Replaces the rota whole; overrides stay. 400 for a zone, handover, rotation, start or calendar that does not"
          + " parse or exist, an empty primary layer or a user twice in a layer; 422 for a user who does not exist or is not in"
          + " the group; 404 for a group that is not a resolver group.")
  RotaView replace(@PathVariable String group, @Valid @RequestBody RotaRequest request, Authentication authentication) {
    return rotas.replace(group, request, authentication.getName());
  }

  @GetMapping(value = "/rota", produces = MediaType.APPLICATION_JSON_VALUE)
  @Operation(summary = "The group's rota", description = "404 when the group has none.")
  RotaView rota(@PathVariable String group) {
    return rotas.rota(group);
  }

  @GetMapping(value = {"/rota", "/rota.ics"}, produces = TEXT_CALENDAR)
  @Operation(summary = "The group's rota as an iCalendar feed to subscribe to",
      description = "Ask /rota with Accept: text/calendar, or /rota.ics. One event per shift and layer, from vigil.on-call.feed-past"
          + " ago to feed-ahead from now; overrides cut the rota's shifts.")
  ResponseEntity<String> feed(@PathVariable String group) {
    return ResponseEntity.ok().contentType(MediaType.parseMediaType(TEXT_CALENDAR + ";charset=UTF-8")).body(rotas.feed(group));
  }

  @GetMapping("/on-call")
  @Operation(summary = "Who is on call at an instant (default now), and from when until when that holds",
      description = "primary and secondary are null where nobody is: before the rota's first handover, or a secondary layer left"
          + " empty. from is null before the first handover. 404 when the group has no rota.")
  OnCall onCall(@PathVariable String group,
      @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) @FourDigitYear OffsetDateTime at) {
    return rotas.onCall(group, at == null ? clock.instant() : at.toInstant());
  }

  @PostMapping("/overrides")
  @Operation(summary = "Put someone on call in place of the rota for a while (the group's members, incident managers, admins)",
      description = "Where overrides overlap, the one created last wins. 400 when to is not after from; 422 for a user not in the"
          + " group; 404 when the group has no rota.")
  ResponseEntity<OnCallOverride> override(@PathVariable String group, @Valid @RequestBody OverrideRequest request,
      Authentication authentication) {
    OnCallOverride override = rotas.override(group, request, authentication.getName());
    return ResponseEntity.created(URI.create("/api/groups/" + group + "/overrides/" + override.id())).body(override);
  }

  @GetMapping("/overrides")
  @Operation(summary = "The group's overrides that overlap the range, by start",
      description = "Without from: now; without to: a year after from.")
  List<OnCallOverride> overrides(@PathVariable String group,
      @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) @FourDigitYear OffsetDateTime from,
      @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) @FourDigitYear OffsetDateTime to) {
    return rotas.overrides(group, from == null ? null : from.toInstant(), to == null ? null : to.toInstant());
  }

  @DeleteMapping("/overrides/{id}")
  @ResponseStatus(HttpStatus.NO_CONTENT)
  @Operation(summary = "Take an override back (the group's members, incident managers, admins)")
  void removeOverride(@PathVariable String group, @PathVariable long id, Authentication authentication) {
    rotas.removeOverride(group, id, authentication.getName());
  }
}
