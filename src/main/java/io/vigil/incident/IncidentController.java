package io.vigil.incident;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.vigil.audit.AuditEntry;
import io.vigil.incident.contract.Priority;
import io.vigil.sla.SlaClockView;
import io.vigil.ticket.Comment;
import io.vigil.ticket.CommentRequest;
import io.vigil.ticket.HumanText;
import io.vigil.ticket.TicketActor;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/incidents}: open incidents, read their state, comment on them. */
@RestController
@RequestMapping("/api/incidents")
@Validated
@Tag(name = "Incidents")
class IncidentController {

  private final IncidentService service;

  IncidentController(IncidentService service) {
    this.service = service;
  }

  @PostMapping
  @Operation(summary = "Report an incident",
      description = "Opens the ticket and starts its process. Classification, priority and routing follow within"
          + " moments; the response shows what is known so far. With an Idempotency-Key header, repeating the"
          + " request returns the incident the first one opened (200) instead of opening another.")
  ResponseEntity<IncidentView> report(
      @Valid @RequestBody ReportIncidentRequest request,
      @Parameter(description = "Makes retries safe: one incident per key and reporter")
      @RequestHeader(name = "Idempotency-Key", required = false) @Size(min = 1, max = 200) String idempotencyKey,
      Authentication authentication) {
    IncidentService.Reported reported = service.report(request, TicketActor.of(authentication), idempotencyKey);
    String number = reported.incident().number();
    IncidentView view = service.view(reported.incident());
    if (!reported.created()) {
      return ResponseEntity.ok().location(location(number)).body(view);
    }
    return ResponseEntity.created(location(number)).body(view);
  }

  @GetMapping("/{number}")
  @Operation(summary = "One incident, with the steps open on it")
  IncidentView incident(@PathVariable String number) {
    return service.view(number);
  }

  @GetMapping
  @Operation(summary = "Incidents, newest first")
  IncidentPage incidents(
      @RequestParam(required = false) IncidentState state,
      @RequestParam(required = false) @Size(max = 64) @Pattern(regexp = "[a-z0-9][a-z0-9._-]*") String group,
      @RequestParam(required = false) Priority priority,
      @RequestParam(required = false) @Size(max = 64) @Pattern(regexp = "[a-z0-9][a-z0-9._-]*") String ci,
      @Parameter(description = "true: not yet resolved; false: resolved or closed")
      @RequestParam(required = false) Boolean open,
      @Parameter(description = "Text search: every word (two or more letters or digits) starts a word of the title or"
          + " the description, in any case")
      @RequestParam(required = false) @Size(max = 100) @HumanText
      @Pattern(regexp = "(?s)\\s*|.*[\\p{L}\\p{N}]{2}.*", message = "needs a word of two or more letters or digits") String q,
      @RequestParam(defaultValue = "0") @Min(0) @Max(100_000) int page,
      @RequestParam(defaultValue = "20") @Min(1) @Max(100) int size) {
    return service.page(new IncidentFilter(state, group, priority, ci, open, IncidentFilter.words(q)), page, size);
  }

  @PostMapping("/{number}/comments")
  @ResponseStatus(HttpStatus.CREATED)
  @Operation(summary = "Comment on an incident")
  Comment comment(@PathVariable String number, @Valid @RequestBody CommentRequest request, Authentication authentication) {
    return service.comment(number, authentication.getName(), request.text().trim());
  }

  @PostMapping("/{number}/priority")
  @Operation(summary = "Change the impact and urgency of an open incident",
      description = "The priority follows from incident-priority.dmn, and the SLA clocks re-base on the targets of the new"
          + " priority, keeping the time already worked and paused. 409 once the incident is resolved or closed.")
  Incident changePriority(@PathVariable String number, @Valid @RequestBody PriorityChangeRequest request,
      Authentication authentication) {
    return service.changePriority(number, request, TicketActor.of(authentication));
  }

  @PostMapping("/{number}/acknowledge")
  @Operation(summary = "Acknowledge the incident's page",
      description = "Stops on-call paging: nobody further is paged, and the incident shows who acknowledged. Allowed to its"
          + " resolver group, whoever was paged and the incident managers; 409 once the incident is resolved or closed."
          + " Taking its triage task in Tasklist acknowledges too.")
  IncidentView acknowledge(@PathVariable String number, Authentication authentication) {
    return service.acknowledge(number, TicketActor.of(authentication));
  }

  @GetMapping("/{number}/comments")
  @Operation(summary = "The comments on an incident, oldest first")
  List<Comment> comments(@PathVariable String number) {
    return service.comments(number);
  }

  @GetMapping("/{number}/reassignments")
  @Operation(summary = "How the incident moved between resolver groups")
  List<Reassignment> reassignments(@PathVariable String number) {
    return service.reassignments(number);
  }

  @GetMapping("/{number}/sla")
  @Operation(summary = "The SLA clocks of the incident: response and resolution",
      description = "Target, elapsed and paused time in the clock's calendar, what remains (negative once overrun),"
          + " when it is due if it keeps running, and its state: RUNNING, PAUSED, MET or BREACHED.")
  List<SlaClockView> sla(@PathVariable String number) {
    return service.sla(number);
  }

  @GetMapping("/{number}/audit")
  @Operation(summary = "Who did what to the incident, and when, oldest first",
      description = "Every state change, assignment, decision and comment, written in the same transaction as the change.")
  List<AuditEntry> auditTrail(@PathVariable String number) {
    return service.auditTrail(number);
  }

  private static URI location(String number) {
    return URI.create("/api/incidents/" + number);
  }


}
