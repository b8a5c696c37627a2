package io.vigil.workers.change;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.is;

import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.vigil.change.contract.ChangeProcess;
import io.vigil.testing.VigilTest;
import io.vigil.workers.support.ChangeWindows;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;

/**
 * The risk worker as it runs: changes requested over the API, change.assess-risk fetched from the
 * engine's REST API, the factors read from /api, weighed by change-risk.dmn, read back from the
 * change. Each test plans its windows at an hour of its own, so that one test's changes never
 * overlap another's, and cancels what it left open.
 */
@VigilTest
class ChangeWorkersIT {

  static final String ORDERS_DB = "pg-orders-01";
  /** LOW criticality: one failed change is what makes the difference between LOW and MEDIUM. */
  static final String WAREHOUSE = "dwh-01";
  static final Duration NOTICE = Duration.ofDays(5);
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);
  private static final Pattern LEAD_TIME = Pattern.compile("(?m)^Lead time: (\\d+) h from the request");

  @Value("${server.port}") int port;
  @Autowired TaskService tasks;
  @Autowired IdentityService identity;

  private final List<String> requested = new ArrayList<>();

  @BeforeEach
  void setUp() {
    RestAssured.port = port;
    RestAssured.basePath = "/api";
  }

  /**
   * As the administrator: for now the engine refuses the requester's and the change managers' own
   * cancellation (they hold no UPDATE on the change's process instance). 409: past its start.
   */
  @AfterEach
  void cancelWhatIsStillOpen() {
    for (String number : requested) {
      given().auth().preemptive().basic("admin", "demo").contentType(ContentType.JSON)
          .body(Map.of("reason", "End of the test")).when().post("/changes/{n}/cancellation", number)
          .then().statusCode(anyOf(is(200), is(409)));
    }
  }

  @Test
  void aPreparedChangeWithNoticeOnAHighCriticalityItemIsMediumRisk() {
    String number = request(ORDERS_DB, "Raise max_connections on the orders database", "NORMAL",
        ChangeWindows.outsideFreeze(NOTICE, 1, Duration.ofHours(1)), true);

    JsonPath change = assessed(number);
    assertThat(change.getString("risk")).isEqualTo("MEDIUM");
    String factors = change.getString("riskFactors");
    assertThat(factors.lines()).contains(
        "Configuration items: 1, highest criticality HIGH",
        "  pg-orders-01 Orders PostgreSQL primary: HIGH",
        "Back-out plan: yes",
        "Failed changes on these items in the last 90 days: none",
        "Other changes on these items in the window: none");
    assertThat(leadTimeHours(factors)).isGreaterThan(72);
  }

  @Test
  void withoutABackOutPlanTheSameChangeIsHighRisk() {
    String number = request(ORDERS_DB, "Raise max_connections on the orders database", "NORMAL",
        ChangeWindows.outsideFreeze(NOTICE, 3, Duration.ofHours(1)), false);

    JsonPath change = assessed(number);
    assertThat(change.getString("risk")).isEqualTo("HIGH");
    assertThat(change.getString("riskFactors").lines()).contains("Back-out plan: none",
        "Other changes on these items in the window: none");
    assertThat(leadTimeHours(change.getString("riskFactors"))).isGreaterThan(72);
  }

  @Test
  void aSecondChangeOverlappingTheFirstOnTheSameItemNamesTheConflictAndIsHighRisk() {
    OffsetDateTime[] window = ChangeWindows.outsideFreeze(NOTICE, 5, Duration.ofHours(2));
    String first = request(ORDERS_DB, "Raise max_connections", "NORMAL", window, true);
    assertThat(assessed(first).getString("risk")).as("alone in its window").isEqualTo("MEDIUM");

    String second = request(ORDERS_DB, "Vacuum the orders tables", "NORMAL",
        new OffsetDateTime[] {window[0].plusHours(1), window[1].plusHours(1)}, true);

    JsonPath change = assessed(second);
    assertThat(change.getList("conflicts.number", String.class)).containsExactly(first);
    assertThat(change.getString("riskFactors").lines()).contains(
        "Back-out plan: yes",
        "Other changes on these items in the window: 1",
        "  " + first + " " + TIME.format(window[0]) + " to " + TIME.format(window[1])
            + " on pg-orders-01: Raise max_connections");
    assertThat(change.getString("risk")).as("a conflict on a HIGH item").isEqualTo("HIGH");
  }

  /**
   * The failed change goes the whole way through its process: an emergency change starting now,
   * approved by a change manager, reported failed by its implementer, backed out and reviewed.
   */
  @Test
  void aChangeThatFailedOnTheItemLatelyCountsAgainstTheNextOne() {
    String before = request(WAREHOUSE, "Reindex the reporting tables", "NORMAL",
        ChangeWindows.outsideFreeze(NOTICE, 7, Duration.ofHours(1)), true);
    JsonPath unblemished = assessed(before);
    assertThat(unblemished.getString("risk")).as("nothing failed on the item yet").isEqualTo("LOW");
    assertThat(unblemished.getString("riskFactors").lines()).contains("Failed changes on these items in the last 90 days: none");

    String failed = failedChange(WAREHOUSE, "Reindex the reporting tables at once");

    String after = request(WAREHOUSE, "Reindex the reporting tables", "NORMAL",
        ChangeWindows.outsideFreeze(NOTICE, 9, Duration.ofHours(1)), true);
    JsonPath change = assessed(after);
    assertThat(change.getString("riskFactors").lines())
        .contains("Failed changes on these items in the last 90 days: 1 (" + failed + ")",
            "Back-out plan: yes", "Other changes on these items in the window: none");
    assertThat(change.getString("risk")).as("one failure lately").isEqualTo("MEDIUM");
  }

  /** An emergency change on the item from now, through approval, implementation, back-out and review to FAILED. */
  private String failedChange(String ci, String title) {
    OffsetDateTime start = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MINUTES).minusMinutes(1);
    String number = request(ci, title, "EMERGENCY", new OffsetDateTime[] {start, start.plusHours(1)}, true);
    await().atMost(Duration.ofSeconds(30)).until(() -> change(number).getString("state"), "AWAITING_APPROVAL"::equals);
    given().auth().preemptive().basic("cm.chris", "demo").contentType(ContentType.JSON).body(Map.of("decision", "APPROVE"))
        .when().post("/changes/{n}/approvals", number).then().statusCode(200);

    await().atMost(Duration.ofSeconds(60)).until(() -> change(number).getString("state"), "IMPLEMENTING"::equals);
    given().auth().preemptive().basic("db.dave", "demo").contentType(ContentType.JSON)
        .body(Map.of("result", "FAILED", "notes", "The reindex locked the fact tables; the nightly load queued up."))
        .when().post("/changes/{n}/implementation", number).then().statusCode(200);
    complete(number, ChangeProcess.Elements.BACK_OUT, "db.dave", "database",
        Map.of(ChangeProcess.Variables.BACKOUT_NOTES, "Cancelled the reindex; the load ran afterwards."));
    complete(number, ChangeProcess.Elements.REVIEW, "cab.carl", "cab",
        Map.of(ChangeProcess.Variables.REVIEW_NOTES, "Reindex concurrently next time."));

    await().atMost(Duration.ofSeconds(30)).until(() -> change(number).getString("state"), "FAILED"::equals);
    return number;
  }

  /** Claims and completes the step as the person, in Tasklist's place. */
  private void complete(String number, String element, String user, String group, Map<String, Object> variables) {
    Task task = await().atMost(Duration.ofSeconds(30)).until(() -> tasks.createTaskQuery().processInstanceBusinessKey(number)
        .taskDefinitionKey(element).singleResult(), t -> t != null);
    identity.setAuthentication(user, List.of(group));
    try {
      tasks.claim(task.getId(), user);
      tasks.complete(task.getId(), variables);
    } finally {
      identity.clearAuthentication();
    }
  }

  private String request(String ci, String title, String type, OffsetDateTime[] window, boolean backoutPlan) {
    Map<String, Object> request = new HashMap<>();
    request.put("title", title);
    request.put("description", title + ": the plan the DBAs agreed on.");
    request.put("type", type);
    request.put("cis", List.of(ci));
    request.put("plannedStart", window[0].toString());
    request.put("plannedEnd", window[1].toString());
    request.put("implementationPlan", "Run the prepared script in the window, then check the application's health.");
    if (backoutPlan) {
      request.put("backoutPlan", "Run the prepared reverse script and restart.");
    }
    request.put("implementerGroup", "database");
    String number = given().auth().preemptive().basic("db.dave", "demo").contentType(ContentType.JSON).body(request)
        .when().post("/changes").then().statusCode(201).extract().path("number");
    requested.add(number);
    return number;
  }

  /** The change once the worker's factors were weighed. */
  private JsonPath assessed(String number) {
    return await().atMost(Duration.ofSeconds(30)).until(() -> change(number), change -> change.getString("risk") != null);
  }

  private JsonPath change(String number) {
    return given().auth().preemptive().basic("db.dave", "demo").when().get("/changes/{n}", number)
        .then().statusCode(200).extract().jsonPath();
  }

  private static long leadTimeHours(String factors) {
    Matcher lead = LEAD_TIME.matcher(factors);
    assertThat(lead.find()).as("a lead time in " + factors).isTrue();
    return Long.parseLong(lead.group(1));
  }
}
