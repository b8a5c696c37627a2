package io.vigil.oncall;

import java.time.Instant;
import java.util.Comparator;
import java.util.Objects;

/**
 * Someone on call in a layer in place of the rota, from {@code from} until {@code to} (exclusive):
 * a swap, cover for a day off. Where two overrides of a layer overlap, the one created later wins.
 */
public record OnCallOverride(long id, Layer layer, String user, Instant from, Instant to, String reason, String createdBy,
    Instant createdAt) {

  /** The later-created first to win; ids break a tie within the same instant. */
  static final Comparator<OnCallOverride> PRECEDENCE =
      Comparator.comparing(OnCallOverride::createdAt).thenComparingLong(OnCallOverride::id);

  public OnCallOverride {
    Objects.requireNonNull(layer, "layer");
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(createdAt, "createdAt");
    if (!to.isAfter(from)) {
      throw new IllegalArgumentException("an override must end after it starts: " + from + " to " + to);
    }
  }

  boolean covers(Instant at) {
    return !at.isBefore(from) && at.isBefore(to);
  }

  boolean overlaps(Instant start, Instant end) {
    return from.isBefore(end) && to.isAfter(start);
  }
}
