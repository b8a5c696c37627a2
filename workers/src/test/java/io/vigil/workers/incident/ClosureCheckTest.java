package io.vigil.workers.incident;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Date;
import org.junit.jupiter.api.Test;

class ClosureCheckTest {

  private static final Date REPORTED = Date.from(Instant.parse("2026-11-24T10:00:00Z"));
  private static final Date ACKNOWLEDGED = Date.from(Instant.parse("2026-11-24T10:04:30Z"));
  private static final Date RESOLVED = Date.from(Instant.parse("2026-11-24T12:00:00Z"));
  private static final String NOTES = "Restarted the connection pool and raised its size to 50.";

  private final ClosureCheck check = new ClosureCheck(20);

  @Test
  void aDocumentedResolutionClosesWithItsTimes() {
    ClosureCheck.Verdict verdict = check.check("FIXED", NOTES, "CONFIRMED", REPORTED, ACKNOWLEDGED, RESOLVED);
    assertThat(verdict.closable()).isTrue();
    assertThat(verdict.timeToAcknowledgeSeconds()).isEqualTo(270);
    assertThat(verdict.timeToResolveSeconds()).isEqualTo(7_200);
  }

  @Test
  void shortNotesAreRefused() {
    assertThat(check.check("FIXED", "done", "CONFIRMED", REPORTED, ACKNOWLEDGED, RESOLVED).problem())
        .contains("at least 20 characters, got 4");
  }

  @Test
  void aDuplicateNeedsNoNotes() {
    assertThat(check.check("DUPLICATE", "Duplicate of INC-1", "DUPLICATE", REPORTED, null, RESOLVED).closable()).isTrue();
  }

  @Test
  void anUnknownResolutionCodeOrClosureReasonIsRefused() {
    assertThat(check.check("MAGIC", NOTES, "CONFIRMED", REPORTED, ACKNOWLEDGED, RESOLVED).closable()).isFalse();
    assertThat(check.check(null, NOTES, "CONFIRMED", REPORTED, ACKNOWLEDGED, RESOLVED).closable()).isFalse();
    assertThat(check.check("FIXED", NOTES, null, REPORTED, ACKNOWLEDGED, RESOLVED).closable()).isFalse();
  }

  @Test
  void anIncidentNeverAcknowledgedHasNoTimeToAcknowledge() {
    ClosureCheck.Verdict verdict = check.check("FIXED", NOTES, "AUTO_CLOSED", REPORTED, null, RESOLVED);
    assertThat(verdict.closable()).isTrue();
    assertThat(verdict.timeToAcknowledgeSeconds()).isNull();
  }
}
