package io.vigil.workers.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.client.backoff.ErrorAwareBackoffStrategy;
import org.camunda.bpm.client.exception.ExternalTaskClientException;
import org.junit.jupiter.api.Test;

/** A worker whose engine cannot be reached waits longer and longer between attempts instead of spinning. */
class EngineBackoffTest {

  private static final ExternalTaskClientException UNREACHABLE = new ExternalTaskClientException("Connection refused");

  private final ErrorAwareBackoffStrategy backoff = EngineBackoff.strategy();

  @Test
  void anEngineThatAnswersIsAskedAgainAtOnceTheLongPollHasWaitedAlready() {
    backoff.reconfigure(List.of(), null);
    assertThat(backoff.calculateBackoffTime()).isZero();
  }

  @Test
  void eachFailedAttemptDoublesTheWaitUpToHalfAMinute() {
    List<Long> waits = new ArrayList<>();
    for (int attempt = 0; attempt < 9; attempt++) {
      backoff.reconfigure(List.of(), UNREACHABLE);
      waits.add(backoff.calculateBackoffTime());
    }
    assertThat(waits).containsExactly(500L, 1_000L, 2_000L, 4_000L, 8_000L, 16_000L, 30_000L, 30_000L, 30_000L);
  }

  @Test
  void theFirstAnswerEndsTheWait() {
    for (int attempt = 0; attempt < 5; attempt++) {
      backoff.reconfigure(List.of(), UNREACHABLE);
    }
    backoff.reconfigure(List.of(), null);
    assertThat(backoff.calculateBackoffTime()).isZero();
  }
}
