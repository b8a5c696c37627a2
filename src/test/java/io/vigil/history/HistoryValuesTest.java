package io.vigil.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Date;
import org.camunda.bpm.engine.variable.Variables;
import org.junit.jupiter.api.Test;

class HistoryValuesTest {

  @Test
  void plainValuesAreTheirTextAndDatesAreUtc() {
    assertThat(HistoryValues.text(Variables.stringValue("FIXED"), null)).isEqualTo("FIXED");
    assertThat(HistoryValues.text(Variables.booleanValue(true), null)).isEqualTo("true");
    assertThat(HistoryValues.text(Variables.dateValue(Date.from(Instant.parse("2026-03-04T09:15:02Z"))), null))
        .isEqualTo("2026-03-04T09:15:02Z");
    assertThat(HistoryValues.text(Variables.stringValue(null), null)).isNull();
  }

  @Test
  void jsonIsShownAsItsTextAndJavaObjectsAndBytesAreOnlyNamed() {
    assertThat(HistoryValues.text(Variables.serializedObjectValue("{\"group\":\"database\"}")
        .serializationDataFormat(Variables.SerializationDataFormats.JSON).create(), null)).isEqualTo("{\"group\":\"database\"}");
    assertThat(HistoryValues.text(Variables.serializedObjectValue("rO0ABXNyABFqYXZh")
        .serializationDataFormat(Variables.SerializationDataFormats.JAVA).create(), null))
        .isEqualTo("(object value, Java-serialized, not shown)");
    assertThat(HistoryValues.text(Variables.byteArrayValue(new byte[] {1, 2}), null)).isEqualTo("(bytes value, not shown)");
  }

  @Test
  void longValuesAreClippedAndUnreadableOnesSaySo() {
    String text = HistoryValues.text(Variables.stringValue("x".repeat(5_000)), null);
    assertThat(text).startsWith("x".repeat(HistoryValues.MAX_LENGTH)).endsWith("… (clipped)")
        .hasSize(HistoryValues.MAX_LENGTH + "… (clipped)".length());
    assertThat(HistoryValues.text(null, "Cannot deserialize")).isEqualTo("(not readable: Cannot deserialize)");
  }
}
