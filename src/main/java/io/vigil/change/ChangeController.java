package io.vigil.change;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.vigil.audit.AuditEntry;
import io.vigil.change.contract.ChangeType;
import io.vigil.sla.SlaClockView;
import io.vigil.support.ICalendarFeed;
import io.vigil.ticket.TicketActor;
import io.vigil.web.FourDigitYear;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/changes")
@Validated
@Tag(name = "Changes", description = "ITIL change enablement: fixes and updates on their way to production")
class ChangeController {

  static final String TEXT_CALENDAR = "text/calendar";
  static final String FEED_PRODUCT = "-//Vigil//Change calendar//EN";
  static final Duration DEFAULT_LOOK_BACK = Duration.ofDays(30);
  static final Duration DEFAULT_RANGE = Duration.ofDays(365);

  private final ChangeService changes;
  private final Clock clock;

  ChangeController(ChangeService changes, Clock clock) {
    this.changes = changes;
    this.clock = clock;
  }

  @PostMapping
  @Operation(summary = "Request a change (resolver groups, change managers)",
      description = "Opens the ticket and starts its process: the risk is assessed and the approvers decided next. A normal"
          + " or standard change planned inside a freeze is refused (422) unless it gives an exceptionReason.")
  ResponseEntity<ChangeView> request(@Valid @RequestBody RequestChangeRequest request, Authentication authentication) {
    ChangeView view = changes.request(request, TicketActor.of(authentication));
    return ResponseEntity.created(URI.create("/api/changes/" + view.change().number())).body(view);
  }

  @GetMapping
  @Operation(summary = "Changes, newest first")
  ChangePage changes(
      @RequestParam(required = false) ChangeState state,
      @RequestParam(required = false) ChangeType type,
      @RequestParam(required = false) @Size(max = 64) @Pattern(regexp = "[a-z0-9][a-z0-9._-]*") String ci,
      @RequestParam(required = false) @Pattern(regexp = "PRB-\\d{6}") String problem,
      @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) @FourDigitYear OffsetDateTime closedSince,
      @RequestParam(defaultValue = "0") @Min(0) @Max(100_000) int page,
      @RequestParam(defaultValue = "20") @Min(1) @Max(100) int size) {
    return changes.page(new ChangeFilter(state, type, ci, problem, closedSince), page, size);
  }

  @GetMapping("/templates")
  @Operation(summary = "The pre-approved standard changes")
  List<TemplateView> templates() {
    return changes.templates();
  }

  @GetMapping(value = "/calendar", produces = MediaType.APPLICATION_JSON_VALUE)
  @Operation(summary = "The change calendar: changes planned in the range, the freezes and the maintenance windows (at most a year)",
      description = "Without from and to: from a month ago to eleven months ahead.")
  CalendarView calendar(
      @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) @FourDigitYear OffsetDateTime from,
      @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) @FourDigitYear OffsetDateTime to) {
    return range(from, to);
  }

  @GetMapping(value = {"/calendar", "/calendar.ics"}, produces = TEXT_CALENDAR)
  @Operation(summary = "The change calendar as an iCalendar feed to subscribe to",
      description = "Ask /calendar with Accept: text/calendar, or /calendar.ics, which calendar programs subscribe to as it is."
          + " Without from and to: from a month ago to eleven months ahead, so a subscription moves with the days.")
  ResponseEntity<String> calendarFeed(
      @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) @FourDigitYear OffsetDateTime from,
      @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) @FourDigitYear OffsetDateTime to) {
    CalendarView view = range(from, to);
    List<ICalendarFeed.CalendarEntry> entries = new ArrayList<>();
    for (Change change : view.changes()) {
      entries.add(new ICalendarFeed.CalendarEntry(change.number() + "@vigil", change.number() + " " + change.title(),
          change.type() + " change, " + change.state() + (change.risk() == null ? "" : ", risk " + change.risk()) + "\n"
              + String.join(", ", change.cis()),
          change.plannedStart().toInstant(), change.plannedEnd().toInstant(), status(change.state()),
          List.of("CHANGE", change.type().name())));
    }
    for (ChangeCalendar.Freeze freeze : view.freezes()) {
      entries.add(new ICalendarFeed.CalendarEntry("freeze-" + freeze.start().getEpochSecond() + "@vigil", "Freeze: " + freeze.name(),
          "No normal or standard change without an exception the CAB approves", freeze.start(), freeze.end(), "CONFIRMED",
          List.of("FREEZE")));
    }
    return ResponseEntity.ok().contentType(MediaType.parseMediaType(TEXT_CALENDAR + ";charset=UTF-8"))
        .body(ICalendarFeed.render(FEED_PRODUCT, "Vigil changes", entries, clock.instant()));
  }

  @GetMapping("/{number}")
  @Operation(summary = "One change, with its votes, conflicts, freezes, the incidents it caused and the steps open on it")
  ChangeView change(@PathVariable String number) {
    return changes.view(number);
  }

  @PostMapping("/{number}/approvals")
  @Operation(summary = "Vote on a change (CAB, change managers)",
      description = "Completes the approval open for one of the caller's groups. 409 when none is open for them, or when they"
          + " requested the change (segregation of duties). A rejection needs a comment (422).")
  ChangeView vote(@PathVariable String number, @Valid @RequestBody VoteRequest vote, Authentication authentication) {
    return changes.vote(number, vote, TicketActor.of(authentication));
  }

  @PostMapping("/{number}/implementation")
  @Operation(summary = "Report the implementation (the implementer group)",
      description = "409 when the window is not open, or when the caller voted on the change (segregation of duties).")
  ChangeView implemented(@PathVariable String number, @Valid @RequestBody ImplementationRequest report, Authentication authentication) {
    return changes.implemented(number, report, TicketActor.of(authentication));
  }

  @PostMapping("/{number}/cancellation")
  @Operation(summary = "Cancel a change before its implementation starts (its requester, change managers)")
  ChangeView cancel(@PathVariable String number, @Valid @RequestBody CancelChangeRequest request, Authentication authentication) {
    return changes.cancel(number, request, TicketActor.of(authentication));
  }

  @PostMapping("/{number}/incidents")
  @Operation(summary = "Mark an incident as caused by the change")
  ChangeView causedIncident(@PathVariable String number, @Valid @RequestBody CausedIncidentRequest request,
      Authentication authentication) {
    return changes.causedIncident(number, request.incident(), authentication.getName());
  }

  @GetMapping("/{number}/sla")
  @Operation(summary = "The SLA clock of the change: its approval")
  List<SlaClockView> sla(@PathVariable String number) {
    return changes.sla(number);
  }

  @GetMapping("/{number}/audit")
  @Operation(summary = "Who did what to the change, and when, oldest first")
  List<AuditEntry> auditTrail(@PathVariable String number) {
    return changes.auditTrail(number);
  }

  /** The range asked for; a side not given is a month back, or eleven months on, from the other or from today. */
  private CalendarView range(OffsetDateTime from, OffsetDateTime to) {
    OffsetDateTime start = from != null ? from : (to != null ? to.minus(DEFAULT_RANGE) : OffsetDateTime.now(clock).minus(DEFAULT_LOOK_BACK));
    OffsetDateTime end = to != null ? to : start.plus(DEFAULT_RANGE);
    return changes.calendar(start, end);
  }

  /** Rejected and cancelled changes stay in the feed as cancelled, so subscribers see them go. */
  private static String status(ChangeState state) {
    return switch (state) {
      case REJECTED, CANCELLED -> "CANCELLED";
      case NEW, ASSESSED, AWAITING_APPROVAL -> "TENTATIVE";
      default -> "CONFIRMED";
    };
  }
}
