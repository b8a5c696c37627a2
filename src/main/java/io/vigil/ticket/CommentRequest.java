package io.vigil.ticket;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** A comment to add to a ticket. */
public record CommentRequest(@NotBlank @Size(max = TicketInput.MAX_TEXT) @HumanText String text) {}
