package io.vigil.incident;

import io.vigil.incident.contract.IncidentProcess;
import static io.restassured.RestAssured.given;
import static io.vigil.incident.TasklistOverHttp.engine;
import static io.vigil.incident.TasklistOverHttp.taskOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.*;

import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.vigil.testing.VigilTest;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;

/**
 * The whole way, over HTTP only: an integrator reports, the workers classify and route, the
 * database group's analyst finds the task in his Tasklist queue, works it (a mistaken reassignment is
 * refused with a 400), the service desk confirms with the caller, the close worker closes it, both
 * SLA clocks are met, the audit trail tells who did what, and the metrics count it. Past its time
 * to live, the engine's history of it goes and the ticket stays.
 */
@VigilTest
class IncidentLifecycleIT {

  @Value("${server.port}") int port;
  @Autowired HistoryService history;

  @BeforeEach
  void setUp() {
    RestAssured.port = port;
    RestAssured.basePath = "";
  }

  @Test
  void anIncidentGoesFromReportToClosedThroughTheRightGroupsQueues() {
    String number = given().auth().preemptive().basic("sd.anna", "demo").contentType(ContentType.JSON)
        .body(Map.of("title", "Orders database deadlocks", "description", "Checkout fails with deadlock detected, several customers",
            "caller", "jane@example.com", "ci", "pg-orders-01"))
        .when().post("/api/incidents").then().statusCode(201).extract().path("number");

    String triage = await().atMost(Duration.ofSeconds(30)).until(() -> taskOf("db.dave", number), id -> id != null);
    assertThat(taskOf("net.nina", number)).as("another group does not see it").isNull();
    assertThat(taskOf("sd.anna", number)).isNull();

    engine("db.dave").body(Map.of("userId", "db.dave")).post("/engine-rest/task/{id}/claim", triage).then().statusCode(204);
    // A refused input is the analyst's mistake (400 with the reason), and the task stays as it was.
    engine("db.dave").body(Map.of("variables", Map.of(
            "triageOutcome", Map.of("value", "REASSIGN"), "reassignTo", Map.of("value", "database"), "reassignReason", Map.of("value", "mine"))))
        .post("/engine-rest/task/{id}/submit-form", triage).then().statusCode(400)
        .body("type", equalTo("BadUserRequestException")).body("message", equalTo("reassignTo: the incident is already with database"));
    assertThat(taskOf("db.dave", number)).isEqualTo(triage);
    engine("db.dave").body(Map.of("variables", Map.of("triageOutcome", Map.of("value", "RESOLVE"))))
        .post("/engine-rest/task/{id}/submit-form", triage).then().statusCode(204);

    String resolve = taskOf("db.dave", number);
    engine("db.dave").body(Map.of("variables", Map.of(
            "resolutionCode", Map.of("value", "FIXED"),
            "resolutionNotes", Map.of("value", "Killed the blocking session, added the missing index"),
            "rootCauseAnalysisNeeded", Map.of("value", true))))
        .post("/engine-rest/task/{id}/submit-form", resolve).then().statusCode(204);

    String confirm = await().atMost(Duration.ofSeconds(10)).until(() -> taskOf("sd.anna", number), id -> id != null);
    engine("sd.anna").body(Map.of("variables", Map.of("callerConfirmed", Map.of("value", "true"))))
        .post("/engine-rest/task/{id}/submit-form", confirm).then().statusCode(204);

    JsonPath closed = await().atMost(Duration.ofSeconds(30)).until(() -> given().auth().preemptive().basic("audit.ada", "demo")
        .get("/api/incidents/{n}", number).then().statusCode(200).extract().jsonPath(), i -> "CLOSED".equals(i.getString("state")));
    assertThat(closed.getString("resolverGroup")).isEqualTo("database");
    assertThat(closed.getString("assignee")).isEqualTo("db.dave");
    assertThat(closed.getString("closureReason")).isEqualTo("CONFIRMED");
    assertThat(closed.getBoolean("rootCauseAnalysisNeeded")).isTrue();
    assertThat(closed.getLong("timeToResolveSeconds")).isGreaterThanOrEqualTo(closed.getLong("timeToAcknowledgeSeconds"));
    assertThat(closed.getList("openTasks")).isEmpty();

    // Both SLA clocks stopped in time, counted around the clock for a P3 on the checkout service.
    given().auth().preemptive().basic("audit.ada", "demo").get("/api/incidents/{n}/sla", number).then().statusCode(200)
        .body("kind", contains("RESPONSE", "RESOLUTION"))
        .body("state", everyItem(equalTo("MET")))
        .body("calendar", everyItem(equalTo("24x7")))
        .body("target", contains("PT1H", "PT9H"))
        .body("dueAt", everyItem(nullValue()));

    // The auditor reads who did what, once the notification worker has told the caller of the closure:
    // that entry comes after the close, and the trail is compared whole at the end.
    List<Map<String, Object>> trail = await().atMost(Duration.ofSeconds(30)).until(() -> given().auth().preemptive()
        .basic("audit.ada", "demo").get("/api/incidents/{n}/audit", number).then().statusCode(200).extract().<List<Map<String, Object>>>path(""),
        entries -> entries.stream().anyMatch(e -> "NOTIFIED".equals(e.get("action")) && String.valueOf(e.get("detail")).startsWith("incident-closed")));
    assertThat(trail).extracting(e -> e.get("action") + " by " + e.get("actor")).containsSubsequence(
        "REPORTED by sd.anna", "CLASSIFIED by vigil-worker", "ROUTED by vigil", "ACKNOWLEDGED by db.dave",
        "SLA_STOPPED by db.dave", "RESOLVED by db.dave", "CALLER_CONFIRMED by sd.anna", "CLOSED by vigil-worker");
    // The caller was told at each step, by mail (the notifications run on their own, so they come in any order).
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(given().auth().preemptive().basic("audit.ada", "demo")
        .get("/api/incidents/{n}/audit", number).then().statusCode(200).extract().jsonPath()
        .getList("findAll { it.action == 'NOTIFIED' }.detail", String.class))
        .anyMatch(d -> d.startsWith("incident-registered to caller -> jane@example.com"))
        .anyMatch(d -> d.startsWith("incident-resolved to caller -> jane@example.com"))
        .anyMatch(d -> d.startsWith("incident-closed to caller -> jane@example.com")));
    // ...and each task completed in Tasklist, with the values the form submitted
    assertThat(trail).filteredOn(e -> "TASK_COMPLETED".equals(e.get("action")) && "db.dave".equals(e.get("actor")))
        .extracting(e -> (String) e.get("detail"))
        .anySatisfy(detail -> assertThat(detail).contains("resolutionCode = FIXED", "rootCauseAnalysisNeeded = true"));

    given().auth().preemptive().basic("admin", "demo").get("/actuator/prometheus").then().statusCode(200)
        .body(containsString("vigil_incidents_opened_total{group=\"database\""))
        .body(containsString("vigil_incidents_closed_total{group=\"database\""))
        .body(containsString("http_server_requests_seconds_count"))
        .body(not(containsString("spring_security_filterchains")));

    // Past its time to live (its removal time, 180 days after the end, moved to yesterday through
    // the engine's API) the engine's cleanup removes the instance's history, and only that: the
    // ticket and its audit trail stay.
    String instance = history.createHistoricProcessInstanceQuery().processDefinitionKey(IncidentProcess.KEY).processInstanceBusinessKey(number).singleResult().getId();
    List<String> others = history.createHistoricProcessInstanceQuery().list().stream()
        .map(HistoricProcessInstance::getId).filter(id -> !id.equals(instance)).toList();
    assertThat(history.createUserOperationLogQuery().processInstanceId(instance).count()).isPositive();
    Date yesterday = Date.from(Instant.now().minus(Duration.ofDays(1)));
    history.setRemovalTimeToHistoricProcessInstances().absoluteRemovalTime(yesterday).byIds(instance).executeAsync();
    await().atMost(Duration.ofSeconds(60)).until(() -> history.createHistoricProcessInstanceQuery().processInstanceId(instance)
        .singleResult().getRemovalTime(), removal -> removal != null && removal.before(new Date()));
    history.cleanUpHistoryAsync(true);
    await().atMost(Duration.ofSeconds(60)).until(() -> history.createHistoricProcessInstanceQuery().processInstanceId(instance).count() == 0
        && history.createHistoricDecisionInstanceQuery().processInstanceId(instance).count() == 0);
    assertThat(history.createHistoricActivityInstanceQuery().processInstanceId(instance).count()).isZero();
    assertThat(history.createHistoricVariableInstanceQuery().processInstanceId(instance).count()).isZero();
    assertThat(history.createHistoricDetailQuery().processInstanceId(instance).count()).isZero();
    assertThat(history.createHistoricTaskInstanceQuery().processInstanceId(instance).count()).isZero();
    assertThat(history.createUserOperationLogQuery().processInstanceId(instance).count()).isZero();
    if (!others.isEmpty()) {
      assertThat(history.createHistoricProcessInstanceQuery().processInstanceIds(Set.copyOf(others)).count())
          .as("the history of instances inside their time to live").isEqualTo(others.size());
    }
    given().auth().preemptive().basic("audit.ada", "demo").get("/api/incidents/{n}", number).then().statusCode(200)
        .body("state", equalTo("CLOSED"));
    assertThat(given().auth().preemptive().basic("audit.ada", "demo").get("/api/incidents/{n}/audit", number)
        .then().statusCode(200).extract().<List<Map<String, Object>>>path("")).as("the trail as the auditor read it, and more")
        .containsAll(trail);
    given().auth().preemptive().basic("audit.ada", "demo").get("/api/audit/verify").then().statusCode(200)
        .body("valid", equalTo(true));
  }
}
