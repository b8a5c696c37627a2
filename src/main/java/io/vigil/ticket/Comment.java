package io.vigil.ticket;

import java.time.OffsetDateTime;

/** A note on a ticket from an analyst, the caller's side or an integration. */
public record Comment(long id, String author, String text, OffsetDateTime createdAt) {}
