package io.vigil.incident;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** A new impact and urgency for an open incident, and why: the priority follows from them. */
public record PriorityChangeRequest(
    @NotNull Level impact,
    @NotNull Level urgency,
    @NotBlank @Size(max = IncidentTicket.MAX_REASON) String reason) {}
