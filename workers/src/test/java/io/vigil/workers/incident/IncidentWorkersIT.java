package io.vigil.workers.incident;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.vigil.incident.contract.IncidentProcess;
import io.vigil.testing.VigilTest;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;

/**
 * The incident workers as they run: in-process, fetching their tasks from the engine's REST API
 * with long polling, reading the catalog from /api and the owner's decision tables.
 */
@VigilTest
class IncidentWorkersIT {

  @Value("${server.port}") int port;
  @Autowired RuntimeService runtime;
  @Autowired TaskService tasks;

  @BeforeEach
  void setUp() {
    RestAssured.port = port;
    RestAssured.basePath = "/api";
  }

  @Test
  void classificationDerivesServiceCategoryImpactAndUrgencyFromTheWords() {
    JsonPath incident = routed(report(Map.of("title", "VPN down for the sales team",
        "description", "Nobody in the sales team can connect from home", "caller", "sales@example.com")));
    assertThat(incident.getString("service")).isEqualTo("remote-access");
    assertThat(incident.getString("category")).isEqualTo("NETWORK");
    assertThat(incident.getString("impact")).isEqualTo("MEDIUM");
    assertThat(incident.getString("urgency")).isEqualTo("HIGH");
    assertThat(incident.getString("priority")).isEqualTo("P2");
    assertThat(incident.getString("resolverGroup")).isEqualTo("network");
  }

  @Test
  void theConfigurationItemGivesServiceAndCategoryAndTheReporterKeepsImpactAndUrgency() {
    JsonPath incident = routed(report(Map.of("title", "Nightly figures missing", "description", "The morning report is empty",
        "caller", "finance@example.com", "ci", "dwh-01", "impact", "LOW", "urgency", "MEDIUM")));
    assertThat(incident.getString("service")).isEqualTo("data-platform");
    assertThat(incident.getString("category")).isEqualTo("DATABASE");
    assertThat(incident.getString("impact")).isEqualTo("LOW");
    assertThat(incident.getString("urgency")).isEqualTo("MEDIUM");
    assertThat(incident.getString("priority")).isEqualTo("P4");
    assertThat(incident.getString("resolverGroup")).isEqualTo("database");
  }

  @Test
  void aSimilarOpenIncidentOnTheSameItemGoesToTheServiceDeskAsAPossibleDuplicate() {
    String first = report(Map.of("title", "Mail server rejects outgoing mail", "description", "Bounces since 08:00",
        "caller", "a@example.com", "ci", "mail-01"));
    routed(first);
    String second = report(Map.of("title", "Outgoing mail rejected by mail server", "description", "My mails bounce",
        "caller", "b@example.com", "ci", "mail-01"));

    Task review = await().atMost(Duration.ofSeconds(30)).until(() -> tasks.createTaskQuery()
        .processInstanceBusinessKey(second).taskDefinitionKey(IncidentProcess.Elements.REVIEW_DUPLICATE).singleResult(),
        t -> t != null);
    assertThat(tasks.getVariable(review.getId(), IncidentProcess.Variables.POSSIBLE_DUPLICATE_OF)).isEqualTo(first);
    assertThat(candidateGroups(review)).containsExactly("service-desk");
  }

  @Test
  void anSlaThresholdIsEscalatedToTheNextTierByTheEscalationWorker() {
    String number = report(Map.of("title", "Orders database replica lag", "description", "The replica is 10 minutes behind",
        "caller", "ops@example.com", "ci", "pg-orders-01", "impact", "MEDIUM", "urgency", "MEDIUM"));
    routed(number);

    runtime.createMessageCorrelation(IncidentProcess.Messages.SLA_THRESHOLD_REACHED)
        .processInstanceBusinessKey(number)
        .setVariableLocal(IncidentProcess.Variables.SLA_CLOCK, "RESOLUTION")
        .setVariableLocal(IncidentProcess.Variables.SLA_THRESHOLD, 75)
        .correlate();

    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
      JsonPath incident = incident(number);
      assertThat(incident.getString("resolverGroup")).isEqualTo("infrastructure");
      assertThat(incident.getInt("escalationLevel")).isEqualTo(1);
    });
    Task triage = tasks.createTaskQuery().processInstanceBusinessKey(number)
        .taskDefinitionKey(IncidentProcess.Elements.TRIAGE).singleResult();
    assertThat(candidateGroups(triage)).containsExactly("infrastructure");
  }

  private List<String> candidateGroups(Task task) {
    return tasks.getIdentityLinksForTask(task.getId()).stream()
        .filter(l -> "candidate".equals(l.getType())).map(IdentityLink::getGroupId).toList();
  }

  private String report(Map<String, String> body) {
    return given().auth().preemptive().basic("sd.anna", "demo").contentType(ContentType.JSON).body(new HashMap<>(body))
        .when().post("/incidents").then().statusCode(201).extract().path("number");
  }

  private JsonPath routed(String number) {
    return await().atMost(Duration.ofSeconds(30)).until(() -> incident(number), i -> "ASSIGNED".equals(i.getString("state")));
  }

  private JsonPath incident(String number) {
    return given().auth().preemptive().basic("sd.anna", "demo").when().get("/incidents/{n}", number)
        .then().statusCode(200).extract().jsonPath();
  }
}
