package io.vigil.incident;

import java.time.OffsetDateTime;

/** A note on an incident from an analyst, the caller's side or an integration. */
public record Comment(long id, String author, String text, OffsetDateTime createdAt) {}
