package io.vigil.problem;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.VigilApplication;
import io.vigil.incident.IncidentDriver;
import io.vigil.incident.IncidentRepository;
import io.vigil.incident.IncidentService;
import io.vigil.incident.contract.IncidentProcess;
import io.vigil.incident.contract.Level;
import io.vigil.testing.FreePort;
import io.vigil.testing.TestClockConfiguration;
import io.vigil.testing.TestDatabase;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Two engine nodes on one database route, at the same moment, incidents that make an item's
 * recurrence: one problem opens, every incident belongs to it, and no routing fails. The routing that
 * comes second waits for the other's transaction on the item's row, then joins the problem it opened.
 */
@ExtendWith(TestDatabase.class)
class ProblemRecurrenceClusterIT {

  private final String cluster = "vigil-problem-cluster-test-" + UUID.randomUUID();
  private final int firstPort = FreePort.find();
  private final int secondPort = FreePort.find();
  private final Map<String, String> database = TestDatabase.shared("problem_cluster");
  private final List<ConfigurableApplicationContext> nodes = new ArrayList<>();

  @AfterEach
  void stopNodes() {
    nodes.forEach(ConfigurableApplicationContext::close);
  }

  @Test
  void incidentsRoutedAtOnceOnTwoNodesOpenOneProblem() throws Exception {
    ConfigurableApplicationContext first = start(firstPort);
    ConfigurableApplicationContext second = start(secondPort);

    // Two earlier incidents on the item: the next one makes three.
    for (int i = 0; i < 2; i++) {
      ProcessInstance earlier = driver(first).report("Core switch port " + i + " flaps", "core-sw-01", Level.MEDIUM, Level.MEDIUM);
      driver(first).classify(earlier, "NETWORK", "checkout", Level.MEDIUM, Level.MEDIUM);
    }
    // One more on each node, classified, their routing jobs waiting.
    ProcessInstance onFirst = classified(first, "Core switch drops packets");
    ProcessInstance onSecond = classified(second, "Core switch reboots");

    CyclicBarrier together = new CyclicBarrier(2);
    CompletableFuture<Void> a = CompletableFuture.runAsync(() -> route(first, onFirst, together));
    CompletableFuture<Void> b = CompletableFuture.runAsync(() -> route(second, onSecond, together));
    CompletableFuture.allOf(a, b).get();

    JdbcTemplate jdbc = first.getBean(JdbcTemplate.class);
    List<String> problems = jdbc.queryForList("SELECT number FROM problem WHERE ci_id = 'core-sw-01'", String.class);
    assertThat(problems).as("one problem for the item").hasSize(1);
    assertThat(jdbc.queryForList("SELECT DISTINCT problem_number FROM incident WHERE ci_id = 'core-sw-01'", String.class))
        .as("every incident of the item in it").containsExactly(problems.get(0));
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM incident WHERE ci_id = 'core-sw-01'", Long.class)).isEqualTo(4);
    assertThat(first.getBean(ProcessEngine.class).getHistoryService().createHistoricJobLogQuery().failureLog().count())
        .as("no routing failed: the second waited").isZero();
    assertThat(first.getBean(ProcessEngine.class).getManagementService().createJobQuery()
        .processDefinitionKey(IncidentProcess.KEY).count()).as("both routed").isZero();
  }

  private ProcessInstance classified(ConfigurableApplicationContext node, String title) {
    IncidentDriver driver = driver(node);
    ProcessInstance instance = driver.report(title, "core-sw-01", Level.MEDIUM, Level.MEDIUM);
    driver.completeExternal(instance, IncidentProcess.Topics.CLASSIFY, Map.of(
        IncidentProcess.Variables.CATEGORY, "NETWORK", IncidentProcess.Variables.SERVICE, "checkout",
        IncidentProcess.Variables.IMPACT, "MEDIUM", IncidentProcess.Variables.URGENCY, "MEDIUM"));
    return instance;
  }

  private static void route(ConfigurableApplicationContext node, ProcessInstance instance, CyclicBarrier together) {
    ManagementService management = node.getBean(ProcessEngine.class).getManagementService();
    Job job = management.createJobQuery().processInstanceId(instance.getId()).singleResult();
    try {
      together.await();
      management.executeJob(job.getId());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }



  private static IncidentDriver driver(ConfigurableApplicationContext node) {
    return new IncidentDriver(node.getBean(ProcessEngine.class), node.getBean(IncidentService.class),
        node.getBean(IncidentRepository.class));
  }

  private ConfigurableApplicationContext start(int hazelcastPort) {
    List<String> arguments = new ArrayList<>(List.of(
        "--server.port=0",
        "--vigil.role=engine",
        "--camunda.bpm.process-engine-name=problems" + hazelcastPort,
        "--camunda.bpm.job-execution.enabled=false",
        "--vigil.sla.firing.enabled=false",
        "--vigil.cluster.name=" + cluster,
        "--vigil.cluster.port=" + hazelcastPort,
        "--vigil.cluster.members=127.0.0.1:" + firstPort + ",127.0.0.1:" + secondPort));
    database.forEach((key, value) -> arguments.add("--" + key + "=" + value));
    ConfigurableApplicationContext context = new SpringApplicationBuilder(VigilApplication.class, TestClockConfiguration.class)
        .profiles("demo")
        .run(arguments.toArray(String[]::new));
    nodes.add(context);
    return context;
  }
}
