package io.vigil.support;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A look every {@code interval} on a daemon thread of its own, for a component's lifecycle to start
 * and stop. A look that fails is logged, and the next one comes as planned.
 */
public final class PeriodicLook {

  private static final Logger log = LoggerFactory.getLogger(PeriodicLook.class);

  private final String name;
  private final Duration interval;
  private final Runnable look;
  private volatile ScheduledExecutorService schedule;

  /** {@code name} names the thread and the log lines. */
  public PeriodicLook(String name, Duration interval, Runnable look) {
    this.name = name;
    this.interval = interval;
    this.look = look;
  }

  public void start() {
    start(interval);
  }

  /** The first look at once, in the background; then every interval. */
  public void startNow() {
    start(Duration.ZERO);
  }

  private void start(Duration first) {
    long every = interval.toMillis();
    schedule = Executors.newSingleThreadScheduledExecutor(runnable -> {
      Thread thread = new Thread(runnable, name);
      thread.setDaemon(true);
      return thread;
    });
    schedule.scheduleWithFixedDelay(() -> {
      try {
        look.run();
      } catch (RuntimeException e) {
        log.warn("{}: this look failed, the next in {}: {}", name, interval, e.toString());
      }
    }, first.toMillis(), every, TimeUnit.MILLISECONDS);
  }

  public void stop() {
    ScheduledExecutorService running = schedule;
    if (running != null) {
      running.shutdownNow();
      schedule = null;
    }
  }

  public boolean isRunning() {
    return schedule != null;
  }
}
