package io.vigil.workers.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RetriesTest {

  private final Retries retries = new Retries(3, Duration.ofSeconds(10));

  @Test
  void theFirstFailureStartsFromTheConfiguredRetries() {
    assertThat(retries.next(null)).isEqualTo(new Retries.Retry(2, 10_000));
  }

  @Test
  void eachNextFailureTakesOneOffAndWaitsLonger() {
    assertThat(retries.next(2)).isEqualTo(new Retries.Retry(1, 20_000));
  }

  @Test
  void theLastFailureLeavesNoRetryForTheEngineToRaiseAnIncident() {
    assertThat(retries.next(1)).isEqualTo(new Retries.Retry(0, 0));
    assertThat(retries.next(0)).isEqualTo(new Retries.Retry(0, 0));
  }

  @Test
  void aSingleRetryConfigurationRaisesTheIncidentAtOnce() {
    assertThat(new Retries(1, Duration.ofSeconds(5)).next(null)).isEqualTo(new Retries.Retry(0, 0));
  }
}
