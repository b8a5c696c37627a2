package io.vigil.intake;

import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.dao.DataIntegrityViolationException;

/**
 * Monitoring writes to incidents whose processes are busy (an SLA escalation, an analyst's step):
 * a transaction that lost a race is rolled back whole and simply run again, a few times, after a
 * short random pause so that the two do not collide again.
 */
final class Conflicts {

  private static final int ATTEMPTS = 5;

  /** Thrown inside a transaction that found its deduplication key taken meanwhile. */
  static final class Lost extends RuntimeException {
    Lost() {
      super("lost a race for a deduplication key", null, false, false);
    }
  }

  private Conflicts() {}

  static <T> T retry(Supplier<T> transaction) {
    for (int attempt = 1; ; attempt++) {
      try {
        return transaction.get();
      } catch (Lost | OptimisticLockingException | ConcurrencyFailureException | DataIntegrityViolationException e) {
        if (attempt == ATTEMPTS) {
          throw e;
        }
        pause(attempt);
      }
    }
  }

  private static void pause(int attempt) {
    try {
      Thread.sleep(ThreadLocalRandom.current().nextLong(5, 20L * attempt));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while retrying", e);
    }
  }
}
