package io.vigil.audit;

/**
 * An exported entry as a CSV row (RFC 4180). Details hold callers' text, and a spreadsheet runs a
 * cell that starts with {@code = + - @} as a formula: such a cell starts with a quote instead. The
 * CSV is for reading; the JSON lines are what verifies.
 */
final class AuditCsv {

  private AuditCsv() {}

  static String row(SealedEntry entry) {
    return String.join(",", String.valueOf(entry.seq()), String.valueOf(entry.id()), cell(entry.ticketNumber()),
        cell(entry.occurredAtUtc()), cell(entry.actor()),
        cell(entry.action()), cell(entry.detail()), entry.prevHash(), entry.hash()) + "\r\n";
  }

  static String cell(String value) {
    if (value == null) {
      return "";
    }
    String text = !value.isEmpty() && "=+-@\t\r".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
    return "\"" + text.replace("\"", "\"\"") + "\"";
  }
}
