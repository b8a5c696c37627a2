package io.vigil.incident;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.vigil.incident.contract.ClosureReason;
import io.vigil.incident.contract.Level;
import io.vigil.incident.contract.PendingReason;
import io.vigil.incident.contract.Priority;
import io.vigil.incident.contract.ResolutionCode;
import java.time.OffsetDateTime;

/** An incident ticket: the record of one unplanned interruption, from report to closure. */
public record Incident(
    @JsonIgnore long id,
    String number,
    IncidentState state,
    String title,
    String description,
    String caller,
    String reportedBy,
    String service,
    String ci,
    Level impact,
    Level urgency,
    Priority priority,
    String category,
    String resolverGroup,
    String assignee,
    PendingReason pendingReason,
    boolean majorIncident,
    int escalationLevel,
    int reopenCount,
    String duplicateOf,
    ResolutionCode resolutionCode,
    String resolutionNotes,
    boolean rootCauseAnalysisNeeded,
    ClosureReason closureReason,
    String processInstanceId,
    OffsetDateTime reportedAt,
    OffsetDateTime acknowledgedAt,
    OffsetDateTime resolvedAt,
    OffsetDateTime closedAt,
    Long timeToAcknowledgeSeconds,
    Long timeToResolveSeconds,
    /** The problem it belongs to (PRB-…), if any: an incident belongs to at most one. */
    String problem,
    /** The change that caused it (CHG-…), if any. */
    String causedByChange,
    OffsetDateTime updatedAt) {}
