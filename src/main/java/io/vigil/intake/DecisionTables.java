package io.vigil.intake;

import java.util.Map;

/** The process owners' decision tables, as the alert mapping reads them. */
@FunctionalInterface
interface DecisionTables {

  /** The outputs of the first rule of {@code decisionKey} that matches the inputs; empty when none does. */
  Map<String, Object> firstMatch(String decisionKey, Map<String, Object> inputs);
}
