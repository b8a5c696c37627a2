package io.vigil.workers.incident;

import io.vigil.incident.contract.ClosureReason;
import io.vigil.incident.contract.ResolutionCode;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;

/** Whether an incident may close, and its time to acknowledge and to resolve. */
final class ClosureCheck {

  /** The verdict: a problem that refuses the closure, or the measured times (seconds). */
  record Verdict(String problem, Long timeToAcknowledgeSeconds, Long timeToResolveSeconds) {
    boolean closable() {
      return problem == null;
    }
  }

  private final int minimumNotesLength;

  ClosureCheck(int minimumNotesLength) {
    this.minimumNotesLength = minimumNotesLength;
  }

  Verdict check(String resolutionCode, String resolutionNotes, String closureReason,
      Date reportedAt, Date acknowledgedAt, Date resolvedAt) {
    if (resolutionCode == null || Arrays.stream(ResolutionCode.values()).noneMatch(c -> c.name().equals(resolutionCode))) {
      return refused("no valid resolution code (" + resolutionCode + ")");
    }
    if (closureReason == null || Arrays.stream(ClosureReason.values()).noneMatch(r -> r.name().equals(closureReason))) {
      return refused("no valid closure reason (" + closureReason + ")");
    }
    boolean duplicate = ResolutionCode.DUPLICATE.name().equals(resolutionCode);
    String notes = resolutionNotes == null ? "" : resolutionNotes.trim();
    if (!duplicate && notes.length() < minimumNotesLength) {
      return refused("the resolution notes must say what was done (at least " + minimumNotesLength
          + " characters, got " + notes.length() + ")");
    }
    if (reportedAt == null || resolvedAt == null) {
      return refused("the report or resolution time is missing");
    }
    return new Verdict(null, seconds(reportedAt, acknowledgedAt), seconds(reportedAt, resolvedAt));
  }

  private static Verdict refused(String problem) {
    return new Verdict(problem, null, null);
  }

  private static Long seconds(Date from, Date to) {
    if (to == null) {
      return null;
    }
    Instant start = from.toInstant();
    Instant end = to.toInstant();
    return Math.max(0, Duration.between(start, end).toSeconds());
  }
}
