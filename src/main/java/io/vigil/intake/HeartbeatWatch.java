package io.vigil.intake;

import io.vigil.support.PeriodicLook;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Looks for missed runs every {@code vigil.intake.heartbeats.check-interval} on each engine node.
 * Nodes may look at the same time: marking a run missed is a compare-and-set in the database, so
 * one of them opens the incident.
 */
@Component
class HeartbeatWatch implements SmartLifecycle {

  private static final int BATCH = 100;
  private static final Logger log = LoggerFactory.getLogger(HeartbeatWatch.class);

  private final HeartbeatRepository monitors;
  private final HeartbeatService heartbeats;
  private final Clock clock;
  private final PeriodicLook watch;

  HeartbeatWatch(HeartbeatRepository monitors, HeartbeatService heartbeats, IntakeProperties properties, Clock clock) {
    this.monitors = monitors;
    this.heartbeats = heartbeats;
    this.clock = clock;
    this.watch = new PeriodicLook("vigil-heartbeat-watch", properties.heartbeats().checkInterval(), this::check);
  }

  /** One look: every overdue monitor, oldest due first. */
  void check() {
    for (String name : monitors.overdue(OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC), BATCH)) {
      try {
        heartbeats.missed(name);
      } catch (RuntimeException e) {
        log.warn("heartbeat {}: missed run not recorded, tried again at the next look: {}", name, e.toString());
      }
    }
  }

  @Override
  public void start() {
    watch.start();
  }

  @Override
  public void stop() {
    watch.stop();
  }

  @Override
  public boolean isRunning() {
    return watch.isRunning();
  }
}
