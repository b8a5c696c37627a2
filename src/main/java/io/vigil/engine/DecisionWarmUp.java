package io.vigil.engine;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.camunda.bpm.dmn.engine.impl.DefaultDmnEngineConfiguration;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.repository.DecisionDefinition;
import org.camunda.bpm.model.dmn.DmnModelInstance;
import org.camunda.bpm.model.dmn.instance.DecisionTable;
import org.camunda.bpm.model.dmn.instance.Input;
import org.camunda.bpm.model.dmn.instance.InputEntry;
import org.camunda.bpm.model.dmn.instance.Rule;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * Before the node reports ready, every deployed decision is evaluated a number of times with inputs
 * taken from its own rules, so that its cells are parsed and the evaluation paths compiled by the
 * JIT: otherwise the first alerts after a start queue for seconds behind that work
 * (docs/benchmarks.md, "Alert intake").
 *
 * <p>The evaluations run on a DMN engine of their own sharing the process engine's FEEL engine (and
 * so its parsed cells): they leave no decision history and count in no metrics.
 */
@Component
class DecisionWarmUp implements ApplicationRunner {

  private static final Logger log = LoggerFactory.getLogger(DecisionWarmUp.class);
  private static final Pattern STRING = Pattern.compile("\"([^\"\\\\]*)\"");
  private static final Pattern NUMBER = Pattern.compile("(?<![\\w.\"])-?\\d+(\\.\\d+)?(?![\\w.\"])");
  private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  private final RepositoryService repository;
  private final DefaultDmnEngineConfiguration engineDecisions;
  private final EngineProperties.WarmUp settings;

  DecisionWarmUp(RepositoryService repository, ProcessEngineConfigurationImpl engine, EngineProperties properties) {
    this.repository = repository;
    this.engineDecisions = engine.getDmnEngineConfiguration();
    this.settings = properties.warmUp();
  }

  @Override
  public void run(ApplicationArguments arguments) {
    if (settings.enabled()) {
      long started = System.nanoTime();
      Warmed warmed = warm();
      log.info("Warmed {} decisions with {} evaluations ({} refused their sample inputs) in {} ms",
          warmed.decisions(), warmed.evaluations(), warmed.refused(), (System.nanoTime() - started) / 1_000_000);
    }
  }

  /** What one warm-up did: the latest version of each deployed decision, evaluated on its samples. */
  record Warmed(int decisions, int evaluations, int refused) {}

  Warmed warm() {
    DefaultDmnEngineConfiguration own = (DefaultDmnEngineConfiguration) DmnEngineConfiguration.createDefaultDmnEngineConfiguration();
    DmnEngine decisions = own.feelEngineFactory(engineDecisions.getFeelEngineFactory()).buildEngine();
    int evaluated = 0;
    int refused = 0;
    List<DecisionDefinition> definitions = repository.createDecisionDefinitionQuery().latestVersion().list();
    for (DecisionDefinition definition : definitions) {
      DmnModelInstance model = repository.getDmnModelInstance(definition.getId());
      DmnDecision decision = decisions.parseDecision(definition.getKey(), model);
      for (Map<String, Object> variables : sampleInputs(model, settings.evaluations())) {
        try {
          decisions.evaluateDecision(decision, variables);
          evaluated++;
        } catch (RuntimeException e) {
          // a sample the table's types refuse: the other samples still warm it
          refused++;
        }
      }
    }
    return new Warmed(definitions.size(), evaluated, refused);
  }

  /**
   * {@code rounds} sets of variables: each input named in the model's tables takes in turn the
   * literals its rules test for (so that rules match as they do for real tickets) and null.
   */
  static List<Map<String, Object>> sampleInputs(DmnModelInstance model, int rounds) {
    Map<String, Set<Object>> samples = new LinkedHashMap<>();
    for (DecisionTable table : model.getModelElementsByType(DecisionTable.class)) {
      List<Input> columns = new ArrayList<>(table.getInputs());
      for (int column = 0; column < columns.size(); column++) {
        String name = columns.get(column).getInputExpression().getTextContent().trim();
        if (!NAME.matcher(name).matches()) {
          continue;
        }
        Set<Object> values = samples.computeIfAbsent(name, n -> new LinkedHashSet<>());
        for (Rule rule : table.getRules()) {
          List<InputEntry> cells = new ArrayList<>(rule.getInputEntries());
          if (column < cells.size()) {
            literals(cells.get(column).getTextContent(), values);
          }
        }
      }
    }
    Map<String, List<Object>> inTurn = new LinkedHashMap<>();
    samples.forEach((name, values) -> {
      List<Object> withNull = new ArrayList<>(values);
      withNull.add(null);
      inTurn.put(name, withNull);
    });
    List<Map<String, Object>> sets = new ArrayList<>(rounds);
    for (int round = 0; round < rounds; round++) {
      Map<String, Object> variables = new HashMap<>();
      for (Map.Entry<String, List<Object>> input : inTurn.entrySet()) {
        variables.put(input.getKey(), input.getValue().get(round % input.getValue().size()));
      }
      sets.add(variables);
    }
    return sets;
  }

  private static void literals(String cell, Set<Object> values) {
    Matcher strings = STRING.matcher(cell);
    while (strings.find()) {
      values.add(strings.group(1));
    }
    Matcher numbers = NUMBER.matcher(STRING.matcher(cell).replaceAll(""));
    while (numbers.find()) {
      values.add(numbers.group(1) == null ? Long.valueOf(numbers.group()) : Double.valueOf(numbers.group()));
    }
  }
}
