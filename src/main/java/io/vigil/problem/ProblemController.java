package io.vigil.problem;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.vigil.audit.AuditEntry;
import io.vigil.sla.SlaClockView;
import io.vigil.ticket.TicketActor;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/problems")
@Validated
@Tag(name = "Problems", description = "ITIL problem management: the causes of incidents, their known errors and fixes")
class ProblemController {

  private final ProblemService problems;

  ProblemController(ProblemService service) {
    this.problems = service;
  }

  @PostMapping
  @Operation(summary = "Open a problem (problem managers)",
      description = "Opens the ticket, links the incidents given and starts its process: the problem managers assess it"
          + " next. A configuration item has at most one open problem: opening another is refused (422) naming it.")
  ResponseEntity<ProblemView> open(@Valid @RequestBody OpenProblemRequest request, Authentication authentication) {
    ProblemView view = problems.open(request, TicketActor.of(authentication));
    return ResponseEntity.created(location(view.problem().number())).body(view);
  }

  @GetMapping
  @Operation(summary = "Problems, newest first")
  ProblemPage problems(
      @RequestParam(required = false) ProblemState state,
      @RequestParam(required = false) @Size(max = 64) @Pattern(regexp = "[a-z0-9][a-z0-9._-]*") String ci,
      @RequestParam(required = false) @Size(max = 64) @Pattern(regexp = "[a-z0-9][a-z0-9._-]*") String service,
      @RequestParam(defaultValue = "0") @Min(0) @Max(100_000) int page,
      @RequestParam(defaultValue = "20") @Min(1) @Max(100) int size) {
    return problems.page(new ProblemFilter(state, ci, service), page, size);
  }

  @GetMapping("/{number}")
  @Operation(summary = "One problem, with its incidents, its known error's article and the steps open on it")
  ProblemView problem(@PathVariable String number) {
    return problems.view(number);
  }

  @PostMapping("/{number}/incidents")
  @Operation(summary = "Link an incident to an open problem (problem managers)",
      description = "An incident belongs to at most one problem: 409 when it belongs to another, or when the problem is"
          + " resolved, closed or rejected.")
  ProblemView link(@PathVariable String number, @Valid @RequestBody LinkIncidentRequest request, Authentication authentication) {
    return problems.link(number, request.incident(), authentication.getName());
  }

  @DeleteMapping("/{number}/incidents/{incident}")
  @Operation(summary = "Unlink an incident from an open problem (problem managers)")
  ResponseEntity<Void> unlink(@PathVariable String number, @PathVariable String incident, Authentication authentication) {
    problems.unlink(number, incident, authentication.getName());
    return ResponseEntity.noContent().build();
  }

  @GetMapping("/{number}/sla")
  @Operation(summary = "The SLA clocks of the problem: known error and resolution")
  List<SlaClockView> sla(@PathVariable String number) {
    return problems.sla(number);
  }

  @GetMapping("/{number}/audit")
  @Operation(summary = "Who did what to the problem, and when, oldest first")
  List<AuditEntry> auditTrail(@PathVariable String number) {
    return problems.auditTrail(number);
  }

  private static URI location(String number) {
    return URI.create("/api/problems/" + number);
  }
}
