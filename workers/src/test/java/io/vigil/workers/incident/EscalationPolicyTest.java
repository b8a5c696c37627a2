package io.vigil.workers.incident;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.incident.contract.EscalationType;
import io.vigil.workers.WorkerProperties;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EscalationPolicyTest {

  private final EscalationPolicy policy = new EscalationPolicy(new WorkerProperties.Escalation(
      75, 100, Map.of("P1", 50), Map.of("service-desk", "application-support", "database", "infrastructure")));

  @Test
  void aWarningThresholdOnlyRecords() {
    assertThat(policy.decide(50, "P3", "database", 0))
        .isEqualTo(new EscalationPolicy.Decision(EscalationType.NONE, null, 0));
  }

  @Test
  void theFunctionalThresholdMovesTheWorkToTheNextTier() {
    assertThat(policy.decide(75, "P3", "database", 0))
        .isEqualTo(new EscalationPolicy.Decision(EscalationType.FUNCTIONAL, "infrastructure", 1));
  }

  @Test
  void aGroupWithoutNextTierEscalatesToTheIncidentManagers() {
    assertThat(policy.decide(75, "P3", "security", 0).type()).isEqualTo(EscalationType.HIERARCHICAL);
  }

  @Test
  void aBreachGoesToTheIncidentManagers() {
    assertThat(policy.decide(100, "P3", "database", 1))
        .isEqualTo(new EscalationPolicy.Decision(EscalationType.HIERARCHICAL, null, 2));
  }

  @Test
  void highPrioritiesGoToTheIncidentManagersEarlier() {
    assertThat(policy.decide(50, "P1", "database", 0).type()).isEqualTo(EscalationType.HIERARCHICAL);
    assertThat(policy.decide(50, "P2", "database", 0).type()).isEqualTo(EscalationType.NONE);
  }

  @Test
  void theLevelNeverGoesDown() {
    assertThat(policy.decide(75, "P3", "database", 2).level()).isEqualTo(2);
  }

  @Test
  void theSameThresholdTwiceDecidesTheSame() {
    assertThat(policy.decide(75, "P3", "service-desk", 0)).isEqualTo(policy.decide(75, "P3", "service-desk", 0));
  }
}
