package io.vigil.notify;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.notify.contract.Notifications;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.camunda.spin.Spin;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

/** Which queued incidents a group hears of in its digest, as {@code vigil.notifications.queue-digest.*} says. */
class QueueDigestDecisionTest {

  @Configuration(proxyBeanMethods = false)
  @EnableConfigurationProperties(NotificationProperties.class)
  static class Bound {}

  private final ApplicationContextRunner context = new ApplicationContextRunner().withUserConfiguration(Bound.class);

  @Test
  void p4AndP5AreGatheredHourlyByDefaultAndTheOthersMailedAsTheyCome() {
    context.run(started -> {
      NotificationProperties.QueueDigest digest = started.getBean(NotificationProperties.class).queueDigest();
      assertThat(digest.interval()).isEqualTo(Duration.ofHours(1));
      assertThat(digest.gathers(Notifications.Templates.INCIDENT_QUEUED, "P5")).isTrue();
      assertThat(digest.gathers(Notifications.Templates.INCIDENT_QUEUED, "P4")).isTrue();
      assertThat(digest.gathers(Notifications.Templates.INCIDENT_QUEUED, "P3")).isFalse();
      assertThat(digest.gathers(Notifications.Templates.INCIDENT_QUEUED, "P1")).isFalse();
      assertThat(digest.gathers(Notifications.Templates.INCIDENT_QUEUED, null)).isFalse();
    });
  }

  @Test
  void onlyTheQueuedMailIsGathered() {
    context.run(started -> {
      NotificationProperties.QueueDigest digest = started.getBean(NotificationProperties.class).queueDigest();
      assertThat(digest.gathers(Notifications.Templates.INCIDENT_REGISTERED, "P5")).isFalse();
      assertThat(digest.gathers(Notifications.Templates.INCIDENT_ESCALATED, "P5")).isFalse();
      assertThat(digest.gathers(Notifications.Templates.NOTIFICATION, "P5")).isFalse();
    });
  }

  @Test
  void theOperatorChoosesThePrioritiesOrTurnsTheDigestOff() {
    context.withPropertyValues("vigil.notifications.queue-digest.priorities=P3,P4,P5").run(started ->
        assertThat(started.getBean(NotificationProperties.class).queueDigest().gathers(Notifications.Templates.INCIDENT_QUEUED, "P3"))
            .isTrue());
    context.withPropertyValues("vigil.notifications.queue-digest.enabled=false").run(started ->
        assertThat(started.getBean(NotificationProperties.class).queueDigest().gathers(Notifications.Templates.INCIDENT_QUEUED, "P5"))
            .isFalse());
  }

  @Test
  void anUnknownPriorityOrAnIntervalOfNothingStopsTheStart() {
    context.withPropertyValues("vigil.notifications.queue-digest.priorities=P5,low").run(started ->
        assertThat(started).hasFailed().getFailure().rootCause().hasMessageContaining("'low' is not a priority"));
    context.withPropertyValues("vigil.notifications.queue-digest.interval=PT0S").run(started ->
        assertThat(started).hasFailed().getFailure().rootCause().hasMessageContaining("vigil.notifications.queue-digest.interval"));
  }

  @Test
  void aDigestIsFiledUnderItsOldestIncidentAndItsVariableNamesEachIncident() {
    QueueDigest digest = new QueueDigest("database", List.of(
        new QueueDigest.Queued(7, "INC-000041", "Report export is slow", "P5", Instant.parse("2026-03-02T09:00:00Z")),
        new QueueDigest.Queued(9, "INC-000043", "Typo on the \"orders\" page", "P4", Instant.parse("2026-03-02T09:30:00Z"))));

    assertThat(digest.ticketNumber()).isEqualTo("INC-000041");
    assertThat(digest.subject()).isEqualTo("2 incidents in the database queue");
    assertThat(digest.json()).isEqualTo("[{\"number\":\"INC-000041\",\"title\":\"Report export is slow\",\"priority\":\"P5\","
        + "\"reachedAt\":\"2026-03-02T09:00:00Z\"},{\"number\":\"INC-000043\",\"title\":\"Typo on the \\\"orders\\\" page\","
        + "\"priority\":\"P4\",\"reachedAt\":\"2026-03-02T09:30:00Z\"}]");
    assertThat(QueueDigest.numbers(Spin.JSON(digest.json()))).containsExactly("INC-000041", "INC-000043");
    assertThat(new QueueDigest("network", List.of(digest.incidents().get(0))).subject()).isEqualTo("1 incident in the network queue");
  }
}
