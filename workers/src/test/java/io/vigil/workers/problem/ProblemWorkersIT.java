package io.vigil.workers.problem;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.vigil.problem.contract.ProblemProcess;
import io.vigil.testing.VigilTest;
import io.vigil.workers.support.ChangeWindows;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;

/** The root-cause analysis worker as it runs: fetching its task over the engine's REST API, reading /api. */
@VigilTest
class ProblemWorkersIT {

  @Value("${server.port}") int port;
  @Autowired TaskService tasks;
  @Autowired IdentityService identity;

  @BeforeEach
  void setUp() {
    RestAssured.port = port;
    RestAssured.basePath = "/api";
  }

  @Test
  void theAnalystFindsTheItemItsRecentChangesAndTheIncidentsTimelinesGathered() {
    String change = requestChange("print-01", "Replace the print spooler on the office print server");
    String first = routed("Print server queue stuck");
    String second = routed("Nobody can print on the second floor");
    String problem = given().auth().preemptive().basic("pm.paula", "demo").contentType(ContentType.JSON)
        .body(Map.of("title", "Print server stalls", "description", "Print jobs hang until the spooler restarts.",
            "ci", "print-01", "incidents", List.of(first, second)))
        .when().post("/problems").then().statusCode(201).extract().path("number");

    Task assess = await().atMost(Duration.ofSeconds(30)).until(() -> task(problem, ProblemProcess.Elements.ASSESS), t -> t != null);
    identity.setAuthentication("pm.paula", List.of("problem-managers"));
    try {
      tasks.claim(assess.getId(), "pm.paula");
      tasks.complete(assess.getId(), Map.of(ProblemProcess.Variables.ASSESSMENT, "ACCEPT", ProblemProcess.Variables.PRIORITY, "P3"));
    } finally {
      identity.clearAuthentication();
    }

    Task analysis = await().atMost(Duration.ofSeconds(30))
        .until(() -> task(problem, ProblemProcess.Elements.ANALYSE_ROOT_CAUSE), t -> t != null);
    String evidence = (String) tasks.getVariable(analysis.getId(), ProblemProcess.Variables.GATHERED_EVIDENCE);
    assertThat(evidence).startsWith("Configuration item: print-01 (Office print server, SERVER, criticality LOW) in service workplace\n")
        .contains("\nChanges on print-01 in the last 30 days:\n")
        .contains("\n" + change + " Replace the print spooler on the office print server (NORMAL, ")
        .contains("Incidents (2):")
        .contains(first + " ").contains(second + " ")
        .contains(" reported: Print server queue stuck");
    assertThat(evidence.length()).isLessThanOrEqualTo(4000);
  }

  /** A normal change on the item, a few days ahead: still open when the evidence is gathered. */
  private String requestChange(String ci, String title) {
    OffsetDateTime[] window = ChangeWindows.outsideFreeze(Duration.ofDays(4), 20, Duration.ofHours(1));
    Map<String, Object> request = new HashMap<>();
    request.put("title", title);
    request.put("description", "The spooler hangs on large jobs; the new one streams them.");
    request.put("type", "NORMAL");
    request.put("cis", List.of(ci));
    request.put("plannedStart", window[0].toString());
    request.put("plannedEnd", window[1].toString());
    request.put("implementationPlan", "Install the new spooler, move the queues, restart the service.");
    request.put("backoutPlan", "Reinstall the previous spooler from the package cache.");
    request.put("implementerGroup", "infrastructure");
    return given().auth().preemptive().basic("db.dave", "demo").contentType(ContentType.JSON).body(request)
        .when().post("/changes").then().statusCode(201).extract().path("number");
  }

  private String routed(String title) {
    String number = given().auth().preemptive().basic("sd.anna", "demo").contentType(ContentType.JSON)
        .body(Map.of("title", title, "description", title + " since 08:00.", "caller", "office@example.com", "ci", "print-01"))
        .when().post("/incidents").then().statusCode(201).extract().path("number");
    await().atMost(Duration.ofSeconds(30)).until(() -> given().auth().preemptive().basic("sd.anna", "demo")
        .when().get("/incidents/{n}", number).then().extract().path("resolverGroup"), group -> group != null);
    return number;
  }

  private Task task(String problem, String element) {
    return tasks.createTaskQuery().processInstanceBusinessKey(problem).taskDefinitionKey(element).singleResult();
  }
}
