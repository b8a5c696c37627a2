package io.vigil.testing;

import io.vigil.engine.DecisionFeelEngine;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnDecisionResult;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.camunda.bpm.dmn.engine.impl.DefaultDmnEngineConfiguration;

/**
 * Evaluates a decision straight from the file the process owner edits in {@code processes/}, with
 * the same DMN engine and FEEL the process engine uses ({@link DecisionFeelEngine}), without starting
 * an engine.
 */
public final class Decisions {

  private static final DmnEngine ENGINE = ((DefaultDmnEngineConfiguration) DmnEngineConfiguration
      .createDefaultDmnEngineConfiguration()).feelEngineFactory(DecisionFeelEngine.factory()).buildEngine();

  private final Map<String, DmnDecision> byKey;

  private Decisions(Map<String, DmnDecision> byKey) {
    this.byKey = byKey;
  }

  public static Decisions load(String file) {
    try (InputStream in = Files.newInputStream(Path.of("processes", file))) {
      return new Decisions(ENGINE.parseDecisions(in).stream()
          .collect(java.util.stream.Collectors.toMap(DmnDecision::getKey, d -> d)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public DmnDecisionResult evaluate(String key, Map<String, Object> inputs) {
    DmnDecision decision = byKey.get(key);
    if (decision == null) {
      throw new IllegalArgumentException("no decision " + key + " in " + byKey.keySet());
    }
    return ENGINE.evaluateDecision(decision, inputs);
  }

  /** The single output of the single matching rule, or null when no rule matches. */
  public String single(String key, Map<String, Object> inputs) {
    DmnDecisionResult result = evaluate(key, inputs);
    return result.isEmpty() ? null : result.getSingleResult().getSingleEntry();
  }
}
