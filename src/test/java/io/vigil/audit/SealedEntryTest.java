package io.vigil.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class SealedEntryTest {

  private static final OffsetDateTime AT = OffsetDateTime.of(2026, 12, 5, 23, 58, 33, 123_456_000, ZoneOffset.ofHours(1));

  @Test
  void theCanonicalFormIsOneLineOfJsonInAFixedOrderInUtcToTheMicrosecond() {
    SealedEntry entry = SealedEntry.seal(7, SealedEntry.GENESIS, 42, "INC-000042", AT, "sd.anna", "COMMENTED",
        "Say \"hi\"\\ then\nnext\t\u0001 ☕ <script>");

    assertThat(entry.canonical()).isEqualTo("{\"prev\":\"" + "0".repeat(64) + "\",\"seq\":7,\"id\":42,\"ticket\":\"INC-000042\","
        + "\"occurredAt\":\"2026-12-05T22:58:33.123456Z\",\"actor\":\"sd.anna\",\"action\":\"COMMENTED\","
        + "\"detail\":\"Say \\\"hi\\\"\\\\ then\\nnext\\t\\u0001 ☕ <script>\"}");
    assertThat(entry.hash()).hasSize(64).isEqualTo(SealedEntry.hashOf(entry.canonical()));
    assertThat(entry.line()).isEqualTo(entry.canonical().substring(0, entry.canonical().length() - 1)
        + ",\"hash\":\"" + entry.hash() + "\"}");
  }

  @Test
  void anyChangeToTheContentOrThePreviousHashBreaksTheSeal() {
    SealedEntry entry = SealedEntry.seal(1, SealedEntry.GENESIS, 1, "CHG-000001", AT, "cab.carl", "APPROVED", null);
    assertThat(entry.intact()).isTrue();
    assertThat(entry.canonical()).endsWith(",\"detail\":null}");

    assertThat(new SealedEntry(1, SealedEntry.GENESIS, entry.hash(), 1, "CHG-000001", AT, "cab.carl", "REJECTED", null).intact()).isFalse();
    assertThat(new SealedEntry(1, SealedEntry.GENESIS, entry.hash(), 1, "CHG-000001", AT.plusNanos(1000), "cab.carl", "APPROVED", null).intact()).isFalse();
    assertThat(new SealedEntry(1, "1".repeat(64), entry.hash(), 1, "CHG-000001", AT, "cab.carl", "APPROVED", null).intact()).isFalse();
    assertThat(new SealedEntry(2, SealedEntry.GENESIS, entry.hash(), 1, "CHG-000001", AT, "cab.carl", "APPROVED", null).intact()).isFalse();
  }

  @Test
  void aSpreadsheetCellThatWouldStartAFormulaStartsWithAQuote() {
    assertThat(AuditCsv.cell("=HYPERLINK(\"x\")")).isEqualTo("\"'=HYPERLINK(\"\"x\"\")\"");
    assertThat(AuditCsv.cell("-1")).isEqualTo("\"'-1\"");
    assertThat(AuditCsv.cell("fine, \"quoted\"")).isEqualTo("\"fine, \"\"quoted\"\"\"");
    assertThat(AuditCsv.cell(null)).isEmpty();
  }
}
