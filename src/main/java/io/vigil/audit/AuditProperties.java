package io.vigil.audit;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code vigil.audit.*}: every {@code seal-interval} each engine node seals the entries committed
 * since (one node at a time). An entry is looked for until it is sealed or older than
 * {@code seal-grace}: longer than any transaction runs, so an entry whose transaction commits late
 * is still sealed (AuditChain).
 */
@ConfigurationProperties("vigil.audit")
public record AuditProperties(@DefaultValue("PT5S") Duration sealInterval, @DefaultValue("PT1H") Duration sealGrace) {

  public AuditProperties {
    if (sealInterval.isNegative() || sealInterval.isZero()) {
      throw new IllegalArgumentException("vigil.audit.seal-interval must be positive: " + sealInterval);
    }
    if (sealGrace.isNegative()) {
      throw new IllegalArgumentException("vigil.audit.seal-grace must not be negative: " + sealGrace);
    }
  }
}
