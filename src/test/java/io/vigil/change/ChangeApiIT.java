package io.vigil.change;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.*;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import io.vigil.security.VigilGroup;
import io.vigil.testing.VigilTest;
import java.io.StringReader;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.time.temporal.Temporal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.property.DateProperty;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * {@code /api/changes} over HTTP, with the real risk worker: requesting, the API's refusals, lists,
 * the calendar as JSON and as iCalendar, votes, implementation, cancellation, caused incidents and
 * who may do what. Every window is computed from the configured freezes, never from today's date.
 */
@VigilTest
class ChangeApiIT {

  /** The demo user who votes for each approver group. */
  private static final Map<String, String> APPROVER = Map.of(
      VigilGroup.CHANGE_MANAGERS.id(), "cm.chris",
      VigilGroup.CAB.id(), "cab.carl");

  /** Each change gets a window of its own, so that the tests' changes do not conflict with one another. */
  private static final AtomicInteger WINDOWS = new AtomicInteger();

  @Value("${server.port}") int port;
  @Autowired JdbcTemplate jdbc;
  @Autowired ChangeCalendar calendar;
  @Autowired RuntimeService runtime;
  @Autowired ManagementService management;
  @Autowired IdentityService identity;

  @BeforeEach
  void setUp() {
    RestAssured.port = port;
    RestAssured.basePath = "/api";
  }

  // --- requesting ------------------------------------------------------------------------------------------------

  @Test
  void aRequestedChangeIsAssessedByTheRiskWorkerAndAwaitsItsApprovers() {
    OffsetDateTime[] window = window();
    String location = as("db.dave").contentType(ContentType.JSON).body(change("Raise max_connections on the orders database", window))
        .when().post("/changes")
        .then().statusCode(201)
        .contentType(ContentType.JSON)
        .header("Location", matchesPattern("/api/changes/CHG-\\d{6}"))
        .body("number", matchesPattern("CHG-\\d{6}"))
        .body("state", equalTo("NEW"))
        .body("type", equalTo("NORMAL"))
        .body("title", equalTo("Raise max_connections on the orders database"))
        .body("cis", contains("pg-orders-01"))
        .body("requestedBy", equalTo("db.dave"))
        .body("implementerGroup", equalTo("database"))
        .body("plannedStart", notNullValue())
        .body("requestedAt", notNullValue())
        .body("risk", nullValue())
        .body("approvals", empty())
        .body("freezes", empty())
        .body("incidentsCaused", empty())
        .body("$", not(hasKey("processInstanceId")))
        .body("$", not(hasKey("id")))
        .extract().header("Location");
    String number = location.substring(location.lastIndexOf('/') + 1);
    assertThat(Instant.parse(as("db.dave").basePath("").when().get(location).then().statusCode(200)
        .extract().<String>path("plannedStart"))).isEqualTo(window[0].toInstant());

    awaitState(number, "AWAITING_APPROVAL");
    as("audit.ada").basePath("").when().get(location)
        .then().statusCode(200)
        .body("number", equalTo(number))
        .body("state", equalTo("AWAITING_APPROVAL"))
        .body("risk", oneOf("LOW", "MEDIUM", "HIGH"))
        .body("voting", oneOf("SEQUENTIAL", "PARALLEL"))
        .body("reviewGroup", equalTo("change-managers"))
        .body("riskFactors", containsString("Configuration items: 1, highest criticality HIGH"))
        .body("riskFactors", containsString("pg-orders-01"))
        .body("riskFactors", containsString("Back-out plan: yes"))
        .body("approvals", not(empty()))
        .body("approvals.group", hasItem("change-managers"))
        .body("approvals.group", everyItem(oneOf("change-managers", "cab")))
        .body("approvals.decision", everyItem(nullValue()))
        .body("approvals.decidedBy", everyItem(nullValue()))
        .body("approvals.position", everyItem(greaterThan(0)))
        .body("openTasks", hasItem(startsWith(number + " Approve change: ")))
        .body("decidedAt", nullValue());
    as("audit.ada").when().get("/changes/{n}/sla", number).then().statusCode(200)
        .body("kind", contains("APPROVAL")).body("[0].state", equalTo("RUNNING"));
    as("audit.ada").when().get("/changes/{n}/audit", number).then().statusCode(200)
        .body("action", containsInRelativeOrder("REQUESTED", "RISK_ASSESSED", "APPROVALS_DECIDED"))
        .body("[0].actor", equalTo("db.dave"));
  }

  @Test
  void aNormalChangeInsideTheFreezeNeedsAnExceptionThatTheCabApproves() {
    OffsetDateTime[] freeze = windowInsideNextFreeze();
    ChangeCalendar.Freeze overlapped = calendar.freezeOverlapping(freeze[0].toInstant(), freeze[1].toInstant()).orElseThrow();
    Map<String, Object> body = change("Urgent index on the orders database", freeze);

    problem(request("db.dave", body), 422)
        .body("detail", startsWith("plannedStart: the window overlaps the freeze '" + overlapped.name() + "'"))
        .body("errors[0].field", equalTo("plannedStart"));

    body.put("exceptionReason", "The index must be in place before the year-end sales.");
    String number = request("db.dave", body).statusCode(201)
        .body("exceptionReason", equalTo("The index must be in place before the year-end sales."))
        .body("freezes.name", contains(overlapped.name()))
        .extract().path("number");
    awaitState(number, "AWAITING_APPROVAL");
    as("cab.carl").when().get("/changes/{n}", number).then()
        .body("approvals.group", contains("change-managers", "cab"))
        .body("voting", equalTo("SEQUENTIAL"));
  }

  @Test
  void badRequestsAreRefusedWithProblemDetailsAndNothingIsWritten() {
    long listed = totalChanges();
    long rows = jdbc.queryForObject("SELECT COUNT(*) FROM change_request", Long.class);
    OffsetDateTime[] window = window();

    problem(request("db.dave", "{\"title\": \"unterminated"), 400).body("detail", equalTo("The request body is not valid JSON"));
    problem(request("db.dave", "{}"), 400).body("detail", equalTo("The request body is invalid"))
        .body("errors.field", hasItems("title", "description", "type", "cis", "plannedStart", "plannedEnd"));
    problem(request("db.dave", without(change("t", window), "title")), 400).body("errors.field", contains("title"))
        .body("errors[0].message", notNullValue());
    problem(request("db.dave", with(change("t", window), "title", "bell \u0007")), 400).body("errors.field", contains("title"));
    problem(request("db.dave", with(change("t", window), "type", "SOMETIMES")), 400)
        .body("detail", equalTo("type: 'SOMETIMES' is not one of STANDARD, NORMAL, EMERGENCY"));
    problem(request("db.dave", with(change("t", window), "cis", List.of())), 400).body("errors.field", contains("cis"));
    problem(request("db.dave", with(change("t", window), "cis", List.of("Bad CI!"))), 400).body("errors.field", contains("cis[0]"));
    problem(request("db.dave", with(change("t", window), "plannedStart", "next tuesday")), 400)
        .body("detail", equalTo("plannedStart: wrong type of value"));
    problem(request("db.dave", with(change("t", window), "problem", "PRB-1")), 400).body("errors.field", contains("problem"));
    problem(request("db.dave", with(change("t", window), "implementerGroup", "Database!")), 400)
        .body("errors.field", contains("implementerGroup"));

    problem(request("db.dave", with(with(change("t", window), "plannedStart", window[1].toString()), "plannedEnd",
        window[0].toString())), 422)
        .body("detail", startsWith("plannedEnd: must be after the planned start"))
        .body("errors[0].field", equalTo("plannedEnd"));
    OffsetDateTime yesterday = OffsetDateTime.now(ZoneOffset.UTC).minusDays(1).truncatedTo(ChronoUnit.SECONDS);
    problem(request("db.dave", with(with(change("t", window), "plannedStart", yesterday.toString()), "plannedEnd",
        yesterday.plusHours(1).toString())), 422)
        .body("detail", endsWith("has passed")).body("errors[0].field", equalTo("plannedStart"));
    problem(request("db.dave", with(change("t", window), "cis", List.of("pg-orders-01", "no-such-ci"))), 422)
        .body("detail", equalTo("cis: unknown configuration item 'no-such-ci'"))
        .body("errors[0].field", equalTo("cis"));
    problem(request("db.dave", standard("no-such-template", List.of("portal-web"), window(Duration.ofHours(1)))), 422)
        .body("detail", startsWith("template: no template 'no-such-template'; one of ["))
        .body("errors[0].field", equalTo("template"));
    problem(request("db.dave", with(change("t", window), "template", "certificate-renewal")), 422)
        .body("detail", equalTo("template: only a standard change comes from a template"))
        .body("errors[0].field", equalTo("template"));
    problem(request("db.dave", with(standard("certificate-renewal", List.of("portal-web"), window(Duration.ofHours(3))),
        "title", "t")), 422)
        .body("detail", equalTo("plannedEnd: template certificate-renewal is approved for windows of at most PT1H"));
    problem(request("db.dave", change("t", windowInsideNextFreeze())), 422)
        .body("detail", containsString("overlaps the freeze"))
        .body("errors[0].field", equalTo("plannedStart"));
    problem(request("db.dave", with(change("t", window), "problem", "PRB-999999")), 422)
        .body("detail", equalTo("problem: PRB-999999 is not an open problem"))
        .body("errors[0].field", equalTo("problem"));
    problem(request("db.dave", with(change("t", window), "implementerGroup", "cab")), 422)
        .body("detail", startsWith("implementerGroup: 'cab' is not a resolver group"))
        .body("errors[0].field", equalTo("implementerGroup"));
    problem(request("cm.chris", without(change("t", window), "implementerGroup")), 422)
        .body("detail", startsWith("implementerGroup: required"));

    assertThat(totalChanges()).as("nothing listed").isEqualTo(listed);
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM change_request", Long.class)).as("nothing written").isEqualTo(rows);
  }

  // --- reading ---------------------------------------------------------------------------------------------------

  @Test
  void listsFilterByStateTypeCiProblemAndClosingAndPageNewestFirst() {
    String problem = as("pm.paula").contentType(ContentType.JSON)
        .body(Map.of("title", "Orders database runs out of connections", "description", "The nightly export exhausts the pool."))
        .when().post("/problems").then().statusCode(201).extract().path("number");
    String fix = request("db.dave", with(change("Raise max_connections for " + problem, window()), "problem", problem))
        .statusCode(201).body("problem", equalTo(problem)).extract().path("number");
    String standard = request("sec.sam", standard("certificate-renewal", List.of("portal-web"), window(Duration.ofHours(1))))
        .statusCode(201).body("type", equalTo("STANDARD")).body("template", equalTo("certificate-renewal"))
        .body("implementerGroup", equalTo("security"))
        .body("implementationPlan", startsWith("Install the new certificate"))
        .extract().path("number");
    String cancelled = request("db.dave", with(change("Vacuum the orders database", window()), "cis", List.of("dwh-01")))
        .statusCode(201).extract().path("number");
    awaitState(fix, "AWAITING_APPROVAL");
    awaitState(standard, "SCHEDULED");
    awaitState(cancelled, "AWAITING_APPROVAL");
    OffsetDateTime beforeCancelling = OffsetDateTime.now(ZoneOffset.UTC).minusSeconds(1);
    cancel("db.dave", cancelled).statusCode(200);

    list(Map.of("problem", problem)).body("items.number", contains(fix)).body("totalItems", equalTo(1))
        .body("items[0].approvals", nullValue());
    list(Map.of("type", "STANDARD", "size", 100)).body("items.number", hasItem(standard)).body("items.number", not(hasItem(fix)))
        .body("items.type", everyItem(equalTo("STANDARD")));
    list(Map.of("state", "SCHEDULED", "size", 100)).body("items.number", hasItem(standard))
        .body("items.number", not(hasItem(fix))).body("items.state", everyItem(equalTo("SCHEDULED")));
    list(Map.of("ci", "portal-web", "size", 100)).body("items.number", hasItem(standard)).body("items.number", not(hasItem(fix)))
        .body("items.cis", everyItem(hasItem("portal-web")));
    list(Map.of("ci", "dwh-01", "state", "CANCELLED", "size", 100)).body("items.number", hasItem(cancelled))
        .body("items.number", not(hasItem(fix))).body("items.number", not(hasItem(standard)));
    list(Map.of("closedSince", beforeCancelling.toString(), "size", 100)).body("items.number", hasItem(cancelled))
        .body("items.number", not(hasItem(fix))).body("items.number", not(hasItem(standard)))
        .body("items.closedAt", everyItem(notNullValue()));
    list(Map.of("closedSince", OffsetDateTime.now(ZoneOffset.UTC).plusDays(1).toString())).body("items", empty())
        .body("totalItems", equalTo(0)).body("totalPages", equalTo(0));

    long total = totalChanges();
    assertThat(total).isGreaterThanOrEqualTo(3);
    List<String> firstTwo = list(Map.of("size", 2)).body("items", hasSize(2)).body("page", equalTo(0)).body("size", equalTo(2))
        .body("totalItems", equalTo((int) total)).body("totalPages", equalTo((int) ((total + 1) / 2)))
        .extract().path("items.number");
    assertThat(firstTwo.get(0)).as("newest first").isGreaterThan(firstTwo.get(1));
    assertThat(firstTwo.get(0)).isGreaterThanOrEqualTo(cancelled);
    list(Map.of("size", 1, "page", 1)).body("items", hasSize(1)).body("items[0].number", equalTo(firstTwo.get(1)))
        .body("totalPages", equalTo((int) total));
    list(Map.of("size", 2, "page", 100_000)).body("items", empty());

    problem(list(Map.of("state", "SOLVED"), 400), 400).body("errors.field", contains("state"))
        .body("detail", startsWith("state: 'SOLVED' is not valid: expected one of NEW, ASSESSED"));
    problem(list(Map.of("type", "sometimes"), 400), 400).body("errors.field", contains("type"));
    problem(list(Map.of("ci", "Bad CI"), 400), 400).body("errors.field", contains("ci"));
    problem(list(Map.of("problem", "PRB-1"), 400), 400).body("errors.field", contains("problem"));
    problem(list(Map.of("closedSince", "yesterday"), 400), 400).body("errors.field", contains("closedSince"));
    problem(list(Map.of("size", 0), 400), 400).body("errors.field", contains("size"));
    problem(list(Map.of("size", 101), 400), 400).body("errors.field", contains("size"));
    problem(list(Map.of("page", -1), 400), 400).body("errors.field", contains("page"));
  }

  @Test
  void anUnknownChangeIsNotFound() {
    problem(as("audit.ada").when().get("/changes/{n}", "CHG-999999").then(), 404)
        .body("detail", equalTo("No change 'CHG-999999'"));
    for (String path : List.of("/changes/{n}/sla", "/changes/{n}/audit")) {
      problem(as("audit.ada").when().get(path, "CHG-999999").then(), 404);
    }
    for (String path : List.of("/changes/{n}/cancellation", "/changes/{n}/implementation", "/changes/{n}/incidents")) {
      Object body = path.endsWith("cancellation") ? Map.of("reason", "r")
          : path.endsWith("implementation") ? Map.of("result", "SUCCESSFUL", "notes", "n") : Map.of("incident", "INC-000001");
      problem(as("admin").contentType(ContentType.JSON).body(body).when().post(path, "CHG-999999").then(), 404)
          .body("detail", equalTo("No change 'CHG-999999'"));
    }
    problem(as("cm.chris").contentType(ContentType.JSON).body(Map.of("decision", "APPROVE"))
        .when().post("/changes/{n}/approvals", "CHG-999999").then(), 404);
  }

  @Test
  void theTemplatesAreListedWithTheirFields() {
    as("audit.ada").when().get("/changes/templates")
        .then().statusCode(200)
        .body("id", contains("os-security-patch", "certificate-renewal", "db-minor-upgrade"))
        .body("find { it.id == 'os-security-patch' }.title", equalTo("Monthly OS security patches on an application server"))
        .body("find { it.id == 'os-security-patch' }.description", startsWith("The vendor's monthly security updates"))
        .body("find { it.id == 'os-security-patch' }.implementationPlan", startsWith("Drain the node from the load balancer"))
        .body("find { it.id == 'os-security-patch' }.backoutPlan", startsWith("Boot the previous kernel"))
        .body("find { it.id == 'os-security-patch' }.cis", contains("checkout-web", "portal-web", "mail-01"))
        .body("find { it.id == 'os-security-patch' }.implementerGroup", equalTo("infrastructure"))
        .body("find { it.id == 'os-security-patch' }.maxDuration", equalTo("PT2H"))
        .body("find { it.id == 'certificate-renewal' }.cis", empty())
        .body("find { it.id == 'certificate-renewal' }.implementerGroup", equalTo("security"))
        .body("find { it.id == 'certificate-renewal' }.maxDuration", equalTo("PT1H"))
        .body("find { it.id == 'db-minor-upgrade' }.cis", contains("pg-orders-01"))
        .body("find { it.id == 'db-minor-upgrade' }.implementerGroup", equalTo("database"));
  }

  // --- the calendar ----------------------------------------------------------------------------------------------

  @Test
  void theCalendarShowsTheChangesInItsRangeAndTheFreezesAsJsonAndAsICalendar() throws Exception {
    OffsetDateTime[] window = window();
    String number = request("db.dave", change("Rotate the orders database's WAL archive", window)).statusCode(201)
        .extract().path("number");
    OffsetDateTime from = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS);
    OffsetDateTime to = from.plusDays(365);
    List<ChangeCalendar.Freeze> freezes = calendar.freezesBetween(from.toInstant(), to.toInstant());
    assertThat(freezes).as("a year always holds a yearly freeze").isNotEmpty();

    var json = as("audit.ada").queryParam("from", from.toString()).queryParam("to", to.toString())
        .when().get("/changes/calendar")
        .then().statusCode(200)
        .contentType(ContentType.JSON)
        .body("changes.number", hasItem(number))
        .body("changes.find { it.number == '" + number + "' }.title", equalTo("Rotate the orders database's WAL archive"))
        .body("changes.find { it.number == '" + number + "' }.cis", contains("pg-orders-01"))
        .body("freezes.name", equalTo(freezes.stream().map(ChangeCalendar.Freeze::name).toList()))
        .body("freezes.start", equalTo(freezes.stream().map(f -> f.start().toString()).toList()))
        .body("freezes.end", equalTo(freezes.stream().map(f -> f.end().toString()).toList()))
        .extract().jsonPath();
    assertThat(OffsetDateTime.parse(json.getString("from"))).isEqualTo(from);
    assertThat(OffsetDateTime.parse(json.getString("to"))).isEqualTo(to);
    // A range of another offset is the same range, answered in UTC; one that ends before the change does not list it
    OffsetDateTime berlin = window[0].minusDays(2).withOffsetSameInstant(ZoneOffset.ofHours(2));
    String answeredFrom = as("audit.ada").queryParam("from", berlin.toString()).queryParam("to", window[0].toString())
        .when().get("/changes/calendar")
        .then().statusCode(200)
        .body("changes.number", not(hasItem(number)))
        .extract().path("from");
    assertThat(OffsetDateTime.parse(answeredFrom)).isEqualTo(berlin.withOffsetSameInstant(ZoneOffset.UTC));
    as("audit.ada").queryParam("from", window[0].plusMinutes(30).toString()).queryParam("to", window[1].plusDays(1).toString())
        .when().get("/changes/calendar")
        .then().statusCode(200).body("changes.number", hasItem(number));

    String feed = as("audit.ada").accept("text/calendar").queryParam("from", from.toString()).queryParam("to", to.toString())
        .when().get("/changes/calendar")
        .then().statusCode(200)
        .contentType(equalToIgnoringCase("text/calendar;charset=UTF-8"))
        .extract().asString();
    assertThat(feed).startsWith("BEGIN:VCALENDAR\r\n");
    Calendar ical = new CalendarBuilder().build(new StringReader(feed));
    assertThat(ical.validate().hasErrors()).isFalse();
    List<VEvent> events = ical.getComponents("VEVENT");
    VEvent event = events.stream().filter(e -> value(e, "UID").equals(number + "@vigil")).findFirst().orElseThrow();
    assertThat(value(event, "SUMMARY")).isEqualTo(number + " Rotate the orders database's WAL archive");
    assertThat(value(event, "DESCRIPTION")).startsWith("NORMAL change, ").endsWith("\npg-orders-01");
    assertThat(value(event, "STATUS")).isIn("TENTATIVE", "CONFIRMED");
    assertThat(instant(event, "DTSTART")).isEqualTo(window[0].toInstant());
    assertThat(instant(event, "DTEND")).isEqualTo(window[1].toInstant());
    for (ChangeCalendar.Freeze freeze : freezes) {
      VEvent frozen = events.stream().filter(e -> value(e, "UID").equals("freeze-" + freeze.start().getEpochSecond() + "@vigil"))
          .findFirst().orElseThrow();
      assertThat(value(frozen, "SUMMARY")).isEqualTo("Freeze: " + freeze.name());
      assertThat(instant(frozen, "DTSTART")).isEqualTo(freeze.start());
      assertThat(instant(frozen, "DTEND")).isEqualTo(freeze.end());
    }
    assertThat(events).as("the changes in the range and the freezes")
        .hasSize(as("audit.ada").queryParam("from", from.toString()).queryParam("to", to.toString())
            .when().get("/changes/calendar").then().extract().<List<?>>path("changes").size() + freezes.size());
  }

  @Test
  void theCalendarRefusesRangesItDoesNotAnswer() {
    OffsetDateTime from = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS);
    problem(calendar(from, from.plusDays(366).plusSeconds(1)), 422)
        .body("detail", equalTo("to: the calendar shows at most 366 days at once"))
        .body("errors[0].field", equalTo("to"));
    as("audit.ada").queryParam("from", from.toString()).queryParam("to", from.plusDays(366).toString())
        .when().get("/changes/calendar").then().statusCode(200);
    problem(calendar(from, from.minusDays(1)), 422)
        .body("detail", equalTo("to: must be after from"))
        .body("errors[0].field", equalTo("to"));
    problem(calendar(from, from), 422).body("errors[0].field", equalTo("to"));
    // Without a side, a year from the other (or from a month ago): what a subscription asks for
    String to = as("audit.ada").queryParam("from", from.toString()).when().get("/changes/calendar").then().statusCode(200)
        .extract().path("to");
    assertThat(OffsetDateTime.parse(to).toInstant()).isEqualTo(from.plusDays(365).toInstant());
    as("audit.ada").when().get("/changes/calendar").then().statusCode(200);
    as("audit.ada").when().get("/changes/calendar.ics").then().statusCode(200)
        .contentType(containsString("text/calendar")).body(startsWith("BEGIN:VCALENDAR"));
    problem(as("audit.ada").queryParam("from", "tomorrow").queryParam("to", from.toString()).when().get("/changes/calendar")
        .then(), 400).body("errors.field", contains("from"));
    // A calendar program that asks only for iCalendar still hears why
    problem(as("audit.ada").accept("text/calendar").queryParam("from", from.toString()).queryParam("to", from.minusDays(1).toString())
        .when().get("/changes/calendar").then(), 422)
        .body("detail", equalTo("to: must be after from"));
  }

  // --- votes -----------------------------------------------------------------------------------------------------

  @Test
  void theApproversTheTableChoseVoteAndTheChangeIsScheduled() {
    String number = requested("db.dave", change("Add an index on orders.customer_id", window()));
    List<String> groups = approverGroups(number);
    String voting = as("cm.chris").when().get("/changes/{n}", number).then().extract().path("voting");

    problem(vote("db.dave", number, "APPROVE", null), 409)
        .body("detail", startsWith(number + " has no approval open for [database]"));
    problem(vote("audit.ada", number, "APPROVE", null), 403);
    problem(vote("pm.paula", number, "APPROVE", null), 409);
    problem(vote("admin", number, "APPROVE", null), 409)
        .body("detail", startsWith(number + " has no approval open for ["));
    if (groups.size() > 1 && "SEQUENTIAL".equals(voting)) {
      problem(vote(APPROVER.get(groups.get(1)), number, "APPROVE", null), 409)
          .body("detail", equalTo(number + " has no approval open for [" + groups.get(1) + "] (it is AWAITING_APPROVAL)"));
    }
    problem(vote("cm.chris", number, "MAYBE", null), 400).body("detail", startsWith("decision: 'MAYBE' is not one of"));
    problem(vote("cm.chris", number, null, null), 400).body("errors.field", contains("decision"));

    for (int i = 0; i < groups.size(); i++) {
      String group = groups.get(i);
      boolean last = i == groups.size() - 1;
      vote(APPROVER.get(group), number, "APPROVE", "Fine in the window.").statusCode(200)
          .body("state", equalTo(last ? "SCHEDULED" : "AWAITING_APPROVAL"))
          .body("approvals.find { it.group == '" + group + "' }.decision", equalTo("APPROVE"))
          .body("approvals.find { it.group == '" + group + "' }.decidedBy", equalTo(APPROVER.get(group)))
          .body("approvals.find { it.group == '" + group + "' }.comment", equalTo("Fine in the window."))
          .body("approvals.find { it.group == '" + group + "' }.decidedAt", notNullValue());
    }
    as("db.dave").when().get("/changes/{n}", number).then()
        .body("state", equalTo("SCHEDULED"))
        .body("decidedAt", notNullValue())
        .body("approvals.decision", everyItem(equalTo("APPROVE")))
        .body("openTasks", empty());
    problem(vote("cm.chris", number, "APPROVE", null), 409)
        .body("detail", equalTo(number + " has no approval open for [change-managers] (it is SCHEDULED)"));
    as("audit.ada").when().get("/changes/{n}/sla", number).then().body("[0].state", equalTo("MET"));
    as("audit.ada").when().get("/changes/{n}/audit", number).then()
        .body("action", containsInRelativeOrder("APPROVALS_DECIDED", "APPROVED", "SCHEDULED"));
  }

  @Test
  void theRequesterMayNotApproveTheirOwnChange() {
    OffsetDateTime[] window = window();
    String number = requested("cm.chris", change("Move the orders database to new disks", window));
    assertThat(approverGroups(number)).contains("change-managers");
    as("cm.chris").when().get("/changes/{n}", number).then().body("requestedBy", equalTo("cm.chris"));

    problem(vote("cm.chris", number, "APPROVE", "Looks fine to me."), 409)
        .body("detail", equalTo("segregationOfDuties: cm.chris requested " + number + " and may not approve it"));
    as("audit.ada").when().get("/changes/{n}/audit", number).then().statusCode(200)
        .body("action", hasItem("SEGREGATION_OF_DUTIES_REFUSED"))
        .body("find { it.action == 'SEGREGATION_OF_DUTIES_REFUSED' }.actor", equalTo("cm.chris"))
        .body("find { it.action == 'SEGREGATION_OF_DUTIES_REFUSED' }.detail", equalTo("cm.chris requested " + number
            + " and may not approve it"))
        .body("action", not(hasItem("APPROVED")));
    as("audit.ada").when().get("/changes/{n}", number).then()
        .body("state", equalTo("AWAITING_APPROVAL"))
        .body("approvals.decision", everyItem(nullValue()));
    assertThat(runtime.createProcessInstanceQuery().processInstanceBusinessKey(number).singleResult()).isNotNull();

    // Tasklist and every other client of /engine-rest hear the same refusal, as 400
    String task = as("cm.chris").basePath("").queryParam("processInstanceBusinessKey", number)
        .queryParam("candidateGroup", "change-managers").when().get("/engine-rest/task").then().statusCode(200)
        .extract().path("[0].id");
    as("cm.chris").basePath("").contentType(ContentType.JSON).body(Map.of("userId", "cm.chris"))
        .when().post("/engine-rest/task/{id}/claim", task).then().statusCode(400)
        .body("message", containsString("segregationOfDuties: cm.chris requested " + number + " and may not approve it"));
    as("cm.chris").basePath("").contentType(ContentType.JSON)
        .body(Map.of("variables", Map.of("approvalDecision", Map.of("value", "APPROVE"))))
        .when().post("/engine-rest/task/{id}/complete", task).then().statusCode(400)
        .body("message", containsString("segregationOfDuties"));
    as("audit.ada").when().get("/changes/{n}/audit", number).then()
        .body("findAll { it.action == 'SEGREGATION_OF_DUTIES_REFUSED' }.size()", equalTo(3));
  }

  @Test
  void aRejectionGivesItsReasonAndEndsTheChange() {
    String number = requested("db.dave", change("Drop the unused orders_archive table", window()));
    String first = approverGroups(number).get(0);
    String approver = APPROVER.get(first);

    problem(vote(approver, number, "REJECT", null), 422)
        .body("detail", equalTo("comment: required"))
        .body("errors[0].field", equalTo("comment"));
    problem(vote(approver, number, "REJECT", "   "), 422).body("errors[0].field", equalTo("comment"));
    as("audit.ada").when().get("/changes/{n}", number).then().body("state", equalTo("AWAITING_APPROVAL"))
        .body("approvals.decision", everyItem(nullValue()));

    vote(approver, number, "REJECT", "The archive is still read by finance.").statusCode(200)
        .body("state", equalTo("REJECTED"))
        .body("closureReason", equalTo(first + ": The archive is still read by finance."))
        .body("closedBy", equalTo(approver))
        .body("closedAt", notNullValue())
        .body("openTasks", empty());
    problem(vote(approver, number, "APPROVE", null), 409)
        .body("detail", equalTo(number + " has no approval open for [" + first + "] (it is REJECTED)"));
  }

  // --- implementation --------------------------------------------------------------------------------------------

  @Test
  void theImplementerGroupReportsOnceTheWindowIsOpen() {
    String number = requested("db.dave", change("Upgrade the orders database's extension pg_partman", window()));
    approveAll(number);
    Map<String, Object> report = Map.of("result", "SUCCESSFUL", "notes", "Upgraded in 4 minutes; partitions checked.");

    problem(implement("db.dave", number, report), 409)
        .body("detail", equalTo(number + " is SCHEDULED: its implementation is not open to [database]"));
    windowOpens(number);
    as("db.dave").when().get("/changes/{n}", number).then()
        .body("state", equalTo("IMPLEMENTING"))
        .body("openTasks", contains(number + " Implement change: Upgrade the orders database's extension pg_partman"));

    problem(implement("cm.chris", number, report), 409)
        .body("detail", equalTo(number + " is IMPLEMENTING: its implementation is not open to [change-managers]"));
    problem(implement("net.nina", number, report), 409)
        .body("detail", equalTo(number + " is IMPLEMENTING: its implementation is not open to [network]"));
    problem(implement("cab.carl", number, report), 409);
    problem(implement("audit.ada", number, report), 403);
    problem(implement("db.dave", number, Map.of("result", "SUCCESSFUL")), 400).body("errors.field", contains("notes"));
    problem(implement("db.dave", number, Map.of("result", "ALMOST", "notes", "n")), 400)
        .body("detail", startsWith("result: 'ALMOST' is not one of"));

    implement("db.dave", number, report).statusCode(200)
        .body("state", equalTo("REVIEW"))
        .body("implementedBy", equalTo("db.dave"))
        .body("implementationResult", equalTo("SUCCESSFUL"))
        .body("implementationNotes", equalTo("Upgraded in 4 minutes; partitions checked."))
        .body("implementedAt", notNullValue())
        .body("openTasks", contains(number + " Post-implementation review: Upgrade the orders database's extension pg_partman"));
    problem(implement("db.dave", number, report), 409)
        .body("detail", equalTo(number + " is REVIEW: its implementation is not open to [database]"));
    problem(cancel("db.dave", number), 409)
        .body("detail", equalTo(number + " is REVIEW: it can no longer be cancelled"));
    as("audit.ada").when().get("/changes/{n}/audit", number).then()
        .body("action", containsInRelativeOrder("SCHEDULED", "IMPLEMENTATION_STARTED", "IMPLEMENTED"));
  }

  /**
   * No demo user is both an approver (change managers, CAB) and in a resolver group, so the test
   * makes one for itself: she approves for the change managers and may then not implement for the
   * database group.
   */
  @Test
  void whoApprovedAChangeMayNotImplementIt() {
    String both = "sod.sue" + System.nanoTime();
    User sue = identity.newUser(both);
    sue.setPassword("demo");
    identity.saveUser(sue);
    identity.createMembership(both, VigilGroup.CHANGE_MANAGERS.id());
    identity.createMembership(both, VigilGroup.DATABASE.id());
    try {
      String number = requested("db.dave", change("Reindex the orders database", window()));
      for (String group : approverGroups(number)) {
        vote(group.equals(VigilGroup.CHANGE_MANAGERS.id()) ? both : APPROVER.get(group), number, "APPROVE", null).statusCode(200);
      }
      as("db.dave").when().get("/changes/{n}", number).then().body("state", equalTo("SCHEDULED"))
          .body("approvals.find { it.group == 'change-managers' }.decidedBy", equalTo(both));
      windowOpens(number);

      Map<String, Object> report = Map.of("result", "SUCCESSFUL", "notes", "Reindexed concurrently.");
      problem(implement(both, number, report), 409)
          .body("detail", equalTo("segregationOfDuties: " + both + " approved " + number + " for change-managers and may not implement it"));
      as("audit.ada").when().get("/changes/{n}/audit", number).then()
          .body("find { it.action == 'SEGREGATION_OF_DUTIES_REFUSED' }.actor", equalTo(both))
          .body("action", not(hasItem("IMPLEMENTED")));
      as("audit.ada").when().get("/changes/{n}", number).then().body("state", equalTo("IMPLEMENTING"))
          .body("implementedBy", nullValue());

      implement("db.dave", number, report).statusCode(200).body("state", equalTo("REVIEW")).body("implementedBy", equalTo("db.dave"));
    } finally {
      identity.deleteMembership(both, VigilGroup.CHANGE_MANAGERS.id());
      identity.deleteMembership(both, VigilGroup.DATABASE.id());
      identity.deleteUser(both);
    }
  }

  // --- cancellation ----------------------------------------------------------------------------------------------

  @Test
  void theRequesterOrAChangeManagerCancelsUntilTheImplementationStarts() {
    String number = requested("db.dave", change("Partition the orders table", window()));

    problem(cancel("net.nina", number), 403)
        .body("detail", equalTo("only the requester or a change manager cancels " + number));
    problem(cancel("sd.anna", number), 403);
    problem(cancel("cab.carl", number), 403);
    problem(cancel("audit.ada", number), 403);
    problem(as("db.dave").contentType(ContentType.JSON).body(Map.of()).when().post("/changes/{n}/cancellation", number).then(), 400)
        .body("errors.field", contains("reason"));
    as("audit.ada").when().get("/changes/{n}", number).then().body("state", equalTo("AWAITING_APPROVAL"));

    cancel("db.dave", number).statusCode(200)
        .body("state", equalTo("CANCELLED"))
        .body("closureReason", equalTo("Not needed any more."))
        .body("closedBy", equalTo("db.dave"))
        .body("closedAt", notNullValue())
        .body("openTasks", empty());
    problem(cancel("db.dave", number), 409).body("detail", equalTo(number + " is CANCELLED: it can no longer be cancelled"));
    problem(vote("cm.chris", number, "APPROVE", null), 409);
    as("audit.ada").when().get("/changes/{n}/audit", number).then()
        .body("find { it.action == 'CANCELLED' }.actor", equalTo("db.dave"))
        .body("find { it.action == 'CANCELLED' }.detail", equalTo("Not needed any more."));
    assertThat(runtime.createProcessInstanceQuery().processInstanceBusinessKey(number).count()).as("the process ended").isZero();

    String scheduled = requested("db.dave", change("Rebuild the orders database's statistics", window()));
    approveAll(scheduled);
    cancel("cm.chris", scheduled).statusCode(200).body("state", equalTo("CANCELLED")).body("closedBy", equalTo("cm.chris"));
  }

  // --- caused incidents ------------------------------------------------------------------------------------------

  @Test
  void anIncidentIsMarkedAsCausedByTheChange() {
    String number = requested("db.dave", change("Change the orders database's work_mem", window()));
    String incident = as("sd.anna").contentType(ContentType.JSON)
        .body(Map.of("title", "Checkout is slow", "description", "Orders take 20 s since this morning.", "caller", "jane@example.com"))
        .when().post("/incidents").then().statusCode(201).extract().path("number");

    markIncident("db.dave", number, incident).statusCode(200).body("incidentsCaused", contains(incident));
    markIncident("sd.anna", number, incident).statusCode(200).body("incidentsCaused", contains(incident));
    as("sd.anna").when().get("/incidents/{n}", incident).then().statusCode(200).body("causedByChange", equalTo(number));
    as("audit.ada").when().get("/changes/{n}", number).then().body("incidentsCaused", contains(incident));
    as("audit.ada").when().get("/changes/{n}/audit", number).then()
        .body("findAll { it.action == 'INCIDENT_CAUSED' }.detail", contains(incident));
    as("audit.ada").when().get("/incidents/{n}/audit", incident).then()
        .body("find { it.action == 'CAUSED_BY_CHANGE' }.detail", equalTo(number));

    problem(markIncident("db.dave", number, "INC-999999"), 404).body("detail", equalTo("No incident 'INC-999999'"));
    problem(markIncident("db.dave", number, "INC-1"), 400).body("errors.field", contains("incident"));
    problem(markIncident("db.dave", "CHG-999999", incident), 404).body("detail", equalTo("No change 'CHG-999999'"));
    problem(markIncident("audit.ada", number, incident), 403);
  }

  // --- who may do what -------------------------------------------------------------------------------------------

  @Test
  void auditorsReadEverythingAndWriteNothing() {
    OffsetDateTime[] window = window();
    String number = requested("db.dave", change("Tune the orders database's autovacuum", window));
    for (String path : List.of("/changes", "/changes/templates", "/changes/" + number, "/changes/" + number + "/sla",
        "/changes/" + number + "/audit", "/changes/calendar?from=" + window[0].minusDays(1).toInstant() + "&to="
            + window[1].plusDays(1).toInstant())) {
      as("audit.ada").when().get(path).then().statusCode(200);
    }
    long before = totalChanges();
    problem(request("audit.ada", change("Written by an auditor", window())), 403);
    problem(vote("audit.ada", number, "APPROVE", null), 403);
    problem(implement("audit.ada", number, Map.of("result", "SUCCESSFUL", "notes", "n")), 403);
    problem(cancel("audit.ada", number), 403);
    problem(markIncident("audit.ada", number, "INC-000001"), 403);
    assertThat(totalChanges()).isEqualTo(before);
    as("audit.ada").when().get("/changes/{n}", number).then().body("state", equalTo("AWAITING_APPROVAL"));
  }

  @Test
  void anonymousCallersAreNotLetIn() {
    for (String path : List.of("/changes", "/changes/templates", "/changes/CHG-000001", "/changes/calendar")) {
      problem(given().when().get(path).then(), 401);
    }
    problem(given().contentType(ContentType.JSON).body(change("Anonymous", window())).when().post("/changes").then(), 401);
    problem(given().contentType(ContentType.JSON).body(Map.of("decision", "APPROVE"))
        .when().post("/changes/{n}/approvals", "CHG-000001").then(), 401);
    // An unknown user: a wrong password of a demo user would make the engine hold their next logins back
    problem(given().auth().preemptive().basic("nobody" + System.nanoTime(), "demo").when().get("/changes").then(), 401);
  }

  /**
   * SecurityConfiguration: the resolver groups, the change managers, the problem managers (a problem's
   * fix) and the administrators request; votes, reports and cancellations are open to every ticket
   * writer and decided by the change; everyone authenticated reads.
   */
  @Test
  void onlyResolverGroupsChangeAndProblemManagersAndAdministratorsRequestChanges() {
    long before = totalChanges();
    for (String user : List.of("im.ian", "cab.carl", "po.pat", "audit.ada")) {
      problem(request(user, change("Requested by " + user, window())), 403);
      as(user).when().get("/changes").then().statusCode(200);
    }
    assertThat(totalChanges()).isEqualTo(before);
    for (String user : List.of("net.nina", "sd.anna", "cm.chris")) {
      request(user, change("Requested by " + user, window())).statusCode(201).body("requestedBy", equalTo(user));
    }
    request("pm.paula", change("Requested by pm.paula", window())).statusCode(201).body("requestedBy", equalTo("pm.paula"));
    request("net.nina", without(change("Network's own", window()), "implementerGroup")).statusCode(201)
        .body("implementerGroup", equalTo("network"));
  }

  @Test
  void theAdministratorMayDoWhatTheApiAllows() {
    String number = request("admin", change("Requested by the administrator", window())).statusCode(201)
        .body("requestedBy", equalTo("admin")).extract().path("number");
    awaitState(number, "AWAITING_APPROVAL");
    String incident = as("admin").contentType(ContentType.JSON)
        .body(Map.of("title", "Orders fail", "description", "Orders fail since the change.", "caller", "jane@example.com"))
        .when().post("/incidents").then().statusCode(201).extract().path("number");
    markIncident("admin", number, incident).statusCode(200).body("incidentsCaused", contains(incident));
    // The security rules let administrators vote, but a vote is always one of the caller's approver groups'
    problem(vote("admin", number, "APPROVE", null), 409)
        .body("detail", startsWith(number + " has no approval open for ["));
    problem(implement("admin", number, Map.of("result", "SUCCESSFUL", "notes", "n")), 409);
    cancel("admin", number).statusCode(200).body("state", equalTo("CANCELLED")).body("closedBy", equalTo("admin"));
    as("admin").when().get("/changes/{n}/audit", number).then().statusCode(200).body("action", hasItem("CANCELLED"));
  }

  // --- helpers ---------------------------------------------------------------------------------------------------

  private static RequestSpecification as(String user) {
    return given().auth().preemptive().basic(user, "demo");
  }

  /** A normal change of pg-orders-01 by the database group, with its plans. */
  private static Map<String, Object> change(String title, OffsetDateTime[] window) {
    Map<String, Object> body = new HashMap<>();
    body.put("title", title);
    body.put("description", title + ": the nightly export needs it.");
    body.put("type", "NORMAL");
    body.put("cis", List.of("pg-orders-01"));
    body.put("plannedStart", window[0].toString());
    body.put("plannedEnd", window[1].toString());
    body.put("implementationPlan", "Apply it on the replica, fail over, apply it on the primary.");
    body.put("backoutPlan", "Revert it on both and fail back.");
    body.put("testEvidence", "Done on staging last week.");
    body.put("implementerGroup", "database");
    return body;
  }

  private static Map<String, Object> standard(String template, List<String> cis, OffsetDateTime[] window) {
    Map<String, Object> body = new HashMap<>();
    body.put("title", "Standard change from " + template);
    body.put("description", "As the template says.");
    body.put("type", "STANDARD");
    body.put("template", template);
    body.put("cis", cis);
    body.put("plannedStart", window[0].toString());
    body.put("plannedEnd", window[1].toString());
    return body;
  }

  private static Map<String, Object> with(Map<String, Object> body, String field, Object value) {
    Map<String, Object> changed = new HashMap<>(body);
    changed.put(field, value);
    return changed;
  }

  private static Map<String, Object> without(Map<String, Object> body, String field) {
    Map<String, Object> changed = new HashMap<>(body);
    changed.remove(field);
    return changed;
  }

  /** An hour-long window at least ten days ahead, clear of every freeze, of its own. */
  private OffsetDateTime[] window() {
    return window(Duration.ofHours(1));
  }

  private OffsetDateTime[] window(Duration length) {
    Instant start = Instant.now().truncatedTo(ChronoUnit.MINUTES).plus(Duration.ofDays(10))
        .plus(Duration.ofHours(3L * WINDOWS.incrementAndGet()));
    for (int i = 0; i < 400; i++) {
      if (calendar.freezeOverlapping(start, start.plus(length)).isEmpty()) {
        return new OffsetDateTime[] {start.atOffset(ZoneOffset.UTC), start.plus(length).atOffset(ZoneOffset.UTC)};
      }
      start = start.plus(Duration.ofDays(1));
    }
    throw new IllegalStateException("no window outside the freezes within 400 days");
  }

  /** An hour on the second day of the next freeze that starts after tomorrow. */
  private OffsetDateTime[] windowInsideNextFreeze() {
    Instant after = Instant.now().plus(Duration.ofDays(1));
    ChangeCalendar.Freeze freeze = calendar.freezesBetween(after, after.plus(Duration.ofDays(366))).stream()
        .filter(f -> f.start().isAfter(after)).findFirst().orElseThrow();
    Instant start = freeze.start().plus(Duration.ofDays(1));
    return new OffsetDateTime[] {start.atOffset(ZoneOffset.UTC), start.plus(Duration.ofHours(1)).atOffset(ZoneOffset.UTC)};
  }

  private static ValidatableResponse request(String user, Object body) {
    RequestSpecification request = as(user).contentType(ContentType.JSON);
    request = body instanceof String text ? request.body(text) : request.body(json(body));
    return request.when().post("/changes").then();
  }

  private static String json(Object body) {
    return new ObjectMapper().valueToTree(body).toString();
  }

  /** Requested, and assessed by the risk worker: awaiting its approvers. */
  private String requested(String user, Map<String, Object> body) {
    String number = request(user, body).statusCode(201).extract().path("number");
    awaitState(number, "AWAITING_APPROVAL");
    return number;
  }

  private static void awaitState(String number, String state) {
    await().atMost(Duration.ofSeconds(30)).until(() -> as("audit.ada").when().get("/changes/{n}", number)
        .then().statusCode(200).extract().<String>path("state"), state::equals);
  }

  /** The approver groups the table chose, in their voting order. */
  private static List<String> approverGroups(String number) {
    return as("audit.ada").when().get("/changes/{n}", number).then().statusCode(200).extract().path("approvals.group");
  }

  /** Every approver group votes yes, in order: the change is scheduled. */
  private static void approveAll(String number) {
    for (String group : approverGroups(number)) {
      vote(APPROVER.get(group), number, "APPROVE", null).statusCode(200);
    }
    as("audit.ada").when().get("/changes/{n}", number).then().body("state", equalTo("SCHEDULED"));
  }

  private static ValidatableResponse vote(String user, String number, String decision, String comment) {
    Map<String, Object> body = new HashMap<>();
    body.put("decision", decision);
    body.put("comment", comment);
    return as(user).contentType(ContentType.JSON).body(json(body)).when().post("/changes/{n}/approvals", number).then();
  }

  private static ValidatableResponse implement(String user, String number, Map<String, Object> report) {
    return as(user).contentType(ContentType.JSON).body(json(report)).when().post("/changes/{n}/implementation", number).then();
  }

  private static ValidatableResponse cancel(String user, String number) {
    return as(user).contentType(ContentType.JSON).body(Map.of("reason", "Not needed any more."))
        .when().post("/changes/{n}/cancellation", number).then();
  }

  private static ValidatableResponse markIncident(String user, String number, String incident) {
    return as(user).contentType(ContentType.JSON).body(Map.of("incident", incident))
        .when().post("/changes/{n}/incidents", number).then();
  }

  /** The planned start comes: the engine runs the change's timer now rather than in ten days. */
  private void windowOpens(String number) {
    String instance = runtime.createProcessInstanceQuery().processInstanceBusinessKey(number).singleResult().getId();
    Job timer = management.createJobQuery().processInstanceId(instance).timers().singleResult();
    assertThat(timer).as("the planned start's timer of " + number).isNotNull();
    management.executeJob(timer.getId());
  }

  private static ValidatableResponse list(Map<String, ?> query) {
    return list(query, 200);
  }

  private static ValidatableResponse list(Map<String, ?> query, int status) {
    return as("audit.ada").queryParams(query).when().get("/changes").then().statusCode(status);
  }

  private static long totalChanges() {
    return ((Number) as("audit.ada").when().get("/changes").then().statusCode(200).extract().path("totalItems")).longValue();
  }

  private static ValidatableResponse calendar(OffsetDateTime from, OffsetDateTime to) {
    return as("audit.ada").queryParam("from", from.toString()).queryParam("to", to.toString()).when().get("/changes/calendar").then();
  }

  /** RFC 9457 problem details, as every API error is answered. */
  private static ValidatableResponse problem(ValidatableResponse response, int status) {
    return response.statusCode(status).contentType("application/problem+json")
        .body("type", equalTo("about:blank"))
        .body("title", notNullValue())
        .body("status", equalTo(status))
        .body("detail", notNullValue());
  }

  private static String value(VEvent event, String property) {
    return event.getProperty(property).map(Property::getValue).orElse("");
  }

  private static Instant instant(VEvent event, String property) {
    DateProperty<Temporal> date = event.<DateProperty<Temporal>>getProperty(property).orElseThrow();
    return Instant.from(date.getDate());
  }
}
