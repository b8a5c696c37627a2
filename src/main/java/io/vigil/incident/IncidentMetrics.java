package io.vigil.incident;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vigil.incident.contract.ClosureReason;
import io.vigil.incident.contract.Priority;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Prometheus counters {@code vigil_incidents_opened_total} and {@code vigil_incidents_closed_total}
 * by priority and resolver group. Counted after commit, so a rolled-back step never counts.
 */
@Component
class IncidentMetrics {

  private final MeterRegistry registry;

  IncidentMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  void opened(Priority priority, String group) {
    afterCommit(() -> counter("vigil.incidents.opened", "Incidents routed to a resolver group", priority, group).increment());
  }

  void closed(Priority priority, String group, ClosureReason reason) {
    afterCommit(() -> Counter.builder("vigil.incidents.closed")
        .description("Incidents closed")
        .tag("priority", tag(priority))
        .tag("group", tag(group))
        .tag("reason", tag(reason))
        .register(registry)
        .increment());
  }

  private Counter counter(String name, String description, Priority priority, String group) {
    return Counter.builder(name)
        .description(description)
        .tag("priority", tag(priority))
        .tag("group", tag(group))
        .register(registry);
  }

  private static String tag(Object value) {
    return value == null ? "none" : value.toString();
  }

  private static void afterCommit(Runnable count) {
    if (!TransactionSynchronizationManager.isSynchronizationActive()) {
      count.run();
      return;
    }
    TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
      @Override
      public void afterCommit() {
        count.run();
      }
    });
  }
}
