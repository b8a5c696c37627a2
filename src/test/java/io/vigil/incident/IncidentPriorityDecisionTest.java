package io.vigil.incident;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.incident.contract.IncidentProcess;
import io.vigil.testing.Decisions;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The ITIL impact × urgency matrix in {@code processes/incident-priority.dmn}, every cell. */
class IncidentPriorityDecisionTest {

  private static final Decisions DECISIONS = Decisions.load("incident-priority.dmn");

  @ParameterizedTest(name = "impact {0} × urgency {1} → {2}")
  @CsvSource({
      "HIGH,   HIGH,   P1",
      "HIGH,   MEDIUM, P2",
      "HIGH,   LOW,    P3",
      "MEDIUM, HIGH,   P2",
      "MEDIUM, MEDIUM, P3",
      "MEDIUM, LOW,    P4",
      "LOW,    HIGH,   P3",
      "LOW,    MEDIUM, P4",
      "LOW,    LOW,    P5"})
  void everyCellOfTheMatrixGivesOnePriority(String impact, String urgency, String priority) {
    assertThat(DECISIONS.single(IncidentProcess.PRIORITY_DECISION, Map.of("impact", impact, "urgency", urgency)))
        .isEqualTo(priority);
  }

  @ParameterizedTest(name = "impact {0} × urgency {1} → no priority")
  @CsvSource({"CRITICAL, HIGH", "HIGH, ''", "'', ''"})
  void valuesOutsideTheMatrixMatchNoRule(String impact, String urgency) {
    Map<String, Object> inputs = new HashMap<>();
    inputs.put("impact", impact.isEmpty() ? null : impact);
    inputs.put("urgency", urgency.isEmpty() ? null : urgency);
    assertThat(DECISIONS.evaluate(IncidentProcess.PRIORITY_DECISION, inputs)).isEmpty();
  }
}
