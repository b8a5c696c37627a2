package io.vigil.support;

import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.dao.DataIntegrityViolationException;

/**
 * Runs a transaction again when it lost a race: the engine's optimistic lock (the process moved
 * meanwhile, an SLA escalation, an analyst's step), a database lock or unique key taken by another
 * node. The loser was rolled back whole, so it simply runs again, a few times, after a short random
 * pause so that the two do not collide again. Anything else is thrown at once.
 */
public final class RetryOnConflict {

  private static final int ATTEMPTS = 5;
  private static final List<Class<? extends Throwable>> CONFLICTS = List.of(
      Lost.class, OptimisticLockingException.class, ConcurrencyFailureException.class, DataIntegrityViolationException.class);

  /** Thrown inside a transaction that found what it was about to take taken by another meanwhile. */
  public static final class Lost extends RuntimeException {
    public Lost(String what) {
      super("lost a race for " + what, null, false, false);
    }
  }

  private RetryOnConflict() {}

  public static <T> T run(Supplier<T> transaction) {
    for (int attempt = 1; ; attempt++) {
      try {
        return transaction.get();
      } catch (RuntimeException e) {
        if (attempt == ATTEMPTS || !isConflict(e)) {
          throw e;
        }
        pause(attempt);
      }
    }
  }

  static boolean isConflict(Throwable failure) {
    return CONFLICTS.stream().anyMatch(type -> Causes.any(failure, type));
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
