package io.vigil.incident;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.*;

import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.vigil.incident.contract.IncidentProcess;
import io.vigil.testing.VigilTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;

/** {@code /api/incidents} over HTTP, as integrators use it: good and bad input. */
@VigilTest
class IncidentApiIT {

  @Value("${server.port}") int port;
  @Autowired RuntimeService runtime;
  @Autowired JdbcTemplate jdbc;

  @BeforeEach
  void setUp() {
    RestAssured.port = port;
    RestAssured.basePath = "/api";
  }

  @Test
  void reportingOpensTheTicketAndItsProcessThenClassificationAndRoutingFollow() {
    String location = given().auth().preemptive().basic("sd.anna", "demo").contentType(ContentType.JSON)
        .body(Map.of("title", "Core switch drops packets", "description", "Packet loss on the core switch since 09:00",
            "caller", "ops@example.com", "ci", "core-sw-01"))
        .when().post("/incidents")
        .then().statusCode(201)
        .contentType(ContentType.JSON)
        .header("Location", matchesPattern("/api/incidents/INC-\\d{6}"))
        .body("number", matchesPattern("INC-\\d{6}"))
        .body("state", equalTo("NEW"))
        .body("reportedBy", equalTo("sd.anna"))
        .body("service", equalTo("checkout"))
        .body("processInstanceId", notNullValue())
        .extract().header("Location");

    await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
        given().auth().preemptive().basic("net.nina", "demo").basePath("").when().get(location)
            .then().statusCode(200)
            .body("state", equalTo("ASSIGNED"))
            .body("category", equalTo("NETWORK"))
            .body("resolverGroup", equalTo("network"))
            .body("impact", equalTo("HIGH"))
            .body("priority", notNullValue())
            .body("openTasks", hasItem(containsString("Triage and investigate: Core switch drops packets"))));
  }

  @Test
  void listsFilterAndPage() {
    report("Warehouse load failed", "dwh-01");
    given().auth().preemptive().basic("audit.ada", "demo")
        .queryParam("ci", "dwh-01").queryParam("size", 1).queryParam("page", 0)
        .when().get("/incidents")
        .then().statusCode(200)
        .body("items", hasSize(1))
        .body("items[0].ci", equalTo("dwh-01"))
        .body("size", equalTo(1))
        .body("totalItems", greaterThanOrEqualTo(1));
    given().auth().preemptive().basic("audit.ada", "demo").queryParam("state", "CLOSED").queryParam("ci", "dwh-01")
        .when().get("/incidents")
        .then().statusCode(200).body("items", empty());
  }

  @Test
  void theTextSearchFindsTicketsWithEveryWordAsked() {
    String token = "zq" + System.nanoTime();
    String number = report("Ledger export hangs at " + token, "dwh-01");
    assertThat(search(token.toUpperCase() + " ledger")).containsExactly(number);
    assertThat(search("since " + token)).as("the description counts too").containsExactly(number);
    assertThat(search("ledg " + token)).as("whole words, not their starts").isEmpty();
    assertThat(search("edger " + token)).as("nor their ends").isEmpty();
    assertThat(search(token + " nowhere")).as("every word is needed").isEmpty();
    String group = await().atMost(Duration.ofSeconds(30)).until(() -> given().auth().preemptive().basic("sd.anna", "demo")
        .when().get("/incidents/" + number).then().statusCode(200).extract().<String>path("resolverGroup"), g -> g != null);
    given().auth().preemptive().basic("audit.ada", "demo").queryParam("q", token).queryParam("group", group)
        .when().get("/incidents")
        .then().statusCode(200).body("items.number", contains(number));
    given().auth().preemptive().basic("audit.ada", "demo").queryParam("q", token).queryParam("group", "service-desk".equals(group) ? "network" : "service-desk")
        .when().get("/incidents")
        .then().statusCode(200).body("items", empty());
    given().auth().preemptive().basic("audit.ada", "demo").queryParam("q", "ledger " + token).queryParam("size", 1)
        .when().get("/incidents")
        .then().statusCode(200).body("items.number", contains(number)).body("totalItems", equalTo(1));
    given().auth().preemptive().basic("audit.ada", "demo").queryParam("q", token).queryParam("state", "CLOSED")
        .when().get("/incidents")
        .then().statusCode(200).body("items", empty()).body("totalItems", equalTo(0)).body("totalItemsExact", equalTo(true));
  }

  @Test
  void aCountOfMoreThanTenThousandSaysAtLeast() {
    long run = System.nanoTime() % 1_000_000;
    String group = "count-limit-" + run;
    jdbc.batchUpdate("""
            INSERT INTO incident (number, state, title, description, caller, reported_by, resolver_group, reported_at, updated_at)
            VALUES (?, 'CLOSED', 'Counted', 'Counted', 'test', 'test', ?, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)""",
        java.util.stream.LongStream.rangeClosed(1, IncidentPage.COUNT_LIMIT + 1)
            .mapToObj(n -> new Object[] {"T" + run + "-" + n, group}).toList());
    try {
      given().auth().preemptive().basic("audit.ada", "demo").queryParam("group", group).queryParam("size", 100)
          .when().get("/incidents")
          .then().statusCode(200)
          .body("items", hasSize(100))
          .body("totalItems", equalTo(10_000))
          .body("totalPages", equalTo(100))
          .body("totalItemsExact", equalTo(false));
      jdbc.update("DELETE FROM incident WHERE resolver_group = ? AND id <> (SELECT MAX(id) FROM incident WHERE resolver_group = ?)",
          group, group);
      given().auth().preemptive().basic("audit.ada", "demo").queryParam("group", group)
          .when().get("/incidents")
          .then().statusCode(200).body("totalItems", equalTo(1)).body("totalItemsExact", equalTo(true));
    } finally {
      jdbc.update("DELETE FROM incident WHERE resolver_group = ?", group);
    }
  }

  @Test
  void commentsAreKeptWithTheirAuthor() {
    String number = report("Portal login slow", "portal-web");
    given().auth().preemptive().basic("app.alex", "demo").contentType(ContentType.JSON)
        .body(Map.of("text", "Looking at the session store"))
        .when().post("/incidents/{n}/comments", number)
        .then().statusCode(201).body("author", equalTo("app.alex")).body("id", notNullValue());
    given().auth().preemptive().basic("audit.ada", "demo").when().get("/incidents/{n}/comments", number)
        .then().statusCode(200).body("text", contains("Looking at the session store"));
  }

  @Test
  void anIdempotencyKeyMakesRetriesSafeEvenWhenConcurrent() throws Exception {
    Map<String, Object> body = Map.of("title", "Payment gateway timeouts", "description", "Card payments time out",
        "caller", "monitoring", "ci", "pay-gw");
    String key = "retry-" + System.nanoTime();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Callable<Integer>> calls = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        calls.add(() -> given().auth().preemptive().basic("sd.anna", "demo").contentType(ContentType.JSON)
            .header("Idempotency-Key", key).body(body).when().post("/incidents").then().extract().statusCode());
      }
      List<Integer> statuses = new ArrayList<>();
      for (Future<Integer> f : pool.invokeAll(calls)) {
        statuses.add(f.get());
      }
      assertThat(statuses).containsOnly(200, 201).containsOnlyOnce(201);
    } finally {
      pool.shutdown();
    }
    String first = given().auth().preemptive().basic("sd.anna", "demo").contentType(ContentType.JSON)
        .header("Idempotency-Key", key).body(body).when().post("/incidents")
        .then().statusCode(200).extract().path("number");
    assertThat(runtime.createProcessInstanceQuery().processDefinitionKey(IncidentProcess.KEY).processInstanceBusinessKey(first).count()).isEqualTo(1);
  }

  @Test
  void badInputIsRefusedWithProblemDetailsAndNothingIsWritten() {
    long before = runtime.createProcessInstanceQuery().processDefinitionKey(IncidentProcess.KEY).count();
    String valid = "{\"title\":\"t\",\"description\":\"d\",\"caller\":\"c\"}";

    problem(post("{\"title\": \"unterminated"), 400).body("detail", equalTo("The request body is not valid JSON"));
    problem(post("{}"), 400).body("errors.field", hasItems("title", "description", "caller"));
    problem(post(json("title", "x".repeat(201))), 400).body("errors.field", hasItem("title"));
    problem(post(json("description", "x".repeat(4001))), 400).body("errors.field", hasItem("description"));
    problem(post(valid.replace("}", ",\"impact\":\"SEVERE\"}")), 400)
        .body("detail", equalTo("impact: 'SEVERE' is not one of HIGH, MEDIUM, LOW"));
    problem(post(valid.replace("}", ",\"ci\":\"no-such-ci\"}")), 422)
        .body("detail", containsString("unknown configuration item 'no-such-ci'"))
        .body("errors[0].field", equalTo("ci"));
    problem(post(valid.replace("}", ",\"ci\":\"pg-orders-01\",\"service\":\"email\"}")), 422)
        .body("detail", containsString("belongs to service 'checkout'"));
    problem(post(valid.replace("}", ",\"ci\":\"Bad CI!\"}")), 400).body("errors.field", hasItem("ci"));
    problem(post("{\"title\":\"" + "x".repeat(300_000) + "\"}"), 413);
    problem(given().auth().preemptive().basic("sd.anna", "demo").contentType(ContentType.TEXT).body("hello")
        .when().post("/incidents").then(), 415);

    assertThat(runtime.createProcessInstanceQuery().processDefinitionKey(IncidentProcess.KEY).count()).as("no process was started")
        .isEqualTo(before);
  }

  @Test
  void controlCharactersInWhatAPersonTypesAreRefusedNamingTheFieldAndNothingIsWritten() {
    long before = runtime.createProcessInstanceQuery().processDefinitionKey(IncidentProcess.KEY).count();

    problem(post(json("title", "bad\u0000byte")), 400).body("errors.field", contains("title"))
        .body("errors[0].message", containsString("control characters"));
    problem(post(json("description", "rings the bell \u0007")), 400).body("errors.field", contains("description"));
    problem(post(json("caller", "jane\u001b[31m")), 400).body("errors.field", contains("caller"));
    problem(given().auth().preemptive().basic("sd.anna", "demo").queryParam("group", "net\u0000work").when().get("/incidents").then(), 400)
        .body("errors.field", contains("group"));
    given().auth().preemptive().basic("sd.anna", "demo").basePath("/engine-rest").contentType(ContentType.JSON)
        .body(Map.of("variables", Map.of("title", Map.of("value", "bad\u0000byte"), "description", Map.of("value", "d"),
            "caller", Map.of("value", "c"))))
        .when().post("/process-definition/key/{key}/submit-form", IncidentProcess.KEY)
        .then().statusCode(400).body("message", startsWith("title: must not contain control characters"));
    assertThat(runtime.createProcessInstanceQuery().processDefinitionKey(IncidentProcess.KEY).count()).as("no process was started")
        .isEqualTo(before);

    String number = report("Orders database answers slowly", "pg-orders-01");
    problem(given().auth().preemptive().basic("db.dave", "demo").contentType(ContentType.JSON).body(Map.of("text", "see\u0000log"))
        .when().post("/incidents/{n}/comments", number).then(), 400).body("errors.field", contains("text"));
    given().auth().preemptive().basic("audit.ada", "demo").when().get("/incidents/{n}/comments", number)
        .then().statusCode(200).body("", empty());
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().auth().preemptive().basic("db.dave", "demo")
        .when().get("/incidents/{n}", number).then().body("state", equalTo("ASSIGNED")));
    problem(given().auth().preemptive().basic("db.dave", "demo").contentType(ContentType.JSON)
        .body(Map.of("impact", "HIGH", "urgency", "HIGH", "reason", "all\u0000stores")).when().post("/incidents/{n}/priority", number).then(), 400)
        .body("errors.field", contains("reason"));

    // The triage form: a field the chosen outcome does not read, and one the form only shows, are checked too.
    String triage = given().auth().preemptive().basic("db.dave", "demo").basePath("/engine-rest")
        .queryParam("processInstanceBusinessKey", number).queryParam("taskDefinitionKey", IncidentProcess.Elements.TRIAGE)
        .when().get("/task").then().statusCode(200).extract().path("[0].id");
    for (String field : List.of(IncidentProcess.Variables.PENDING_NOTE, IncidentProcess.Variables.DESCRIPTION)) {
      given().auth().preemptive().basic("db.dave", "demo").basePath("/engine-rest").contentType(ContentType.JSON)
          .body(Map.of("variables", Map.of(IncidentProcess.Variables.TRIAGE_OUTCOME, Map.of("value", "RESOLVE"),
              field, Map.of("value", "line\u0000break"))))
          .when().post("/task/{id}/submit-form", triage)
          .then().statusCode(400).body("message", startsWith(field + ": must not contain control characters"));
    }
    given().auth().preemptive().basic("db.dave", "demo").basePath("/engine-rest").when().get("/task/{id}", triage)
        .then().statusCode(200);
    given().auth().preemptive().basic("db.dave", "demo").when().get("/incidents/{n}", number)
        .then().body("state", equalTo("ASSIGNED")).body("description", not(containsString("\u0000")));

    given().auth().preemptive().basic("sd.anna", "demo").contentType(ContentType.JSON)
        .body(Map.of("title", "Tabs\tand lines", "description", "First line\r\nsecond line\n\tindented", "caller", "c"))
        .when().post("/incidents").then().statusCode(201);
  }

  @Test
  void theTasklistStartFormOpensATicketOrSaysWhatIsWrong() {
    long before = runtime.createProcessInstanceQuery().processDefinitionKey(IncidentProcess.KEY).count();
    Map<String, Object> report = Map.of(
        "title", Map.of("value", "Wi-Fi down on floor 3"), "description", Map.of("value", "Nobody on floor 3 gets an address"),
        "caller", Map.of("value", "floor3@example.com"));
    Map<String, Object> withUnknownCi = new java.util.HashMap<>(report);
    withUnknownCi.put("ci", Map.of("value", "no-such-ci"));

    given().auth().preemptive().basic("sd.anna", "demo").basePath("/engine-rest").contentType(ContentType.JSON)
        .body(Map.of("variables", withUnknownCi))
        .when().post("/process-definition/key/{key}/submit-form", IncidentProcess.KEY)
        .then().statusCode(400).body("message", equalTo("ci: unknown configuration item 'no-such-ci'"));
    assertThat(runtime.createProcessInstanceQuery().processDefinitionKey(IncidentProcess.KEY).count()).as("no process was started")
        .isEqualTo(before);

    String number = given().auth().preemptive().basic("sd.anna", "demo").basePath("/engine-rest").contentType(ContentType.JSON)
        .body(Map.of("variables", report))
        .when().post("/process-definition/key/{key}/submit-form", IncidentProcess.KEY)
        .then().statusCode(200).body("businessKey", matchesPattern("INC-\\d{6}")).extract().path("businessKey");
    given().auth().preemptive().basic("sd.anna", "demo").when().get("/incidents/{n}", number)
        .then().statusCode(200).body("title", equalTo("Wi-Fi down on floor 3")).body("reportedBy", equalTo("sd.anna"));
  }

  @Test
  void aPriorityChangeGoesThroughTheProcessOrIsRefused() {
    String number = report("VPN banner shows the wrong company name", "vpn-gw-01");
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().auth().preemptive().basic("sd.anna", "demo")
        .when().get("/incidents/{n}", number).then().statusCode(200).body("priority", notNullValue()));

    given().auth().preemptive().basic("sd.anna", "demo").contentType(ContentType.JSON)
        .body(Map.of("impact", "LOW", "urgency", "LOW", "reason", "Cosmetic, one page only"))
        .when().post("/incidents/{n}/priority", number)
        .then().statusCode(200).body("priority", equalTo("P5")).body("impact", equalTo("LOW")).body("urgency", equalTo("LOW"));
    given().auth().preemptive().basic("audit.ada", "demo").when().get("/incidents/{n}/audit", number)
        .then().statusCode(200).body("action", hasItem("REPRIORITISED")).body("action", hasItem("SLA_REBASED"));

    problem(given().auth().preemptive().basic("sd.anna", "demo").contentType(ContentType.JSON)
        .body(Map.of("impact", "HUGE", "urgency", "LOW", "reason", "x")).when().post("/incidents/{n}/priority", number).then(), 400);
    problem(given().auth().preemptive().basic("sd.anna", "demo").contentType(ContentType.JSON)
        .body(Map.of("impact", "LOW", "urgency", "LOW")).when().post("/incidents/{n}/priority", number).then(), 400)
        .body("errors.field", hasItem("reason"));
    problem(given().auth().preemptive().basic("sd.anna", "demo").contentType(ContentType.JSON)
        .body(Map.of("impact", "LOW", "urgency", "LOW", "reason", "x")).when().post("/incidents/{n}/priority", "INC-999999").then(), 404);
    given().auth().preemptive().basic("audit.ada", "demo").contentType(ContentType.JSON)
        .body(Map.of("impact", "HIGH", "urgency", "HIGH", "reason", "x")).when().post("/incidents/{n}/priority", number)
        .then().statusCode(403);
    given().auth().preemptive().basic("sd.anna", "demo").when().get("/incidents/{n}", number).then().body("priority", equalTo("P5"));
  }

  @Test
  void unknownNumbersAndBadQueriesAreProblems() {
    problem(given().auth().preemptive().basic("sd.anna", "demo").when().get("/incidents/INC-999999").then(), 404)
        .body("detail", equalTo("No incident 'INC-999999'"));
    problem(given().auth().preemptive().basic("sd.anna", "demo").queryParam("size", 1000).when().get("/incidents").then(), 400)
        .body("errors.field", hasItem("size"));
    problem(given().auth().preemptive().basic("sd.anna", "demo").queryParam("priority", "P9").when().get("/incidents").then(), 400)
        .body("detail", containsString("P1, P2, P3, P4, P5"));
    problem(given().auth().preemptive().basic("sd.anna", "demo").queryParam("q", "a ! ?").when().get("/incidents").then(), 400)
        .body("errors.field", hasItem("q"));
    problem(given().auth().preemptive().basic("sd.anna", "demo").contentType(ContentType.JSON).body(Map.of("text", ""))
        .when().post("/incidents/{n}/comments", "INC-999999").then(), 400);
    problem(given().auth().preemptive().basic("sd.anna", "demo").contentType(ContentType.JSON).body(Map.of("text", "hello"))
        .when().post("/incidents/{n}/comments", "INC-999999").then(), 404);
  }

  private String report(String title, String ci) {
    return given().auth().preemptive().basic("sd.anna", "demo").contentType(ContentType.JSON)
        .body(Map.of("title", title, "description", title + " since this morning", "caller", "jane@example.com", "ci", ci))
        .when().post("/incidents").then().statusCode(201).extract().path("number");
  }

  private static List<String> search(String q) {
    return given().auth().preemptive().basic("audit.ada", "demo").queryParam("q", q)
        .when().get("/incidents").then().statusCode(200).extract().path("items.number");
  }

  private static io.restassured.response.ValidatableResponse post(String body) {
    return given().auth().preemptive().basic("sd.anna", "demo").contentType(ContentType.JSON).body(body)
        .when().post("/incidents").then();
  }

  private static String json(String field, String value) {
    Map<String, String> body = new java.util.HashMap<>(Map.of("title", "t", "description", "d", "caller", "c"));
    body.put(field, value);
    return new com.fasterxml.jackson.databind.ObjectMapper().valueToTree(body).toString();
  }

  private static io.restassured.response.ValidatableResponse problem(io.restassured.response.ValidatableResponse response, int status) {
    return response.statusCode(status)
        .contentType("application/problem+json")
        .body("status", equalTo(status))
        .body("title", notNullValue());
  }
}
