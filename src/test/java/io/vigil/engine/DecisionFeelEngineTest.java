package io.vigil.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.stream.Stream;
import org.camunda.bpm.dmn.feel.impl.FeelEngine;
import org.camunda.bpm.dmn.feel.impl.FeelException;
import org.camunda.bpm.dmn.feel.impl.scala.ScalaFeelEngine;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.engine.variable.context.VariableContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Vigil's FEEL gives the engine's FEEL answers, on its fast paths and off them. */
class DecisionFeelEngineTest {

  private final FeelEngine engines = new ScalaFeelEngine(List.of());
  private final FeelEngine vigil = new DecisionFeelEngine();

  static Stream<Arguments> inputs() {
    return Stream.of(
        Arguments.of("HIGH"), Arguments.of("MEDIUM"), Arguments.of("low"), Arguments.of(""),
        Arguments.of((Object) null), Arguments.of(3), Arguments.of(2.5), Arguments.of(true),
        Arguments.of("the orders database deadlocks"), Arguments.of("a, b"), Arguments.of("b, c"));
  }

  private static VariableContext context(Object input) {
    return Variables.createVariables().putValue("cellInput", input).putValue("impact", input)
        .putValue("service", "checkout").asVariableContext();
  }

  @ParameterizedTest
  @MethodSource("inputs")
  void unaryTestsAnswerAsTheEnginesFeel(Object input) {
    for (String test : List.of("\"HIGH\"", "\"HIGH\",\"MEDIUM\"", " \"HIGH\" , \"MEDIUM\" ", "\"\"", "not(\"HIGH\")",
        "contains(?, \"database\") or contains(?, \"sql\")", "> 2", "[1..3]", "null", "\"HIGH\", null",
        "\"a, b\"", "\"a\", \"b, c\"", "contains(?, \"dead\")", "contains( ? ,\"a, b\" )", "contains(?, \"\")",
        "contains(?, \"x\") or contains(?, \"orders\") or contains(?, \"low\")", "contains(?, \"x\") and contains(?, \"y\")",
        "contains(?, \"HIGH\"), \"MEDIUM\"", "-", " - ", "true", "false", " true ", "not(null)", "true, false")) {
      Object expected = answer(() -> engines.evaluateSimpleUnaryTests(test, "cellInput", context(input)));
      Object actual = answer(() -> vigil.evaluateSimpleUnaryTests(test, "cellInput", context(input)));
      assertThat(actual).as("%s with %s", test, input).isEqualTo(expected);
      assertThat(answer(() -> vigil.evaluateSimpleUnaryTests(test, "cellInput", context(input))))
          .as("%s again with %s", test, input).isEqualTo(expected);
    }
  }

  @ParameterizedTest
  @MethodSource("inputs")
  void expressionsAnswerAsTheEnginesFeel(Object input) {
    for (String expression : List.of("\"P1\"", "\"\"", "impact", " impact ", "service", "unknown", "true", "null",
        "impact = \"HIGH\"", "\"a\" + \"b\"", "42")) {
      Object expected = answer(() -> engines.evaluateSimpleExpression(expression, context(input)));
      Object actual = answer(() -> vigil.evaluateSimpleExpression(expression, context(input)));
      assertThat(actual).as("%s with %s", expression, input).isEqualTo(expected);
    }
  }

  @Test
  void anExpressionThatDoesNotParseFailsEveryTime() {
    for (int i = 0; i < 2; i++) {
      assertThatThrownBy(() -> vigil.evaluateSimpleUnaryTests("contains(?,", "cellInput", context("x")))
          .isInstanceOf(FeelException.class);
      assertThatThrownBy(() -> vigil.evaluateSimpleExpression("\"open", context("x")))
          .isInstanceOf(FeelException.class);
    }
  }

  /** The value, or the kind of failure: both engines must fail alike. */
  private static Object answer(java.util.function.Supplier<Object> evaluation) {
    try {
      return evaluation.get();
    } catch (FeelException e) {
      return FeelException.class;
    }
  }
}
