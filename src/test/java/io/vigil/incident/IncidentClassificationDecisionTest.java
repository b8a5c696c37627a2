package io.vigil.incident;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.incident.contract.IncidentProcess;
import io.vigil.testing.Decisions;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The rules the classify worker evaluates ({@code processes/incident-classification.dmn}): category
 * from the words and the CI type, impact from the words and criticality, urgency from the words. The
 * worker passes title and description lower-cased as {@code text}.
 */
class IncidentClassificationDecisionTest {

  private static final Decisions DECISIONS = Decisions.load("incident-classification.dmn");

  @ParameterizedTest(name = "\"{0}\" on a {1} → {2}")
  @CsvSource({
      "Suspicious login from abroad,           APPLICATION,    SECURITY",
      "Phishing mail with a database link,     ,               SECURITY",
      "Checkout slow,                          DATABASE,       DATABASE",
      "Deadlock detected on orders,            ,               DATABASE",
      "Orders page slow,                       NETWORK_DEVICE, NETWORK",
      "VPN drops every hour,                   ,               NETWORK",
      "Locked out after password change,       ,               ACCESS",
      "Checkout slow,                          SERVER,         INFRASTRUCTURE",
      "Disk full on build host,                ,               INFRASTRUCTURE",
      "NullPointerException in invoice export, ,               SOFTWARE",
      "Checkout returns HTTP 500,              ,               APPLICATION",
      "Something is odd,                       APPLICATION,    APPLICATION",
      "Something is odd,                       ,               GENERAL"})
  void categoryFromWordsThenCiType(String text, String ciType, String category) {
    Map<String, Object> inputs = new HashMap<>();
    inputs.put("text", text.toLowerCase(Locale.ROOT));
    inputs.put("ciType", ciType);
    assertThat(DECISIONS.single(IncidentProcess.CATEGORY_DECISION, inputs)).isEqualTo(category);
  }

  @ParameterizedTest(name = "\"{0}\", CI {1}, service {2} → {3}")
  @CsvSource({
      "Site down for all customers, LOW,    LOW,    HIGH",
      "Printer jammed,              HIGH,   ,       HIGH",
      "Printer jammed,              ,       HIGH,   HIGH",
      "Several users see errors,    LOW,    LOW,    MEDIUM",
      "Printer jammed,              MEDIUM, LOW,    MEDIUM",
      "Printer jammed,              LOW,    MEDIUM, MEDIUM",
      "Printer jammed,              LOW,    LOW,    LOW",
      "Printer jammed,              ,       ,       LOW"})
  void impactFromWordsAndCriticality(String text, String ciCriticality, String serviceCriticality, String impact) {
    Map<String, Object> inputs = new HashMap<>();
    inputs.put("text", text.toLowerCase(Locale.ROOT));
    inputs.put("ciCriticality", ciCriticality);
    inputs.put("serviceCriticality", serviceCriticality);
    assertThat(DECISIONS.single(IncidentProcess.IMPACT_DECISION, inputs)).isEqualTo(impact);
  }

  @ParameterizedTest(name = "\"{0}\" → {1}")
  @CsvSource({
      "Checkout returns HTTP 500,      HIGH",
      "Payroll service unavailable,    HIGH",
      "Can't open the shared drive,    HIGH",
      "Reports are slow since Monday,  MEDIUM",
      "Intermittent timeout on search, MEDIUM",
      "Typo on the about page,         LOW"})
  void urgencyFromWords(String text, String urgency) {
    assertThat(DECISIONS.single(IncidentProcess.URGENCY_DECISION, Map.of("text", text.toLowerCase(Locale.ROOT))))
        .isEqualTo(urgency);
  }

  @ParameterizedTest(name = "\"{0}\" on a {1} ({2}, service {3}): the three tables' answers at once")
  @CsvSource({
      "Site down for all customers,      APPLICATION, LOW,  LOW",
      "Deadlock detected on orders,      ,            ,     HIGH",
      "Reports are slow since Monday,    SERVER,      HIGH, ",
      "Something is odd,                 ,            ,     "})
  void classificationGivesEachTablesAnswer(String text, String ciType, String ciCriticality, String serviceCriticality) {
    Map<String, Object> inputs = new HashMap<>();
    inputs.put("text", text.toLowerCase(Locale.ROOT));
    inputs.put("ciType", ciType);
    inputs.put("ciCriticality", ciCriticality);
    inputs.put("serviceCriticality", serviceCriticality);
    Map<String, Object> all = DECISIONS.evaluate(IncidentProcess.CLASSIFICATION_DECISION, inputs).getSingleResult().getEntryMap();
    assertThat(all).containsOnly(
        Map.entry(IncidentProcess.Variables.CATEGORY, DECISIONS.single(IncidentProcess.CATEGORY_DECISION, inputs)),
        Map.entry(IncidentProcess.Variables.IMPACT, DECISIONS.single(IncidentProcess.IMPACT_DECISION, inputs)),
        Map.entry(IncidentProcess.Variables.URGENCY, DECISIONS.single(IncidentProcess.URGENCY_DECISION, inputs)));
  }
}
