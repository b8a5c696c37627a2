package io.vigil.incident;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vigil.incident.contract.ClosureReason;
import io.vigil.incident.contract.Priority;
import io.vigil.support.AfterCommit;
import org.springframework.stereotype.Component;

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
    AfterCommit.run(() -> counter("vigil.incidents.opened", "Incidents routed to a resolver group", priority, group).increment());
  }

  void closed(Priority priority, String group, ClosureReason reason) {
    AfterCommit.run(() -> Counter.builder("vigil.incidents.closed")
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
}
