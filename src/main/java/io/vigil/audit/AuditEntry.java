package io.vigil.audit;

import java.time.OffsetDateTime;

/** One thing that happened to a ticket: when, who, what. */
public record AuditEntry(
    long id, String ticketNumber, OffsetDateTime occurredAt, String actor, AuditAction action, String detail) {}
