package io.vigil.change;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.vigil.change.contract.ChangeType;
import io.vigil.change.contract.ImplementationResult;
import io.vigil.change.contract.Risk;
import io.vigil.change.contract.Voting;
import java.time.OffsetDateTime;
import java.util.List;

/** A change ticket: a fix or an update on its way to production, from request to closure. */
public record Change(
    @JsonIgnore long id,
    String number,
    ChangeState state,
    ChangeType type,
    String template,
    String title,
    String description,
    List<String> cis,
    OffsetDateTime plannedStart,
    OffsetDateTime plannedEnd,
    String implementationPlan,
    String backoutPlan,
    String testEvidence,
    String exceptionReason,
    /** The problem whose fix it brings (PRB-…). */
    String problem,
    String requestedBy,
    String implementerGroup,
    /** Once assessed. */
    Risk risk,
    String riskFactors,
    Voting voting,
    String reviewGroup,
    String implementedBy,
    ImplementationResult implementationResult,
    String implementationNotes,
    String backoutNotes,
    /** The incident opened when it failed. */
    String causedIncident,
    String reviewNotes,
    /** Why it was rejected or cancelled. */
    String closureReason,
    String closedBy,
    @JsonIgnore String processInstanceId,
    OffsetDateTime requestedAt,
    OffsetDateTime decidedAt,
    OffsetDateTime implementedAt,
    OffsetDateTime closedAt,
    OffsetDateTime updatedAt) {

  Change withCis(List<String> items) {
    return new Change(id, number, state, type, template, title, description, List.copyOf(items), plannedStart, plannedEnd,
        implementationPlan, backoutPlan, testEvidence, exceptionReason, problem, requestedBy, implementerGroup, risk, riskFactors,
        voting, reviewGroup, implementedBy, implementationResult, implementationNotes, backoutNotes, causedIncident, reviewNotes,
        closureReason, closedBy, processInstanceId, requestedAt, decidedAt, implementedAt, closedAt, updatedAt);
  }
}
