package io.vigil.workers.change;

import static io.vigil.change.contract.ChangeProcess.Variables.BACKOUT_PLANNED;
import static io.vigil.change.contract.ChangeProcess.Variables.CI_CRITICALITY;
import static io.vigil.change.contract.ChangeProcess.Variables.CONFLICTS;
import static io.vigil.change.contract.ChangeProcess.Variables.FAILED_CHANGES;
import static io.vigil.change.contract.ChangeProcess.Variables.IN_MAINTENANCE_WINDOW;
import static io.vigil.change.contract.ChangeProcess.Variables.LEAD_TIME_HOURS;
import static io.vigil.change.contract.ChangeProcess.Variables.RISK_FACTORS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RiskFactorsTest {

  static final Instant REQUESTED = Instant.parse("2026-12-07T09:30:00Z");
  static final Instant START = Instant.parse("2026-12-08T22:00:00Z");

  @Test
  void theFactorsByTheirContractNamesAndInWords() {
    RiskFactors factors = new RiskFactors(
        List.of(new RiskFactors.Item("web-01", "Checkout web front", "MEDIUM"),
            new RiskFactors.Item("pg-orders-01", "Orders PostgreSQL primary", "HIGH"),
            new RiskFactors.Item("app-07", null, null)),
        REQUESTED, START, "Restore the snapshot taken before the upgrade.", Set.of("CHG-000007", "CHG-000003"),
        List.of(new RiskFactors.Conflict("CHG-000009", "Upgrade  PostgreSQL\nto 17", START.minusSeconds(3600), START.plusSeconds(7200),
            List.of("pg-orders-01", "pg-orders-02"))),
        false);

    assertThat(factors.variables()).containsOnly(
        entry(CI_CRITICALITY, "HIGH"),
        entry(LEAD_TIME_HOURS, 36L),
        entry(BACKOUT_PLANNED, true),
        entry(FAILED_CHANGES, 2L),
        entry(CONFLICTS, 1L),
        entry(IN_MAINTENANCE_WINDOW, false),
        entry(RISK_FACTORS, factors.text()));
    assertThat(factors.text().lines()).containsExactly(
        "Configuration items: 3, highest criticality HIGH",
        "  web-01 Checkout web front: MEDIUM",
        "  pg-orders-01 Orders PostgreSQL primary: HIGH",
        "  app-07: not in the catalog",
        "Lead time: 36 h from the request (2026-12-07 09:30 UTC) to the planned start (2026-12-08 22:00 UTC)",
        "Back-out plan: yes",
        "Failed changes on these items in the last 90 days: 2 (CHG-000003, CHG-000007)",
        "Other changes on these items in the window: 1",
        "  CHG-000009 2026-12-08 21:00 UTC to 2026-12-09 00:00 UTC on pg-orders-01: Upgrade PostgreSQL to 17",
        "Maintenance window: outside");
  }

  @Test
  void theHighestCriticalityOfTheItemsTheCatalogKnows() {
    assertThat(withItems(new RiskFactors.Item("a", "A", "LOW"), new RiskFactors.Item("b", "B", "MEDIUM"),
        new RiskFactors.Item("c", "C", "LOW")).ciCriticality()).isEqualTo("MEDIUM");
    assertThat(withItems(new RiskFactors.Item("a", "A", "LOW"), new RiskFactors.Item("b", null, null)).ciCriticality()).isEqualTo("LOW");
    assertThat(withItems(new RiskFactors.Item("b", null, null)).ciCriticality()).isNull();
  }

  @Test
  void noItemsNoCriticality() {
    RiskFactors factors = withItems();
    assertThat(factors.ciCriticality()).isNull();
    assertThat(factors.variables()).containsEntry(CI_CRITICALITY, null);
    assertThat(factors.text().lines()).containsExactly(
        "Configuration items: none named",
        "Lead time: 36 h from the request (2026-12-07 09:30 UTC) to the planned start (2026-12-08 22:00 UTC)",
        "Back-out plan: none",
        "Failed changes on these items in the last 90 days: none",
        "Other changes on these items in the window: none",
        "Maintenance window: inside");
  }

  @Test
  void leadTimeInWholeHoursAndNoneForAStartBeforeTheRequest() {
    assertThat(leadTime(START.minusSeconds(24 * 3600))).isEqualTo(24);
    assertThat(leadTime(START.minusSeconds(24 * 3600 - 1))).isEqualTo(23);
    assertThat(leadTime(START.minusSeconds(59 * 60))).isZero();
    assertThat(leadTime(START)).isZero();
    assertThat(leadTime(START.plusSeconds(5 * 3600))).isZero();
  }

  @Test
  void aBlankBackoutPlanIsNoPlan() {
    assertThat(new RiskFactors(List.of(), REQUESTED, START, " \n", Set.of(), List.of(), true).backoutPlanned()).isFalse();
  }

  @Test
  void failedChangesCountFromNinetyDaysBack() {
    assertThat(RiskFactors.failuresSince(Instant.parse("2026-12-07T09:30:00Z"))).isEqualTo(Instant.parse("2026-09-08T09:30:00Z"));
  }

  @Test
  void manyItemsAndConflictsAreCountedAndTheTextStaysWithinTheVariable() {
    List<RiskFactors.Item> items = new ArrayList<>();
    List<RiskFactors.Conflict> conflicts = new ArrayList<>();
    Set<String> failed = new HashSet<>();
    for (int i = 0; i < 40; i++) {
      items.add(new RiskFactors.Item("ci-" + "x".repeat(60) + i, "name ".repeat(40), "LOW"));
      conflicts.add(new RiskFactors.Conflict("CHG-%06d".formatted(100 + i), "title ".repeat(30), START, START.plusSeconds(60),
          List.of(items.get(i).id())));
      failed.add("CHG-%06d".formatted(i));
    }
    RiskFactors factors = new RiskFactors(items, REQUESTED, START, null, failed, conflicts, false);
    String text = factors.text();

    assertThat(text.length()).isLessThanOrEqualTo(4000);
    assertThat(text.lines()).allMatch(line -> line.length() <= RiskFactors.LINE_LENGTH).hasSize(28)
        .contains("  and 30 more")
        .anyMatch(line -> line.startsWith("Failed changes on these items in the last 90 days: 40 (CHG-000000, ") && line.endsWith("…"));
    assertThat(factors.variables()).containsEntry(FAILED_CHANGES, 40L).containsEntry(CONFLICTS, 40L);
  }

  private static RiskFactors withItems(RiskFactors.Item... items) {
    return new RiskFactors(List.of(items), REQUESTED, START, "", Set.of(), List.of(), true);
  }

  private static long leadTime(Instant requested) {
    return new RiskFactors(List.of(), requested, START, null, Set.of(), List.of(), true).leadTimeHours();
  }
}
