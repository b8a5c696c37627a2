package io.vigil.audit;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code vigil.audit.*}: every {@code seal-interval} each engine node seals the entries committed
 * since (one node at a time). Each look reads the entries written in the last {@code seal-grace}
 * (longer than a transaction runs), so that one whose transaction commits late is still sealed;
 * export and verify seal any older straggler of their period (AuditChain).
 */
@ConfigurationProperties("vigil.audit")
public record AuditProperties(@DefaultValue("PT5S") Duration sealInterval, @DefaultValue("PT10M") Duration sealGrace) {

  public AuditProperties {
    if (sealInterval.isNegative() || sealInterval.isZero()) {
      throw new IllegalArgumentException("vigil.audit.seal-interval must be positive: " + sealInterval);
    }
    if (sealGrace.isNegative()) {
      throw new IllegalArgumentException("vigil.audit.seal-grace must not be negative: " + sealGrace);
    }
  }
}
