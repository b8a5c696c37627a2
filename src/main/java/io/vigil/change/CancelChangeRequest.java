package io.vigil.change;

import io.vigil.ticket.HumanText;
import io.vigil.ticket.TicketInput;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** Why the change no longer goes ahead. */
public record CancelChangeRequest(@NotBlank @Size(max = TicketInput.MAX_REASON) @HumanText String reason) {}
