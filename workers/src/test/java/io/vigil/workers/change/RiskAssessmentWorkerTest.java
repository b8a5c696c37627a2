package io.vigil.workers.change;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigil.workers.support.Failures;
import io.vigil.workers.support.VigilApi;
import io.vigil.workers.support.WorkerThreads;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What the worker reads of Vigil's API, and what it makes of it. */
class RiskAssessmentWorkerTest {

  static final Instant NOW = Instant.parse("2026-12-07T10:00:00Z");
  static final String FAILED = "/changes?ci={ci}&state=FAILED&closedSince={since}&size={size}";

  private final VigilApi api = mock(VigilApi.class);
  private final RiskAssessmentWorker worker = new RiskAssessmentWorker(api, mock(Failures.class), mock(WorkerThreads.class));

  @Test
  void theChangeItsItemsTheirFailedChangesAndItsConflicts() {
    answer(json("""
        {"number": "CHG-000012", "type": "NORMAL", "cis": ["pg-orders-01", "app-07"],
         "requestedAt": "2026-12-07T09:30:00Z", "plannedStart": "2026-12-08T23:00:00+01:00", "plannedEnd": "2026-12-09T02:00:00+01:00",
         "backoutPlan": null, "inMaintenanceWindow": true,
         "conflicts": [{"number": "CHG-000009", "title": "Upgrade PostgreSQL", "plannedStart": "2026-12-08T21:00:00Z",
                        "plannedEnd": "2026-12-09T00:00:00Z", "cis": ["pg-orders-01"]}]}"""),
        "/changes/{number}", "CHG-000012");
    answer(json("""
        {"id": "pg-orders-01", "name": "Orders PostgreSQL primary", "type": "DATABASE", "service": "checkout", "criticality": "HIGH"}"""),
        "/configuration-items/{id}", "pg-orders-01");
    answer(null, "/configuration-items/{id}", "app-07");
    answer(json("""
        {"items": [{"number": "CHG-000003"}, {"number": "CHG-000005"}], "page": 0, "size": 100, "totalItems": 2, "totalPages": 1}"""),
        FAILED, "pg-orders-01", "2026-09-08T10:00:00Z", 100);
    answer(json("""
        {"items": [{"number": "CHG-000005"}], "page": 0, "size": 100, "totalItems": 1, "totalPages": 1}"""),
        FAILED, "app-07", "2026-09-08T10:00:00Z", 100);

    RiskFactors factors = worker.assess("CHG-000012", NOW);

    assertThat(factors.items()).containsExactly(new RiskFactors.Item("pg-orders-01", "Orders PostgreSQL primary", "HIGH"),
        new RiskFactors.Item("app-07", null, null));
    assertThat(factors.requestedAt()).isEqualTo(Instant.parse("2026-12-07T09:30:00Z"));
    assertThat(factors.plannedStart()).isEqualTo(Instant.parse("2026-12-08T22:00:00Z"));
    assertThat(factors.backoutPlanned()).isFalse();
    assertThat(factors.failedChanges()).containsExactly("CHG-000003", "CHG-000005");
    assertThat(factors.conflicts()).containsExactly(new RiskFactors.Conflict("CHG-000009", "Upgrade PostgreSQL",
        Instant.parse("2026-12-08T21:00:00Z"), Instant.parse("2026-12-09T00:00:00Z"), List.of("pg-orders-01")));
    assertThat(factors.inMaintenanceWindow()).isTrue();
  }

  @Test
  void aChangeTheApiDoesNotKnowIsATechnicalFailure() {
    assertThatThrownBy(() -> worker.assess("CHG-404", NOW)).isInstanceOf(IllegalStateException.class).hasMessageContaining("CHG-404");
  }

  private void answer(JsonNode body, String path, Object... uriVariables) {
    when(api.get(path, uriVariables)).thenReturn(Optional.ofNullable(body));
  }

  private static JsonNode json(String text) {
    try {
      return new ObjectMapper().readTree(text);
    } catch (Exception e) {
      throw new IllegalArgumentException(e);
    }
  }
}
