package io.vigil.workers.support;

import java.time.Duration;

/**
 * How a step's technical failures count down its retries. The engine does not do it by itself: the
 * first failure starts from the configured retries, each next one takes one off and waits twice as
 * long; at zero the engine raises an engine incident for an operator to retry.
 */
public final class Retries {

  /** The retries left after a failure, and how long to wait before the next attempt. */
  public record Retry(int retries, long backoffMillis) {}

  private final int retries;
  private final Duration firstBackoff;

  public Retries(int retries, Duration firstBackoff) {
    this.retries = retries;
    this.firstBackoff = firstBackoff;
  }

  /** After a failure of a task that had {@code retriesBefore} left ({@code null}: its first failure). */
  public Retry next(Integer retriesBefore) {
    int left = retriesBefore == null ? retries - 1 : Math.max(retriesBefore - 1, 0);
    int attempt = retries - left;
    long backoff = left == 0 ? 0 : firstBackoff.toMillis() << Math.min(attempt - 1, 10);
    return new Retry(left, backoff);
  }
}
