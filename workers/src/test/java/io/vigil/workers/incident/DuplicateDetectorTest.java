package io.vigil.workers.incident;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class DuplicateDetectorTest {

  private final DuplicateDetector detector = new DuplicateDetector(0.5);

  @Test
  void theMostSimilarOpenIncidentAboveTheThresholdMatches() {
    var open = List.of(
        new DuplicateDetector.Candidate("INC-000001", "Checkout returns HTTP 500"),
        new DuplicateDetector.Candidate("INC-000002", "Checkout page slow"));
    assertThat(detector.bestMatch("Checkout returns HTTP 500 errors", open))
        .hasValueSatisfying(m -> assertThat(m.number()).isEqualTo("INC-000001"));
  }

  @Test
  void differentProblemsOnTheSameItemDoNotMatch() {
    var open = List.of(new DuplicateDetector.Candidate("INC-000001", "Orders database disk full"));
    assertThat(detector.bestMatch("Replication lag on orders database replica", open)).isEmpty();
  }

  @Test
  void caseAndStopWordsDoNotCount() {
    assertThat(DuplicateDetector.words("The VPN is DOWN for all")).containsExactlyInAnyOrder("vpn", "down");
  }

  @Test
  void anEmptyTitleMatchesNothing() {
    assertThat(detector.bestMatch("", List.of(new DuplicateDetector.Candidate("INC-1", "anything")))).isEmpty();
  }
}
