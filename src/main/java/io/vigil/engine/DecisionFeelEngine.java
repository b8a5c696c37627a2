package io.vigil.engine;

import camundajar.impl.scala.collection.immutable.Map;
import camundajar.impl.scala.util.Either;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.dmn.feel.impl.FeelEngine;
import org.camunda.bpm.dmn.feel.impl.FeelEngineFactory;
import org.camunda.bpm.dmn.feel.impl.scala.ContextVariableWrapper;
import org.camunda.bpm.dmn.feel.impl.scala.ScalaFeelEngine;
import org.camunda.bpm.engine.variable.context.VariableContext;
import org.camunda.bpm.engine.variable.value.TypedValue;
import org.camunda.commons.utils.cache.ConcurrentLruCache;
import org.camunda.feel.context.Context;
import org.camunda.feel.context.CustomContext;
import org.camunda.feel.context.VariableProvider;
import org.camunda.feel.syntaxtree.ParsedExpression;

/**
 * The engine's FEEL for the owners' decision tables, with the same results and less work.
 *
 * <p>The engine's own FEEL engine parses every cell at every evaluation, and most cells of Vigil's
 * tables are a string ({@code "P1"}), a list of strings ({@code "HIGH","MEDIUM"}), an input's name
 * ({@code impact}), words looked for in a text ({@code contains(?, "vpn") or contains(?, "dns")}),
 * {@code -} (any input) or a boolean, which took a sixth of the JVM's CPU under load to interpret.
 * Those shapes are answered here directly when the value is a string, a boolean or empty; every other
 * expression, and every other value, goes to the FEEL interpreter with the expression parsed once (a
 * bounded cache: deployments bring new cells).
 */
public class DecisionFeelEngine extends ScalaFeelEngine {

  private static final Pattern STRING = Pattern.compile("\"([^\"\\\\]*)\"");
  private static final Pattern STRINGS = Pattern.compile(STRING + "(\\s*,\\s*" + STRING + ")*");
  private static final Pattern CONTAINS = Pattern.compile("contains\\(\\s*\\?\\s*,\\s*" + STRING + "\\s*\\)");
  private static final Pattern ANY_CONTAINS = Pattern.compile(CONTAINS + "(\\s+or\\s+" + CONTAINS + ")*");
  private static final Pattern NAME = Pattern.compile("(?!(true|false|null|not)$)[A-Za-z_][A-Za-z0-9_]*");
  private static final int CACHED_EXPRESSIONS = 10_000;

  private final ConcurrentLruCache<String, Expression> expressions = new ConcurrentLruCache<>(CACHED_EXPRESSIONS);
  private final ConcurrentLruCache<String, UnaryTests> unaryTests = new ConcurrentLruCache<>(CACHED_EXPRESSIONS);

  DecisionFeelEngine() {
    super(List.of());
  }

  /** The engine for every decision of a DMN engine: one, so that every evaluation shares its caches. */
  public static FeelEngineFactory factory() {
    FeelEngine engine = new DecisionFeelEngine();
    return () -> engine;
  }

  @Override
  @SuppressWarnings("unchecked")
  public <T> T evaluateSimpleExpression(String expression, VariableContext variables) {
    Expression cell = expressions.get(expression);
    if (cell == null) {
      cell = expression(expression);
      expressions.put(expression, cell);
    }
    if (cell.literal() != null) {
      return (T) cell.literal();
    }
    if (cell.name() != null && valueOf(variables.resolve(cell.name())) instanceof String text) {
      return (T) text;
    }
    Context context = new CustomContext() {
      @Override
      public VariableProvider variableProvider() {
        return new ContextVariableWrapper(variables);
      }
    };
    return (T) result(feelEngine.eval(cell.parsed(), context));
  }

  @Override
  public boolean evaluateSimpleUnaryTests(String expression, String inputVariable, VariableContext variables) {
    UnaryTests cell = unaryTests.get(expression);
    if (cell == null) {
      cell = unaryTests(expression);
      unaryTests.put(expression, cell);
    }
    if (cell.any()) {
      return true;
    }
    TypedValue input = variables.resolve(inputVariable);
    if (cell.truth() != null && input != null && input.getValue() instanceof Boolean value) {
      return value.equals(cell.truth());
    }
    if ((cell.oneOf() != null || cell.anyOf() != null) && input != null) {
      // an empty input (no CI, no criticality) matches no string and contains no word
      if (input.getValue() == null) {
        return false;
      }
      if (input.getValue() instanceof String text) {
        return cell.oneOf() != null ? cell.oneOf().contains(text) : cell.anyOf().stream().anyMatch(text::contains);
      }
    }
    VariableProvider inputName = new VariableProvider.StaticVariableProvider(new Map.Map1<>(INPUT_VARIABLE_NAME, inputVariable));
    VariableProvider wrapped = new ContextVariableWrapper(variables);
    Context context = new CustomContext() {
      @Override
      public VariableProvider variableProvider() {
        return new VariableProvider.CompositeVariableProvider(toScalaList(inputName, wrapped));
      }
    };
    Object satisfied = result(feelEngine.eval(cell.parsed(), context));
    return satisfied != null && (Boolean) satisfied;
  }

  private Expression expression(String expression) {
    ParsedExpression parsed = (ParsedExpression) result(feelEngine.parseExpression(expression));
    String text = expression.trim();
    Matcher string = STRING.matcher(text);
    return new Expression(parsed, string.matches() ? string.group(1) : null, NAME.matcher(text).matches() ? text : null);
  }

  private UnaryTests unaryTests(String expression) {
    ParsedExpression parsed = (ParsedExpression) result(feelEngine.parseUnaryTests(expression));
    String text = expression.trim();
    if (text.equals("-")) {
      return new UnaryTests(parsed, true, null, null, null);
    }
    if (text.equals("true") || text.equals("false")) {
      return new UnaryTests(parsed, false, Boolean.valueOf(text), null, null);
    }
    if (STRINGS.matcher(text).matches()) {
      return new UnaryTests(parsed, false, null, Set.copyOf(strings(STRING, text)), null);
    }
    if (ANY_CONTAINS.matcher(text).matches()) {
      return new UnaryTests(parsed, false, null, null, strings(CONTAINS, text));
    }
    return new UnaryTests(parsed, false, null, null, null);
  }

  /** The first group of every match of the pattern: the strings of a list, the words looked for. */
  private static List<String> strings(Pattern pattern, String text) {
    List<String> strings = new ArrayList<>();
    Matcher match = pattern.matcher(text);
    while (match.find()) {
      strings.add(match.group(1));
    }
    return List.copyOf(strings);
  }

  private static Object valueOf(TypedValue value) {
    return value == null ? null : value.getValue();
  }

  private static Object result(Either<org.camunda.feel.FeelEngine.Failure, ?> outcome) {
    if (outcome.isRight()) {
      return outcome.toOption().get();
    }
    throw LOGGER.evaluationException(outcome.swap().toOption().get().message());
  }

  /** An expression parsed once, and its answer when it is a string or an input's name. */
  private record Expression(ParsedExpression parsed, String literal, String name) {}

  /**
   * Unary tests parsed once, and what answers them without the interpreter: {@code -}, which any
   * input passes; {@code true} or {@code false} for a boolean input; the strings they accept when
   * they are only strings; or the words one of which a text must contain when they are only
   * {@code contains(?, "…")} joined by {@code or}.
   */
  private record UnaryTests(ParsedExpression parsed, boolean any, Boolean truth, Set<String> oneOf, List<String> anyOf) {}
}
