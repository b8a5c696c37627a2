package io.vigil.change;

import io.vigil.change.contract.ImplementationResult;
import io.vigil.ticket.HumanText;
import io.vigil.ticket.TicketInput;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** The implementer's report. */
public record ImplementationRequest(@NotNull ImplementationResult result,
    @NotBlank @Size(max = TicketInput.MAX_TEXT) @HumanText String notes) {}
