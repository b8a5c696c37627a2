package io.vigil.workers.problem;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class EvidenceReportTest {

  static final Instant MONDAY = Instant.parse("2026-11-30T10:02:00Z");

  @Test
  void theItemTheIncidentsWithWhatMattersInTheirTimelinesAndSimilarPastIncidents() {
    String report = EvidenceReport.write(
        new EvidenceReport.Item("pg-orders-01", "Orders PostgreSQL primary", "DATABASE", "HIGH", "checkout"), "checkout",
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
    String report = EvidenceReport.write(null, "checkout",
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
    assertThat(EvidenceReport.write(null, null, List.of(), List.of(), 4000).lines())
        .containsExactly("No incidents linked yet.", "", "No similar past incidents.");
  }

  @Test
  void theSearchTakesTheTitleAndTheStartOfTheDescriptionCutAtAWord() {
    assertThat(RootCauseAnalysisWorker.query("Checkout  times out\nunder load")).isEqualTo("Checkout times out under load");
    String cut = RootCauseAnalysisWorker.query("word ".repeat(100));
    assertThat(cut).hasSizeLessThanOrEqualTo(200).endsWith("word");
  }
}
