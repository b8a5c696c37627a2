package io.vigil.history;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.*;

import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.vigil.incident.IncidentDriver;
import io.vigil.incident.IncidentRepository;
import io.vigil.incident.IncidentService;
import io.vigil.incident.contract.IncidentProcess;
import io.vigil.notify.contract.NotificationProcess;
import io.vigil.incident.contract.Level;
import io.vigil.security.VigilGroup;
import io.vigil.testing.VigilTest;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;

/**
 * {@code /api/history} over HTTP: an incident worked to CLOSED by the analysts (as themselves) and
 * the workers, then found and read by an auditor, with Basic credentials and with a Cockpit session.
 */
@VigilTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HistoryApiIT {

  private static final String TITLE = "Orders database deadlocks during the nightly export";

  @Value("${server.port}") int port;
  @Autowired ProcessEngine engine;
  @Autowired IncidentService incidents;
  @Autowired IncidentRepository tickets;

  private String number;
  private OffsetDateTime reportedAt;

  @BeforeEach
  void setUp() {
    RestAssured.port = port;
    RestAssured.basePath = "";
  }

  /** One incident, reported, triaged, resolved, confirmed and closed, read by every test. */
  @BeforeAll
  void closeAnIncident() {
    setUp();
    IncidentDriver driver = new IncidentDriver(engine, incidents, tickets);
    ProcessInstance instance = driver.report(TITLE, "pg-orders-01", Level.MEDIUM, Level.MEDIUM);
    number = instance.getBusinessKey();
    reportedAt = driver.ticket(instance).reportedAt();
    // The workers classify it and the engine routes it to the database group.
    await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> driver.task(instance, IncidentProcess.Elements.TRIAGE) != null);
    driver.triage(instance, "db.dave", VigilGroup.DATABASE, Map.of(IncidentProcess.Variables.TRIAGE_OUTCOME, "RESOLVE"));
    driver.resolve(instance, "db.dave", VigilGroup.DATABASE);
    driver.confirm(instance, true);
    await().atMost(Duration.ofSeconds(30)).until(() -> "CLOSED".equals(driver.ticket(instance).state().name()));
  }

  @Test
  void theTimelineMergesTheAuditTrailWithTheEnginesHistory() {
    JsonPath history = asAuditor().get("/api/history/tickets/{n}", number).then().statusCode(200).extract().jsonPath();

    assertThat(history.getString("ticket.number")).isEqualTo(number);
    assertThat(history.getString("ticket.type")).isEqualTo("INCIDENT");
    assertThat(history.getString("ticket.state")).isEqualTo("CLOSED");
    assertThat(history.getString("ticket.group")).isEqualTo("database");
    assertThat(history.getString("ticket.title")).isEqualTo(TITLE);

    List<Map<String, Object>> timeline = history.getList("timeline");
    assertThat(timeline).extracting(e -> OffsetDateTime.parse((String) e.get("at")))
        .as("sorted by time").isSortedAccordingTo(OffsetDateTime::compareTo);
    assertThat(timeline).filteredOn(e -> "audit".equals(e.get("source"))).extracting(e -> e.get("what") + " by " + e.get("actor"))
        .containsSubsequence("REPORTED by sd.anna", "PRIORITISED by vigil", "ROUTED by vigil", "ACKNOWLEDGED by db.dave",
            "RESOLVED by db.dave", "CALLER_CONFIRMED by sd.anna", "CLOSED by vigil-worker");

    // The priority and routing tables, with what they were given and what they answered.
    Map<String, Object> priority = only(timeline, "decision", "Decision: Incident priority");
    assertThat(values(priority, "inputs")).containsEntry("Impact", "MEDIUM").containsEntry("Urgency", "MEDIUM");
    assertThat(values(priority, "outputs")).containsKey("Priority");
    Map<String, Object> routing = only(timeline, "decision", "Decision: Incident routing");
    assertThat(values(routing, "inputs")).containsEntry("Configuration item", "pg-orders-01");
    assertThat(values(routing, "outputs")).containsEntry("Resolver group", "database");

    // Who claimed and completed each task, and with what.
    assertThat(timeline).filteredOn(e -> "task".equals(e.get("source")))
        .extracting(e -> e.get("what") + " by " + e.get("actor"))
        .contains("Claim task: " + number + " Triage and investigate: " + TITLE + " by db.dave",
            "Task completed: " + number + " Triage and investigate: " + TITLE + " by db.dave",
            "Task completed: " + number + " Resolve: " + TITLE + " by db.dave",
            "Task completed: " + number + " Confirm with caller: " + TITLE + " by sd.anna");
    Map<String, Object> resolved = only(timeline, "task", "Task completed: " + number + " Resolve: " + TITLE);
    assertThat(details(resolved).get("values")).asInstanceOf(InstanceOfAssertFactories.MAP)
        .containsEntry(IncidentProcess.Variables.RESOLUTION_CODE, "FIXED")
        .containsEntry(IncidentProcess.Variables.RESOLUTION_NOTES, "Restarted the pool and added the missing index.");
    assertThat(timeline).filteredOn(e -> "variable".equals(e.get("source"))).extracting(e -> details(e).get("name"))
        .as("values submitted with a task are not repeated as variable changes")
        .contains(IncidentProcess.Variables.TITLE).doesNotContain(IncidentProcess.Variables.RESOLUTION_NOTES);

    // Activities with their start and end, and the operation log beyond the tasks.
    Map<String, Object> close = only(timeline, "activity", "Close");
    assertThat(details(close)).containsEntry("activityId", IncidentProcess.Elements.CLOSE).containsKeys("startedAt", "endedAt");
    assertThat(details(close).get("endedAt")).isNotNull();
    assertThat(timeline).filteredOn(e -> "operation".equals(e.get("source")))
        .extracting(e -> e.get("what") + " by " + e.get("actor")).contains("Create ProcessInstance by sd.anna");
  }

  @Test
  void theDiagramShowsThePathTaken() {
    JsonPath history = asAuditor().get("/api/history/tickets/{n}", number).then().statusCode(200).extract().jsonPath();
    assertThat(history.getList("diagram.processDefinitionKey", String.class)).as("the incident's, and its paging's if it paged")
        .startsWith(IncidentProcess.KEY).doesNotContain(NotificationProcess.KEY);
    assertThat(history.getString("diagram[0].bpmnXml")).contains("<bpmn:process id=\"" + IncidentProcess.KEY + "\"");
    assertThat(history.getList("diagram[0].activitiesTaken", String.class)).contains(IncidentProcess.Elements.START,
        IncidentProcess.Elements.TRIAGE, IncidentProcess.Elements.CLOSE, IncidentProcess.Elements.CLOSED)
        .doesNotContain(IncidentProcess.Elements.REASSIGN, IncidentProcess.Elements.COORDINATE_MAJOR_INCIDENT);
    assertThat(history.getList("diagram[0].flowsTaken", String.class)).isNotEmpty();
  }

  @Test
  void theSearchFindsTheTicketByNumberStateGroupAndPeriod() {
    assertThat(search(Map.of("number", number))).containsExactly(number);
    assertThat(search(Map.of("state", "CLOSED", "type", "INCIDENT", "size", 100))).contains(number);
    assertThat(search(Map.of("state", "CLOSED", "group", "database", "size", 100))).contains(number);
    assertThat(search(Map.of("number", number, "from", reportedAt.minusHours(1).toString(), "to", reportedAt.plusHours(1).toString())))
        .containsExactly(number);
    assertThat(search(Map.of("number", number, "to", reportedAt.minusHours(1).toString())))
        .as("reported after the period ended").isEmpty();
    assertThat(search(Map.of("number", number, "from", OffsetDateTime.now(ZoneOffset.UTC).plusHours(1).toString())))
        .as("closed before the period started").isEmpty();
    assertThat(search(Map.of("number", number, "state", "IN_PROGRESS"))).isEmpty();
    assertThat(search(Map.of("number", number, "type", "CHANGE"))).isEmpty();
    asAuditor().queryParam("number", number).get("/api/history/tickets").then().statusCode(200)
        .body("items[0].type", equalTo("INCIDENT"))
        .body("items[0].title", equalTo(TITLE))
        .body("items[0].group", equalTo("database"))
        .body("items[0].closedAt", notNullValue())
        .body("totalItems", equalTo(1));
  }

  @Test
  void badParametersAre400ProblemDetails() {
    asAuditor().queryParam("from", "yesterday").get("/api/history/tickets").then().statusCode(400)
        .contentType("application/problem+json").body("errors[0].field", equalTo("from"));
    asAuditor().queryParam("from", "2026-03-02T00:00:00Z").queryParam("to", "2026-03-01T00:00:00Z").get("/api/history/tickets")
        .then().statusCode(400).contentType("application/problem+json").body("errors[0].field", equalTo("to"));
    asAuditor().queryParam("type", "KNOWN_ERROR").get("/api/history/tickets").then().statusCode(400)
        .body("errors[0].field", equalTo("type"));
    asAuditor().queryParam("state", "ASLEEP").get("/api/history/tickets").then().statusCode(400)
        .body("errors[0].field", equalTo("state"));
    asAuditor().queryParam("number", "INC-1; DROP").get("/api/history/tickets").then().statusCode(400);
  }

  @Test
  void anUnknownTicketIs404() {
    asAuditor().get("/api/history/tickets/{n}", "INC-999999").then().statusCode(404).contentType("application/problem+json");
    asAuditor().get("/api/history/tickets/{n}", "KE-000001").then().statusCode(404);
  }

  @Test
  void managersAndAuditorsReadResolverGroupsAndStrangersDoNot() {
    for (String reader : List.of("audit.ada", "im.ian", "pm.paula", "cm.chris", "cab.carl", "po.pat", "admin")) {
      given().auth().preemptive().basic(reader, "demo").get("/api/history/tickets/{n}", number).then().statusCode(200);
    }
    given().auth().preemptive().basic("sd.anna", "demo").get("/api/history/tickets/{n}", number).then().statusCode(403)
        .contentType("application/problem+json");
    given().auth().preemptive().basic("db.dave", "demo").get("/api/history/tickets").then().statusCode(403);
    given().get("/api/history/tickets/{n}", number).then().statusCode(401).contentType("application/problem+json");
  }

  @Test
  void aCockpitSessionReadsTheHistoryAndNothingElse() {
    String session = webappSession("im.ian", "cockpit");
    given().cookie("JSESSIONID", session).get("/api/history/tickets/{n}", number).then().statusCode(200)
        .body("ticket.number", equalTo(number));
    given().cookie("JSESSIONID", session).queryParam("number", number).get("/api/history/tickets").then().statusCode(200)
        .body("items.number", contains(number));
    given().cookie("JSESSIONID", session).get("/api/incidents/{n}", number).then().statusCode(401);
    given().cookie("JSESSIONID", session).contentType(ContentType.JSON)
        .body(Map.of("title", "By cookie", "description", "A write with the session", "caller", "x@example.com"))
        .post("/api/incidents").then().statusCode(401);
    given().cookie("JSESSIONID", session).post("/api/history/tickets/{n}", number).then().statusCode(401);

    // A Tasklist session of a change manager, who reads history with Basic credentials, is not a Cockpit login.
    given().cookie("JSESSIONID", webappSession("cm.chris", "tasklist")).get("/api/history/tickets/{n}", number)
        .then().statusCode(401);
    given().cookie("JSESSIONID", "no-such-session").get("/api/history/tickets/{n}", number).then().statusCode(401);
  }

  /**
   * Signs into a webapp as its login page does: the page's first answer sets the CSRF cookie that
   * the login's header repeats; the login answers with a new session.
   */
  private static String webappSession(String user, String app) {
    Response page = given().get("/camunda/app/" + app + "/default/");
    String csrf = page.getCookie("XSRF-TOKEN");
    Response login = given().cookies(page.getCookies()).header("X-XSRF-TOKEN", csrf)
        .formParam("username", user).formParam("password", "demo")
        .post("/camunda/api/admin/auth/user/default/login/" + app);
    login.then().statusCode(200);
    String session = login.getCookie("JSESSIONID");
    assertThat(session).isNotNull();
    return session;
  }

  private List<String> search(Map<String, Object> parameters) {
    return asAuditor().queryParams(parameters).get("/api/history/tickets").then().statusCode(200)
        .extract().jsonPath().getList("items.number", String.class);
  }

  private static RequestSpecification asAuditor() {
    return given().auth().preemptive().basic("audit.ada", "demo");
  }

  private static Map<String, Object> only(List<Map<String, Object>> timeline, String source, String what) {
    List<Map<String, Object>> found = timeline.stream().filter(e -> source.equals(e.get("source")) && what.equals(e.get("what"))).toList();
    assertThat(found).as(source + " " + what).hasSize(1);
    return found.get(0);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> details(Map<String, Object> entry) {
    return (Map<String, Object>) entry.get("details");
  }

  /** A decision's inputs or outputs as name to value. */
  @SuppressWarnings("unchecked")
  private static Map<String, Object> values(Map<String, Object> decision, String side) {
    return ((List<Map<String, Object>>) details(decision).get(side)).stream()
        .collect(Collectors.toMap(v -> (String) v.get("name"), v -> v.get("value")));
  }
}
