package io.vigil.notify;

import io.vigil.notify.contract.Notifications;
import java.time.Duration;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** {@code vigil.notifications.*}: what the engine side decides about notifications before any is sent. */
@ConfigurationProperties("vigil.notifications")
record NotificationProperties(@DefaultValue QueueDigest queueDigest) {

  /**
   * An incident of one of {@code priorities} that reaches a resolver group's queue is not mailed to
   * the group on its own but gathered; every {@code interval} each engine node sends each group one
   * mail listing what it gathered ({@link QueueDigestSender}). Off, every incident is mailed as it
   * comes, and what was gathered before still goes with the next digest.
   */
  record QueueDigest(
      @DefaultValue("true") boolean enabled,
      @DefaultValue({"P4", "P5"}) Set<String> priorities,
      @DefaultValue("PT1H") Duration interval) {

    private static final Pattern PRIORITY = Pattern.compile("P[1-5]");

    QueueDigest {
      if (interval == null || interval.isNegative() || interval.isZero()) {
        throw new IllegalArgumentException("vigil.notifications.queue-digest.interval must be positive: " + interval);
      }
      priorities = priorities == null ? Set.of() : Set.copyOf(priorities);
      for (String priority : priorities) {
        if (!PRIORITY.matcher(priority).matches()) {
          throw new IllegalArgumentException("vigil.notifications.queue-digest.priorities: '" + priority
              + "' is not a priority (P1 to P5)");
        }
      }
    }

    /** Whether the group hears of this queued incident in its next digest rather than now. */
    boolean gathers(String template, Object priority) {
      return enabled && Notifications.Templates.INCIDENT_QUEUED.equals(template) && priority != null
          && priorities.contains(priority.toString());
    }
  }
}
