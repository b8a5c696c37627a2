package io.vigil.intake;

import java.util.Map;

/** Evaluates one of the process owners' decision tables: the first matching rule's outputs, or none. */
@FunctionalInterface
interface Decide {
  Map<String, Object> decide(String decisionKey, Map<String, Object> inputs);
}
