package io.vigil.intake;

import io.vigil.incident.contract.Priority;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * {@code vigil.intake.*}: how monitoring opens incidents. Without a token an intake answers 401 to
 * every bearer request: nothing is open by default.
 */
@Validated
@ConfigurationProperties("vigil.intake")
public record IntakeProperties(
    @Valid @DefaultValue Alertmanager alertmanager,
    @Valid @DefaultValue Heartbeats heartbeats,
    @Valid @DefaultValue Storm storm,
    @DefaultValue("true") boolean autoResolve) {

  /** What an alert attaches to: the open incident holding the same fingerprint, or the same Alertmanager group. */
  public enum DedupBy { FINGERPRINT, GROUP_KEY }

  /**
   * {@code POST /api/alerts/alertmanager}: the bearer token Alertmanager sends
   * ({@code http_config.authorization.credentials}), the deduplication key, and the largest batch
   * accepted (a larger one is refused whole: set Alertmanager's {@code max_alerts} below it).
   */
  public record Alertmanager(
      String token,
      @DefaultValue("FINGERPRINT") DedupBy dedupBy,
      @DefaultValue("1000") @Min(1) @Max(100_000) int maxAlerts,
      @DefaultValue("4MB") DataSize maxRequestSize) {}

  /**
   * Heartbeats: the token scheduled jobs ping with (a user with write access may ping too), and how
   * often each engine node looks for missed runs.
   */
  public record Heartbeats(
      String token,
      @DefaultValue("PT10S") Duration checkInterval) {}

  /**
   * Storm control: when monitoring has opened {@code maxIncidentsPerMinute} incidents in the last
   * minute, every further new alert joins one open "alert storm" incident of {@code priority}
   * instead of opening its own.
   */
  public record Storm(
      @DefaultValue("60") @Min(1) int maxIncidentsPerMinute,
      @DefaultValue("P2") @NotNull Priority priority) {}
}
