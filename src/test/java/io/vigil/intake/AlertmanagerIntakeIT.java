package io.vigil.intake;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;

import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.vigil.incident.contract.IncidentProcess;
import io.vigil.testing.VigilTest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;

/** {@code POST /api/alerts/alertmanager} as Alertmanager calls it: recorded-format batches, good and bad. */
@VigilTest
class AlertmanagerIntakeIT {

  private static final SecureRandom RANDOM = new SecureRandom();

  @Value("${server.port}") int port;
  @Value("${vigil.intake.storm.max-incidents-per-minute}") int stormLimit;
  @Autowired TaskService tasks;
  @Autowired JdbcClient jdbc;

  @BeforeEach
  void setUp() {
    RestAssured.port = port;
    RestAssured.basePath = "/api";
  }

  @Test
  void aRecordedBatchOpensAnIncidentPerAlertAndRepeatsOnlyCount() throws IOException {
    String database = fingerprint();
    String vpn = fingerprint();
    String batch = recorded("firing.json").replace("c0ffee0123456789", database).replace("0123456789abcdef", vpn);

    List<String> opened = post(batch).statusCode(200).body("opened", equalTo(2)).body("incidents", hasSize(2))
        .extract().path("incidents");
    String number = opened.get(0);
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> read("/incidents/{n}", number)
        .body("state", equalTo("ASSIGNED"))
        .body("title", equalTo("Replication lag on pg-orders-01 above 30 s"))
        .body("caller", equalTo("Prometheus Alertmanager (vigil)"))
        .body("reportedBy", equalTo("alertmanager"))
        .body("ci", equalTo("pg-orders-01"))
        .body("category", equalTo("DATABASE"))
        .body("resolverGroup", equalTo("database"))
        .body("impact", equalTo("HIGH"))
        .body("urgency", equalTo("HIGH"))
        .body("priority", equalTo("P1")));
    read("/incidents/{n}", opened.get(1)).body("ci", equalTo("vpn-gw-01")).body("impact", equalTo("MEDIUM"));

    post(batch).statusCode(200).body("incidents", equalTo(opened)).body("opened", equalTo(0)).body("repeated", equalTo(2));
    read("/incidents/{n}/alerts", number)
        .body("fingerprint", contains(database))
        .body("[0].status", equalTo("FIRING"))
        .body("[0].receivedCount", equalTo(2))
        .body("[0].labels.job", equalTo("postgres"));
    read("/incidents/{n}/audit", number)
        .body("action", hasItem("REPORTED"))
        .body("action", not(hasItem("ALERT_FIRING")));
  }

  @Test
  void copiesOfANewAlertArrivingTogetherOpenOneIncident() throws Exception {
    String fingerprint = fingerprint();
    Map<String, Object> batch = batch(alert("firing", fingerprint, Map.of("alertname", "CheckoutErrors", "namespace", "checkout")));
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Callable<Map<String, Object>>> copies = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        copies.add(() -> post(batch).statusCode(200).extract().as(Map.class));
      }
      List<Map<String, Object>> answers = new ArrayList<>();
      for (Future<Map<String, Object>> answer : pool.invokeAll(copies)) {
        answers.add(answer.get());
      }
      assertThat(answers).extracting(a -> a.get("incidents")).as("every copy names the same incident").containsOnly(answers.get(0).get("incidents"));
      assertThat(answers).extracting(a -> (Integer) a.get("opened")).as("one copy opened it").containsOnlyOnce(1);
      assertThat(answers.stream().mapToInt(a -> (Integer) a.get("repeated")).sum()).isEqualTo(3);
    } finally {
      pool.shutdown();
    }
    assertThat(recorded(List.of(fingerprint))).isOne();
    assertThat(jdbc.sql("SELECT received_count FROM monitoring_alert WHERE fingerprint = ?").param(fingerprint)
        .query(Integer.class).single()).isEqualTo(4);
  }

  @Test
  void theLastResolvedAlertAutoResolvesAnIncidentNobodyTook() {
    String fingerprint = fingerprint();
    Map<String, String> labels = Map.of("alertname", "OrdersDbConnectionsHigh", "job", "postgres", "severity", "warning");
    String number = post(batch(alert("firing", fingerprint, labels))).statusCode(200).body("opened", equalTo(1))
        .extract().path("incidents[0]");
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> read("/incidents/{n}", number).body("state", equalTo("ASSIGNED")));

    post(batch(alert("resolved", fingerprint, labels))).statusCode(200)
        .body("incidents", contains(number)).body("resolved", equalTo(1));
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> read("/incidents/{n}", number)
        .body("state", equalTo("CLOSED"))
        .body("resolutionCode", equalTo("RECOVERED"))
        .body("closureReason", equalTo("AUTO_RESOLVED"))
        .body("resolutionNotes", containsString("Resolved by monitoring: its alert resolved")));
    read("/incidents/{n}/audit", number)
        .body("action", hasItems("ALERT_RESOLVED", "MONITORING_RECOVERED", "AUTO_RESOLVED", "SLA_STOPPED", "CLOSED"));
    read("/incidents/{n}/alerts", number).body("[0].status", equalTo("RESOLVED"));

    post(batch(alert("resolved", fingerprint, labels))).statusCode(200).body("repeated", equalTo(1));
    String again = post(batch(alert("firing", fingerprint, labels))).statusCode(200).body("opened", equalTo(1))
        .extract().path("incidents[0]");
    assertThat(again).as("the alert fires again after its incident closed").isNotEqualTo(number);
  }

  @Test
  void theRecoveryOfAnIncidentAnAnalystTookIsOnlyTold() {
    String fingerprint = fingerprint();
    Map<String, String> labels = Map.of("alertname", "OrdersDbSlowQueries", "job", "postgres", "severity", "warning");
    String number = post(batch(alert("firing", fingerprint, labels))).statusCode(200).extract().path("incidents[0]");
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> read("/incidents/{n}", number).body("state", equalTo("ASSIGNED")));
    Task triage = tasks.createTaskQuery().processInstanceBusinessKey(number)
        .taskDefinitionKey(IncidentProcess.Elements.TRIAGE).singleResult();
    tasks.claim(triage.getId(), "db.dave");

    post(batch(alert("resolved", fingerprint, labels))).statusCode(200).body("resolved", equalTo(1));
    read("/incidents/{n}", number).body("state", equalTo("IN_PROGRESS"));
    read("/incidents/{n}/comments", number)
        .body("[0].author", equalTo("alertmanager"))
        .body("[0].text", containsString("Not resolved automatically: an analyst works it."));
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> read("/incidents/{n}/audit", number)
        .body("action", hasItems("MONITORING_RECOVERED", "NOTIFIED"))
        .body("detail", hasItem(containsString("monitoring recovered: its alert resolved"))));
    assertThat(tasks.createTaskQuery().taskId(triage.getId()).count()).as("the analyst keeps the task").isOne();

    post(batch(alert("firing", fingerprint, labels))).statusCode(200).body("attached", equalTo(1));
    read("/incidents/{n}/audit", number).body("detail", hasItem(containsString("OrdersDbSlowQueries firing again")));
  }

  @Test
  void controlCharactersInAnAlertAreReplacedAndTheAlertIsKept() {
    String fingerprint = fingerprint();
    Map<String, String> labels = Map.of("alertname", "DiskFull", "instance", "db\u0000-01", "severity", "warning");
    Map<String, Object> alert = alert("firing", fingerprint, labels);
    alert.put("annotations", Map.of("summary", "Disk\u0000full on db-01", "description", "bell\u0007 and escape\u001b"));

    String number = post(batch(alert)).statusCode(200).body("opened", equalTo(1)).extract().path("incidents[0]");
    read("/incidents/{n}", number)
        .body("title", equalTo("Disk\uFFFDfull on db-01"))
        .body("description", containsString("bell\uFFFD and escape\uFFFD"));
    read("/incidents/{n}/alerts", number).body("[0].labels.instance", equalTo("db\uFFFD-01"));

    post(batch(alert("resolved", fingerprint, labels))).statusCode(200).body("incidents", contains(number)).body("resolved", equalTo(1));
  }

  @Test
  void aStormOpensNoMoreThanTheLimitAndLosesNoAlert() {
    jdbc.sql("DELETE FROM monitoring_opened").update();
    try {
      List<Map<String, Object>> alerts = new ArrayList<>();
      List<String> fingerprints = new ArrayList<>();
      for (int i = 0; i < stormLimit + 10; i++) {
        String fingerprint = fingerprint();
        fingerprints.add(fingerprint);
        alerts.add(alert("firing", fingerprint, Map.of("alertname", "HostDown", "instance", "host-" + i, "severity", "info")));
      }
      List<String> touched = post(batch(alerts.toArray(Map[]::new))).statusCode(200)
          .body("opened", equalTo(stormLimit))
          .body("attached", equalTo(10))
          .body("incidents", hasSize(stormLimit + 1))
          .extract().path("incidents");
      String storm = touched.get(stormLimit);
      read("/incidents/{n}", storm).body("title", equalTo("Alert storm: monitoring opened " + stormLimit + " incidents within a minute"));
      await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> read("/incidents/{n}", storm)
          .body("state", equalTo("ASSIGNED")).body("priority", equalTo("P2")));
      read("/incidents/{n}/alerts", storm).body("fingerprint", equalTo(fingerprints.subList(stormLimit, stormLimit + 10)));
      assertThat(recorded(fingerprints)).as("every alert is recorded once").isEqualTo(stormLimit + 10);

      post(batch(alerts.toArray(Map[]::new))).statusCode(200).body("opened", equalTo(0)).body("repeated", equalTo(stormLimit + 10));
      assertThat(recorded(fingerprints)).isEqualTo(stormLimit + 10);
      assertThat(jdbc.sql("SELECT SUM(received_count) FROM monitoring_alert WHERE incident_number = ?").param(storm)
          .query(Integer.class).single()).isEqualTo(20);
    } finally {
      jdbc.sql("DELETE FROM monitoring_opened").update();
    }
  }

  @Test
  void badOrHostileBatchesAreRefusedWholeWithProblemDetails() throws IOException {
    String template = recorded("firing.json");
    List<String> used = new ArrayList<>();
    java.util.function.UnaryOperator<String> fresh = body -> {
      String one = fingerprint();
      String other = fingerprint();
      used.addAll(List.of(one, other));
      return body.replace("c0ffee0123456789", one).replace("0123456789abcdef", other);
    };

    given().contentType(ContentType.JSON).body(fresh.apply(template)).when().post("/alerts/alertmanager").then().statusCode(401)
        .contentType("application/problem+json");
    given().header("Authorization", "Bearer wrong").contentType(ContentType.JSON).body(fresh.apply(template))
        .when().post("/alerts/alertmanager")
        .then().statusCode(401).contentType("application/problem+json").header("WWW-Authenticate", containsString("invalid_token"));
    given().header("Authorization", "Bearer demo-heartbeats").contentType(ContentType.JSON).body(fresh.apply(template))
        .when().post("/alerts/alertmanager").then().statusCode(401);
    given().auth().preemptive().basic("sd.anna", "demo").contentType(ContentType.JSON).body(fresh.apply(template))
        .when().post("/alerts/alertmanager").then().statusCode(403);
    given().header("Authorization", "Bearer demo-alerts").when().get("/incidents").then().statusCode(401);

    problem(post(fresh.apply(template.replace("\"version\": \"4\"", "\"version\": \"3\""))), 400)
        .body("errors.field", hasItem("version"));
    problem(post("{\"version\":\"4\""), 400);
    problem(post("{\"version\":\"4\",\"groupKey\":\"{}\",\"status\":\"firing\",\"alerts\":[]}"), 400)
        .body("errors.field", hasItem("alerts"));
    problem(post(fresh.apply(template.replace("\"0123456789abcdef\"", "\"NOT-HEX\""))), 400)
        .body("errors.field", hasItem("alerts[1].fingerprint"));
    problem(post(fresh.apply(template.replace("\"job\": \"blackbox\"", "\"bad-label\": \"x\""))), 400);
    problem(post(fresh.apply(template.replace("\"status\": \"firing\",\n      \"labels\": {\n        \"alertname\": \"ProbeFailed\"",
        "\"status\": \"pending\",\n      \"labels\": {\n        \"alertname\": \"ProbeFailed\""))), 400);
    problem(post(fresh.apply(template.replace("\"severity\": \"warning\"", "\"severity\": {\"nested\": [1, 2, 3]}"))), 400);
    problem(given().header("Authorization", "Bearer demo-alerts").contentType(ContentType.TEXT).body("hello")
        .when().post("/alerts/alertmanager").then(), 415);

    Map<String, Object>[] tooMany = new Map[1001];
    for (int i = 0; i < tooMany.length; i++) {
      String fingerprint = fingerprint();
      used.add(fingerprint);
      tooMany[i] = alert("firing", fingerprint, Map.of("alertname", "Flood", "instance", "i-" + i));
    }
    problem(post(batch(tooMany)), 413).body("detail", containsString("at most 1000"));
    problem(post("{\"alerts\":[\"" + "x".repeat(5 * 1024 * 1024) + "\"]}"), 413);

    assertThat(recorded(used)).as("nothing of a refused batch is recorded").isZero();
  }

  private int recorded(List<String> fingerprints) {
    return fingerprints.stream()
        .mapToInt(f -> jdbc.sql("SELECT COUNT(*) FROM monitoring_alert WHERE fingerprint = ?").param(f).query(Integer.class).single())
        .sum();
  }

  static String fingerprint() {
    byte[] bytes = new byte[8];
    RANDOM.nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }

  static Map<String, Object> alert(String status, String fingerprint, Map<String, String> labels) {
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    Map<String, Object> alert = new LinkedHashMap<>();
    alert.put("status", status);
    alert.put("labels", labels);
    alert.put("annotations", Map.of("summary", labels.get("alertname") + " on " + labels.getOrDefault("instance", "the orders db")));
    alert.put("startsAt", now.minusMinutes(5).toString());
    alert.put("endsAt", status.equals("firing") ? "0001-01-01T00:00:00Z" : now.toString());
    alert.put("generatorURL", "http://prometheus.example.com:9090/graph");
    alert.put("fingerprint", fingerprint);
    return alert;
  }

  @SafeVarargs
  static Map<String, Object> batch(Map<String, Object>... alerts) {
    Map<String, Object> batch = new LinkedHashMap<>();
    batch.put("version", "4");
    batch.put("groupKey", "{}:{alertname=\"" + alerts[0].get("labels").toString().hashCode() + "\"}");
    batch.put("truncatedAlerts", 0);
    batch.put("status", List.of(alerts).stream().anyMatch(a -> "firing".equals(a.get("status"))) ? "firing" : "resolved");
    batch.put("receiver", "vigil");
    batch.put("groupLabels", Map.of());
    batch.put("commonLabels", Map.of());
    batch.put("commonAnnotations", Map.of());
    batch.put("externalURL", "http://alertmanager.example.com:9093");
    batch.put("alerts", List.of(alerts));
    return batch;
  }

  private static ValidatableResponse post(Object body) {
    return given().header("Authorization", "Bearer demo-alerts").contentType(ContentType.JSON).body(body)
        .when().post("/alerts/alertmanager").then();
  }

  private static ValidatableResponse read(String path, String number) {
    return given().auth().preemptive().basic("sd.anna", "demo").when().get(path, number).then().statusCode(200);
  }

  private static ValidatableResponse problem(ValidatableResponse response, int status) {
    return response.statusCode(status).contentType("application/problem+json");
  }

  private static String recorded(String file) throws IOException {
    try (InputStream in = AlertmanagerIntakeIT.class.getResourceAsStream("/alertmanager/" + file)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
