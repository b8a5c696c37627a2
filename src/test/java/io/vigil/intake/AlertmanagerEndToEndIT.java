package io.vigil.intake;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.restassured.http.ContentType;
import io.vigil.testing.FreePort;
import io.vigil.testing.VigilTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The real Alertmanager (Debian's {@code prometheus-alertmanager}, which {@code .ci/run} installs)
 * with Vigil as its webhook receiver: alerts posted to Alertmanager's own API open an incident,
 * Alertmanager's repeats are only counted, and its resolved notification resolves the incident.
 */
@VigilTest
class AlertmanagerEndToEndIT {

  private static final Path BINARY = Path.of("/usr/bin/prometheus-alertmanager");

  @Value("${server.port}") int vigilPort;
  @Autowired JdbcClient jdbc;
  @TempDir Path directory;

  private Process alertmanager;
  private String alertmanagerUrl;

  @BeforeEach
  void startAlertmanager() throws IOException {
    Assumptions.assumeTrue(Files.isExecutable(BINARY),
        BINARY + " is missing: install Debian's prometheus-alertmanager (.ci/run does) to run this test");
    int port = FreePort.find();
    alertmanagerUrl = "http://127.0.0.1:" + port;
    Path config = directory.resolve("alertmanager.yml");
    Files.writeString(config, """
        route:
          receiver: vigil
          group_by: ['alertname', 'instance']
          group_wait: 1s
          group_interval: 1s
          repeat_interval: 3s
        receivers:
          - name: vigil
            webhook_configs:
              - url: http://127.0.0.1:%d/api/alerts/alertmanager
                send_resolved: true
                max_alerts: 1000
                http_config:
                  authorization:
                    type: Bearer
                    credentials: demo-alerts
        """.formatted(vigilPort));
    alertmanager = new ProcessBuilder(BINARY.toString(),
        "--config.file=" + config,
        "--storage.path=" + directory.resolve("data"),
        "--web.listen-address=127.0.0.1:" + port,
        "--cluster.listen-address=")
        .redirectErrorStream(true)
        .redirectOutput(directory.resolve("alertmanager.log").toFile())
        .start();
    await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() ->
        given().baseUri(alertmanagerUrl).basePath("").when().get("/-/ready").then().extract().statusCode() == 200);
  }

  @AfterEach
  void stopAlertmanager() throws Exception {
    if (alertmanager != null) {
      alertmanager.destroy();
      alertmanager.waitFor();
      System.out.println("Alertmanager log:\n" + Files.readString(directory.resolve("alertmanager.log")));
    }
  }

  @Test
  void alertmanagerOpensTheIncidentItsRepeatsOnlyCountAndItsRecoveryResolvesIt() {
    String alertname = "VigilEndToEnd" + System.nanoTime();
    Map<String, Object> labels = Map.of("alertname", alertname, "instance", "pg-orders-01:9187", "job", "postgres",
        "severity", "warning");
    OffsetDateTime startsAt = OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(1);
    postToAlertmanager(labels, startsAt, null);

    String number = await().atMost(Duration.ofSeconds(30)).until(() -> incidentOf(alertname), Optional::isPresent).orElseThrow();
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> read("/api/incidents/{n}", number)
        .body("state", equalTo("ASSIGNED"))
        .body("ci", equalTo("pg-orders-01"))
        .body("title", equalTo(alertname + " on pg-orders-01:9187")));

    postToAlertmanager(labels, startsAt, null);
    await().atMost(Duration.ofSeconds(30)).until(() -> receivedCount(number) >= 2);
    assertThat(incidentsHolding(alertname)).as("Alertmanager's repeats open nothing").containsExactly(number);

    postToAlertmanager(labels, startsAt, OffsetDateTime.now(ZoneOffset.UTC));
    await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> read("/api/incidents/{n}", number)
        .body("resolutionCode", equalTo("RECOVERED"))
        .body("closureReason", equalTo("AUTO_RESOLVED")));
    read("/api/incidents/{n}/alerts", number).body("[0].status", equalTo("RESOLVED"));
  }

  private void postToAlertmanager(Map<String, Object> labels, OffsetDateTime startsAt, OffsetDateTime endsAt) {
    Map<String, Object> alert = new java.util.HashMap<>();
    alert.put("labels", labels);
    alert.put("annotations", Map.of("description", "Connections to the orders database are above 90 % of the limit."));
    alert.put("startsAt", startsAt.toString());
    alert.put("generatorURL", "http://prometheus.example.com:9090/graph");
    if (endsAt != null) {
      alert.put("endsAt", endsAt.toString());
    }
    given().baseUri(alertmanagerUrl).basePath("").contentType(ContentType.JSON).body(List.of(alert))
        .when().post("/api/v2/alerts").then().statusCode(200);
  }

  private Optional<String> incidentOf(String alertname) {
    return incidentsHolding(alertname).stream().findFirst();
  }

  private List<String> incidentsHolding(String alertname) {
    return jdbc.sql("SELECT DISTINCT incident_number FROM monitoring_alert WHERE alertname = ?").param(alertname)
        .query(String.class).list();
  }

  private int receivedCount(String number) {
    return jdbc.sql("SELECT received_count FROM monitoring_alert WHERE incident_number = ?").param(number).query(Integer.class).single();
  }

  private io.restassured.response.ValidatableResponse read(String path, String number) {
    return given().port(vigilPort).basePath("").auth().preemptive().basic("sd.anna", "demo").when().get(path, number)
        .then().statusCode(200);
  }
}
