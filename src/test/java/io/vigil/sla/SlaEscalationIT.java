package io.vigil.sla;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.vigil.testing.TestClock;
import io.vigil.testing.VigilTest;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;

/**
 * The SLA clocks drive escalation on their own: once thresholds are due, the member's ticker fires
 * each one once through the Hazelcast schedule, the model's escalation sub-process runs the
 * escalate worker, and the ticket records the breach.
 */
@VigilTest
class SlaEscalationIT {

  @Value("${server.port}") int port;
  @Autowired TestClock clock;
  @Autowired TaskService tasks;

  @BeforeEach
  void setUp() {
    RestAssured.port = port;
    RestAssured.basePath = "/api";
  }

  @AfterEach
  void putTheClockBack() {
    clock.reset();
  }

  @Test
  void dueThresholdsFireOnceEachAndEscalate() {
    String number = given().auth().preemptive().basic("sd.anna", "demo").contentType(ContentType.JSON)
        .body(Map.of("title", "Checkout search shows stale prices", "description", "Prices in search results lag the catalogue",
            "caller", "ops@example.com", "service", "checkout", "impact", "MEDIUM", "urgency", "MEDIUM"))
        .when().post("/incidents").then().statusCode(201).extract().path("number");
    await().atMost(Duration.ofSeconds(30)).until(() -> sla(number).getList("kind").size() == 2);

    // P3 on checkout, around the clock: response 1 h, resolution 9 h. Seven hours later nobody has
    // acknowledged it: the response clock is breached, the resolution clock past 75 %.
    clock.advance(Duration.ofHours(7));

    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
      JsonPath clocks = sla(number);
      assertThat(clocks.<List<Integer>>getList("thresholdsFired"))
          .containsExactly(List.of(50, 75, 100), List.of(50, 75));
      assertThat(clocks.getList("state")).containsExactly("BREACHED", "RUNNING");
      assertThat(clocks.getString("[0].breachedAt")).isNotNull();
    });
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(actions(number)).contains("ESCALATED"));
    // The triage task opened with the 50 % mark as its follow-up date; it now shows the next one: the resolution target.
    Instant resolutionDue = Instant.parse(sla(number).getString("[1].dueAt")).truncatedTo(ChronoUnit.MILLIS);
    await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(tasks.createTaskQuery().processInstanceBusinessKey(number)
        .taskDefinitionKey("Task_Triage").singleResult().getFollowUpDate().toInstant()).isEqualTo(resolutionDue));
    // Fired once each, and nothing more while the member keeps ticking.
    await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
      assertThat(actions(number).stream().filter("SLA_THRESHOLD_REACHED"::equals)).hasSize(5);
      assertThat(actions(number).stream().filter("SLA_BREACHED"::equals)).hasSize(1);
    });
  }

  private static JsonPath sla(String number) {
    return given().auth().preemptive().basic("audit.ada", "demo").get("/incidents/{n}/sla", number)
        .then().statusCode(200).extract().jsonPath();
  }

  private static List<String> actions(String number) {
    return given().auth().preemptive().basic("audit.ada", "demo").get("/incidents/{n}/audit", number)
        .then().statusCode(200).extract().jsonPath().getList("action");
  }
}
