package io.vigil.workers.problem;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class EvidenceReportTest {

  static final Instant MONDAY = Instant.parse("2026-11-30T10:02:00Z");
  static final Instant NOW = Instant.parse("2026-12-02T09:00:00Z");

  @Test
  void theItemItsChangesTheIncidentsWithWhatMattersInTheirTimelinesAndSimilarPastIncidents() {
    String report = EvidenceReport.write(
        new EvidenceReport.Item("pg-orders-01", "Orders PostgreSQL primary", "DATABASE", "HIGH", "checkout"), "checkout",
        new EvidenceReport.ItemChanges("pg-orders-01", List.of(change("CHG-000007", "Raise max_connections", "NORMAL", "CLOSED",
            "2026-11-29T23:00:00Z", "2026-11-30T01:00:00Z", "SUCCESSFUL", "2026-11-30T08:00:00Z")), NOW),
        List.of(new EvidenceReport.IncidentFacts("INC-000012", "Checkout times out", "RESOLVED", "P2", "database", MONDAY, List.of(
            new EvidenceReport.Event(MONDAY, "REPORTED", "Checkout times out (caller jane@example.com)"),
            new EvidenceReport.Event(MONDAY.plusSeconds(60), "SLA_STARTED", "P2: response PT30M"),
            new EvidenceReport.Event(MONDAY.plusSeconds(3600), "SLA_BREACHED", "response clock breached"),
            new EvidenceReport.Event(MONDAY.plusSeconds(4000), "REASSIGNED", "network -> database: pool exhausted")))),
        List.of(new EvidenceReport.PastIncident("INC-000004", "Orders database deadlocks", "FIXED", "Killed the blocking session",
            MONDAY.minusSeconds(86_400 * 10))),
        4000);

    assertThat(report.lines()).containsExactly(
        "Configuration item: pg-orders-01 (Orders PostgreSQL primary, DATABASE, criticality HIGH) in service checkout",
        "",
        "Changes on pg-orders-01 in the last 30 days:",
        "CHG-000007 Raise max_connections (NORMAL, CLOSED, 2026-11-29 23:00 UTC…2026-11-30 01:00 UTC, SUCCESSFUL)",
        "",
        "Incidents (1):",
        "INC-000012 P2 RESOLVED database, reported 2026-11-30 10:02 UTC: Checkout times out",
        "  2026-11-30 10:02 UTC reported: Checkout times out (caller jane@example.com)",
        "  2026-11-30 11:02 UTC sla breached: response clock breached",
        "  2026-11-30 11:08 UTC reassigned: network -> database: pool exhausted",
        "",
        "Similar past incidents, most similar first:",
        "INC-000004 closed 2026-11-20 10:02 UTC (FIXED): Orders database deadlocks | Killed the blocking session");
  }

  @Test
  void aLongReportKeepsWholeLinesAndSaysHowManyWereLeftOut() {
    List<EvidenceReport.Event> events = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      events.add(new EvidenceReport.Event(MONDAY.plusSeconds(i * 60L), "ALERT_FIRING", "PostgresDown fired again, number " + i));
    }
    String report = EvidenceReport.write(null, "checkout", null,
        List.of(new EvidenceReport.IncidentFacts("INC-000012", "Orders database down", "IN_PROGRESS", "P1", "database", MONDAY, events)),
        List.of(), 2000);

    assertThat(report.length()).isLessThanOrEqualTo(2000);
    assertThat(report).startsWith("Service: checkout\n");
    assertThat(report.lines().toList()).last().asString().matches("\\(\\d+ more lines left out\\)");
    assertThat(report.lines().filter(line -> line.startsWith("  ")))
        .allMatch(line -> line.matches("  2026-11-30 \\d\\d:\\d\\d UTC alert firing: PostgresDown fired again, number \\d+"));
  }

  @Test
  void nothingLinkedAndNothingSimilarIsSaid() {
    assertThat(EvidenceReport.write(null, null, null, List.of(), List.of(), 4000).lines())
        .containsExactly("No incidents linked yet.", "", "No similar past incidents.");
  }

  @Test
  void theChangesOnTheItemAreTheOpenOnesAndThosePlannedOrClosedInTheLast30Days() {
    List<EvidenceReport.ChangeFacts> newestFirst = List.of(
        change("CHG-000031", "Vacuum the orders tables", "NORMAL", "AWAITING_APPROVAL", "2026-12-08T22:00:00Z", "2026-12-08T23:00:00Z",
            null, null),
        change("CHG-000030", "Restart the replica", "EMERGENCY", "IMPLEMENTING", "2026-12-02T08:30:00Z", "2026-12-02T09:30:00Z",
            null, null),
        change("CHG-000029", "Move the WAL to a new volume", "NORMAL", "REJECTED", "2026-11-28T22:00:00Z", "2026-11-28T23:00:00Z",
            null, "2026-11-26T10:00:00Z"),
        change("CHG-000028", "PostgreSQL 15.9", "STANDARD", "CANCELLED", "2026-11-27T22:00:00Z", "2026-11-27T23:00:00Z",
            null, "2026-11-25T10:00:00Z"),
        change("CHG-000027", "Raise work_mem", "NORMAL", "FAILED", "2026-11-20T22:00:00Z", "2026-11-20T23:00:00Z",
            "FAILED", "2026-11-23T09:00:00Z"),
        change("CHG-000026", "Rotate the TLS certificate", "STANDARD", "CLOSED", "2026-10-30T22:00:00Z", "2026-10-30T23:00:00Z",
            "SUCCESSFUL", "2026-11-03T09:00:00Z"),
        change("CHG-000025", "Migrate the connection pooler", "NORMAL", "CLOSED", "2026-10-29T22:00:00Z", "2026-11-03T09:00:00Z",
            "SUCCESSFUL", "2026-11-05T09:00:00Z"),
        change("CHG-000024", "Add an index on orders.customer_id", "NORMAL", "CLOSED", "2026-10-20T22:00:00Z", "2026-10-20T23:00:00Z",
            "SUCCESSFUL", "2026-10-22T09:00:00Z"));

    String report = EvidenceReport.write(null, null, new EvidenceReport.ItemChanges("pg-orders-01", newestFirst, NOW),
        List.of(), List.of(), 4000);

    assertThat(report.lines()).containsExactly(
        "Changes on pg-orders-01 in the last 30 days:",
        "CHG-000031 Vacuum the orders tables (NORMAL, AWAITING_APPROVAL, 2026-12-08 22:00…23:00 UTC)",
        "CHG-000030 Restart the replica (EMERGENCY, IMPLEMENTING, 2026-12-02 08:30…09:30 UTC)",
        "CHG-000027 Raise work_mem (NORMAL, FAILED, 2026-11-20 22:00…23:00 UTC, FAILED)",
        "CHG-000026 Rotate the TLS certificate (STANDARD, CLOSED, 2026-10-30 22:00…23:00 UTC, SUCCESSFUL)",
        "CHG-000025 Migrate the connection pooler (NORMAL, CLOSED, 2026-10-29 22:00 UTC…2026-11-03 09:00 UTC, SUCCESSFUL)",
        "",
        "No incidents linked yet.",
        "",
        "No similar past incidents.");
  }

  @Test
  void aChangeClosedExactly30DaysAgoStillCountsAMinuteMoreDoesNot() {
    Instant since = NOW.minus(Duration.ofDays(30));
    EvidenceReport.ChangeFacts onTheEdge = new EvidenceReport.ChangeFacts("CHG-000002", "Patch", "NORMAL", "CLOSED",
        since.minus(Duration.ofDays(2)), since.minus(Duration.ofDays(2)).plusSeconds(3600), "SUCCESSFUL", since);
    EvidenceReport.ChangeFacts before = new EvidenceReport.ChangeFacts("CHG-000001", "Patch", "NORMAL", "CLOSED",
        since.minus(Duration.ofDays(2)), since.minus(Duration.ofDays(2)).plusSeconds(3600), "SUCCESSFUL", since.minusSeconds(60));

    assertThat(EvidenceReport.recent(List.of(onTheEdge, before), NOW)).containsExactly(onTheEdge);
  }

  @Test
  void noRecentChangeOnTheItemIsSaid() {
    String report = EvidenceReport.write(
        new EvidenceReport.Item("print-01", "Office print server", "SERVER", "LOW", "workplace"), "workplace",
        new EvidenceReport.ItemChanges("print-01", List.of(change("CHG-000003", "New spooler", "NORMAL", "CLOSED",
            "2026-09-01T08:00:00Z", "2026-09-01T09:00:00Z", "SUCCESSFUL", "2026-09-02T08:00:00Z")), NOW),
        List.of(), List.of(), 4000);

    assertThat(report.lines()).containsExactly(
        "Configuration item: print-01 (Office print server, SERVER, criticality LOW) in service workplace",
        "",
        "No change on print-01 in the last 30 days.",
        "",
        "No incidents linked yet.",
        "",
        "No similar past incidents.");
  }

  @Test
  void aLongReportKeepsTheChangesAndCutsTheSimilarIncidentsAndTheTimelinesFirst() {
    List<EvidenceReport.ChangeFacts> changes = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      changes.add(change("CHG-0000" + (10 + i), "Tune the orders database, step " + i + " " + "of a long plan ".repeat(10),
          "NORMAL", "CLOSED", "2026-11-2" + (i % 9) + "T22:00:00Z", "2026-11-2" + (i % 9) + "T23:00:00Z", "SUCCESSFUL",
          "2026-11-29T09:00:00Z"));
    }
    List<EvidenceReport.Event> events = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      events.add(new EvidenceReport.Event(MONDAY.plusSeconds(i * 60L), "ALERT_FIRING", "PostgresDown fired again, number " + i));
    }
    String report = EvidenceReport.write(
        new EvidenceReport.Item("pg-orders-01", "Orders PostgreSQL primary", "DATABASE", "HIGH", "checkout"), "checkout",
        new EvidenceReport.ItemChanges("pg-orders-01", changes, NOW),
        List.of(new EvidenceReport.IncidentFacts("INC-000012", "Orders database down", "IN_PROGRESS", "P1", "database", MONDAY, events)),
        List.of(new EvidenceReport.PastIncident("INC-000004", "Orders database deadlocks", "FIXED", "Killed the blocking session",
            MONDAY.minusSeconds(86_400 * 10))),
        4000);

    assertThat(report.length()).isLessThanOrEqualTo(4000);
    List<String> lines = report.lines().toList();
    assertThat(lines.subList(0, 13)).startsWith(
        "Configuration item: pg-orders-01 (Orders PostgreSQL primary, DATABASE, criticality HIGH) in service checkout",
        "",
        "Changes on pg-orders-01 in the last 30 days:");
    assertThat(lines.subList(3, 13)).allMatch(line -> line.matches("CHG-0000\\d\\d Tune the orders database, step \\d .{80,}…"
        + " \\(NORMAL, CLOSED, 2026-11-2\\d 22:00…23:00 UTC, SUCCESSFUL\\)"));
    assertThat(lines).contains("INC-000012 P1 IN_PROGRESS database, reported 2026-11-30 10:02 UTC: Orders database down")
        .noneMatch(line -> line.contains("INC-000004"));
    assertThat(lines).last().asString().matches("\\(\\d+ more lines left out\\)");
  }

  @Test
  void theSearchTakesTheTitleAndTheStartOfTheDescriptionCutAtAWord() {
    assertThat(RootCauseAnalysisWorker.query("Checkout  times out\nunder load")).isEqualTo("Checkout times out under load");
    String cut = RootCauseAnalysisWorker.query("word ".repeat(100));
    assertThat(cut).hasSizeLessThanOrEqualTo(200).endsWith("word");
  }

  private static EvidenceReport.ChangeFacts change(String number, String title, String type, String state, String plannedStart,
      String plannedEnd, String result, String closedAt) {
    return new EvidenceReport.ChangeFacts(number, title, type, state, Instant.parse(plannedStart), Instant.parse(plannedEnd), result,
        closedAt == null ? null : Instant.parse(closedAt));
  }
}
