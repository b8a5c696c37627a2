package io.vigil.incident;

import io.vigil.incident.contract.Level;
import io.vigil.ticket.HumanText;
import io.vigil.ticket.TicketInput;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** A new impact and urgency for an open incident, and why: the priority follows from them. */
public record PriorityChangeRequest(
    @NotNull Level impact,
    @NotNull Level urgency,
    @NotBlank @Size(max = TicketInput.MAX_REASON) @HumanText String reason) {}
