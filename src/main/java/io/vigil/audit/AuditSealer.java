package io.vigil.audit;

import io.vigil.support.PeriodicLook;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Seals the audit entries committed since the last look, every {@code vigil.audit.seal-interval} on
 * each engine node; the chain's head row makes the nodes take turns.
 */
@Component
class AuditSealer implements SmartLifecycle {

  private final PeriodicLook looks;

  AuditSealer(AuditChain chain, AuditProperties properties) {
    this.looks = new PeriodicLook("vigil-audit-sealer", properties.sealInterval(), chain::seal);
  }

  @Override
  public void start() {
    looks.start();
  }

  @Override
  public void stop() {
    looks.stop();
  }

  @Override
  public boolean isRunning() {
    return looks.isRunning();
  }
}
