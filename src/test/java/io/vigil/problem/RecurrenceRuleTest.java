package io.vigil.problem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RecurrenceRuleTest {

  static final RecurrenceRule ON_ITEM = new RecurrenceRule(RecurrenceRule.Scope.CI, 3, Duration.ofDays(7));
  static final RecurrenceRule ON_SERVICE = new RecurrenceRule(RecurrenceRule.Scope.SERVICE, 5, Duration.ofDays(7));

  @Test
  void theWindowReachesBackItsLengthFromTheNewIncident() {
    assertThat(ON_ITEM.windowStart(Instant.parse("2026-12-08T10:00:00Z"))).isEqualTo(Instant.parse("2026-12-01T10:00:00Z"));
  }

  @Test
  void metFromTheNumberOfIncidentsOn() {
    assertThat(ON_ITEM.metBy(2)).isFalse();
    assertThat(ON_ITEM.metBy(3)).isTrue();
    assertThat(ON_ITEM.metBy(4)).isTrue();
  }

  @Test
  void theItemOrTheServiceAndCategoryHoldTheOpenProblem() {
    assertThat(ON_ITEM.key("pg-orders-01", "checkout", "DATABASE")).contains("pg-orders-01");
    assertThat(ON_ITEM.key(null, "checkout", "DATABASE")).isEmpty();
    assertThat(ON_SERVICE.key("pg-orders-01", "checkout", "DATABASE")).contains("service:checkout/DATABASE");
    assertThat(ON_SERVICE.key("pg-orders-01", null, "DATABASE")).isEmpty();
  }

  @Test
  void aRuleTheOwnerCannotMeanIsRefused() {
    assertThatThrownBy(() -> new RecurrenceRule(RecurrenceRule.Scope.CI, 1, Duration.ofDays(7)))
        .hasMessageContaining("at least 2 incidents");
    assertThatThrownBy(() -> new RecurrenceRule(RecurrenceRule.Scope.CI, 3, Duration.ZERO)).hasMessageContaining("positive");
  }
}
