package io.vigil.workers.notify;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.workers.support.TestWorkerProperties;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MailModelsTest {

  @Test
  @SuppressWarnings("unchecked")
  void aDigestListsItsIncidentsWithTheirLinksAndReadsNoTicket() {
    // no API: a digest's model is made of its variable alone
    MailModels models = new MailModels(null, TestWorkerProperties.with(1, 1, Duration.ZERO));

    Map<String, Object> model = models.of(new MailModels.Task("INC-000041", "2 incidents in the database queue", "database", null,
        null, null, null, "[{\"number\":\"INC-000041\",\"title\":\"Report export is slow\",\"priority\":\"P5\","
            + "\"reachedAt\":\"2026-03-02T09:00:00Z\"},{\"number\":\"INC-000043\",\"title\":\"Typo\",\"priority\":\"P4\","
            + "\"reachedAt\":\"2026-03-02T09:30:00Z\"}]"), Map::of);

    assertThat(model).containsEntry("number", "INC-000041").containsEntry("audience", "database").doesNotContainKey("ticket");
    assertThat((Map<Object, Object>) model.get("links")).containsOnlyKeys("vigil", "tasklist");
    assertThat((List<Object>) model.get("digest")).containsExactly(
        Map.of("number", "INC-000041", "title", "Report export is slow", "priority", "P5", "reachedAt", "2026-03-02T09:00:00Z",
            "link", "http://localhost/api/incidents/INC-000041"),
        Map.of("number", "INC-000043", "title", "Typo", "priority", "P4", "reachedAt", "2026-03-02T09:30:00Z",
            "link", "http://localhost/api/incidents/INC-000043"));
  }

  @Test
  void targetsReadAsPeopleSayThem() {
    assertThat(MailModels.human("PT4H")).isEqualTo("4 h");
    assertThat(MailModels.human("PT30M")).isEqualTo("30 min");
    assertThat(MailModels.human("P2DT1H30M")).isEqualTo("2 d 1 h 30 min");
    assertThat(MailModels.human("PT45H")).isEqualTo("1 d 21 h");
    assertThat(MailModels.human("PT0S")).isEqualTo("0 min");
    assertThat(MailModels.human("soon")).isEqualTo("soon");
  }

  @Test
  void aDeliveryKeyIsTheSameForTheSameTaskChannelAndRecipient() {
    DeliveryLedger.Delivery first = DeliveryLedger.Delivery.of("task-1", "INC-000001", "MAIL", "Jane@Example.com", "notification");
    DeliveryLedger.Delivery again = DeliveryLedger.Delivery.of("task-1", "INC-000001", "MAIL", "jane@example.com", "notification");
    DeliveryLedger.Delivery other = DeliveryLedger.Delivery.of("task-2", "INC-000001", "MAIL", "jane@example.com", "notification");

    assertThat(first.key()).isEqualTo(again.key()).isNotEqualTo(other.key()).matches("[0-9a-f-]{36}");
    assertThat(Mailer.messageId(first.key())).isEqualTo("<" + first.key() + "@vigil>");
  }
}
