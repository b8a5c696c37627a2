package io.vigil.change;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.change.contract.ChangeProcess;
import io.vigil.testing.Decisions;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The change tables the process owners keep, as shipped: every rule, and the empty inputs a change can bring. */
class ChangeDecisionsTest {

  @ParameterizedTest(name = "[{index}] {0}, {1} h, back-out {2}, {3} failed, {4} conflicts, in window {5}, {6}: {7}")
  @CsvSource({
      // HIGH: no back-out plan on a HIGH item, two failures, a conflict on a HIGH item, under a day's notice on a HIGH item
      "HIGH,   200, false, 0, 0, true,  NORMAL,    HIGH",
      "HIGH,   200, false, 0, 0, true,  EMERGENCY, HIGH",
      "LOW,    200, true,  2, 0, true,  STANDARD,  HIGH",
      ",       200, true,  5, 0, true,  NORMAL,    HIGH",
      "HIGH,   200, true,  0, 1, true,  NORMAL,    HIGH",
      "HIGH,   23,  true,  0, 0, true,  NORMAL,    HIGH",
      "HIGH,   0,   true,  0, 0, true,  STANDARD,  HIGH",
      "HIGH,   23,  true,  0, 0, true,  ,          HIGH",
      // MEDIUM: any other HIGH item, any conflict, one failure, under three days' notice, a MEDIUM item outside a window, no back-out plan
      "HIGH,   23,  true,  0, 0, true,  EMERGENCY, MEDIUM",
      "HIGH,   24,  true,  0, 0, true,  NORMAL,    MEDIUM",
      "HIGH,   200, true,  1, 0, false, NORMAL,    MEDIUM",
      "LOW,    200, true,  0, 1, true,  NORMAL,    MEDIUM",
      ",       200, true,  0, 3, true,  NORMAL,    MEDIUM",
      "MEDIUM, 200, true,  1, 0, true,  NORMAL,    MEDIUM",
      "LOW,    71,  true,  0, 0, true,  NORMAL,    MEDIUM",
      "LOW,    2,   true,  0, 0, false, EMERGENCY, MEDIUM",
      "MEDIUM, 200, true,  0, 0, false, STANDARD,  MEDIUM",
      "LOW,    200, false, 0, 0, true,  STANDARD,  MEDIUM",
      ",       200, false, 0, 0, true,  NORMAL,    MEDIUM",
      // LOW: everything else, and a change that names no item or whose factors are missing
      "LOW,    72,  true,  0, 0, false, NORMAL,    LOW",
      "MEDIUM, 72,  true,  0, 0, true,  NORMAL,    LOW",
      ",       200, true,  0, 0, false, NORMAL,    LOW",
      ",       ,    ,      ,  ,  ,      ,          LOW"})
  void riskFromTheFactors(String ciCriticality, Long leadTimeHours, Boolean backoutPlanned, Long failedChanges, Long conflicts,
      Boolean inMaintenanceWindow, String changeType, String risk) {
    Map<String, Object> inputs = new HashMap<>();
    inputs.put(ChangeProcess.Variables.CI_CRITICALITY, ciCriticality);
    inputs.put(ChangeProcess.Variables.LEAD_TIME_HOURS, leadTimeHours);
    inputs.put(ChangeProcess.Variables.BACKOUT_PLANNED, backoutPlanned);
    inputs.put(ChangeProcess.Variables.FAILED_CHANGES, failedChanges);
    inputs.put(ChangeProcess.Variables.CONFLICTS, conflicts);
    inputs.put(ChangeProcess.Variables.IN_MAINTENANCE_WINDOW, inMaintenanceWindow);
    inputs.put(ChangeProcess.Variables.TYPE, changeType);
    assertThat(Decisions.load("change-risk.dmn").single(ChangeProcess.RISK_DECISION, inputs)).isEqualTo(risk);
  }

  @ParameterizedTest(name = "[{index}] {0}, {1}, freeze exception {2}: \"{3}\" {4}, reviewed by {5}")
  @CsvSource({
      "EMERGENCY, HIGH,   true,  change-managers,     SEQUENTIAL, cab",
      "EMERGENCY, ,       ,      change-managers,     SEQUENTIAL, cab",
      "STANDARD,  LOW,    true,  cab,                 SEQUENTIAL, change-managers",
      "STANDARD,  HIGH,   false, '',                  NONE,       change-managers",
      "STANDARD,  ,       ,      '',                  NONE,       change-managers",
      "NORMAL,    HIGH,   true,  'change-managers,cab', SEQUENTIAL, change-managers",
      "NORMAL,    LOW,    false, change-managers,     SEQUENTIAL, change-managers",
      "NORMAL,    LOW,    ,      change-managers,     SEQUENTIAL, change-managers",
      "NORMAL,    MEDIUM, false, 'change-managers,cab', SEQUENTIAL, change-managers",
      "NORMAL,    HIGH,   false, 'change-managers,cab', PARALLEL,   change-managers",
      "NORMAL,    ,       false, 'change-managers,cab', SEQUENTIAL, change-managers",
      ",          LOW,    ,      'change-managers,cab', SEQUENTIAL, change-managers"})
  void approversByTypeRiskAndFreeze(String changeType, String risk, Boolean freezeException, String approvers, String voting,
      String reviewGroup) {
    Map<String, Object> inputs = new HashMap<>();
    inputs.put(ChangeProcess.Variables.TYPE, changeType);
    inputs.put(ChangeProcess.Variables.RISK, risk);
    inputs.put(ChangeProcess.Variables.FREEZE_EXCEPTION, freezeException);
    assertThat(Decisions.load("change-approvals.dmn").evaluate(ChangeProcess.APPROVAL_DECISION, inputs).getSingleResult().getEntryMap())
        .isEqualTo(Map.of(ChangeProcess.Variables.APPROVERS, approvers, ChangeProcess.Variables.VOTING, voting,
            ChangeProcess.Variables.REVIEW_GROUP, reviewGroup));
  }

  @ParameterizedTest(name = "[{index}] {0}: {1} in {2}")
  @CsvSource({
      "EMERGENCY, PT2H,  24x7",
      "STANDARD,  PT9H,  office-hours",
      "NORMAL,    PT27H, office-hours",
      ",          PT27H, office-hours"})
  void approvalTargetsByType(String changeType, String approvalTarget, String calendar) {
    Map<String, Object> inputs = new HashMap<>();
    inputs.put(ChangeProcess.Variables.TYPE, changeType);
    assertThat(Decisions.load("change-sla-targets.dmn").evaluate(ChangeProcess.SLA_DECISION, inputs).getSingleResult().getEntryMap())
        .isEqualTo(Map.of("approvalTarget", approvalTarget, "calendar", calendar));
  }
}
