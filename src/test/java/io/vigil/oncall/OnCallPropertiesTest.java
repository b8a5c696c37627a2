package io.vigil.oncall;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

/** {@code vigil.on-call.*} as operators write it: bound and checked when Vigil starts. */
class OnCallPropertiesTest {

  @Configuration(proxyBeanMethods = false)
  @EnableConfigurationProperties(OnCallProperties.class)
  static class Bound {}

  private final ApplicationContextRunner context = new ApplicationContextRunner().withUserConfiguration(Bound.class);

  @Test
  void theFeedReachesTwoWeeksBackAndEightAheadByDefault() {
    context.run(started -> {
      OnCallProperties properties = started.getBean(OnCallProperties.class);
      assertThat(properties.feedPast()).isEqualTo(Duration.ofDays(14));
      assertThat(properties.feedAhead()).isEqualTo(Duration.ofDays(56));
    });
  }

  @Test
  void aFeedThatReachesNowhereOrBeyondAYearStopsTheStart() {
    context.withPropertyValues("vigil.on-call.feed-past=PT0S").run(started ->
        assertThat(started).hasFailed().getFailure().rootCause().hasMessageContaining("vigil.on-call.feed-past"));
    context.withPropertyValues("vigil.on-call.feed-ahead=P400D").run(started ->
        assertThat(started).hasFailed().getFailure().rootCause().hasMessageContaining("vigil.on-call.feed-ahead"));
    context.withPropertyValues("vigil.on-call.feed-ahead=P90D").run(started ->
        assertThat(started.getBean(OnCallProperties.class).feedAhead()).isEqualTo(Duration.ofDays(90)));
  }
}
