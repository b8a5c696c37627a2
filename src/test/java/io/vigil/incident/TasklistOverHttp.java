package io.vigil.incident;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** What Tasklist sends to /engine-rest when analysts work an incident, for the tests that drive the whole application. */
public final class TasklistOverHttp {

  private TasklistOverHttp() {}

  /** The id of the task of the incident {@code number} in {@code user}'s queue, or null while there is none. */
  public static String taskOf(String user, String number) {
    List<String> ids = given().auth().preemptive().basic(user, "demo").queryParam("processInstanceBusinessKey", number)
        .get("/engine-rest/task").then().statusCode(200).extract().path("id");
    return ids.isEmpty() ? null : ids.get(0);
  }

  /** A JSON request to /engine-rest as a demo user. */
  public static RequestSpecification engine(String user) {
    return given().auth().preemptive().basic(user, "demo").contentType(ContentType.JSON);
  }

  /**
   * db.dave claims the incident's triage and resolves it as fixed with {@code notes}; sd.anna
   * confirms with the caller; the close worker closes it. Returns once it is CLOSED.
   */
  public static void resolveAndClose(String number, String notes) {
    String triage = await().atMost(Duration.ofSeconds(30)).until(() -> taskOf("db.dave", number), id -> id != null);
    engine("db.dave").body(Map.of("userId", "db.dave")).post("/engine-rest/task/{id}/claim", triage).then().statusCode(204);
    engine("db.dave").body(Map.of("variables", Map.of("triageOutcome", Map.of("value", "RESOLVE"))))
        .post("/engine-rest/task/{id}/submit-form", triage).then().statusCode(204);
    engine("db.dave").body(Map.of("variables", Map.of(
            "resolutionCode", Map.of("value", "FIXED"),
            "resolutionNotes", Map.of("value", notes),
            "rootCauseAnalysisNeeded", Map.of("value", false))))
        .post("/engine-rest/task/{id}/submit-form", taskOf("db.dave", number)).then().statusCode(204);
    String confirm = await().atMost(Duration.ofSeconds(30)).until(() -> taskOf("sd.anna", number), id -> id != null);
    engine("sd.anna").body(Map.of("variables", Map.of("callerConfirmed", Map.of("value", "true"))))
        .post("/engine-rest/task/{id}/submit-form", confirm).then().statusCode(204);
    await().atMost(Duration.ofSeconds(60)).until(() -> given().auth().preemptive().basic("audit.ada", "demo")
        .get("/api/incidents/{n}", number).then().statusCode(200).extract().<String>path("state"), "CLOSED"::equals);
  }
}
