package io.vigil.workers.support;

import org.camunda.bpm.client.backoff.ErrorAwareBackoffStrategy;
import org.camunda.bpm.client.backoff.ExponentialErrorBackoffStrategy;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * When the workers fetch no work, the long poll has already waited, so they ask again at once.
 * When the engine cannot be reached (a restart, a rolling update, a network split) they wait 0.5 s,
 * then twice as long each time up to 30 s, instead of retrying in a tight loop that burns a core
 * and floods the log; the first answer from the engine resets the wait.
 */
@Configuration(proxyBeanMethods = false)
public class EngineBackoff {

  static final long FIRST_WAIT_MILLIS = 500;
  static final float FACTOR = 2;
  static final long LONGEST_WAIT_MILLIS = 30_000;

  @Bean
  ErrorAwareBackoffStrategy whileTheEngineIsUnreachable() {
    return strategy();
  }

  static ErrorAwareBackoffStrategy strategy() {
    return new ExponentialErrorBackoffStrategy(FIRST_WAIT_MILLIS, FACTOR, LONGEST_WAIT_MILLIS);
  }
}
