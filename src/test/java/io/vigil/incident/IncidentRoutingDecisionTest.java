package io.vigil.incident;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.incident.contract.IncidentProcess;
import io.vigil.testing.Decisions;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which resolver group gets an incident, from {@code processes/incident-routing.dmn}. */
class IncidentRoutingDecisionTest {

  private static final Decisions DECISIONS = Decisions.load("incident-routing.dmn");

  @ParameterizedTest(name = "{0} / {1} / {2} → {3}")
  @CsvSource({
      "SECURITY,       checkout,  web-checkout-01, security",
      "SECURITY,       ,          vpn-gw-01,       security",
      "GENERAL,        ,          vpn-gw-01,       network",
      "NETWORK,        ,          ,                network",
      "DATABASE,       orders,    pg-orders-01,    database",
      "INFRASTRUCTURE, ,          ,                infrastructure",
      "SOFTWARE,       checkout,  ,                development",
      "APPLICATION,    checkout,  ,                application-support",
      "ACCESS,         ,          ,                service-desk",
      "GENERAL,        ,          ,                service-desk",
      ",               ,          ,                service-desk"})
  void routesToTheFirstMatchingGroup(String category, String service, String ci, String group) {
    Map<String, Object> inputs = new HashMap<>();
    inputs.put("category", category);
    inputs.put("service", service);
    inputs.put("ci", ci);
    assertThat(DECISIONS.single(IncidentProcess.ROUTING_DECISION, inputs)).isEqualTo(group);
  }
}
