package io.vigil.intake;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.vigil.catalog.ConfigurationItem;
import io.vigil.catalog.Criticality;
import io.vigil.incident.ReportIncidentRequest;
import io.vigil.incident.contract.Level;
import io.vigil.testing.Decisions;
import java.io.IOException;
import java.io.InputStream;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** From an Alertmanager alert to the report that opens its incident, with the owners' {@code alert-mapping.dmn}. */
class AlertMappingTest {

  private static final Decisions DECISIONS = Decisions.load("alert-mapping.dmn");
  private static final Map<String, ConfigurationItem> ITEMS = Map.of(
      "pg-orders-01", new ConfigurationItem("pg-orders-01", "Orders PostgreSQL primary", "DATABASE", "checkout", Criticality.HIGH),
      "vpn-gw-01", new ConfigurationItem("vpn-gw-01", "VPN gateway", "NETWORK", "remote-access", Criticality.MEDIUM),
      "checkout-web", new ConfigurationItem("checkout-web", "Checkout web", "APPLICATION", "checkout", Criticality.HIGH));
  private static final Set<String> SERVICES = Set.of("checkout", "remote-access", "payments");

  private final AlertMapping mapping = new AlertMapping(AlertMappingTest::firstRule, new AlertMapping.Catalog() {
    @Override
    public Optional<ConfigurationItem> configurationItem(String id) {
      return Optional.ofNullable(ITEMS.get(id));
    }

    @Override
    public boolean hasService(String id) {
      return SERVICES.contains(id);
    }
  });

  @Test
  void aRecordedAlertmanagerBatchMapsToTwoReports() throws IOException {
    AlertmanagerPayload batch = recorded("firing.json");

    AlertMapping.AlertReport databaseAlert = mapping.report(batch, batch.alerts().get(0));
    assertThat(databaseAlert.category()).isEqualTo("DATABASE");
    ReportIncidentRequest database = databaseAlert.request();
    assertThat(database.title()).isEqualTo("Replication lag on pg-orders-01 above 30 s");
    assertThat(database.description())
        .startsWith("The standby of the orders database is 42 s behind its primary.")
        .contains("Started: 2026-11-25 09:58:12 UTC")
        .contains("alertname=PostgresReplicationLag instance=pg-orders-01:9187 job=postgres severity=critical")
        .contains("runbook_url: https://runbooks.example.com/postgres/replication-lag")
        .contains("Source: http://prometheus.example.com:9090/graph?")
        .contains("Alertmanager: http://alertmanager.example.com:9093")
        .contains("Fingerprint: c0ffee0123456789");
    assertThat(database.caller()).isEqualTo("Prometheus Alertmanager (vigil)");
    assertThat(database.ci()).isEqualTo("pg-orders-01");
    assertThat(database.service()).isEqualTo("checkout");
    assertThat(database.impact()).isEqualTo(Level.HIGH);
    assertThat(database.urgency()).isEqualTo(Level.HIGH);

    AlertMapping.AlertReport vpnAlert = mapping.report(batch, batch.alerts().get(1));
    assertThat(vpnAlert.category()).isEqualTo("NETWORK");
    ReportIncidentRequest vpn = vpnAlert.request();
    assertThat(vpn.title()).isEqualTo("VPN gateway does not answer");
    assertThat(vpn.description()).startsWith("VPN gateway does not answer");
    assertThat(vpn.ci()).isEqualTo("vpn-gw-01");
    assertThat(vpn.service()).isEqualTo("remote-access");
    assertThat(vpn.impact()).isEqualTo(Level.MEDIUM);
    assertThat(vpn.urgency()).isEqualTo(Level.MEDIUM);
  }

  @Test
  void withoutAnnotationsTheTitleIsTheAlertnameAndInstance() {
    AlertMapping.AlertReport nodeDown = mapping.report(batch(), alert(Map.of("alertname", "NodeDown", "instance", "web-3:9100"), Map.of()));
    assertThat(nodeDown.category()).as("left to the classifier").isNull();
    ReportIncidentRequest report = nodeDown.request();
    assertThat(report.title()).isEqualTo("NodeDown on web-3:9100");
    assertThat(report.description()).startsWith("Alert NodeDown is firing.");
    assertThat(report.service()).isNull();
    assertThat(report.ci()).isNull();
    assertThat(report.impact()).isEqualTo(Level.MEDIUM);
    assertThat(report.urgency()).isEqualTo(Level.LOW);
  }

  @Test
  void aLabelledItemWinsAndItsServiceFollows() {
    ReportIncidentRequest report = mapping.report(batch(),
        alert(Map.of("alertname", "HighLatency", "ci", "checkout-web", "service", "payments", "severity", "ERROR"), Map.of())).request();
    assertThat(report.ci()).isEqualTo("checkout-web");
    assertThat(report.service()).isEqualTo("checkout");
    assertThat(report.description()).contains("The labels name service 'payments', but 'checkout-web' belongs to 'checkout'.");
    assertThat(report.impact()).isEqualTo(Level.HIGH);
    assertThat(report.urgency()).isEqualTo(Level.MEDIUM);
  }

  @Test
  void anUnknownItemOrServiceIsNamedButNeverRefusesTheAlert() {
    ReportIncidentRequest item = mapping.report(batch(), alert(Map.of("alertname", "DiskFull", "ci", "nas-07"), Map.of())).request();
    assertThat(item.ci()).isNull();
    assertThat(item.description()).contains("The labels name configuration item 'nas-07', which the service catalog does not know.");

    ReportIncidentRequest service = mapping.report(batch(), alert(Map.of("alertname", "DiskFull", "service", "billing"), Map.of())).request();
    assertThat(service.service()).isNull();
    assertThat(service.description()).contains("The labels name service 'billing', which the service catalog does not know.");
  }

  @Test
  void longAnnotationsAreClippedToTheTicketsLimits() {
    ReportIncidentRequest report = mapping.report(batch(),
        alert(Map.of("alertname", "Noisy"), Map.of("summary", "s".repeat(500), "description", "d".repeat(5000)))).request();
    assertThat(report.title()).hasSize(200).endsWith("…");
    assertThat(report.description()).hasSize(4000);
  }

  @Test
  void alertsDeduplicateByFingerprintOrByTheirGroup() {
    AlertmanagerPayload group = new AlertmanagerPayload("4", "{}/{severity=\"critical\"}:{alertname=\"NodeDown\"}", 0, "firing",
        "vigil", Map.of(), Map.of(), Map.of(), null, java.util.List.of());
    AlertmanagerPayload.Alert one = alert(Map.of("alertname", "NodeDown", "instance", "a"), Map.of());
    AlertmanagerPayload.Alert other = new AlertmanagerPayload.Alert("firing", Map.of("alertname", "NodeDown", "instance", "b"),
        Map.of(), OffsetDateTime.parse("2026-11-25T10:00:00Z"), null, null, "def456");

    assertThat(AlertIntake.dedupKey(IntakeProperties.DedupBy.FINGERPRINT, group, one)).isEqualTo("fingerprint:abc123");
    assertThat(AlertIntake.dedupKey(IntakeProperties.DedupBy.FINGERPRINT, group, other)).isEqualTo("fingerprint:def456");
    String byGroup = AlertIntake.dedupKey(IntakeProperties.DedupBy.GROUP_KEY, group, one);
    assertThat(byGroup).matches("group:[0-9a-f]{64}").isEqualTo(AlertIntake.dedupKey(IntakeProperties.DedupBy.GROUP_KEY, group, other));
    assertThat(byGroup).hasSizeLessThanOrEqualTo(80);
  }

  @ParameterizedTest(name = "severity {0} → {1} / {2}")
  @CsvSource({
      "critical, HIGH,   HIGH",
      "page,     HIGH,   HIGH",
      "Error,    HIGH,   MEDIUM",
      "warning,  MEDIUM, MEDIUM",
      "info,     LOW,    LOW",
      "bogus,    MEDIUM, LOW",
      ",         MEDIUM, LOW"})
  void severityGivesImpactAndUrgency(String severity, Level impact, Level urgency) {
    Map<String, String> labels = new HashMap<>(Map.of("alertname", "X"));
    if (severity != null) {
      labels.put("severity", severity);
    }
    ReportIncidentRequest report = mapping.report(batch(), alert(labels, Map.of())).request();
    assertThat(report.impact()).isEqualTo(impact);
    assertThat(report.urgency()).isEqualTo(urgency);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
      "job=postgres,                           checkout,       pg-orders-01,  DATABASE",
      "job=payment-gateway,                    payments,       pay-gw,        APPLICATION",
      "namespace=checkout,                     checkout,       checkout-web,  APPLICATION",
      "job=blackbox;instance=vpn.example.com,  remote-access,  vpn-gw-01,     NETWORK",
      "job=node;instance=web-3:9100,           ,               ,              INFRASTRUCTURE",
      "job=blackbox;instance=www.example.com,  ,               ,              ",
      "service=checkout;job=postgres,          checkout,       ,              ",
      "ci=checkout-web;job=node,               ,               checkout-web,  "})
  void theShippedTablePlacesAlertsByTheirLabels(String labelList, String service, String ci, String category) {
    Map<String, Object> inputs = new HashMap<>();
    for (String pair : labelList.split(";")) {
      String[] nameValue = pair.split("=");
      inputs.put(nameValue[0], nameValue[1]);
    }
    Map<String, Object> placed = firstRule(AlertMapping.SERVICE_DECISION, AlertMapping.inputs(stringMap(inputs)));
    assertThat(placed.get("service")).isEqualTo(service);
    assertThat(placed.get("ci")).isEqualTo(ci);
    assertThat(placed.get("category")).isEqualTo(category);
  }

  private static Map<String, String> stringMap(Map<String, Object> map) {
    Map<String, String> strings = new HashMap<>();
    map.forEach((k, v) -> strings.put(k, String.valueOf(v)));
    return strings;
  }

  private static Map<String, Object> firstRule(String key, Map<String, Object> inputs) {
    var result = DECISIONS.evaluate(key, inputs);
    return result.isEmpty() ? Map.of() : result.getFirstResult().getEntryMap();
  }

  private static AlertmanagerPayload batch() {
    return new AlertmanagerPayload("4", "{}:{}", 0, "firing", "vigil", Map.of(), Map.of(), Map.of(), null, java.util.List.of());
  }

  private static AlertmanagerPayload.Alert alert(Map<String, String> labels, Map<String, String> annotations) {
    return new AlertmanagerPayload.Alert("firing", labels, annotations, OffsetDateTime.parse("2026-11-25T10:00:00Z"), null, null,
        "abc123");
  }

  static AlertmanagerPayload recorded(String file) throws IOException {
    try (InputStream in = AlertMappingTest.class.getResourceAsStream("/alertmanager/" + file)) {
      return new ObjectMapper().registerModule(new JavaTimeModule()).readValue(in, AlertmanagerPayload.class);
    }
  }
}
