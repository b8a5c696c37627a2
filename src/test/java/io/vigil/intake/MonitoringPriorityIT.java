package io.vigil.intake;

import io.vigil.incident.contract.IncidentProcess;
import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.audit.AuditAction;
import io.vigil.audit.AuditEntry;
import io.vigil.audit.AuditTrail;
import io.vigil.incident.IncidentDriver;
import io.vigil.incident.IncidentRepository;
import io.vigil.incident.IncidentService;
import io.vigil.incident.contract.Level;
import io.vigil.incident.contract.Priority;
import io.vigil.testing.ProcessTest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.repository.Deployment;
import org.camunda.bpm.engine.repository.DeploymentBuilder;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A monitor's priority is the incident's, whatever {@code incident-priority.dmn} says: here the
 * process owner has redeployed the models with a priority table that gives P5 to everything.
 */
@ProcessTest
class MonitoringPriorityIT {

  @Autowired ProcessEngine engine;
  @Autowired HeartbeatService heartbeats;
  @Autowired AlertIntake alerts;
  @Autowired IntakeProperties intake;
  @Autowired IncidentService incidents;
  @Autowired IncidentRepository tickets;
  @Autowired AuditTrail audit;
  @Autowired JdbcClient jdbc;

  private IncidentDriver driver;
  private Deployment everythingP5;

  @BeforeEach
  void redeployWithAPriorityTableThatGivesP5ToEverything() throws IOException {
    driver = new IncidentDriver(engine, incidents, tickets);
    DeploymentBuilder deployment = engine.getRepositoryService().createDeployment().name("priority table: P5 for everything");
    for (Resource resource : new PathMatchingResourcePatternResolver().getResources("classpath*:{processes,forms}/*.*")) {
      String text = resource.getContentAsString(StandardCharsets.UTF_8);
      if ("incident-priority.dmn".equals(resource.getFilename())) {
        text = text.replaceAll("<text>\"P[1-5]\"</text>", "<text>\"P5\"</text>");
      }
      deployment.addString(resource.getFilename(), text);
    }
    everythingP5 = deployment.deploy();
    ProcessInstance control = driver.report("Checkout search is down", null, Level.HIGH, Level.HIGH);
    driver.classify(control, "APPLICATION", "checkout", Level.HIGH, Level.HIGH);
    assertThat(incidents.incident(control.getBusinessKey()).priority()).as("the edited table is the one in use").isEqualTo(Priority.P5);
  }

  @AfterEach
  void restoreTheShippedModels() {
    engine.getRepositoryService().deleteDeployment(everythingP5.getId(), true, true);
  }

  @Test
  void aHeartbeatMonitorsPriorityStandsWhateverTheTableSays() {
    String name = "payroll-export-" + System.nanoTime();
    heartbeats.create(new HeartbeatRequest(name, Duration.ofHours(1), null, "pg-orders-01", Priority.P2), "db.dave");
    String number = heartbeats.fail(name, "exit code 3").incident();

    driver.classify(instance(number), "DATABASE", "checkout", Level.LOW, Level.LOW);

    assertThat(incidents.incident(number).priority()).isEqualTo(Priority.P2);
    assertThat(audit.of(number)).filteredOn(entry -> entry.action() == AuditAction.PRIORITISED).extracting(AuditEntry::detail)
        .containsExactly("P2 as given by heartbeat (incident-priority.dmn: P5 for impact LOW, urgency LOW)");
  }

  @Test
  void theAlertStormIncidentHasTheStormPriorityWhateverTheTableSays() {
    jdbc.sql("DELETE FROM monitoring_opened").update();
    int limit = intake.storm().maxIncidentsPerMinute();
    List<AlertmanagerPayload.Alert> firing = new ArrayList<>();
    for (int i = 0; i <= limit; i++) {
      firing.add(new AlertmanagerPayload.Alert("firing", Map.of("alertname", "HostDown", "instance", "host-" + i),
          Map.of(), OffsetDateTime.now(ZoneOffset.UTC), null, null, UUID.randomUUID().toString().replace("-", "")));
    }
    AlertIntake.Outcome outcome = alerts.receive(new AlertmanagerPayload("4", "{}:{alertname=\"HostDown\"}", 0, "firing", "vigil",
        Map.of(), Map.of(), Map.of(), null, firing));
    String storm = outcome.incidents().get(limit);
    jdbc.sql("DELETE FROM monitoring_opened").update();

    driver.classify(instance(storm), "INFRASTRUCTURE", "checkout", Level.HIGH, Level.MEDIUM);

    assertThat(incidents.incident(storm)).extracting(i -> i.title(), i -> i.priority())
        .containsExactly("Alert storm: monitoring opened " + limit + " incidents within a minute", Priority.P2);
  }

  private ProcessInstance instance(String number) {
    return engine.getRuntimeService().createProcessInstanceQuery().processDefinitionKey(IncidentProcess.KEY).processInstanceBusinessKey(number).singleResult();
  }
}
