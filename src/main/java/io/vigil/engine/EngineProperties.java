package io.vigil.engine;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/** {@code vigil.engine.*}: how Vigil looks after the process engine's own tables. */
@Validated
@ConfigurationProperties("vigil.engine")
public record EngineProperties(
    @Valid @DefaultValue RuntimeStatistics runtimeStatistics, @Valid @DefaultValue WarmUp warmUp) {

  /**
   * On PostgreSQL, every {@code interval} one engine node compares the planner's row counts of the
   * engine's runtime tables with the rows there and analyses a table whose count is off by more than
   * {@code driftFactor} (and at least {@code minimumDrift} rows).
   */
  public record RuntimeStatistics(
      @DefaultValue("true") boolean enabled,
      @DefaultValue("PT10S") Duration interval,
      @DefaultValue("2.0") double driftFactor,
      @DefaultValue("100") long minimumDrift) {}

  /**
   * Before the node reports ready, each deployed decision is evaluated {@code evaluations} times on
   * sample inputs ({@link DecisionWarmUp}).
   */
  public record WarmUp(@DefaultValue("true") boolean enabled, @DefaultValue("200") @Min(1) int evaluations) {}
}
