package io.vigil.problem;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;

import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import io.vigil.testing.VigilTest;
import org.springframework.jdbc.core.JdbcTemplate;

/** {@code /api/problems} over HTTP: problem managers open problems and link incidents; everyone reads. */
@VigilTest
class ProblemApiIT {

  @Value("${server.port}") int port;
  @Autowired JdbcTemplate jdbc;

  @BeforeEach
  void setUp() {
    RestAssured.port = port;
    RestAssured.basePath = "/api";
  }

  @Test
  void aProblemManagerOpensAProblemWithItsIncidentsAndEveryoneReadsIt() {
    String first = report("Data warehouse load fails");
    String second = report("Morning figures are missing");

    String location = as("pm.paula").contentType(ContentType.JSON)
        .body(Map.of("title", "Nightly load fails on the warehouse", "description", "Twice this week the load stopped at 02:00.",
            "service", "data-platform", "incidents", List.of(first, second)))
        .when().post("/problems")
        .then().statusCode(201)
        .header("Location", matchesPattern("/api/problems/PRB-\\d{6}"))
        .body("number", matchesPattern("PRB-\\d{6}"))
        .body("state", equalTo("NEW"))
        .body("origin", equalTo("MANUAL"))
        .body("openedBy", equalTo("pm.paula"))
        .body("incidents", contains(first, second))
        .body("knownError", equalTo(false))
        .body("openTasks[0]", containsString("Assess problem"))
        .extract().header("Location");
    String number = location.substring(location.lastIndexOf('/') + 1);

    for (String reader : List.of("sd.anna", "db.dave", "audit.ada")) {
      as(reader).basePath("").when().get(location).then().statusCode(200).body("number", equalTo(number));
    }
    as("audit.ada").when().get("/problems?service=data-platform").then().statusCode(200)
        .body("items.number", hasItem(number)).body("totalItems", notNullValue());
    as("sd.anna").when().get("/incidents/{n}", first).then().statusCode(200).body("problem", equalTo(number));
    as("audit.ada").when().get("/problems/{n}/sla", number).then().statusCode(200)
        .body("kind", contains("KNOWN_ERROR", "RESOLUTION"));
    as("audit.ada").when().get("/problems/{n}/audit", number).then().statusCode(200)
        .body("action", hasItem("INCIDENT_LINKED"));
  }

  @Test
  void incidentsAreLinkedAndUnlinkedAndBelongToOneProblemAtATime() {
    String number = open("Mail delivery delays", null);
    String other = open("Mail server disk fills up", null);
    String incident = report("Mails arrive an hour late");

    as("pm.paula").contentType(ContentType.JSON).body(Map.of("incident", incident))
        .when().post("/problems/{n}/incidents", number)
        .then().statusCode(200).body("incidents", contains(incident));
    problem(as("pm.paula").contentType(ContentType.JSON).body(Map.of("incident", incident))
        .when().post("/problems/{n}/incidents", other).then(), 409)
        .body("detail", equalTo(incident + " belongs to " + number + ": unlink it there first"));
    problem(as("pm.paula").contentType(ContentType.JSON).body(Map.of("incident", "INC-999999"))
        .when().post("/problems/{n}/incidents", number).then(), 404);
    problem(as("pm.paula").contentType(ContentType.JSON).body(Map.of("incident", incident))
        .when().post("/problems/{n}/incidents", "PRB-999999").then(), 404);

    as("pm.paula").when().delete("/problems/{n}/incidents/{i}", number, incident).then().statusCode(204);
    as("pm.paula").when().get("/problems/{n}", number).then().body("incidents", empty());
    problem(as("pm.paula").when().delete("/problems/{n}/incidents/{i}", number, incident).then(), 404);
    as("pm.paula").contentType(ContentType.JSON).body(Map.of("incident", incident))
        .when().post("/problems/{n}/incidents", other).then().statusCode(200);
    as("audit.ada").when().get("/incidents/{n}/audit", incident).then()
        .body("action", hasItemsInOrder("LINKED_TO_PROBLEM", "UNLINKED_FROM_PROBLEM", "LINKED_TO_PROBLEM"));
  }

  @Test
  void onlyProblemManagersAndAdministratorsChangeProblems() {
    String number = open("VPN drops every hour", null);
    String incident = report("VPN dropped again");
    Map<String, Object> body = Map.of("title", "t", "description", "d");
    for (String user : List.of("sd.anna", "db.dave", "audit.ada", "im.ian")) {
      problem(as(user).contentType(ContentType.JSON).body(body).when().post("/problems").then(), 403);
      problem(as(user).contentType(ContentType.JSON).body(Map.of("incident", incident))
          .when().post("/problems/{n}/incidents", number).then(), 403);
      problem(as(user).when().delete("/problems/{n}/incidents/{i}", number, incident).then(), 403);
    }
    problem(given().contentType(ContentType.JSON).body(body).when().post("/problems").then(), 401);
    problem(given().when().get("/problems").then(), 401);
    as("admin").contentType(ContentType.JSON).body(Map.of("incident", incident))
        .when().post("/problems/{n}/incidents", number).then().statusCode(200);
  }

  @Test
  void badInputIsRefusedWithProblemDetailsAndNothingIsWritten() {
    long before = jdbc.queryForObject("SELECT COUNT(*) FROM problem", Long.class);
    problem(post("{\"title\": \"unterminated"), 400);
    problem(post("{}"), 400).body("errors.field", org.hamcrest.Matchers.hasItems("title", "description"));
    problem(post(json("title", "x".repeat(201))), 400).body("errors.field", hasItem("title"));
    problem(post(json("title", "bad\u0000byte")), 400).body("errors.field", contains("title"));
    problem(post(json("ci", "no-such-ci")), 422).body("detail", containsString("unknown configuration item 'no-such-ci'"));
    problem(post(json("service", "no-such-service")), 422).body("detail", containsString("unknown service 'no-such-service'"));
    problem(post("{\"title\":\"t\",\"description\":\"d\",\"incidents\":[\"INC-1\"]}"), 400).body("errors.field", hasItem("incidents[0]"));
    problem(post("{\"title\":\"t\",\"description\":\"d\",\"incidents\":[\"INC-999999\"]}"), 422)
        .body("detail", equalTo("incidents: no incident INC-999999"));
    problem(as("pm.paula").when().get("/problems?state=SOLVED").then(), 400);
    problem(as("pm.paula").when().get("/problems/PRB-999999").then(), 404);
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM problem", Long.class)).as("nothing written").isEqualTo(before);
  }

  @Test
  void tasklistsStartFormOpensAProblemForProblemManagersOnly() {
    Map<String, Object> form = Map.of("variables", Map.of(
        "title", Map.of("value", "Backups overrun their window"),
        "description", Map.of("value", "The nightly backup ran into office hours three times."),
        "service", Map.of("value", "data-platform")));
    given().auth().preemptive().basic("db.dave", "demo").basePath("/engine-rest").contentType(ContentType.JSON).body(form)
        .when().post("/process-definition/key/{key}/submit-form", io.vigil.problem.contract.ProblemProcess.KEY)
        .then().statusCode(404); // the engine does not even show him the definition
    String number = given().auth().preemptive().basic("pm.paula", "demo").basePath("/engine-rest").contentType(ContentType.JSON)
        .body(form).when().post("/process-definition/key/{key}/submit-form", io.vigil.problem.contract.ProblemProcess.KEY)
        .then().statusCode(200).extract().path("businessKey");
    as("audit.ada").when().get("/problems/{n}", number).then().statusCode(200)
        .body("openedBy", equalTo("pm.paula")).body("origin", equalTo("MANUAL")).body("service", equalTo("data-platform"));
  }

  private static org.hamcrest.Matcher<Iterable<? extends String>> hasItemsInOrder(String... actions) {
    return org.hamcrest.Matchers.containsInRelativeOrder(actions);
  }

  private String open(String title, String ci) {
    Map<String, Object> body = new HashMap<>(Map.of("title", title, "description", title + ", several times."));
    if (ci != null) {
      body.put("ci", ci);
    }
    return as("pm.paula").contentType(ContentType.JSON).body(body).when().post("/problems")
        .then().statusCode(201).extract().path("number");
  }

  private String report(String title) {
    String number = as("sd.anna").contentType(ContentType.JSON)
        .body(Map.of("title", title, "description", title + " since this morning.", "caller", "jane@example.com"))
        .when().post("/incidents").then().statusCode(201).extract().path("number");
    await().atMost(Duration.ofSeconds(30)).until(() -> as("sd.anna").when().get("/incidents/{n}", number)
        .then().extract().path("resolverGroup"), group -> group != null);
    return number;
  }

  private static io.restassured.specification.RequestSpecification as(String user) {
    return given().auth().preemptive().basic(user, "demo");
  }

  private static ValidatableResponse post(String body) {
    return as("pm.paula").contentType(ContentType.JSON).body(body).when().post("/problems").then();
  }

  private static String json(String field, String value) {
    Map<String, String> body = new HashMap<>(Map.of("title", "t", "description", "d"));
    body.put(field, value);
    return new com.fasterxml.jackson.databind.ObjectMapper().valueToTree(body).toString();
  }

  private static ValidatableResponse problem(ValidatableResponse response, int status) {
    return response.statusCode(status).contentType("application/problem+json").body("status", equalTo(status));
  }
}
