package io.vigil.sla;

import io.vigil.sla.SlaSchedule.ClockKey;
import io.vigil.sla.SlaSchedule.NextThreshold;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Fires the thresholds this member owns in the {@link SlaSchedule}: every tick it claims what is due,
 * fires it through {@link SlaService#fire} (which checks the database and tells the process), then
 * plans the clock's next threshold from the database. A failed firing keeps its claim until the lease
 * ends and is tried again then. At start the schedule is rebuilt from every running clock, so after
 * a stop of the whole cluster thresholds that passed meanwhile fire once, marked late.
 */
@Component
class SlaTicker implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(SlaTicker.class);
  private static final int CONFLICT_ATTEMPTS = 5;

  private final SlaSchedule schedule;
  private final SlaService sla;
  private final SlaClockRepository clocks;
  private final SlaProperties.Firing settings;
  private final Clock clock;
  private ScheduledExecutorService ticker;

  SlaTicker(SlaSchedule schedule, SlaService sla, SlaClockRepository clocks, SlaProperties properties, Clock clock) {
    this.schedule = schedule;
    this.sla = sla;
    this.clocks = clocks;
    this.settings = properties.firing();
    this.clock = clock;
  }

  @EventListener(ApplicationReadyEvent.class)
  void rebuild() {
    var running = clocks.running();
    running.forEach(schedule::plan);
    log.info("SLA schedule rebuilt from {} running clocks", running.size());
  }

  void tick() {
    Instant now = clock.instant();
    for (Map.Entry<ClockKey, NextThreshold> due : schedule.dueHere(now).entrySet()) {
      ClockKey key = due.getKey();
      NextThreshold next = due.getValue();
      if (!schedule.claim(key, next, now, settings.claimLease().toMillis())) {
        continue;
      }
      try {
        boolean late = Duration.between(Instant.ofEpochMilli(next.dueAtMillis()), now).compareTo(settings.lateAfter()) > 0;
        fire(key, next.percent(), late);
        clocks.find(key.ticket(), key.kind()).ifPresent(schedule::plan);
      } catch (RuntimeException e) {
        log.warn("{} {} clock at {}%: firing failed, tried again in {}: {}", key.ticket(), key.kind(), next.percent(),
            settings.claimLease(), e.getMessage());
      }
    }
  }

  /**
   * The process of a ticket is often busy (an escalation completing while the next threshold comes
   * due): a conflict rolls the whole firing back, so it is simply tried again at once.
   */
  private void fire(ClockKey key, int percent, boolean late) {
    for (int attempt = 1; ; attempt++) {
      try {
        sla.fire(key.ticket(), key.kind(), percent, late);
        return;
      } catch (RuntimeException e) {
        if (!isConflict(e) || attempt == CONFLICT_ATTEMPTS) {
          throw e;
        }
      }
    }
  }

  private static boolean isConflict(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
      if (cause instanceof OptimisticLockingException) {
        return true;
      }
    }
    return false;
  }

  @Override
  public synchronized void start() {
    if (!settings.enabled()) {
      return;
    }
    ticker = Executors.newSingleThreadScheduledExecutor(work -> {
      Thread thread = new Thread(work, "vigil-sla-ticker");
      thread.setDaemon(true);
      return thread;
    });
    long period = settings.tick().toMillis();
    ticker.scheduleWithFixedDelay(this::safeTick, period, period, TimeUnit.MILLISECONDS);
  }

  private void safeTick() {
    try {
      tick();
    } catch (RuntimeException e) {
      log.warn("SLA tick failed: {}", e.getMessage());
    }
  }

  @Override
  public synchronized void stop() {
    if (ticker != null) {
      ticker.shutdownNow();
      ticker = null;
    }
  }

  @Override
  public synchronized boolean isRunning() {
    return ticker != null;
  }
}
