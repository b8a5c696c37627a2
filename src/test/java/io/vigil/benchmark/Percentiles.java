package io.vigil.benchmark;

import java.util.Arrays;
import java.util.Collection;

/** Nearest-rank percentiles of a set of measurements. */
final class Percentiles {

  private final long[] sorted;

  Percentiles(Collection<Long> values) {
    this.sorted = values.stream().mapToLong(Long::longValue).sorted().toArray();
  }

  Percentiles(long[] values) {
    this.sorted = Arrays.stream(values).sorted().toArray();
  }

  /** The value at {@code percentile} (0–100), or -1 when there are none. */
  long at(double percentile) {
    if (sorted.length == 0) {
      return -1;
    }
    int index = (int) Math.ceil(percentile / 100.0 * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(index, sorted.length - 1))];
  }

  int count() {
    return sorted.length;
  }
}
