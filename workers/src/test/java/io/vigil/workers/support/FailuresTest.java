package io.vigil.workers.support;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.workers.WorkerProperties;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class FailuresTest {

  private final Failures failures = new Failures(properties(3, Duration.ofSeconds(10)));

  @Test
  void theFirstFailureStartsFromTheConfiguredRetries() {
    assertThat(failures.next(null)).isEqualTo(new Failures.Retry(2, 10_000));
  }

  @Test
  void eachNextFailureTakesOneOffAndWaitsLonger() {
    assertThat(failures.next(2)).isEqualTo(new Failures.Retry(1, 20_000));
  }

  @Test
  void theLastFailureLeavesNoRetryForTheEngineToRaiseAnIncident() {
    assertThat(failures.next(1)).isEqualTo(new Failures.Retry(0, 0));
    assertThat(failures.next(0)).isEqualTo(new Failures.Retry(0, 0));
  }

  @Test
  void aSingleRetryConfigurationRaisesTheIncidentAtOnce() {
    assertThat(new Failures(properties(1, Duration.ofSeconds(5))).next(null)).isEqualTo(new Failures.Retry(0, 0));
  }

  static WorkerProperties properties(int retries, Duration backoff) {
    return TestWorkerProperties.with(4, retries, backoff);
  }
}
