package io.vigil.sla;

import io.vigil.sla.SlaSchedule.ClockKey;
import io.vigil.sla.SlaSchedule.NextThreshold;
import io.vigil.support.RetryOnConflict;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Fires the thresholds this member owns in the {@link SlaSchedule}: every tick it claims what is due,
 * fires it through {@link SlaService#fire} (which checks the database and tells the process; a
 * conflict with the process, often busy with the escalation of the threshold before, is run again),
 * then plans the clock's next threshold from the database and announces the firing
 * ({@link SlaThresholdFired}), so that the ticket's open tasks come up to date.
 * The firings of one tick run on a few threads, each in a short transaction of its own, and the next
 * tick waits for them. A failed firing keeps its claim until the lease ends and is tried again then.
 * At start the schedule is rebuilt from every running clock, so after a stop of the whole cluster
 * thresholds that passed meanwhile fire once, marked late.
 */
@Component
class SlaTicker implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(SlaTicker.class);

  private final SlaSchedule schedule;
  private final SlaService sla;
  private final SlaClockRepository clocks;
  private final SlaProperties.Firing settings;
  private final ApplicationEventPublisher events;
  private final Clock clock;
  private ScheduledExecutorService ticker;
  private ExecutorService firing;

  SlaTicker(SlaSchedule schedule, SlaService sla, SlaClockRepository clocks, SlaProperties properties,
      ApplicationEventPublisher events, Clock clock) {
    this.schedule = schedule;
    this.sla = sla;
    this.clocks = clocks;
    this.settings = properties.firing();
    this.events = events;
    this.clock = clock;
  }

  @EventListener(ApplicationReadyEvent.class)
  void rebuild() {
    var running = clocks.running();
    running.forEach(schedule::plan);
    log.info("SLA schedule rebuilt from {} running clocks", running.size());
  }

  /** One look at the schedule; the pool is the one this run started, so a stop never leaves a tick without one. */
  private void tick(ExecutorService pool) throws InterruptedException {
    Instant now = clock.instant();
    List<Callable<Void>> firings = schedule.dueHere(now).stream().map(due -> (Callable<Void>) () -> {
      claimAndFire(due.getKey(), due.getValue(), now);
      return null;
    }).toList();
    pool.invokeAll(firings);
  }

  private void claimAndFire(ClockKey key, NextThreshold next, Instant now) {
    if (!schedule.claim(key, next, now, settings.claimLease().toMillis())) {
      return;
    }
    try {
      boolean late = Duration.between(Instant.ofEpochMilli(next.dueAtMillis()), now).compareTo(settings.lateAfter()) > 0;
      boolean fired = RetryOnConflict.run(() -> sla.fire(key.ticket(), key.kind(), next.percent(), late));
      clocks.find(key.ticket(), key.kind()).ifPresent(schedule::plan);
      if (fired) {
        events.publishEvent(new SlaThresholdFired(key.ticket(), key.kind(), next.percent()));
      }
    } catch (RuntimeException e) {
      log.warn("{} {} clock at {}%: firing failed, tried again in {}: {}", key.ticket(), key.kind(), next.percent(),
          settings.claimLease(), e.getMessage());
    }
  }

  @Override
  public synchronized void start() {
    if (!settings.enabled()) {
      return;
    }
    ticker = Executors.newSingleThreadScheduledExecutor(daemon("vigil-sla-ticker"));
    firing = Executors.newFixedThreadPool(settings.threads(), daemon("vigil-sla-firing"));
    ExecutorService pool = firing;
    long period = settings.tick().toMillis();
    ticker.scheduleWithFixedDelay(() -> safeTick(pool), period, period, TimeUnit.MILLISECONDS);
  }

  private static ThreadFactory daemon(String name) {
    AtomicInteger count = new AtomicInteger();
    return work -> {
      Thread thread = new Thread(work, name + "-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }

  private void safeTick(ExecutorService pool) {
    try {
      tick(pool);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      log.warn("SLA tick failed: {}", e.getMessage());
    }
  }

  @Override
  public synchronized void stop() {
    if (ticker != null) {
      ticker.shutdownNow();
      firing.shutdownNow();
      ticker = null;
      firing = null;
    }
  }

  @Override
  public synchronized boolean isRunning() {
    return ticker != null;
  }
}
