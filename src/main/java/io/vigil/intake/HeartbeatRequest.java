package io.vigil.intake;

import io.swagger.v3.oas.annotations.media.Schema;
import io.vigil.incident.contract.Priority;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Duration;

/**
 * A heartbeat monitor: the job {@code name} runs every {@code period} and may be {@code grace}
 * late; a missed or failed run opens an incident of {@code priority} on {@code ci}.
 */
public record HeartbeatRequest(
    @Schema(example = "nightly-backup") @NotNull @Size(max = 64) @Pattern(regexp = NAME) String name,
    @Schema(example = "PT24H", type = "string") @NotNull Duration period,
    @Schema(example = "PT30M", type = "string") Duration grace,
    @Schema(example = "pg-orders-01") @Size(max = 64) @Pattern(regexp = "[a-z0-9][a-z0-9._-]*") String ci,
    @Schema(example = "P3") Priority priority) {

  static final String NAME = "[a-z0-9][a-z0-9._-]*";
  static final Duration MIN_PERIOD = Duration.ofMinutes(1);
  static final Duration MAX_PERIOD = Duration.ofDays(366);
  static final Duration MAX_GRACE = Duration.ofDays(7);

  Duration graceOrNone() {
    return grace == null ? Duration.ZERO : grace;
  }

  Priority priorityOrDefault() {
    return priority == null ? Priority.P3 : priority;
  }
}
