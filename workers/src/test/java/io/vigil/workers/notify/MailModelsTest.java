package io.vigil.workers.notify;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MailModelsTest {

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
