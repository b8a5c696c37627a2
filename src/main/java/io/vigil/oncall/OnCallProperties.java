package io.vigil.oncall;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code vigil.on-call.*}: how far back and ahead a rota's calendar feed reaches from the moment it
 * is read, so that a subscription moves with the days. Each is more than nothing and at most a year.
 */
@ConfigurationProperties("vigil.on-call")
public record OnCallProperties(@DefaultValue("P14D") Duration feedPast, @DefaultValue("P56D") Duration feedAhead) {

  private static final Duration LONGEST = Duration.ofDays(366);

  public OnCallProperties {
    check("vigil.on-call.feed-past", feedPast);
    check("vigil.on-call.feed-ahead", feedAhead);
  }

  private static void check(String property, Duration value) {
    if (value == null || value.compareTo(Duration.ZERO) <= 0 || value.compareTo(LONGEST) > 0) {
      throw new IllegalArgumentException(property + " must be more than nothing and at most " + LONGEST + ", not " + value);
    }
  }
}
