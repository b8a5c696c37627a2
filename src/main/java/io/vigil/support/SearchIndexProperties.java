package io.vigil.support;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code vigil.knowledge.*}: how the search indexes each engine node keeps in memory (the knowledge
 * base's articles, the closed incidents searched for similar ones) follow the database. Every
 * {@code refreshInterval} a node reads what changed since {@code catchUpOverlap} before its previous
 * look: the overlap must exceed the interval, the longest transaction that writes those rows and
 * the difference between the nodes' clocks.
 */
@ConfigurationProperties("vigil.knowledge")
public record SearchIndexProperties(
    @DefaultValue("PT5S") Duration refreshInterval,
    @DefaultValue("PT1M") Duration catchUpOverlap) {

  public SearchIndexProperties {
    if (refreshInterval.compareTo(Duration.ofMillis(100)) < 0) {
      throw new IllegalArgumentException("vigil.knowledge.refresh-interval must be at least 100 ms, not " + refreshInterval);
    }
    if (catchUpOverlap.compareTo(refreshInterval) <= 0) {
      throw new IllegalArgumentException("vigil.knowledge.catch-up-overlap (" + catchUpOverlap
          + ") must be longer than vigil.knowledge.refresh-interval (" + refreshInterval + ")");
    }
  }
}
