package io.vigil.incident;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.*;

import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.vigil.testing.VigilTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;

/** {@code /api/incidents/similar} over HTTP: closed incidents ranked by their words, filtered by service. */
@VigilTest
class SimilarIncidentsApiIT {

  @Value("${server.port}") int port;
  @Autowired JdbcTemplate jdbc;

  /** A word of this run's own, so that incidents of other tests never rank among this test's. */
  private final String token = "zq" + System.nanoTime();

  @BeforeEach
  void setUp() {
    RestAssured.port = port;
    RestAssured.basePath = "";
  }

  @Test
  void closedIncidentsAreFoundBestFirstTheTitleWeighingMostAndByService() {
    String run = token.substring(token.length() - 8);
    String inTitle = closed("S" + run + "-1", "Spooler hangs " + token, "Labels stop printing at the dock.", "checkout", "FIXED",
        "Cleared the spool directory and restarted the service");
    String inDescription = closed("S" + run + "-2", "Dock labels missing " + token, "The spooler hangs every morning.", "checkout",
        "WORKAROUND", "Printed from the spare station");
    String otherService = closed("S" + run + "-3", "Spooler hangs on the mail relay " + token, "Relay queue stalls.", "email",
        "FIXED", "Restarted the relay");
    jdbc.update("""
            INSERT INTO incident (number, state, title, description, caller, reported_by, service_id, reported_at, updated_at)
            VALUES (?, 'IN_PROGRESS', ?, 'Still open', 'test', 'test', 'checkout', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)""",
        "S" + run + "-4", "Spooler hangs " + token);
    try {
      await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
          assertThat(numbers(similar(Map.of("q", "spooler hanging " + token, "size", "20"))))
              .as("the still open incident is not among them").startsWith(inTitle, otherService, inDescription)
              .doesNotContain("S" + run + "-4"));

      ValidatableResponse checkout = similar(Map.of("q", "spooler hangs " + token, "service", "checkout"))
          .body("[0].title", equalTo("Spooler hangs " + token))
          .body("[0].service", equalTo("checkout"))
          .body("[0].resolutionCode", equalTo("FIXED"))
          .body("[0].resolutionNotes", equalTo("Cleared the spool directory and restarted the service"))
          .body("[0].closedAt", notNullValue())
          .body("[0].score", greaterThan(0f))
          .body("[0]", hasKey("ci"));
      assertThat(numbers(checkout)).startsWith(inTitle, inDescription).doesNotContain(otherService);
      assertThat(numbers(similar(Map.of("q", "spooler " + token, "service", "email")))).startsWith(otherService)
          .doesNotContain(inTitle, inDescription);
      assertThat(numbers(similar(Map.of("q", token, "service", "payments")))).isEmpty();
      assertThat(numbers(similar(Map.of("q", "spooler " + token, "size", "1")))).containsExactly(inTitle);
    } finally {
      jdbc.update("DELETE FROM incident WHERE number LIKE ?", "S" + run + "-%");
    }
  }

  @Test
  void anIncidentClosedThroughItsLifecycleIsFoundWithItsResolution() {
    String number = given().auth().preemptive().basic("sd.anna", "demo").contentType(ContentType.JSON)
        .body(Map.of("title", "Nightly invoice run aborts " + token, "description", "The invoice batch stops at the tax step",
            "caller", "finance@example.com", "ci", "pg-orders-01"))
        .when().post("/api/incidents").then().statusCode(201).extract().path("number");
    TasklistOverHttp.resolveAndClose(number, "Raised the statement timeout of the invoice batch user");

    await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> similar(Map.of("q", "invoice statement timeout " + token))
        .body("number", contains(number))
        .body("[0].ci", equalTo("pg-orders-01"))
        .body("[0].service", equalTo("checkout"))
        .body("[0].resolutionCode", equalTo("FIXED"))
        .body("[0].resolutionNotes", equalTo("Raised the statement timeout of the invoice batch user")));
  }

  @Test
  void badQueriesAreRefusedWithProblemDetails() {
    problem(similarAs(Map.of()), 400).body("detail", containsString("q"));
    problem(similarAs(Map.of("q", "a")), 400).body("errors.field", hasItem("q"));
    problem(similarAs(Map.of("q", "# ? !")), 400).body("errors.message", hasItem("needs a word of two or more letters or digits"));
    problem(similarAs(Map.of("q", "x".repeat(201))), 400).body("errors.field", hasItem("q"));
    problem(similarAs(Map.of("q", "spooler", "size", "21")), 400).body("errors.field", hasItem("size"));
    problem(similarAs(Map.of("q", "spooler", "size", "0")), 400).body("errors.field", hasItem("size"));
    problem(similarAs(Map.of("q", "spooler", "service", "Not A Service")), 400).body("errors.field", hasItem("service"));
    given().when().get("/api/incidents/similar?q=spooler").then().statusCode(401);
    similar(Map.of("q", "\"spooler AND (hangs: NOT " + token)).body("", notNullValue());
  }

  private String closed(String number, String title, String description, String service, String code, String notes) {
    jdbc.update("""
            INSERT INTO incident (number, state, title, description, caller, reported_by, service_id, resolution_code,
              resolution_notes, reported_at, resolved_at, closed_at, updated_at)
            VALUES (?, 'CLOSED', ?, ?, 'test', 'test', ?, ?, ?, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)""",
        number, title, description, service, code, notes);
    return number;
  }

  private static ValidatableResponse similar(Map<String, String> params) {
    return similarAs(params).statusCode(200);
  }

  private static ValidatableResponse similarAs(Map<String, String> params) {
    return given().auth().preemptive().basic("audit.ada", "demo").queryParams(params).when().get("/api/incidents/similar").then();
  }

  private static List<String> numbers(ValidatableResponse response) {
    return response.extract().path("number");
  }

  private static ValidatableResponse problem(ValidatableResponse response, int status) {
    return response.statusCode(status)
        .contentType("application/problem+json")
        .body("status", equalTo(status))
        .body("title", notNullValue());
  }
}
