package io.vigil.sla;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.testing.Decisions;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.dmn.engine.DmnDecisionResultEntries;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Response and resolution targets, and their calendar, from {@code processes/sla-targets.dmn}. */
class SlaTargetsDecisionTest {

  private static final Decisions DECISIONS = Decisions.load("sla-targets.dmn");

  @ParameterizedTest(name = "{0} on {1} → {2} / {3} in {4}")
  @CsvSource({
      "P1, checkout,        PT15M, PT4H,  24x7",
      "P1, ,                PT15M, PT4H,  24x7",
      "P2, email,           PT30M, PT8H,  24x7",
      "P3, payments,        PT1H,  PT9H,  24x7",
      "P3, email,           PT4H,  PT27H, office-hours",
      "P4, workplace,       PT8H,  PT45H, office-hours",
      "P5, ,                PT18H, PT90H, office-hours"})
  void targetsByPriorityAndService(String priority, String service, String response, String resolution, String calendar) {
    Map<String, Object> inputs = new HashMap<>();
    inputs.put("priority", priority);
    inputs.put("service", service);
    DmnDecisionResultEntries targets = DECISIONS.evaluate("sla-targets", inputs).getSingleResult();
    assertThat(Duration.parse(targets.getEntry("responseTarget"))).isEqualTo(Duration.parse(response));
    assertThat(Duration.parse(targets.getEntry("resolutionTarget"))).isEqualTo(Duration.parse(resolution));
    assertThat((String) targets.getEntry("calendar")).isEqualTo(calendar);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"P1", "P2", "P3", "P4", "P5"})
  void theResponseTargetIsShorterThanTheResolutionTarget(String priority) {
    Map<String, Object> inputs = new HashMap<>();
    inputs.put("priority", priority);
    inputs.put("service", null);
    DmnDecisionResultEntries targets = DECISIONS.evaluate("sla-targets", inputs).getSingleResult();
    assertThat(Duration.parse(targets.getEntry("responseTarget")))
        .isLessThan(Duration.parse(targets.getEntry("resolutionTarget")));
  }
}
