package io.vigil.sla;

import java.time.Duration;
import java.time.Instant;
import java.util.SortedSet;

/** How one clock of a ticket stands now, as the API shows it (durations in ISO-8601, e.g. PT3H15M). */
public record SlaClockView(
    SlaClock.Kind kind,
    SlaClock.State state,
    String calendar,
    Duration target,
    Duration elapsed,
    Duration pausedTotal,
    Duration remaining,
    Instant dueAt,
    SortedSet<Integer> thresholdsFired,
    Instant breachedAt) {

  static SlaClockView of(SlaClockRepository.Stored stored, Instant now) {
    SlaClock clock = stored.clock();
    return new SlaClockView(clock.kind(), clock.state(now), stored.calendar(), clock.target(), clock.elapsed(now),
        clock.pausedTotal(now), clock.remaining(now), clock.dueAt().orElse(null), stored.thresholdsFired(), stored.breachedAt());
  }
}
