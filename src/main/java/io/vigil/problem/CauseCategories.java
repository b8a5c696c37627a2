package io.vigil.problem;

import io.vigil.problem.contract.ProblemProcess;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.dmn.engine.DmnDecisionResult;
import org.camunda.bpm.engine.DecisionService;
import org.springframework.stereotype.Component;

/**
 * The causes an analyst may name for a problem of a service: {@code problem-cause-categories.dmn},
 * which the process owner keeps, one rule per cause.
 */
@Component
class CauseCategories {

  /** One cause: the value kept on the problem, and the label the form shows. */
  record Cause(String value, String label) {}

  private final DecisionService decisions;

  CauseCategories(DecisionService decisions) {
    this.decisions = decisions;
  }

  /** In the table's order. */
  List<Cause> forService(String service) {
    Map<String, Object> inputs = new HashMap<>();
    inputs.put("service", service);
    DmnDecisionResult result = decisions.evaluateDecisionByKey(ProblemProcess.CAUSE_CATEGORY_DECISION).variables(inputs).evaluate();
    Map<String, Cause> causes = new LinkedHashMap<>();
    result.forEach(entries -> {
      String value = entries.getEntry("value");
      String label = entries.getEntry("label");
      if (value != null) {
        causes.putIfAbsent(value, new Cause(value, label == null ? value : label));
      }
    });
    return List.copyOf(causes.values());
  }
}
