package io.vigil.sla;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * One SLA clock of one ticket (its response or its resolution target), as an immutable value: each
 * change returns the clock after it. Time counts in the clock's {@link BusinessCalendar} only while
 * the clock runs; while it is paused the same calendar time is counted as paused instead, and while
 * it is stopped (met, or resolved and waiting) nothing counts.
 *
 * <p>The clock keeps what finished segments added up to ({@code elapsedBefore}, {@code pausedBefore})
 * and when the current segment began; everything else is derived, so a re-based target, a pause over
 * a weekend or a reopen never loses or double-counts time.
 */
public record SlaClock(
    String ticket,
    Kind kind,
    Duration target,
    BusinessCalendar calendar,
    Phase phase,
    Instant segmentStart,
    Duration elapsedBefore,
    Duration pausedBefore) {

  /**
   * Which target the clock measures. A ticket's targets decision names the kinds it has by its
   * outputs ({@link #targetOutput()}): incidents a response and a resolution target, problems a
   * known-error and a resolution target.
   */
  public enum Kind {
    /** Until the incident is acknowledged. */
    RESPONSE("responseTarget"),
    /** Until the problem is a known error: its root cause and a workaround recorded. */
    KNOWN_ERROR("knownErrorTarget"),
    /** Until the ticket is resolved; it runs again when an incident is reopened. */
    RESOLUTION("resolutionTarget"),
    /** Until a change's approvers have decided. */
    APPROVAL("approvalTarget");

    private final String targetOutput;

    Kind(String targetOutput) {
      this.targetOutput = targetOutput;
    }

    /** As people read it: "response", "known error", "resolution". */
    public String label() {
      return name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }

    /** The output of a targets decision that gives this clock's target. */
    public String targetOutput() {
      return targetOutput;
    }
  }

  /** What the clock is doing now. */
  public enum Phase {
    RUNNING,
    PAUSED,
    STOPPED
  }

  /** How the clock stands against its target, as the API and reports show it. */
  public enum State {
    RUNNING,
    PAUSED,
    MET,
    BREACHED
  }

  public SlaClock {
    Objects.requireNonNull(ticket, "ticket");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(calendar, "calendar");
    Objects.requireNonNull(phase, "phase");
    Objects.requireNonNull(segmentStart, "segmentStart");
    if (target.isNegative() || target.isZero()) {
      throw new IllegalArgumentException("an SLA target must be positive: " + target);
    }
    if (elapsedBefore.isNegative() || pausedBefore.isNegative()) {
      throw new IllegalArgumentException("elapsed and paused time cannot be negative");
    }
  }

  public static SlaClock start(String ticket, Kind kind, Duration target, BusinessCalendar calendar, Instant now) {
    return new SlaClock(ticket, kind, target, calendar, Phase.RUNNING, now, Duration.ZERO, Duration.ZERO);
  }

  /** Stops counting toward the target (pending: awaiting the caller, a vendor, a change). */
  public SlaClock pause(Instant now) {
    requirePhase(Phase.RUNNING, "pause");
    return new SlaClock(ticket, kind, target, calendar, Phase.PAUSED, now, elapsed(now), pausedBefore);
  }

  /** Counts again after a pause. */
  public SlaClock resume(Instant now) {
    requirePhase(Phase.PAUSED, "resume");
    return new SlaClock(ticket, kind, target, calendar, Phase.RUNNING, now, elapsedBefore, pausedTotal(now));
  }

  /** The target is reached (acknowledged, resolved); a paused clock stops with its pause counted. */
  public SlaClock stop(Instant now) {
    if (phase == Phase.STOPPED) {
      throw new IllegalStateException(describe() + " is already stopped");
    }
    return new SlaClock(ticket, kind, target, calendar, Phase.STOPPED, now, elapsed(now), pausedTotal(now));
  }

  /** Runs again after a stop (a reopened incident); the time it stood stopped does not count. */
  public SlaClock restart(Instant now) {
    requirePhase(Phase.STOPPED, "restart");
    return new SlaClock(ticket, kind, target, calendar, Phase.RUNNING, now, elapsedBefore, pausedBefore);
  }

  /**
   * A new target (the priority changed): elapsed and paused time stay as they are and count against
   * the new target from now on; the phase does not change.
   */
  public SlaClock rebase(Duration newTarget, Instant now) {
    if (phase == Phase.STOPPED) {
      return new SlaClock(ticket, kind, newTarget, calendar, phase, segmentStart, elapsedBefore, pausedBefore);
    }
    return new SlaClock(ticket, kind, newTarget, calendar, phase, now, elapsed(now), pausedTotal(now));
  }

  /** Calendar time counted toward the target. */
  public Duration elapsed(Instant now) {
    return phase == Phase.RUNNING ? elapsedBefore.plus(calendar.between(segmentStart, now)) : elapsedBefore;
  }

  /** Calendar time that passed while the clock was paused. */
  public Duration pausedTotal(Instant now) {
    return phase == Phase.PAUSED ? pausedBefore.plus(calendar.between(segmentStart, now)) : pausedBefore;
  }

  /** Target minus elapsed: negative once the target is overrun. */
  public Duration remaining(Instant now) {
    return target.minus(elapsed(now));
  }

  /** When the target is reached if the clock keeps running; empty unless it runs and is not yet due. */
  public Optional<Instant> dueAt() {
    return reachedAt(target);
  }

  /**
   * When {@code percent} of the target is reached if the clock keeps running: at once (the start of
   * the current segment) when that much has already elapsed; empty while paused or stopped.
   */
  public Optional<Instant> thresholdAt(int percent) {
    if (percent <= 0) {
      throw new IllegalArgumentException("a threshold is a positive percentage: " + percent);
    }
    if (phase != Phase.RUNNING) {
      return Optional.empty();
    }
    Duration amount = target.multipliedBy(percent).dividedBy(100);
    return Optional.of(amount.compareTo(elapsedBefore) <= 0 ? segmentStart : calendar.plus(segmentStart, amount.minus(elapsedBefore)));
  }

  public State state(Instant now) {
    Duration elapsed = elapsed(now);
    return switch (phase) {
      case STOPPED -> elapsed.compareTo(target) <= 0 ? State.MET : State.BREACHED;
      case RUNNING -> elapsed.compareTo(target) >= 0 ? State.BREACHED : State.RUNNING;
      case PAUSED -> elapsed.compareTo(target) >= 0 ? State.BREACHED : State.PAUSED;
    };
  }

  private Optional<Instant> reachedAt(Duration amount) {
    if (phase != Phase.RUNNING || amount.compareTo(elapsedBefore) <= 0) {
      return Optional.empty();
    }
    return Optional.of(calendar.plus(segmentStart, amount.minus(elapsedBefore)));
  }

  private void requirePhase(Phase expected, String change) {
    if (phase != expected) {
      throw new IllegalStateException("cannot " + change + " " + describe() + ": it is " + phase);
    }
  }

  private String describe() {
    return "the " + kind.name().toLowerCase(java.util.Locale.ROOT) + " clock of " + ticket;
  }
}
