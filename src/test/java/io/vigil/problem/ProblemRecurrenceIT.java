package io.vigil.problem;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.vigil.testing.VigilTest;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Incidents that keep coming back open a problem by themselves (problem-recurrence.dmn as shipped: 3
 * on an item, or 5 of a category on a service, within 7 days), with the whole application running:
 * reports over the API, the workers classifying, the job executor routing several at once.
 */
@VigilTest
class ProblemRecurrenceIT {

  @Value("${server.port}") int port;
  @Autowired JdbcTemplate jdbc;

  @BeforeEach
  void setUp() {
    RestAssured.port = port;
    RestAssured.basePath = "/api";
  }

  @Test
  void threeIncidentsOnAnItemWithinAWeekOpenOneProblemAndAFourthJoinsIt() {
    List<CompletableFuture<String>> reports = new ArrayList<>();
    for (String title : List.of("Load balancer drops connections", "Checkout unreachable for a minute", "Health checks flap on the load balancer")) {
      reports.add(CompletableFuture.supplyAsync(() -> report(title, "lb-01", null)));
    }
    List<String> first = reports.stream().map(CompletableFuture::join).toList();
    first.forEach(this::routed);

    String problem = await().atMost(Duration.ofSeconds(30)).until(() -> incident(first.get(2)).getString("problem"), p -> p != null);
    assertThat(first).allSatisfy(number -> assertThat(incident(number).getString("problem")).isEqualTo(problem));
    JsonPath opened = problem(problem);
    assertThat(opened.getString("origin")).isEqualTo("RECURRENCE");
    assertThat(opened.getString("ci")).isEqualTo("lb-01");
    assertThat(opened.getString("state")).isEqualTo("NEW");
    assertThat(opened.getList("incidents", String.class)).containsExactlyInAnyOrderElementsOf(first);
    assertThat(opened.getList("openTasks", String.class)).containsExactly(problem + " Assess problem: Recurring incidents: lb-01");
    assertThat(openProblemsOf("lb-01")).as("one open problem per item, though three routings ran at once").isEqualTo(1);

    String fourth = report("Load balancer resets sessions", "lb-01", null);
    routed(fourth);
    assertThat(incident(fourth).getString("problem")).isEqualTo(problem);
    assertThat(openProblemsOf("lb-01")).isEqualTo(1);
  }

  @Test
  void onlyIncidentsWithinTheWindowCount() {
    String oldest = report("Portal sessions lost", "redis-sessions-01", null);
    routed(oldest);
    reportedAgo(oldest, Duration.ofDays(7).plusMinutes(1));
    List<String> recent = new ArrayList<>();
    for (String title : List.of("Portal logs users out", "Portal forgets the basket")) {
      String number = report(title, "redis-sessions-01", null);
      routed(number);
      recent.add(number);
    }
    assertThat(incident(recent.get(1)).getString("problem")).as("two within seven days, one a minute too old").isNull();

    reportedAgo(oldest, Duration.ofDays(7).minusMinutes(1));
    String third = report("Portal sessions expire at once", "redis-sessions-01", null);
    routed(third);
    String problem = incident(third).getString("problem");
    assertThat(problem).as("within the window now: four").isNotNull();
    assertThat(problem(problem).getList("incidents", String.class)).containsExactlyInAnyOrder(oldest, recent.get(0), recent.get(1), third);
  }

  @Test
  void fiveOfOneCategoryOnAServiceWithinAWeekOpenAProblemOfTheService() {
    List<String> numbers = new ArrayList<>();
    for (int i = 1; i <= 5; i++) {
      String number = report("Printer on floor " + i + " jams on every page", null, "workplace");
      routed(number);
      numbers.add(number);
    }
    String category = incident(numbers.get(0)).getString("category");
    assertThat(numbers).allSatisfy(number -> assertThat(incident(number).getString("category")).isEqualTo(category));

    String problem = incident(numbers.get(4)).getString("problem");
    assertThat(problem).isNotNull();
    assertThat(numbers).allSatisfy(number -> assertThat(incident(number).getString("problem")).isEqualTo(problem));
    JsonPath opened = problem(problem);
    assertThat(opened.getString("service")).isEqualTo("workplace");
    assertThat(opened.getString("ci")).isNull();
    assertThat(opened.getString("title")).isEqualTo("Recurring incidents: " + category + " on workplace");
  }

  private String report(String title, String ci, String service) {
    Map<String, Object> body = new HashMap<>(Map.of("title", title, "description", title + ", since this morning.",
        "caller", "ops@example.com"));
    if (ci != null) {
      body.put("ci", ci);
    }
    if (service != null) {
      body.put("service", service);
    }
    return given().auth().preemptive().basic("sd.anna", "demo").contentType(ContentType.JSON).body(body)
        .when().post("/incidents").then().statusCode(201).extract().path("number");
  }

  private void routed(String number) {
    await().atMost(Duration.ofSeconds(30)).until(() -> incident(number).getString("resolverGroup"), group -> group != null);
  }

  private JsonPath incident(String number) {
    return given().auth().preemptive().basic("sd.anna", "demo").when().get("/incidents/{n}", number)
        .then().statusCode(200).extract().jsonPath();
  }

  private JsonPath problem(String number) {
    return given().auth().preemptive().basic("pm.paula", "demo").when().get("/problems/{n}", number)
        .then().statusCode(200).extract().jsonPath();
  }

  private long openProblemsOf(String ci) {
    return jdbc.queryForObject("SELECT COUNT(*) FROM problem WHERE ci_id = ? AND state NOT IN ('RESOLVED', 'CLOSED', 'REJECTED')",
        Long.class, ci);
  }

  /** As if reported {@code ago} before now. */
  private void reportedAgo(String number, Duration ago) {
    jdbc.update("UPDATE incident SET reported_at = ? WHERE number = ?",
        OffsetDateTime.now(ZoneOffset.UTC).minus(ago), number);
  }
}
