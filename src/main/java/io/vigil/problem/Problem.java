package io.vigil.problem;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.vigil.incident.contract.Priority;
import io.vigil.problem.contract.IncidentHandling;
import io.vigil.problem.contract.ProblemOrigin;
import java.time.OffsetDateTime;

/** A problem ticket: the cause of one or more incidents, from opening to closure. */
public record Problem(
    @JsonIgnore long id,
    String number,
    ProblemState state,
    ProblemOrigin origin,
    String title,
    String description,
    String service,
    String ci,
    Priority priority,
    String openedBy,
    String assessedBy,
    String rejectionReason,
    String causeCategory,
    String rootCause,
    String fiveWhys,
    String evidence,
    String correctiveAction,
    String workaround,
    /** The change that brings the fix (CHG-…), once there is one. */
    String change,
    String fixNotes,
    IncidentHandling incidentHandling,
    String reviewNotes,
    String processInstanceId,
    OffsetDateTime openedAt,
    OffsetDateTime knownErrorAt,
    OffsetDateTime resolvedAt,
    OffsetDateTime closedAt,
    OffsetDateTime updatedAt) {

  /** A known error: its root cause and workaround are recorded and published in the knowledge base. */
  @JsonProperty
  public boolean knownError() {
    return knownErrorAt != null;
  }
}
