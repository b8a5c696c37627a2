package io.vigil.problem;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * One test of {@code problem-recurrence.dmn}: at least {@code incidents} incidents reported within
 * {@code within} on the same configuration item, or of the same category on the same service.
 */
record RecurrenceRule(Scope scope, int incidents, Duration within) {

  enum Scope {
    CI,
    SERVICE
  }

  RecurrenceRule {
    if (incidents < 2) {
      throw new IllegalArgumentException("problem-recurrence.dmn: a recurrence needs at least 2 incidents, not " + incidents);
    }
    if (within.isNegative() || within.isZero()) {
      throw new IllegalArgumentException("problem-recurrence.dmn: the window must be positive, not " + within);
    }
  }

  /** The earliest report that still counts for an incident reported at {@code reportedAt}. */
  Instant windowStart(Instant reportedAt) {
    return reportedAt.minus(within);
  }

  boolean metBy(int count) {
    return count >= incidents;
  }

  /**
   * What the incidents have in common under this rule, which holds at most one open problem: the
   * item's id, or the service and category. Empty when the incident lacks what the rule needs.
   */
  Optional<String> key(String ci, String service, String category) {
    if (scope == Scope.CI) {
      return Optional.ofNullable(ci);
    }
    return service == null || category == null ? Optional.empty() : Optional.of("service:" + service + "/" + category);
  }

  @Override
  public String toString() {
    return incidents + " incidents " + (scope == Scope.CI ? "on the same configuration item" : "of the same category on the same service")
        + " within " + (within.toSeconds() % 86_400 == 0 ? "P" + within.toDays() + "D" : within.toString());
  }
}
