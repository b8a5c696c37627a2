package io.vigil.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** {@code vigil.knowledge.*} as an operator writes it. */
class SearchIndexPropertiesTest {

  @Test
  void defaultsLookEveryFiveSecondsOverTheLastMinute() {
    SearchIndexProperties properties = bind(Map.of());

    assertThat(properties.refreshInterval()).isEqualTo(Duration.ofSeconds(5));
    assertThat(properties.catchUpOverlap()).isEqualTo(Duration.ofMinutes(1));
  }

  @Test
  void anOverlapNoLongerThanTheIntervalFailsTheStartNamingBothSettings() {
    assertThatThrownBy(() -> bind(Map.of("vigil.knowledge.refresh-interval", "2m")))
        .rootCause().hasMessageContaining("vigil.knowledge.catch-up-overlap").hasMessageContaining("vigil.knowledge.refresh-interval");
    assertThatThrownBy(() -> bind(Map.of("vigil.knowledge.refresh-interval", "0s")))
        .rootCause().hasMessageContaining("at least 100 ms");
  }

  private static SearchIndexProperties bind(Map<String, String> settings) {
    return new Binder(List.of(new MapConfigurationPropertySource(settings))).bindOrCreate("vigil.knowledge", SearchIndexProperties.class);
  }
}
