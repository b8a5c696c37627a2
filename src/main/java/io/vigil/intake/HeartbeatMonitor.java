package io.vigil.intake;

import io.vigil.incident.contract.Priority;
import java.time.Duration;
import java.time.OffsetDateTime;

/**
 * A scheduled job's heartbeat monitor. {@code NEW}: no ping yet; {@code UP}: the last run pinged in
 * time; {@code DOWN}: a run was missed or failed, and {@code incident} is the incident it opened.
 */
public record HeartbeatMonitor(
    String name,
    Duration period,
    Duration grace,
    String ci,
    Priority priority,
    Status status,
    OffsetDateTime nextDueAt,
    OffsetDateTime lastPingAt,
    OffsetDateTime lastFailureAt,
    String lastFailure,
    long pingCount,
    long failureCount,
    String incident,
    String createdBy,
    OffsetDateTime createdAt) {

  public enum Status { NEW, UP, DOWN }
}
