package io.vigil.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.DynamicContainer.dynamicContainer;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigil.change.ChangeCalendar;
import io.vigil.change.contract.ChangeProcess;
import io.vigil.incident.contract.IncidentProcess;
import io.vigil.testing.DecoyAccount;
import io.vigil.testing.VigilTest;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Issue 14: hundreds of malformed and hostile requests against every public endpoint of the API, the
 * monitoring intake and the engine REST calls Vigil guards. Each is answered 4xx (problem details on
 * {@code /api}), never 5xx, with no stack trace or SQL in the answer, and none of it is written: the
 * ticket, intake and engine tables hold the same rows after the refused requests as before. Text that
 * is merely hostile (SQL, script) is then accepted where free text is, stored and returned as sent;
 * control characters from monitoring are replaced (ADR 12).
 */
@VigilTest
class HostileInputIT {

  private static final String SQL = "'; DROP TABLE incident; --";
  private static final String SCRIPT = "<script>alert(1)</script>";
  /** SQL without a semicolon, which the firewall refuses in a path before Vigil sees it. */
  private static final String SQL_IN_A_PATH = "INC-1' OR '1'='1";
  /** Far beyond Jackson's nesting limit (1,000), and still under the API's body limit. */
  private static final String DEEP_ARRAYS = "[".repeat(10_000) + "]".repeat(10_000);
  private static final String DEEP_OBJECTS = "{\"a\":".repeat(10_000) + "1" + "}".repeat(10_000);
  private static final String OVER_THE_BODY_LIMIT = "x".repeat(300 * 1024);
  private static final String JSON = "application/json";

  /** What no answer may show: a stack trace, or the database's own words. */
  private static final List<String> LEAKS = List.of("\tat ", ".java:", "Caused by", "org.h2", "org.postgresql", "SQLState",
      "SQL statement");
  /** Nor do Vigil's problem details name its classes. */
  private static final List<String> API_LEAKS = List.of("Exception:", "org.springframework", "com.fasterxml", "jakarta.", "java.lang",
      "io.vigil");

  /** The tables a request could write to: Vigil's tickets, intake and audit, and the engine's runtime and history. */
  private static final List<String> TABLES = List.of("incident", "ticket_comment", "incident_reassignment", "audit_entry",
      "sla_clock", "problem", "problem_open_ci", "change_request", "change_ci", "change_approval", "knowledge_article",
      "monitoring_alert", "alert_dedup", "monitoring_opened", "heartbeat_monitor", "on_call_rota", "on_call_member", "on_call_override",
      "notification_delivery", "queue_digest",
      "ACT_RU_EXECUTION", "ACT_RU_TASK", "ACT_RU_VARIABLE", "ACT_HI_PROCINST");

  private static final ObjectMapper MAPPER = new ObjectMapper();

  @Value("${server.port}") int port;
  @Autowired JdbcClient jdbc;
  @Autowired IdentityService identity;
  @Autowired TaskService tasks;
  @Autowired ChangeCalendar calendar;

  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  /** What a hostile request tries; the cases are counted by it. */
  enum Kind {
    BROKEN_JSON, DEEP_JSON, WRONG_TYPE, MISSING_FIELD, UNKNOWN_ENUM, HUGE, CONTROL_CHARACTERS, INJECTION, CONTENT_TYPE,
    METHOD, PATH, QUERY, AUTH, ENGINE
  }

  /** One request as sent: the path already percent-encoded (or not, on purpose), the body as bytes. */
  record Request(String method, String path, String authorization, String contentType, byte[] body, boolean chunked) {

    Request(String method, String path, String authorization) {
      this(method, path, authorization, null, null, false);
    }

    Request(String method, String path, String authorization, String contentType, String body) {
      this(method, path, authorization, contentType, body.getBytes(StandardCharsets.UTF_8), false);
    }
  }

  /** A hostile request and the 4xx it must be answered with. */
  record Case(Kind kind, String name, Request request, int status) {}

  /** Hostile text that is accepted: the answer and the table both hold it as sent. */
  record Verbatim(String name, Request request, int status, Map<String, String> answered, String row, Function<JsonNode, Object> key,
      Map<String, String> stored) {

    /** A read, or a write whose row is not looked at. */
    Verbatim(String name, Request request, int status, Map<String, String> answered) {
      this(name, request, status, answered, null, null, Map.of());
    }
  }

  /** A write endpoint: a body it accepts, and what must be refused in it. */
  record Endpoint(String name, String method, String path, String authorization, Map<String, Object> valid,
      List<String> required, Map<String, Integer> texts, List<Bad> bad, int bodyLimit) {}

  /** A value a field must not take, and the status that says so. */
  record Bad(Kind kind, String field, Object value, String why, int status) {}

  /** The tickets the hostile requests aim at, each settled in the state its requests expect. */
  record Fixtures(String incident, String problem, String change, String triageTask, String plannedStart, String plannedEnd) {}

  @TestFactory
  Stream<DynamicNode> hostileRequestsAreRefusedWithProblemDetailsAndNothingIsHalfWritten() {
    Fixtures fixtures = fixtures();
    List<Case> refused = refused(fixtures);
    List<Verbatim> accepted = accepted(fixtures);
    Map<Kind, Long> byKind = refused.stream().collect(Collectors.groupingBy(Case::kind, () -> new EnumMap<>(Kind.class), Collectors.counting()));
    System.out.println("Hostile input: " + (refused.size() + accepted.size()) + " requests, " + refused.size() + " refused "
        + byKind + ", " + accepted.size() + " accepted verbatim");
    assertThat(refused.size() + accepted.size()).as("hostile requests").isGreaterThanOrEqualTo(200);

    Map<String, Object> before = settledTables(fixtures);
    return Stream.of(
        dynamicContainer("refused", refused.stream().map(c -> dynamicTest(c.kind() + " " + c.name(), () -> assertRefused(c)))),
        dynamicTest("nothing half-written by the " + refused.size() + " refused requests",
            () -> assertThat(tables(fixtures)).as("rows after the refused requests").isEqualTo(before)),
        dynamicContainer("accepted verbatim", accepted.stream().map(v -> dynamicTest(v.name(), () -> assertVerbatim(v)))),
        dynamicTest("no table lost a row to the accepted injection text", () -> {
          Map<String, Object> after = tables(fixtures);
          TABLES.forEach(table -> assertThat((Long) after.get(table)).as(table).isGreaterThanOrEqualTo((Long) before.get(table)));
        }));
  }

  // --- the catalogue ------------------------------------------------------------------------------------------------

  private static List<Endpoint> endpoints(Fixtures f) {
    String inc = "/api/incidents/" + f.incident();
    String chg = "/api/changes/" + f.change();
    return List.of(
        new Endpoint("report an incident", "POST", "/api/incidents", basic("sd.anna"),
            body("title", "Printer on floor 2 jams", "description", "Every job since 09:00 jams the printer.",
                "caller", "jane@example.com", "ci", "pg-orders-01", "impact", "LOW", "urgency", "LOW"),
            List.of("title", "description", "caller"), texts("title", 200, "description", 4000, "caller", 100),
            List.of(bad(Kind.WRONG_TYPE, "title", 42, "a number"), bad(Kind.WRONG_TYPE, "description", Map.of("text", "x"), "an object"),
                bad(Kind.WRONG_TYPE, "caller", List.of("jane"), "an array"), bad(Kind.WRONG_TYPE, "title", true, "a boolean"),
                bad(Kind.UNKNOWN_ENUM, "impact", "CATASTROPHIC", "unknown"), bad(Kind.UNKNOWN_ENUM, "urgency", "low", "lower case"),
                bad(Kind.UNKNOWN_ENUM, "impact", 2, "a number"), bad(Kind.INJECTION, "ci", SQL, "SQL"),
                bad(Kind.INJECTION, "service", SCRIPT, "script"), bad(Kind.HUGE, "ci", "c".repeat(65), "65 characters"),
                bad(Kind.WRONG_TYPE, "title", "   ", "blank")),
            256 * 1024),
        new Endpoint("comment", "POST", inc + "/comments", basic("sd.anna"), body("text", "Called back, still jamming."),
            List.of("text"), texts("text", 4000),
            List.of(bad(Kind.WRONG_TYPE, "text", 1.5, "a number"), bad(Kind.WRONG_TYPE, "text", List.of(), "an array")),
            256 * 1024),
        new Endpoint("change the priority", "POST", inc + "/priority", basic("sd.anna"),
            body("impact", "HIGH", "urgency", "HIGH", "reason", "All stores are affected."),
            List.of("impact", "urgency", "reason"), texts("reason", 1000),
            List.of(bad(Kind.UNKNOWN_ENUM, "impact", "EXTREME", "unknown"), bad(Kind.UNKNOWN_ENUM, "urgency", 0, "a number"),
                bad(Kind.WRONG_TYPE, "reason", Map.of(), "an object")),
            256 * 1024),
        new Endpoint("open a problem", "POST", "/api/problems", basic("pm.paula"),
            body("title", "Printers jam every morning", "description", "Three floors report jams at 09:00.",
                "incidents", List.of(f.incident())),
            List.of("title", "description"), texts("title", 200, "description", 4000),
            List.of(bad(Kind.INJECTION, "incidents", List.of("INC-1' OR '1'='1"), "SQL in an incident number"),
                bad(Kind.WRONG_TYPE, "incidents", f.incident(), "a string for a list"),
                bad(Kind.HUGE, "incidents", IntStream.range(0, 101).mapToObj(i -> f.incident()).toList(), "101 incidents"),
                bad(Kind.INJECTION, "ci", "pg-orders-01; DELETE FROM problem", "SQL"),
                bad(Kind.WRONG_TYPE, "title", 7, "a number")),
            256 * 1024),
        new Endpoint("link an incident", "POST", "/api/problems/" + f.problem() + "/incidents", basic("pm.paula"),
            body("incident", f.incident()), List.of("incident"), texts(),
            List.of(bad(Kind.INJECTION, "incident", SQL, "SQL"), bad(Kind.INJECTION, "incident", "INC-000001\n", "a line break"),
                bad(Kind.WRONG_TYPE, "incident", 1, "a number"), bad(Kind.HUGE, "incident", "INC-" + "1".repeat(500), "500 digits")),
            256 * 1024),
        new Endpoint("request a change", "POST", "/api/changes", basic("db.dave"),
            body("title", "Raise max_connections", "description", "The nightly export exhausts the pool.", "type", "NORMAL",
                "cis", List.of("pg-orders-01"), "plannedStart", f.plannedStart(), "plannedEnd", f.plannedEnd(),
                "implementationPlan", "Set it to 400 and restart.", "backoutPlan", "Restore the old file.",
                "testEvidence", "Done on staging.", "implementerGroup", "database"),
            List.of("title", "description", "type", "cis", "plannedStart", "plannedEnd"),
            texts("title", 200, "description", 4000, "implementationPlan", 4000, "backoutPlan", 4000, "testEvidence", 4000,
                "exceptionReason", 1000),
            List.of(bad(Kind.UNKNOWN_ENUM, "type", "WHENEVER", "unknown"), bad(Kind.UNKNOWN_ENUM, "type", 2, "a number"),
                bad(Kind.WRONG_TYPE, "cis", "pg-orders-01", "a string for a list"), bad(Kind.WRONG_TYPE, "cis", List.of(), "empty"),
                bad(Kind.WRONG_TYPE, "cis", Arrays.asList((Object) null), "a null item"),
                bad(Kind.INJECTION, "cis", List.of(SQL), "SQL"), bad(Kind.WRONG_TYPE, "plannedStart", "tomorrow", "not a date"),
                bad(Kind.WRONG_TYPE, "plannedEnd", Map.of("year", 2027), "an object"),
                bad(Kind.HUGE, "plannedEnd", "+999999999-06-01T00:00:00Z", "in the year 999,999,999"),
                bad(Kind.HUGE, "plannedEnd", "+294277-01-01T00:00:00Z", "after PostgreSQL's last year"),
                bad(Kind.HUGE, "plannedStart", "-4714-01-01T00:00:00Z", "before PostgreSQL's first year"),
                bad(Kind.WRONG_TYPE, "plannedStart", "2027-02-30T01:00:00Z", "February 30"),
                bad(Kind.INJECTION, "implementerGroup", SCRIPT, "script"), bad(Kind.INJECTION, "problem", "PRB-000001' --", "SQL"),
                bad(Kind.HUGE, "cis", IntStream.range(0, 1000).mapToObj(i -> "ci-" + i).toList(), "1,000 items")),
            256 * 1024),
        new Endpoint("vote on a change", "POST", chg + "/approvals", basic("cm.chris"), body("decision", "APPROVE", "comment", "Fine."),
            List.of("decision"), texts("comment", 1000),
            List.of(bad(Kind.UNKNOWN_ENUM, "decision", "MAYBE", "unknown"), bad(Kind.UNKNOWN_ENUM, "decision", true, "a boolean")),
            256 * 1024),
        new Endpoint("report the implementation", "POST", chg + "/implementation", basic("db.dave"),
            body("result", "SUCCESSFUL", "notes", "Done in five minutes."), List.of("result", "notes"), texts("notes", 4000),
            List.of(bad(Kind.UNKNOWN_ENUM, "result", "ALMOST", "unknown")), 256 * 1024),
        new Endpoint("cancel a change", "POST", chg + "/cancellation", basic("db.dave"), body("reason", "Not needed any more."),
            List.of("reason"), texts("reason", 1000), List.of(bad(Kind.WRONG_TYPE, "reason", 3, "a number")), 256 * 1024),
        new Endpoint("mark an incident caused by a change", "POST", chg + "/incidents", basic("db.dave"),
            body("incident", f.incident()), List.of("incident"), texts(),
            List.of(bad(Kind.INJECTION, "incident", SQL, "SQL"), bad(Kind.INJECTION, "incident", SCRIPT, "script")), 256 * 1024),
        new Endpoint("write a knowledge article", "POST", "/api/knowledge", basic("sd.anna"),
            body("title", "Printer jams", "symptoms", "Jobs jam at 09:00.", "workaround", "Restart the spooler.",
                "rootCause", "A stuck queue.", "service", "checkout"),
            List.of("title", "symptoms", "workaround"), texts("title", 200, "symptoms", 4000, "workaround", 4000, "rootCause", 4000),
            List.of(bad(Kind.INJECTION, "service", SQL, "SQL"), bad(Kind.INJECTION, "ci", "../../etc/passwd", "a path")),
            256 * 1024),
        new Endpoint("begin a notification delivery", "POST", "/api/notifications/deliveries", basic("vigil-worker", "demo-worker"),
            body("key", "hostile-delivery", "ticket", f.incident(), "channel", "MAIL", "recipient", "jane@example.com",
                "template", "notification"),
            List.of("key", "ticket", "channel", "recipient"), texts("recipient", 320),
            List.of(bad(Kind.INJECTION, "key", SQL, "SQL"), bad(Kind.INJECTION, "key", "../../etc/passwd", "a path"),
                bad(Kind.INJECTION, "ticket", SQL_IN_A_PATH, "SQL in a ticket number"), bad(Kind.UNKNOWN_ENUM, "channel", "PIGEON", "unknown"),
                bad(Kind.INJECTION, "template", "../../etc/passwd", "a path"), bad(Kind.WRONG_TYPE, "recipient", List.of("a@example.com"), "an array")),
            256 * 1024),
        new Endpoint("create a heartbeat monitor", "POST", "/api/heartbeats", basic("db.dave"),
            body("name", "hostile-backup", "period", "PT24H", "grace", "PT30M", "ci", "pg-orders-01", "priority", "P3"),
            List.of("name", "period"), texts(),
            List.of(bad(Kind.INJECTION, "name", SQL, "SQL"), bad(Kind.INJECTION, "name", "../admin", "a path"),
                bad(Kind.WRONG_TYPE, "period", "forever", "not a duration"), bad(Kind.WRONG_TYPE, "period", "PT-1H", "negative", 422),
                bad(Kind.WRONG_TYPE, "period", "PT0S", "zero", 422), bad(Kind.HUGE, "period", "P100000D", "100,000 days", 422),
                bad(Kind.HUGE, "period", 1e30, "1e30 seconds", 422), bad(Kind.HUGE, "grace", "P30D", "30 days of grace", 422),
                bad(Kind.UNKNOWN_ENUM, "priority", "P0", "unknown")),
            256 * 1024),
        new Endpoint("change a heartbeat monitor", "PUT", "/api/heartbeats/hostile-backup", basic("db.dave"),
            body("name", "hostile-backup", "period", "PT24H", "grace", "PT30M", "ci", "pg-orders-01", "priority", "P3"),
            List.of("name", "period"), texts(),
            List.of(bad(Kind.INJECTION, "ci", SCRIPT, "script"), bad(Kind.UNKNOWN_ENUM, "priority", "URGENT", "unknown")), 256 * 1024),
        new Endpoint("set an on-call rota", "PUT", "/api/groups/database/rota", basic("db.dave"),
            body("zone", "Europe/Berlin", "handover", "09:00", "rotation", "P7D", "start", "2026-01-05", "primary", List.of("db.dave"),
                "secondary", List.of(), "calendar", "office-hours"),
            List.of("zone", "handover", "rotation", "start", "primary"), texts(),
            List.of(bad(Kind.WRONG_TYPE, "zone", "Mars/Olympus_Mons", "no such zone"), bad(Kind.INJECTION, "zone", SQL, "SQL"),
                bad(Kind.CONTROL_CHARACTERS, "zone", "Europe/Berlin\u0000", "NUL"), bad(Kind.WRONG_TYPE, "zone", 1, "a number"),
                bad(Kind.WRONG_TYPE, "handover", "25:00", "no such time"), bad(Kind.WRONG_TYPE, "handover", 9, "a number"),
                bad(Kind.WRONG_TYPE, "rotation", "P0D", "zero"), bad(Kind.WRONG_TYPE, "rotation", "-P7D", "negative"),
                bad(Kind.WRONG_TYPE, "rotation", "P1DT12H", "days and hours mixed"), bad(Kind.HUGE, "rotation", "PT1S", "a second"),
                bad(Kind.HUGE, "rotation", "P2Y", "two years"), bad(Kind.WRONG_TYPE, "rotation", "forever", "not a duration"),
                bad(Kind.WRONG_TYPE, "start", "2027-02-30", "February 30"), bad(Kind.HUGE, "start", "+99999-01-01", "in the year 99,999"),
                bad(Kind.WRONG_TYPE, "primary", List.of(), "empty"), bad(Kind.WRONG_TYPE, "primary", "db.dave", "a string for a list"),
                bad(Kind.WRONG_TYPE, "primary", Arrays.asList((Object) null), "a null item"),
                bad(Kind.WRONG_TYPE, "primary", List.of("db.dave", "db.dave"), "a user twice"),
                bad(Kind.INJECTION, "primary", List.of(SQL), "SQL"), bad(Kind.INJECTION, "secondary", List.of(SCRIPT), "script"),
                bad(Kind.HUGE, "primary", IntStream.range(0, 51).mapToObj(i -> "user" + i).toList(), "51 users"),
                bad(Kind.WRONG_TYPE, "primary", List.of("nobody.at.all"), "an unknown user", 422),
                bad(Kind.WRONG_TYPE, "secondary", List.of("net.nina"), "a user of another group", 422),
                bad(Kind.UNKNOWN_ENUM, "calendar", "lunar", "an unknown calendar")),
            256 * 1024),
        new Endpoint("put someone on call in place of the rota", "POST", "/api/groups/database/overrides", basic("db.dave"),
            body("user", "db.dave", "from", f.plannedStart(), "to", f.plannedEnd(), "layer", "PRIMARY", "reason", "Covering for a colleague."),
            List.of("user", "from", "to", "layer"), texts("reason", 1000),
            List.of(bad(Kind.INJECTION, "user", SQL, "SQL"), bad(Kind.UNKNOWN_ENUM, "layer", "TERTIARY", "unknown"),
                bad(Kind.UNKNOWN_ENUM, "layer", 0, "a number"), bad(Kind.WRONG_TYPE, "from", "tomorrow", "not a date"),
                bad(Kind.WRONG_TYPE, "to", f.plannedStart(), "the same as from"),
                bad(Kind.HUGE, "to", "+999999999-06-01T00:00:00Z", "in the year 999,999,999"),
                bad(Kind.WRONG_TYPE, "user", "nobody.at.all", "an unknown user", 422),
                bad(Kind.WRONG_TYPE, "user", "net.nina", "a user of another group", 422)),
            256 * 1024),
        new Endpoint("Alertmanager webhook", "POST", "/api/alerts/alertmanager", bearer("demo-alerts"), alertBatch(), 
            List.of("version", "groupKey", "status", "alerts"), texts(),
            List.of(bad(Kind.UNKNOWN_ENUM, "version", "5", "another version"), bad(Kind.UNKNOWN_ENUM, "status", "burning", "unknown"),
                bad(Kind.WRONG_TYPE, "alerts", List.of(), "empty"), bad(Kind.WRONG_TYPE, "alerts", Map.of(), "an object"),
                bad(Kind.WRONG_TYPE, "alerts", List.of(alert("zz!")), "a fingerprint that is not hexadecimal"),
                bad(Kind.INJECTION, "alerts", List.of(alertWithLabels(Map.of("bad-name; DROP", "x"))), "a label name with SQL"),
                bad(Kind.WRONG_TYPE, "alerts", List.of(alertWithStart("soon")), "a start that is not a date"),
                bad(Kind.WRONG_TYPE, "truncatedAlerts", -1, "negative"),
                bad(Kind.WRONG_TYPE, "truncatedAlerts", "many", "a string for a number"),
                bad(Kind.HUGE, "groupKey", "g".repeat(1001), "1,001 characters"),
                bad(Kind.WRONG_TYPE, "alerts", List.of(alertWithStart("+294277-01-01T00:00:00Z")), "a start after PostgreSQL's last year"),
                bad(Kind.HUGE, "alerts", IntStream.range(0, 1001).mapToObj(i -> alert(Integer.toHexString(i))).toList(), "1,001 alerts", 413)),
            4 * 1024 * 1024));
  }

  private static List<Case> refused(Fixtures f) {
    List<Case> cases = new ArrayList<>();
    for (Endpoint endpoint : endpoints(f)) {
      cases.addAll(refused(endpoint));
    }
    cases.addAll(onceMore(f));
    cases.addAll(paths(f));
    cases.addAll(queries());
    cases.addAll(methods(f));
    cases.addAll(authentication(f));
    cases.addAll(engine(f));
    return cases;
  }

  /**
   * The same mutations for every write endpoint: broken and deep JSON, a wrong content type, a body
   * over the limit, missing, wrong and oversized fields. Shapes that only the JSON reader sees are
   * tried once ({@link #onceMore}).
   */
  private static List<Case> refused(Endpoint e) {
    List<Case> cases = new ArrayList<>();
    String valid = json(e.valid());
    String first = e.required().get(0);
    cases.add(send(e, Kind.BROKEN_JSON, "truncated", JSON, valid.substring(0, valid.length() / 2), 400));
    cases.add(send(e, Kind.BROKEN_JSON, "trailing garbage", JSON, valid + " garbage", 400));
    cases.add(send(e, Kind.BROKEN_JSON, "an empty body", JSON, "", 400));
    cases.add(send(e, Kind.DEEP_JSON, "10,000 nested arrays in " + first, JSON, spliced(e.valid(), first, DEEP_ARRAYS), 400));
    cases.add(send(e, Kind.CONTENT_TYPE, "text/plain", "text/plain", valid, 415));
    if (e.bodyLimit() < 1024 * 1024) {
      cases.add(send(e, Kind.HUGE, "a body over the limit", JSON, spliced(e.valid(), first, "\"" + OVER_THE_BODY_LIMIT + "\""), 413));
    } else {
      // Alertmanager's 4 MB, streamed: the server reads up to its limit, and the rest is small enough to be drained.
      String huge = spliced(e.valid(), "groupKey", "\"" + "x".repeat(e.bodyLimit() + 100_000) + "\"");
      cases.add(new Case(Kind.HUGE, e.name() + ": a streamed body over the limit",
          new Request(e.method(), e.path(), e.authorization(), JSON, huge.getBytes(StandardCharsets.UTF_8), true), 413));
    }
    for (String field : e.required()) {
      cases.add(send(e, Kind.MISSING_FIELD, field + " missing", JSON, json(without(e.valid(), field)), 400));
    }
    cases.add(send(e, Kind.MISSING_FIELD, first + " null", JSON, json(with(e.valid(), first, null)), 400));
    e.texts().forEach((field, max) -> {
      cases.add(send(e, Kind.HUGE, field + " of " + (max + 1) + " characters", JSON, json(with(e.valid(), field, "x".repeat(max + 1))), 400));
      cases.add(send(e, Kind.CONTROL_CHARACTERS, field + " with NUL", JSON, json(with(e.valid(), field, "jam\u0000med")), 400));
    });
    e.texts().keySet().stream().findFirst().ifPresent(field ->
        cases.add(send(e, Kind.CONTROL_CHARACTERS, field + " with ESC", JSON, json(with(e.valid(), field, "\u001b[31mred")), 400)));
    for (Bad bad : e.bad()) {
      cases.add(send(e, bad.kind(), bad.field() + " " + bad.why(), JSON, json(with(e.valid(), bad.field(), bad.value())), bad.status()));
    }
    return cases;
  }

  /** Rarer shapes of a bad body, tried on the busiest endpoint only. */
  private static List<Case> onceMore(Fixtures f) {
    String path = "/api/incidents";
    String anna = basic("sd.anna");
    String valid = json(body("title", "Printer jams", "description", "Since 09:00.", "caller", "jane@example.com"));
    byte[] badUtf8 = {'{', '"', 't', 'i', 't', 'l', 'e', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'};
    return List.of(
        new Case(Kind.BROKEN_JSON, "report: not JSON at all", new Request("POST", path, anna, JSON, "title=jam&urgency=HIGH"), 400),
        new Case(Kind.BROKEN_JSON, "report: JSON null", new Request("POST", path, anna, JSON, "null"), 400),
        new Case(Kind.WRONG_TYPE, "report: an array for the object", new Request("POST", path, anna, JSON, "[" + valid + "]"), 400),
        new Case(Kind.WRONG_TYPE, "report: a JSON string", new Request("POST", path, anna, JSON, "\"Printer jams\""), 400),
        new Case(Kind.BROKEN_JSON, "report: invalid UTF-8", new Request("POST", path, anna, JSON, badUtf8, false), 400),
        new Case(Kind.BROKEN_JSON, "report: single quotes", new Request("POST", path, anna, JSON, valid.replace('"', '\'')), 400),
        new Case(Kind.BROKEN_JSON, "report: a comment", new Request("POST", path, anna, JSON, "/* hi */" + valid), 400),
        new Case(Kind.BROKEN_JSON, "report: NaN", new Request("POST", path, anna, JSON, valid.replace("}", ",\"impact\":NaN}")), 400),
        new Case(Kind.HUGE, "report: a number of 2,000 digits",
            new Request("POST", path, anna, JSON, valid.replace("}", ",\"impact\":" + "9".repeat(2000) + "}")), 400),
        new Case(Kind.DEEP_JSON, "report: 10,000 nested objects", new Request("POST", path, anna, JSON, DEEP_OBJECTS), 400),
        new Case(Kind.CONTROL_CHARACTERS, "report: a C1 control (CSI) in the title",
            new Request("POST", path, anna, JSON, valid.replace("Printer jams", "Printer\u009bjams")), 400),
        new Case(Kind.CONTROL_CHARACTERS, "report: DEL in the caller",
            new Request("POST", path, anna, JSON, valid.replace("jane@example.com", "jane\u007f@example.com")), 400),
        new Case(Kind.CONTENT_TYPE, "report: no content type", new Request("POST", path, anna, null, valid), 415),
        new Case(Kind.CONTENT_TYPE, "report: application/xml",
            new Request("POST", path, anna, "application/xml", "<incident><title>Printer jams</title></incident>"), 415),
        new Case(Kind.CONTENT_TYPE, "report: a form",
            new Request("POST", path, anna, "application/x-www-form-urlencoded", "title=Printer+jams&description=x&caller=y"), 415),
        new Case(Kind.CONTENT_TYPE, "report: multipart", new Request("POST", path, anna, "multipart/form-data; boundary=x",
            "--x\r\nContent-Disposition: form-data; name=\"title\"\r\n\r\njam\r\n--x--\r\n"), 415),
        new Case(Kind.CONTENT_TYPE, "report: an unknown charset", new Request("POST", path, anna, JSON + "; charset=no-such-charset", valid), 415),
        new Case(Kind.CONTENT_TYPE, "report: a content type that does not parse", new Request("POST", path, anna, "json", valid), 415),
        new Case(Kind.HUGE, "report: a streamed body over the limit",
            new Request("POST", path, anna, JSON, ("{\"title\":\"" + OVER_THE_BODY_LIMIT + "\"}").getBytes(StandardCharsets.UTF_8), true), 413),
        new Case(Kind.HUGE, "heartbeat failure: a body over the limit",
            new Request("POST", "/api/heartbeats/hostile-backup/fail", bearer("demo-heartbeats"), "text/plain", OVER_THE_BODY_LIMIT), 413),
        new Case(Kind.PATH, "heartbeat failure of a monitor that does not exist",
            new Request("POST", "/api/heartbeats/no-such-monitor/fail", bearer("demo-heartbeats"), "text/plain", "exit 3"), 404),
        new Case(Kind.PATH, "heartbeat ping of a monitor that does not exist",
            new Request("POST", "/api/heartbeats/no-such-monitor", bearer("demo-heartbeats")), 404),
        new Case(Kind.INJECTION, "heartbeat ping with SQL for the monitor",
            new Request("POST", "/api/heartbeats/" + encoded(SQL_IN_A_PATH), bearer("demo-heartbeats")), 404),
        new Case(Kind.INJECTION, "heartbeat ping with SQL and an encoded semicolon for the monitor",
            new Request("POST", "/api/heartbeats/" + encoded(SQL), bearer("demo-heartbeats")), 400),
        new Case(Kind.PATH, "heartbeat change: the body names another monitor",
            new Request("PUT", "/api/heartbeats/another-monitor", basic("db.dave"), JSON,
                json(body("name", "hostile-backup", "period", "PT24H"))), 422),
        new Case(Kind.PATH, "heartbeat change of a monitor that does not exist",
            new Request("PUT", "/api/heartbeats/no-such-monitor", basic("db.dave"), JSON,
                json(body("name", "no-such-monitor", "period", "PT24H"))), 404),
        new Case(Kind.PATH, "heartbeat delete of a monitor that does not exist",
            new Request("DELETE", "/api/heartbeats/" + encoded(SQL_IN_A_PATH), basic("db.dave")), 404),
        new Case(Kind.INJECTION, "unlink SQL from a problem",
            new Request("DELETE", "/api/problems/" + f.problem() + "/incidents/" + encoded("INC-1' OR '1'='1"), basic("pm.paula")), 404),
        new Case(Kind.PATH, "comment on an incident that does not exist",
            new Request("POST", "/api/incidents/INC-999999/comments", basic("sd.anna"), JSON, json(body("text", "hello"))), 404));
  }

  /** Path parameters of reads: traversal, encoded tricks, NUL, overlong numbers, SQL and script. */
  private static List<Case> paths(Fixtures f) {
    String anna = basic("sd.anna");
    List<Case> cases = new ArrayList<>();
    Map<String, Integer> tricks = new LinkedHashMap<>();
    tricks.put("..%2f..%2factuator%2fenv", 400);
    tricks.put("%2e%2e", 400);
    tricks.put(f.incident() + "%00", 400);
    tricks.put("%252e%252e%252f", 400);
    tricks.put(f.incident() + ";jsessionid=1", 400);
    tricks.put("..%5c..%5c", 400);
    tricks.put("INC-" + "9".repeat(40), 404);
    tricks.put(encoded(SQL_IN_A_PATH), 404);
    tricks.put(encoded(SQL), 400);
    tricks.put(encoded(SCRIPT).replace("%2F", ""), 404);
    tricks.put("x".repeat(4000), 404);
    tricks.forEach((trick, status) -> cases.add(new Case(Kind.PATH, "GET /api/incidents/" + abbreviated(trick),
        new Request("GET", "/api/incidents/" + trick, anna), status)));
    List<String> reads = List.of("/api/incidents/%s/comments", "/api/incidents/%s/reassignments", "/api/incidents/%s/sla",
        "/api/incidents/%s/audit", "/api/incidents/%s/alerts", "/api/problems/%s", "/api/problems/%s/audit", "/api/changes/%s",
        "/api/changes/%s/sla", "/api/heartbeats/%s", "/api/services/%s", "/api/configuration-items/%s", "/api/groups/%s/rota",
        "/api/groups/%s/on-call");
    List<Map.Entry<String, Integer>> each = List.of(Map.entry("%2e%2e%2f%2e%2e%2f", 400), Map.entry(encoded(SQL_IN_A_PATH), 404));
    for (String read : reads) {
      for (Map.Entry<String, Integer> trick : each) {
        String path = read.formatted(trick.getKey());
        cases.add(new Case(Kind.PATH, "GET " + abbreviated(path), new Request("GET", path, anna), trick.getValue()));
      }
    }
    cases.add(new Case(Kind.PATH, "GET /api/knowledge/ an overlong number", new Request("GET", "/api/knowledge/" + "9".repeat(30), anna), 400));
    cases.add(new Case(Kind.PATH, "GET /api/knowledge/ SQL", new Request("GET", "/api/knowledge/" + encoded("1 OR 1=1"), anna), 400));
    cases.add(new Case(Kind.PATH, "GET /api/knowledge/ a negative id", new Request("GET", "/api/knowledge/-1", anna), 404));
    cases.add(new Case(Kind.PATH, "GET /api/incidents/../../actuator/env", new Request("GET", "/api/incidents/../../actuator/env", anna), 400));
    cases.add(new Case(Kind.PATH, "GET //api/incidents", new Request("GET", "//api/incidents", anna), 400));
    cases.add(new Case(Kind.PATH, "GET /api/no-such-thing", new Request("GET", "/api/no-such-thing", anna), 404));
    return cases;
  }

  /** Query parameters: pages out of range, wrong types, unknown enum values, malformed dates, control characters, SQL. */
  private static List<Case> queries() {
    Map<String, Integer> queries = new LinkedHashMap<>();
    Stream.of("/api/incidents?page=-1", "/api/incidents?size=0", "/api/incidents?size=101", "/api/incidents?size=99999999999",
            "/api/incidents?page=abc", "/api/incidents?state=SOLVED", "/api/incidents?priority=P9",
            "/api/incidents?open=maybe", "/api/incidents?q=jam%00", "/api/incidents?q=" + "a".repeat(101), "/api/incidents?q=!!",
            "/api/incidents?group=" + encoded(SQL), "/api/incidents?ci=" + encoded(SCRIPT),
            "/api/problems?state=BOGUS", "/api/problems?ci=" + encoded(SQL), "/api/problems?page=-5", "/api/problems?service=%1b",
            "/api/changes?type=sometimes", "/api/changes?closedSince=yesterday", "/api/changes?problem=" + encoded("PRB-1' OR '1'='1"),
            "/api/changes?size=-1", "/api/changes?state=" + encoded(SCRIPT), "/api/changes?closedSince=%2B999999999-01-01T00:00:00Z",
            "/api/changes/calendar?from=garbage", "/api/changes/calendar?to=2027-13-45T00:00:00Z",
            "/api/changes/calendar?from=%2B999999999-01-01T00:00:00Z", "/api/changes/calendar?to=-999999999-01-01T00:00:00Z",
            "/api/changes/calendar.ics?from=" + encoded(SQL),
            "/api/knowledge", "/api/knowledge?q=x", "/api/knowledge?q=jam%00med", "/api/knowledge?q=printer&size=51",
            "/api/knowledge?q=printer&size=0", "/api/knowledge?q=" + "a".repeat(201),
            "/api/incidents/similar", "/api/incidents/similar?q=" + "a".repeat(201), "/api/incidents/similar?q=printer&service=BAD",
            "/api/incidents/similar?q=printer&size=21", "/api/incidents/similar?q=%1b%5b31m",
            "/api/groups/database/on-call?at=garbage", "/api/groups/database/on-call?at=%2B999999999-01-01T00:00:00Z",
            "/api/groups/database/overrides?from=" + encoded(SQL),
            "/api/groups/database/overrides?from=2027-06-01T00:00:00Z&to=2027-01-01T00:00:00Z")
        .forEach(query -> queries.put(query, 400));
    queries.put("/api/changes/calendar?from=2027-06-01T00:00:00Z&to=2027-01-01T00:00:00Z", 422);
    queries.put("/api/changes/calendar?from=2027-01-01T00:00:00Z&to=2037-01-01T00:00:00Z", 422);
    return queries.entrySet().stream().map(query -> new Case(Kind.QUERY, "GET " + abbreviated(query.getKey()),
        new Request("GET", query.getKey(), basic("audit.ada")), query.getValue())).toList();
  }

  /** Methods an endpoint does not take: 405 with problem details. */
  private static List<Case> methods(Fixtures f) {
    String dave = basic("db.dave");
    return Stream.of(
            new Request("DELETE", "/api/incidents", dave), new Request("PUT", "/api/incidents/" + f.incident(), dave, JSON, "{}"),
            new Request("PATCH", "/api/incidents/" + f.incident(), dave, JSON, "{}"), new Request("DELETE", "/api/changes/" + f.change(), dave),
            new Request("PUT", "/api/changes", dave, JSON, "{}"), new Request("GET", "/api/alerts/alertmanager", dave),
            new Request("PUT", "/api/alerts/alertmanager", dave, JSON, "{}"), new Request("POST", "/api/services", dave, JSON, "{}"),
            new Request("DELETE", "/api/heartbeats", dave), new Request("POST", "/api/incidents/" + f.incident() + "/sla", dave, JSON, "{}"),
            new Request("POST", "/api/changes/templates", dave, JSON, "{}"), new Request("DELETE", "/api/knowledge/1", basic("sd.anna")),
            new Request("PUT", "/api/problems/" + f.problem(), basic("pm.paula"), JSON, "{}"),
            new Request("DELETE", "/api/groups/database/rota", dave), new Request("PATCH", "/api/groups/database/rota", dave, JSON, "{}"))
        .map(request -> new Case(Kind.METHOD, request.method() + " " + request.path(), request, 405))
        .toList();
  }

  /** Missing, forged and misplaced credentials and tokens: 401; a user whose groups do not allow the step: 403. */
  private static List<Case> authentication(Fixtures f) {
    String report = json(body("title", "Printer jams", "description", "Since 09:00.", "caller", "jane@example.com"));
    String alerts = json(alertBatch());
    List<Case> cases = new ArrayList<>();
    Map<String, String> forged = new LinkedHashMap<>();
    forged.put("none", null);
    forged.put("a wrong password", basic(DecoyAccount.USER, "wrong"));
    forged.put("an unknown user", basic("nobody", "demo"));
    forged.put("Basic that is not base64", "Basic %%%not-base64%%%");
    forged.put("Basic without a colon", "Basic " + Base64.getEncoder().encodeToString("sd.anna".getBytes(StandardCharsets.UTF_8)));
    forged.put("an empty Basic", "Basic ");
    forged.put("the Alertmanager token", bearer("demo-alerts"));
    forged.put("another scheme", "Digest username=\"sd.anna\"");
    forged.forEach((what, authorization) ->
        cases.add(new Case(Kind.AUTH, "GET /api/incidents with " + what, new Request("GET", "/api/incidents", authorization), 401)));
    cases.add(new Case(Kind.AUTH, "POST /api/incidents without credentials", new Request("POST", "/api/incidents", null, JSON, report), 401));
    cases.add(new Case(Kind.AUTH, "POST /api/incidents with a wrong password",
        new Request("POST", "/api/incidents", basic(DecoyAccount.USER, "wrong"), JSON, report), 401));
    Map<String, String> tokens = new LinkedHashMap<>();
    tokens.put("no token", null);
    tokens.put("a forged token", bearer("demo-alerts-forged"));
    tokens.put("an empty token", "Bearer ");
    tokens.put("the heartbeat token", bearer("demo-heartbeats"));
    tokens.put("a token of 4,000 characters", bearer("a".repeat(4000)));
    tokens.put("the token in another scheme", "Token demo-alerts");
    tokens.forEach((what, authorization) -> cases.add(new Case(Kind.AUTH, "Alertmanager webhook with " + what,
        new Request("POST", "/api/alerts/alertmanager", authorization, JSON, alerts), 401)));
    cases.add(new Case(Kind.AUTH, "heartbeat ping with a forged token",
        new Request("POST", "/api/heartbeats/hostile-backup", bearer("nope")), 401));
    cases.add(new Case(Kind.AUTH, "heartbeat ping with the Alertmanager token",
        new Request("POST", "/api/heartbeats/hostile-backup", bearer("demo-alerts")), 401));
    cases.add(new Case(Kind.AUTH, "heartbeat token to create a monitor",
        new Request("POST", "/api/heartbeats", bearer("demo-heartbeats"), JSON, json(body("name", "x", "period", "PT1H"))), 401));
    cases.add(new Case(Kind.AUTH, "Alertmanager webhook as a user", new Request("POST", "/api/alerts/alertmanager", basic("sd.anna"), JSON, alerts), 403));
    cases.add(new Case(Kind.AUTH, "an auditor reports", new Request("POST", "/api/incidents", basic("audit.ada"), JSON, report), 403));
    cases.add(new Case(Kind.AUTH, "the service desk opens a problem",
        new Request("POST", "/api/problems", basic("sd.anna"), JSON, json(body("title", "t", "description", "d"))), 403));
    String rota = json(body("zone", "UTC", "handover", "09:00", "rotation", "P7D", "start", "2026-01-05", "primary", List.of("net.nina")));
    cases.add(new Case(Kind.AUTH, "an auditor sets a rota", new Request("PUT", "/api/groups/database/rota", basic("audit.ada"), JSON, rota), 403));
    cases.add(new Case(Kind.AUTH, "the network group sets the database group's rota",
        new Request("PUT", "/api/groups/database/rota", basic("net.nina"), JSON, rota), 403));
    cases.add(new Case(Kind.AUTH, "an auditor cancels a change",
        new Request("POST", "/api/changes/" + f.change() + "/cancellation", basic("audit.ada"), JSON, json(body("reason", "r"))), 403));
    return cases;
  }

  /** {@code /engine-rest}: what Vigil guards there (ticket listeners, HumanInputGuard, RefusedInputMapper), and its logins. */
  private static List<Case> engine(Fixtures f) {
    String start = "/engine-rest/process-definition/key/" + IncidentProcess.KEY;
    String task = "/engine-rest/task/" + f.triageTask();
    String anna = basic("sd.anna");
    String dave = basic("db.dave");
    Map<String, Object> report = body(IncidentProcess.Variables.TITLE, "Printer jams", IncidentProcess.Variables.DESCRIPTION,
        "Since 09:00.", IncidentProcess.Variables.CALLER, "jane@example.com");
    List<Case> cases = new ArrayList<>();
    Map<String, Map<String, Object>> reports = new LinkedHashMap<>();
    reports.put("a title with NUL", with(report, IncidentProcess.Variables.TITLE, "jam\u0000med"));
    reports.put("a description with ESC", with(report, IncidentProcess.Variables.DESCRIPTION, "\u001b[31mred"));
    reports.put("a variable of no field with NUL", with(report, "note", "a\u0000b"));
    reports.put("a title of 201 characters", with(report, IncidentProcess.Variables.TITLE, "x".repeat(201)));
    reports.put("no title", without(report, IncidentProcess.Variables.TITLE));
    reports.put("SQL for the configuration item", with(report, IncidentProcess.Variables.CI, SQL));
    reports.put("an unknown impact", with(report, IncidentProcess.Variables.IMPACT, "CATASTROPHIC"));
    reports.forEach((what, variables) -> cases.add(new Case(Kind.ENGINE, "submit the incident start form with " + what,
        new Request("POST", start + "/submit-form", anna, JSON, variables(variables)), 400)));
    cases.add(new Case(Kind.ENGINE, "start an incident with a title with NUL",
        new Request("POST", start + "/start", anna, JSON, variables(reports.get("a title with NUL"))), 400));
    cases.add(new Case(Kind.ENGINE, "start an incident with a number for the title", new Request("POST", start + "/submit-form", anna, JSON,
        "{\"variables\":{\"title\":{\"value\":42,\"type\":\"Integer\"},\"description\":{\"value\":\"d\"},\"caller\":{\"value\":\"c\"}}}"), 400));
    cases.add(new Case(Kind.ENGINE, "start an incident with a Java-serialized variable", new Request("POST", start + "/start", anna, JSON,
        "{\"variables\":{\"title\":{\"value\":\"rO0ABXQAA2phbQ==\",\"type\":\"Object\",\"valueInfo\":{\"objectTypeName\":\"java.lang.String\","
            + "\"serializationDataFormat\":\"application/x-java-serialized-object\"}}}}"), 400));
    Map<String, Object> change = body(ChangeProcess.Variables.TITLE, "Add an index", ChangeProcess.Variables.DESCRIPTION, "Scans.",
        ChangeProcess.Variables.TYPE, "NORMAL", ChangeProcess.Variables.CIS, "pg-orders-01",
        ChangeProcess.Variables.PLANNED_START, "+999999999-06-01T00:00:00Z", ChangeProcess.Variables.PLANNED_END, "+999999999-06-01T01:00:00Z",
        ChangeProcess.Variables.IMPLEMENTATION_PLAN, "Create it.", ChangeProcess.Variables.IMPLEMENTER_GROUP, "database");
    cases.add(new Case(Kind.ENGINE, "submit the change start form planned in the year 999,999,999",
        new Request("POST", "/engine-rest/process-definition/key/" + ChangeProcess.KEY + "/submit-form", dave, JSON, variables(change)), 400));
    cases.add(new Case(Kind.ENGINE, "complete triage with an unknown outcome", new Request("POST", task + "/complete", dave, JSON,
        variables(body(IncidentProcess.Variables.TRIAGE_OUTCOME, "BOGUS"))), 400));
    cases.add(new Case(Kind.ENGINE, "complete triage with NUL in a variable of no field", new Request("POST", task + "/complete", dave, JSON,
        variables(body(IncidentProcess.Variables.TRIAGE_OUTCOME, "RESOLVE", "scratch", "a\u0000b"))), 400));
    cases.add(new Case(Kind.ENGINE, "submit the triage form with NUL in the pending note", new Request("POST", task + "/submit-form", dave, JSON,
        variables(body(IncidentProcess.Variables.TRIAGE_OUTCOME, "RESOLVE", IncidentProcess.Variables.PENDING_NOTE, "a\u0000b"))), 400));
    cases.add(new Case(Kind.ENGINE, "complete triage with broken JSON", new Request("POST", task + "/complete", dave, JSON, "{\"variables\":"), 400));
    cases.add(new Case(Kind.ENGINE, "complete triage with 10,000 nested arrays",
        new Request("POST", task + "/complete", dave, JSON, "{\"variables\":" + DEEP_ARRAYS + "}"), 400));
    cases.add(new Case(Kind.ENGINE, "complete triage as text/plain", new Request("POST", task + "/complete", dave, "text/plain", "{}"), 415));
    cases.add(new Case(Kind.ENGINE, "complete triage without logging in", new Request("POST", task + "/complete", null, JSON, "{}"), 401));
    cases.add(new Case(Kind.ENGINE, "complete triage with a wrong password",
        new Request("POST", task + "/complete", basic(DecoyAccount.USER, "wrong"), JSON, "{}"), 401));
    cases.add(new Case(Kind.ENGINE, "an auditor submits the incident start form",
        new Request("POST", start + "/submit-form", basic("audit.ada"), JSON, variables(report)), 403));
    return cases;
  }

  /** Hostile text where free text is taken: accepted, and kept exactly as sent; control characters from monitoring replaced. */
  private static List<Verbatim> accepted(Fixtures f) {
    String anna = basic("sd.anna");
    String rightToLeft = "Invoice \u202Efdp.exe";
    String monitor = "hostile-" + Long.toHexString(System.nanoTime());
    String fingerprint = Long.toHexString(System.nanoTime());
    Map<String, Object> alert = with(with(alert(fingerprint), "labels", Map.of("alertname", "HostileText", "instance", SQL)),
        "annotations", Map.of("summary", "Disk\u0000full " + SCRIPT));
    Function<JsonNode, Object> number = answer -> answer.path("number").asText();
    Function<JsonNode, Object> id = answer -> answer.path("id").asLong();
    return List.of(
        new Verbatim("an incident with SQL and script for its text",
            new Request("POST", "/api/incidents", anna, JSON, json(body("title", SQL, "description", SCRIPT, "caller", SQL + SCRIPT))), 201,
            Map.of("title", SQL, "description", SCRIPT, "caller", SQL + SCRIPT),
            "SELECT title, description, caller FROM incident WHERE number = ?", number,
            Map.of("title", SQL, "description", SCRIPT, "caller", SQL + SCRIPT)),
        new Verbatim("an incident with a right-to-left override in its title (a format character, not a control character: ADR 12)",
            new Request("POST", "/api/incidents", anna, JSON, json(body("title", rightToLeft, "description", "An attachment's name",
                "caller", "jane@example.com"))), 201,
            Map.of("title", rightToLeft), "SELECT title FROM incident WHERE number = ?", number, Map.of("title", rightToLeft)),
        new Verbatim("a comment with SQL and script",
            new Request("POST", "/api/incidents/" + f.incident() + "/comments", anna, JSON, json(body("text", SQL + " " + SCRIPT))), 201,
            Map.of("text", SQL + " " + SCRIPT), "SELECT text FROM ticket_comment WHERE id = ?", id, Map.of("text", SQL + " " + SCRIPT)),
        new Verbatim("a problem with script and SQL",
            new Request("POST", "/api/problems", basic("pm.paula"), JSON, json(body("title", SCRIPT, "description", SQL))), 201,
            Map.of("title", SCRIPT, "description", SQL), "SELECT title, description FROM problem WHERE number = ?", number,
            Map.of("title", SCRIPT, "description", SQL)),
        new Verbatim("a knowledge article with SQL and script",
            new Request("POST", "/api/knowledge", anna, JSON, json(body("title", SQL, "symptoms", SCRIPT, "workaround", SQL + SCRIPT))), 201,
            Map.of("title", SQL, "symptoms", SCRIPT, "workaround", SQL + SCRIPT),
            "SELECT title, symptoms, workaround FROM knowledge_article WHERE id = ?", id,
            Map.of("title", SQL, "symptoms", SCRIPT, "workaround", SQL + SCRIPT)),
        new Verbatim("a change with script and SQL in its plans",
            new Request("POST", "/api/changes", basic("db.dave"), JSON, json(body("title", SCRIPT, "description", SQL, "type", "NORMAL",
                "cis", List.of("dwh-01"), "plannedStart", f.plannedStart(), "plannedEnd", f.plannedEnd(), "implementationPlan", SQL,
                "backoutPlan", SCRIPT, "implementerGroup", "database"))), 201,
            Map.of("title", SCRIPT, "description", SQL, "implementationPlan", SQL, "backoutPlan", SCRIPT),
            "SELECT title, description, implementation_plan, backout_plan FROM change_request WHERE number = ?", number,
            Map.of("title", SCRIPT, "description", SQL, "implementation_plan", SQL, "backout_plan", SCRIPT)),
        new Verbatim("an alert with SQL in a label and NUL in its summary (replaced)",
            new Request("POST", "/api/alerts/alertmanager", bearer("demo-alerts"), JSON, json(with(alertBatch(), "alerts", List.of(alert)))),
            200, Map.of(), "SELECT labels, summary FROM monitoring_alert WHERE fingerprint = ?", answer -> fingerprint,
            Map.of("summary", "Disk\uFFFDfull " + SCRIPT)),
        new Verbatim("a heartbeat monitor for the failure to come",
            new Request("POST", "/api/heartbeats", basic("db.dave"), JSON, json(body("name", monitor, "period", "P7D"))), 201,
            Map.of("name", monitor)),
        new Verbatim("a heartbeat failure with SQL and NUL (replaced)",
            new Request("POST", "/api/heartbeats/" + monitor + "/fail", bearer("demo-heartbeats"), "text/plain", "exit 3\u0000" + SQL), 200,
            Map.of(), "SELECT last_failure FROM heartbeat_monitor WHERE name = ?", answer -> monitor,
            Map.of("last_failure", "exit 3\uFFFD" + SQL)),
        new Verbatim("a heartbeat failure in an unknown charset (machine input: kept)",
            new Request("POST", "/api/heartbeats/" + monitor + "/fail", bearer("demo-heartbeats"), "text/plain; charset=no-such-charset",
                "exit 4"), 200, Map.of(), "SELECT last_failure FROM heartbeat_monitor WHERE name = ?", answer -> monitor,
            Map.of("last_failure", "exit 4")),
        new Verbatim("the heartbeat monitor deleted", new Request("DELETE", "/api/heartbeats/" + monitor, basic("db.dave")), 204, Map.of()),
        new Verbatim("incidents searched with SQL", new Request("GET", "/api/incidents?q=" + encoded("' OR 1=1; DROP TABLE incident; --"), anna),
            200, Map.of()),
        new Verbatim("configuration items of a service named with SQL",
            new Request("GET", "/api/configuration-items?service=" + encoded("' OR '1'='1"), anna), 200, Map.of()),
        new Verbatim("the knowledge base searched with script", new Request("GET", "/api/knowledge?q=" + encoded(SCRIPT), anna), 200, Map.of()),
        new Verbatim("similar incidents searched with SQL", new Request("GET", "/api/incidents/similar?q=" + encoded(SQL), anna), 200, Map.of()));
  }

  // --- checks -------------------------------------------------------------------------------------------------------

  private void assertRefused(Case c) throws Exception {
    HttpResponse<String> response = send(c.request());
    String answer = c.name() + " answered " + response.statusCode() + " " + response.headers().firstValue("Content-Type").orElse("")
        + ": " + abbreviated(response.body());
    assertThat(response.statusCode()).as("no server error: " + answer).isLessThan(500);
    assertThat(response.statusCode()).as(answer).isEqualTo(c.status());
    assertThat(LEAKS).as("no stack trace or SQL: " + answer).noneMatch(response.body()::contains);
    if (c.request().path().startsWith("/engine-rest")) {
      // The engine's own error shapes: {type, message}, its JSON parser's text, or its login's empty answer.
      return;
    }
    assertThat(API_LEAKS).as("no class names: " + answer).noneMatch(response.body()::contains);
    assertThat(response.headers().firstValue("Content-Type").orElse("")).as("problem details: " + answer)
        .startsWith("application/problem+json");
    JsonNode problem = MAPPER.readTree(response.body());
    assertThat(problem.path("status").asInt()).as(answer).isEqualTo(response.statusCode());
    assertThat(problem.path("title").asText()).as(answer).isNotBlank();
    assertThat(problem.path("detail").asText()).as(answer).isNotBlank();
  }

  private void assertVerbatim(Verbatim v) throws Exception {
    HttpResponse<String> response = send(v.request());
    String answer = v.name() + " answered " + response.statusCode() + ": " + abbreviated(response.body());
    assertThat(response.statusCode()).as(answer).isEqualTo(v.status());
    if (response.statusCode() == 204) {
      return;
    }
    assertThat(response.headers().firstValue("Content-Type").orElse("")).as(answer).startsWith(JSON);
    assertThat(LEAKS).as(answer).noneMatch(response.body()::contains);
    JsonNode body = MAPPER.readTree(response.body());
    v.answered().forEach((field, text) -> assertThat(body.path(field).asText()).as(field + " as sent: " + answer).isEqualTo(text));
    if (v.row() != null) {
      Map<String, Object> row = jdbc.sql(v.row()).param(v.key().apply(body)).query().singleRow();
      v.stored().forEach((column, text) -> assertThat(row.entrySet()).as(column + " stored as sent")
          .anySatisfy(entry -> {
            assertThat(entry.getKey()).isEqualToIgnoringCase(column);
            assertThat(entry.getValue()).isEqualTo(text);
          }));
    }
  }

  private HttpResponse<String> send(Request request) throws Exception {
    BodyPublisher body = request.body() == null ? BodyPublishers.noBody()
        : request.chunked() ? BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(request.body()))
        : BodyPublishers.ofByteArray(request.body());
    HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create("http://localhost:" + port + request.path()))
        .timeout(Duration.ofSeconds(30))
        .method(request.method(), body);
    if (request.authorization() != null) {
      builder.header("Authorization", request.authorization());
    }
    if (request.contentType() != null) {
      builder.header("Content-Type", request.contentType());
    }
    return http.send(builder.build(), BodyHandlers.ofString());
  }

  // --- fixtures and tables ------------------------------------------------------------------------------------------

  /** An incident in triage, a new problem and a change awaiting approval: what the hostile requests aim at. */
  private Fixtures fixtures() {
    DecoyAccount.in(identity);
    // at 16:00 UTC: the workers' tests count the changes on pg-orders-01 in their windows, which keep to other hours (ChangeWindows)
    Instant start = Instant.now().truncatedTo(ChronoUnit.DAYS).plus(Duration.ofDays(20)).plus(Duration.ofHours(16));
    while (calendar.freezeOverlapping(start, start.plus(Duration.ofHours(1))).isPresent()) {
      start = start.plus(Duration.ofDays(1));
    }
    String plannedStart = start.atOffset(ZoneOffset.UTC).toString();
    String plannedEnd = start.plus(Duration.ofHours(1)).atOffset(ZoneOffset.UTC).toString();
    // A title no other test's incident resembles, so that it is not held as a possible duplicate on the shared context.
    String incident = created(new Request("POST", "/api/incidents", basic("sd.anna"), JSON, json(body("title",
        "Hostile input target " + Long.toString(System.nanoTime(), 36), "description", "Checkout waits on the orders database.",
        "caller", "jane@example.com", "ci", "pg-orders-01"))));
    String problem = created(new Request("POST", "/api/problems", basic("pm.paula"), JSON,
        json(body("title", "Orders database slows down at noon", "description", "Every day at noon."))));
    String change = created(new Request("POST", "/api/changes", basic("db.dave"), JSON, json(body("title", "Add an index to orders",
        "description", "Lookups by customer scan the table.", "type", "NORMAL", "cis", List.of("pg-orders-01"),
        "plannedStart", plannedStart, "plannedEnd", plannedEnd, "implementationPlan", "Create the index concurrently.",
        "implementerGroup", "database"))));
    await().atMost(Duration.ofSeconds(60)).until(() -> "ASSIGNED".equals(state("incident", incident))
        && "AWAITING_APPROVAL".equals(state("change_request", change)));
    String triage = tasks.createTaskQuery().processInstanceBusinessKey(incident)
        .taskDefinitionKey(IncidentProcess.Elements.TRIAGE).singleResult().getId();
    return new Fixtures(incident, problem, change, triage, plannedStart, plannedEnd);
  }

  private String created(Request request) {
    try {
      HttpResponse<String> response = send(request);
      assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
      return MAPPER.readTree(response.body()).path("number").asText();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private String state(String table, String number) {
    return jdbc.sql("SELECT state FROM " + table + " WHERE number = ?").param(number).query(String.class).single();
  }

  /**
   * The tables once the application has settled (workers and listeners of earlier tests done): two
   * looks a second apart that agree.
   */
  private Map<String, Object> settledTables(Fixtures fixtures) {
    List<Map<String, Object>> looks = new ArrayList<>(List.of(tables(fixtures)));
    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).until(() -> {
      looks.add(tables(fixtures));
      return looks.get(looks.size() - 1).equals(looks.get(looks.size() - 2));
    });
    return looks.get(looks.size() - 1);
  }

  /** Rows per table, and the fixtures' own rows, which a refused step must leave as they are. */
  private Map<String, Object> tables(Fixtures fixtures) {
    Map<String, Object> rows = new TreeMap<>();
    TABLES.forEach(table -> rows.put(table, jdbc.sql("SELECT COUNT(*) FROM " + table).query(Long.class).single()));
    rows.put("incident " + fixtures.incident(), jdbc.sql("SELECT state, impact, urgency, priority, updated_at FROM incident WHERE number = ?")
        .param(fixtures.incident()).query().singleRow().toString());
    rows.put("problem " + fixtures.problem(), jdbc.sql("SELECT state, updated_at FROM problem WHERE number = ?")
        .param(fixtures.problem()).query().singleRow().toString());
    rows.put("change " + fixtures.change(), jdbc.sql("SELECT state, updated_at FROM change_request WHERE number = ?")
        .param(fixtures.change()).query().singleRow().toString());
    return rows;
  }

  // --- bodies -------------------------------------------------------------------------------------------------------

  private static Map<String, Object> alertBatch() {
    return body("version", "4", "groupKey", "{}:{alertname=\"HostileText\"}", "status", "firing", "receiver", "vigil",
        "alerts", List.of(alert("4f1c2d3e5a6b7c8d")));
  }

  private static Map<String, Object> alert(String fingerprint) {
    return body("status", "firing", "labels", Map.of("alertname", "HostileText", "severity", "warning"),
        "annotations", Map.of("summary", "Hostile text"), "startsAt", "2026-11-25T10:00:00Z", "fingerprint", fingerprint);
  }

  private static Map<String, Object> alertWithLabels(Map<String, String> labels) {
    return with(alert("4f1c2d3e5a6b7c8d"), "labels", labels);
  }

  private static Map<String, Object> alertWithStart(String startsAt) {
    return with(alert("4f1c2d3e5a6b7c8d"), "startsAt", startsAt);
  }

  private static Map<String, Object> body(Object... namesAndValues) {
    Map<String, Object> body = new LinkedHashMap<>();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      body.put((String) namesAndValues[i], namesAndValues[i + 1]);
    }
    return body;
  }

  private static Map<String, Integer> texts(Object... namesAndLimits) {
    Map<String, Integer> texts = new LinkedHashMap<>();
    for (int i = 0; i < namesAndLimits.length; i += 2) {
      texts.put((String) namesAndLimits[i], (Integer) namesAndLimits[i + 1]);
    }
    return texts;
  }

  private static Bad bad(Kind kind, String field, Object value, String why) {
    return new Bad(kind, field, value, why, 400);
  }

  /** Well-formed, but a value the service refuses (422) or a batch too large (413). */
  private static Bad bad(Kind kind, String field, Object value, String why, int status) {
    return new Bad(kind, field, value, why, status);
  }

  private static Map<String, Object> with(Map<String, Object> body, String field, Object value) {
    Map<String, Object> changed = new LinkedHashMap<>(body);
    changed.put(field, value);
    return changed;
  }

  private static Map<String, Object> without(Map<String, Object> body, String field) {
    Map<String, Object> changed = new LinkedHashMap<>(body);
    changed.remove(field);
    return changed;
  }

  /** The body with a field's value replaced by raw JSON text (deep nesting, oversized values). */
  private static String spliced(Map<String, Object> body, String field, String rawJson) {
    String marker = "\"@@" + field + "@@\"";
    return json(with(body, field, marker.substring(1, marker.length() - 1))).replace(marker, rawJson);
  }

  /** {@code {"variables": {name: {"value": value}}}}, as the engine's REST API takes them. */
  private static String variables(Map<String, Object> values) {
    return json(Map.of("variables", values.entrySet().stream()
        .collect(Collectors.toMap(Map.Entry::getKey, entry -> Map.of("value", entry.getValue()), (a, b) -> a, LinkedHashMap::new))));
  }

  private static Case send(Endpoint e, Kind kind, String what, String contentType, String body, int status) {
    return new Case(kind, e.name() + ": " + what, new Request(e.method(), e.path(), e.authorization(), contentType, body), status);
  }

  private static String json(Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static String basic(String user) {
    return basic(user, "demo");
  }

  private static String basic(String user, String password) {
    return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  private static String bearer(String token) {
    return "Bearer " + token;
  }

  private static String encoded(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private static String abbreviated(String text) {
    return text.length() <= 120 ? text : text.substring(0, 120) + "… (" + text.length() + " characters)";
  }
}
