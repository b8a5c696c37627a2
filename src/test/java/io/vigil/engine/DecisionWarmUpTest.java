package io.vigil.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.camunda.bpm.dmn.engine.impl.DefaultDmnEngineConfiguration;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.management.Metrics;
import org.camunda.bpm.engine.repository.DeploymentBuilder;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.model.dmn.Dmn;
import org.camunda.bpm.model.dmn.DmnModelInstance;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The warm-up before readiness evaluates every shipped decision and leaves nothing an auditor would see. */
class DecisionWarmUpTest {

  private static final String[] DECISIONS = {"alert-mapping", "incident-classification", "incident-priority",
      "incident-routing", "sla-targets"};

  private static ProcessEngineConfigurationImpl configuration;
  private static ProcessEngine engine;

  @BeforeAll
  static void engine() {
    configuration = (ProcessEngineConfigurationImpl) ProcessEngineConfiguration
        .createStandaloneInMemProcessEngineConfiguration()
        .setJdbcUrl("jdbc:h2:mem:decision-warm-up;DB_CLOSE_DELAY=-1")
        .setHistory(ProcessEngineConfiguration.HISTORY_FULL)
        .setJobExecutorActivate(false);
    DefaultDmnEngineConfiguration decisions = (DefaultDmnEngineConfiguration) DmnEngineConfiguration.createDefaultDmnEngineConfiguration();
    decisions.setFeelEngineFactory(DecisionFeelEngine.factory());
    configuration.setDmnEngineConfiguration(decisions);
    engine = configuration.buildProcessEngine();
    DeploymentBuilder deployment = engine.getRepositoryService().createDeployment().name("decisions");
    for (String decision : DECISIONS) {
      deployment.addClasspathResource("processes/" + decision + ".dmn");
    }
    deployment.deploy();
  }

  @AfterAll
  static void close() {
    engine.close();
  }

  @Test
  void everyDecisionIsEvaluatedOnItsSamplesWithoutHistoryOrMetrics() {
    var settings = new EngineProperties(new EngineProperties.RuntimeStatistics(true, Duration.ofSeconds(10), 2.0, 100),
        new EngineProperties.WarmUp(true, 40));
    long decisions = engine.getRepositoryService().createDecisionDefinitionQuery().latestVersion().count();

    DecisionWarmUp.Warmed warmed = new DecisionWarmUp(engine.getRepositoryService(), configuration, settings).warm();

    assertThat(decisions).isGreaterThanOrEqualTo(DECISIONS.length);
    assertThat(warmed).isEqualTo(new DecisionWarmUp.Warmed((int) decisions, (int) decisions * 40, 0));
    assertThat(engine.getHistoryService().createHistoricDecisionInstanceQuery().count()).isZero();
    assertThat(executedDecisions()).isZero();

    // the engine's own evaluation of a decision leaves both: the checks above can see them
    engine.getDecisionService().evaluateDecisionTableByKey("incident-priority",
        Variables.createVariables().putValue("impact", "HIGH").putValue("urgency", "HIGH"));
    assertThat(engine.getHistoryService().createHistoricDecisionInstanceQuery().count()).isOne();
    assertThat(executedDecisions()).isOne();
  }

  @Test
  void theSamplesReachTheRulesOfEachColumn() throws Exception {
    DmnModelInstance model;
    try (InputStream dmn = getClass().getResourceAsStream("/processes/incident-classification.dmn")) {
      model = Dmn.readModelFromStream(dmn);
    }
    DmnEngine decisions = DmnEngineConfiguration.createDefaultDmnEngineConfiguration().buildEngine();
    DmnDecision category = decisions.parseDecision("incident-category", model);
    Set<Object> categories = new HashSet<>();
    for (Map<String, Object> variables : DecisionWarmUp.sampleInputs(model, 60)) {
      categories.add(decisions.evaluateDecision(category, variables).getSingleResult().getEntry("category"));
    }
    assertThat(categories).contains("SECURITY", "DATABASE", "NETWORK", "ACCESS", "INFRASTRUCTURE", "APPLICATION");
  }

  private static long executedDecisions() {
    configuration.getDbMetricsReporter().reportNow();
    return engine.getManagementService().createMetricsQuery().name(Metrics.EXECUTED_DECISION_INSTANCES).sum();
  }
}
