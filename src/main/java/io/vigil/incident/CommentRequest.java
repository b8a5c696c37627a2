package io.vigil.incident;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** A comment to add to an incident. */
public record CommentRequest(@NotBlank @Size(max = IncidentTicket.MAX_TEXT) String text) {}
