package io.vigil.incident;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.vigil.ticket.HumanText;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/incidents/similar}: the closed incidents that resemble a description, and how they were resolved. */
@RestController
@RequestMapping("/api/incidents/similar")
@Validated
@Tag(name = "Incidents")
class SimilarIncidentController {

  private final ClosedIncidentIndex closedIncidents;

  SimilarIncidentController(ClosedIncidentIndex closedIncidents) {
    this.closedIncidents = closedIncidents;
  }

  @GetMapping
  @Operation(summary = "Similar past incidents, best match first",
      description = "Closed incidents whose title, description or resolution notes share words with q, in any form"
          + " (\"deadlocks\" finds \"deadlock\"); a match in the title weighs most. score is the relevance (BM25),"
          + " comparable within one answer. An incident closed on another node is found within vigil.knowledge.refresh-interval.")
  List<SimilarIncident> similar(
      @Parameter(description = "What happened, in a person's words; no query syntax", example = "orders database deadlock")
      @RequestParam @Size(min = 2, max = 200) @HumanText
      @Pattern(regexp = "(?s).*[\\p{L}\\p{N}]{2}.*", message = "needs a word of two or more letters or digits") String q,
      @Parameter(description = "Only incidents of this service")
      @RequestParam(required = false) @Size(max = 64) @Pattern(regexp = "[a-z0-9][a-z0-9._-]*") String service,
      @RequestParam(defaultValue = "5") @Min(1) @Max(20) int size) {
    return closedIncidents.similar(q, service, size);
  }
}
