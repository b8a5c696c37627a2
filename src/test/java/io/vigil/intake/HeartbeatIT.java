package io.vigil.intake;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.vigil.testing.TestClock;
import io.vigil.testing.VigilTest;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;

/** {@code /api/heartbeats}: monitors managed by users, pinged by scheduled jobs with a token. */
@VigilTest
class HeartbeatIT {

  @Value("${server.port}") int port;
  @Autowired HeartbeatWatch watch;
  @Autowired TestClock clock;

  @BeforeEach
  void setUp() {
    RestAssured.port = port;
    RestAssured.basePath = "/api";
  }

  @AfterEach
  void resetClock() {
    clock.reset();
  }

  @Test
  void aMissedRunOpensOneIncidentAndTheNextPingRecordsRecovery() {
    String name = "nightly-backup-" + System.nanoTime();
    create(name, "PT1H", "PT10M", "pg-orders-01", "P2").statusCode(201)
        .header("Location", equalTo("/api/heartbeats/" + name))
        .body("status", equalTo("NEW"))
        .body("createdBy", equalTo("db.dave"));
    ping(name).statusCode(200).body("status", equalTo("UP")).body("pingCount", equalTo(1));

    clock.advance(Duration.ofMinutes(71));
    watch.check();
    watch.check();
    String number = read("/heartbeats/{n}", name).body("status", equalTo("DOWN")).body("incident", notNullValue())
        .extract().path("incident");
    read("/incidents/{n}", number)
        .body("title", equalTo("Scheduled job " + name + " missed its run"))
        .body("ci", equalTo("pg-orders-01"))
        .body("reportedBy", equalTo("heartbeat"))
        .body("caller", equalTo("Heartbeat monitor " + name));
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> read("/incidents/{n}", number)
        .body("state", equalTo("ASSIGNED")).body("priority", equalTo("P2")));

    clock.advance(Duration.ofHours(2));
    watch.check();
    read("/heartbeats/{n}", name).body("incident", equalTo(number));

    ping(name).statusCode(200).body("status", equalTo("UP")).body("incident", nullValue());
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> read("/incidents/{n}", number)
        .body("state", equalTo("CLOSED")).body("resolutionCode", equalTo("RECOVERED")));
    read("/incidents/{n}/audit", number).body("detail", hasItem(containsString("heartbeat " + name + " ran well again")));
  }

  @Test
  void aFailedRunOpensAnIncidentOnceAndFurtherFailuresJoinIt() {
    String name = "invoice-export-" + System.nanoTime();
    create(name, "PT15M", null, null, null).statusCode(201).body("priority", equalTo("P3")).body("grace", equalTo("PT0S"));

    String number = given().header("Authorization", "Bearer demo-heartbeats").body("exit code 3: disk full")
        .when().post("/heartbeats/{n}/fail", name)
        .then().statusCode(200).body("status", equalTo("DOWN")).body("lastFailure", equalTo("exit code 3: disk full"))
        .extract().path("incident");
    read("/incidents/{n}", number).body("title", equalTo("Scheduled job " + name + " failed"))
        .body("description", containsString("exit code 3: disk full"));
    given().header("Authorization", "Bearer demo-heartbeats").contentType(ContentType.URLENC).body("exit 4")
        .when().post("/heartbeats/{n}/fail", name)
        .then().statusCode(200).body("incident", equalTo(number)).body("failureCount", equalTo(2))
        .body("lastFailure", equalTo("exit 4"));
    read("/incidents/{n}/audit", number).body("action", hasItems("REPORTED", "HEARTBEAT_FAILED"));
  }

  @Test
  void aFailureReasonWithControlCharactersIsKeptWithThemReplaced() {
    String name = "ledger-close-" + System.nanoTime();
    create(name, "PT1H", null, null, null).statusCode(201);

    String number = given().header("Authorization", "Bearer demo-heartbeats").contentType(ContentType.TEXT).body("exit\u0000 3\u0007")
        .when().post("/heartbeats/{n}/fail", name)
        .then().statusCode(200).body("lastFailure", equalTo("exit\uFFFD 3\uFFFD")).extract().path("incident");
    read("/incidents/{n}", number).body("description", containsString("exit\uFFFD 3\uFFFD"));
  }

  @Test
  void monitorsAreManagedAndBadInputIsRefused() {
    String name = "report-build-" + System.nanoTime();
    create(name, "PT24H", "PT1H", null, "P4").statusCode(201);
    create(name, "PT24H", "PT1H", null, "P4").statusCode(409).contentType("application/problem+json");
    read("/heartbeats", null).body("name", hasItem(name));

    Map<String, Object> change = body(name, "PT12H", "PT30M", "pg-orders-01", "P2");
    given().auth().preemptive().basic("db.dave", "demo").contentType(ContentType.JSON).body(change)
        .when().put("/heartbeats/{n}", name).then().statusCode(200).body("period", equalTo("PT12H")).body("priority", equalTo("P2"));
    given().auth().preemptive().basic("db.dave", "demo").contentType(ContentType.JSON).body(change)
        .when().put("/heartbeats/{n}", "other-name").then().statusCode(422);

    create("Bad Name", "PT1H", null, null, null).statusCode(400).body("errors.field", hasItem("name"));
    create("x-" + System.nanoTime(), "PT30S", null, null, null).statusCode(422).body("errors[0].field", equalTo("period"));
    create("x-" + System.nanoTime(), "every hour", null, null, null).statusCode(400);
    create("x-" + System.nanoTime(), "PT1H", "-PT1M", null, null).statusCode(422).body("errors[0].field", equalTo("grace"));
    create("x-" + System.nanoTime(), "PT1H", null, "no-such-ci", null).statusCode(422).body("errors[0].field", equalTo("ci"));
    create("x-" + System.nanoTime(), "PT1H", null, null, "P9").statusCode(400);

    given().header("Authorization", "Bearer demo-heartbeats").when().post("/heartbeats/{n}", "no-such-job").then().statusCode(404);
    given().header("Authorization", "Bearer wrong").when().post("/heartbeats/{n}", name).then().statusCode(401);
    given().header("Authorization", "Bearer demo-alerts").when().post("/heartbeats/{n}", name).then().statusCode(401);
    given().header("Authorization", "Bearer demo-heartbeats").contentType(ContentType.JSON).body(body("y", "PT1H", null, null, null))
        .when().post("/heartbeats").then().statusCode(401);
    given().auth().preemptive().basic("audit.ada", "demo").when().post("/heartbeats/{n}", name).then().statusCode(403);
    given().auth().preemptive().basic("db.dave", "demo").when().post("/heartbeats/{n}", name).then().statusCode(200)
        .body("status", equalTo("UP"));

    given().auth().preemptive().basic("db.dave", "demo").when().delete("/heartbeats/{n}", name).then().statusCode(204);
    given().auth().preemptive().basic("db.dave", "demo").when().get("/heartbeats/{n}", name).then().statusCode(404);
  }

  private static ValidatableResponse create(String name, String period, String grace, String ci, String priority) {
    return given().auth().preemptive().basic("db.dave", "demo").contentType(ContentType.JSON)
        .body(body(name, period, grace, ci, priority)).when().post("/heartbeats").then();
  }

  private static Map<String, Object> body(String name, String period, String grace, String ci, String priority) {
    Map<String, Object> body = new HashMap<>();
    body.put("name", name);
    body.put("period", period);
    body.put("grace", grace);
    body.put("ci", ci);
    body.put("priority", priority);
    return body;
  }

  private static ValidatableResponse ping(String name) {
    return given().header("Authorization", "Bearer demo-heartbeats").when().post("/heartbeats/{n}", name).then();
  }

  private static ValidatableResponse read(String path, String name) {
    return (name == null ? given().auth().preemptive().basic("audit.ada", "demo").when().get(path)
        : given().auth().preemptive().basic("audit.ada", "demo").when().get(path, name)).then().statusCode(200);
  }
}
