package io.vigil.support;

import java.util.Optional;
import java.util.function.Predicate;

/** Finds what an exception was caused by: the engine and Spring wrap the exception that matters. */
public final class Causes {

  private Causes() {}

  /** The exception itself or the first of its causes that is a {@code type}. */
  public static <T extends Throwable> Optional<T> find(Throwable exception, Class<T> type) {
    return find(exception, type, cause -> true);
  }

  /** The exception itself or the first of its causes that is a {@code type} and {@code matching}. */
  public static <T extends Throwable> Optional<T> find(Throwable exception, Class<T> type, Predicate<? super T> matching) {
    for (Throwable cause = exception; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
      if (type.isInstance(cause) && matching.test(type.cast(cause))) {
        return Optional.of(type.cast(cause));
      }
    }
    return Optional.empty();
  }

  public static boolean any(Throwable exception, Class<? extends Throwable> type) {
    return find(exception, type).isPresent();
  }
}
