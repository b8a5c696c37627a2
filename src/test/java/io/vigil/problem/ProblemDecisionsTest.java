package io.vigil.problem;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.problem.contract.ProblemProcess;
import io.vigil.testing.Decisions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The problem tables the process owners keep, as shipped. */
class ProblemDecisionsTest {

  @ParameterizedTest(name = "{0} on {1}: known error {2}, resolution {3}")
  @CsvSource({
      "P1, checkout, PT18H,  PT90H",
      "P2, ,         PT45H,  PT180H",
      "P3, email,    PT90H,  PT540H",
      "P5, ,         PT90H,  PT540H"})
  void problemTargetsByPriorityInOfficeHours(String priority, String service, String knownError, String resolution) {
    Map<String, Object> inputs = new HashMap<>();
    inputs.put("priority", priority);
    inputs.put("service", service);
    List<Map<String, Object>> result = Decisions.load("problem-sla-targets.dmn").evaluate(ProblemProcess.SLA_DECISION, inputs)
        .getResultList();
    assertThat(result).first().isEqualTo(Map.of("knownErrorTarget", knownError, "resolutionTarget", resolution,
        "calendar", "office-hours"));
  }

  @Test
  void theCauseCategoriesAreOfferedForEveryServiceInTheTablesOrder() {
    Map<String, Object> inputs = new HashMap<>();
    inputs.put("service", null);
    List<Map<String, Object>> causes = Decisions.load("problem-cause-categories.dmn")
        .evaluate(ProblemProcess.CAUSE_CATEGORY_DECISION, inputs).getResultList();
    assertThat(causes).extracting(cause -> cause.get("value")).startsWith("CAPACITY", "CONFIGURATION").contains("UNKNOWN").hasSize(10);
    assertThat(causes).allSatisfy(cause -> assertThat((String) cause.get("label")).isNotBlank());
  }

  @Test
  void recurrenceIsThreeOnAnItemOrFiveOfACategoryOnAServiceWithinSevenDays() {
    Map<String, Object> inputs = new HashMap<>(Map.of("service", "checkout", "category", "DATABASE"));
    assertThat(Decisions.load("problem-recurrence.dmn").evaluate(ProblemProcess.RECURRENCE_DECISION, inputs).getResultList())
        .containsExactly(
            Map.of("scope", "CI", "incidents", 3, "within", "P7D"),
            Map.of("scope", "SERVICE", "incidents", 5, "within", "P7D"));
  }
}
