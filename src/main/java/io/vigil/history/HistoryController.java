package io.vigil.history;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.vigil.incident.contract.Priority;
import io.vigil.ticket.TicketPeriod;
import io.vigil.ticket.TicketType;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.OffsetDateTime;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/history}: tickets of every kind, open and closed, and each one's whole history, for
 * auditors and managers (the security configuration says who). Cockpit's "Ticket history" page
 * reads it.
 */
@RestController
@RequestMapping("/api/history")
@Validated
@Tag(name = "History", description = "Tickets open and closed, with Vigil's audit trail and the engine's history merged")
class HistoryController {

  private final TicketSearch search;
  private final TicketHistories histories;

  HistoryController(TicketSearch search, TicketHistories histories) {
    this.search = search;
    this.histories = histories;
  }

  @GetMapping("/tickets")
  @Operation(summary = "Incidents, problems and changes, open and closed, newest opened first",
      description = "A period (from, to) finds the tickets that were open at some moment of it. Problems have no group,"
          + " changes no priority: a search by group leaves out problems, one by priority changes. Over every kind, the"
          + " newest " + TicketSearch.MERGED_LIMIT + " are paged; with a type, all of them.")
  TicketSummaryPage tickets(
      @RequestParam(required = false) @Size(max = 20) @Pattern(regexp = "(INC|PRB|CHG)-\\d{6,}") String number,
      @RequestParam(required = false) TicketType type,
      @Parameter(description = "ISO date-time, e.g. 2026-03-01T00:00:00Z")
      @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) OffsetDateTime from,
      @Parameter(description = "ISO date-time, after from")
      @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) OffsetDateTime to,
      @RequestParam(required = false) @Size(max = 64) @Pattern(regexp = "[a-z0-9][a-z0-9._-]*") String group,
      @RequestParam(required = false) Priority priority,
      @Parameter(description = "A state of the type asked for, or of any type that has it (CLOSED, REJECTED…)")
      @RequestParam(required = false) @Size(max = 40) @Pattern(regexp = "[A-Z][A-Z_]*") String state,
      @RequestParam(defaultValue = "0") @Min(0) @Max(100_000) int page,
      @RequestParam(defaultValue = "20") @Min(1) @Max(100) int size) {
    TicketPeriod period = from == null && to == null ? null : new TicketPeriod(from, to);
    return search.search(new TicketQuery(number, type, period, group, priority, state), page, size);
  }

  @GetMapping("/tickets/{number}")
  @Operation(summary = "One ticket's whole history",
      description = "Vigil's audit entries and the engine's history of the ticket's process instances (activities, tasks"
          + " with who claimed and completed them and the values they were completed with, decisions with inputs and"
          + " outputs, variable changes, the user operation log) in one timeline by time; and each instance's BPMN"
          + " diagram with the activities it ran and the sequence flows it took (inferred).")
  TicketHistory ticket(@PathVariable @Size(max = 20) String number) {
    return histories.of(number);
  }
}
