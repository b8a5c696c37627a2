package io.vigil.intake;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
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
  private final IntakeProperties properties;
  private final Clock clock;
  private volatile ScheduledExecutorService watch;

  HeartbeatWatch(HeartbeatRepository monitors, HeartbeatService heartbeats, IntakeProperties properties, Clock clock) {
    this.monitors = monitors;
    this.heartbeats = heartbeats;
    this.properties = properties;
    this.clock = clock;
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
    long every = properties.heartbeats().checkInterval().toMillis();
    watch = Executors.newSingleThreadScheduledExecutor(runnable -> {
      Thread thread = new Thread(runnable, "vigil-heartbeat-watch");
      thread.setDaemon(true);
      return thread;
    });
    watch.scheduleWithFixedDelay(() -> {
      try {
        check();
      } catch (RuntimeException e) {
        log.warn("heartbeat watch: {}", e.toString());
      }
    }, every, every, TimeUnit.MILLISECONDS);
  }

  @Override
  public void stop() {
    ScheduledExecutorService running = watch;
    if (running != null) {
      running.shutdownNow();
      watch = null;
    }
  }

  @Override
  public boolean isRunning() {
    return watch != null;
  }
}
