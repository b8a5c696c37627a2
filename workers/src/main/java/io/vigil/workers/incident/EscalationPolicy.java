package io.vigil.workers.incident;

import io.vigil.incident.contract.EscalationType;
import io.vigil.workers.WorkerProperties;

/**
 * What an SLA threshold means for an incident: nothing yet (a warning), a functional escalation to
 * the next-tier group, or a hierarchical escalation to the incident managers. The same input always
 * gives the same decision, so a threshold delivered twice escalates the same way.
 */
final class EscalationPolicy {

  /** The decision, and the escalation level the incident reaches. */
  record Decision(EscalationType type, String group, int level) {}

  private final WorkerProperties.Escalation settings;

  EscalationPolicy(WorkerProperties.Escalation settings) {
    this.settings = settings;
  }

  Decision decide(int thresholdPercent, String priority, String resolverGroup, int currentLevel) {
    int hierarchicalAt = priority == null
        ? settings.hierarchicalAt()
        : settings.hierarchicalAtByPriority().getOrDefault(priority, settings.hierarchicalAt());
    if (thresholdPercent >= hierarchicalAt) {
      return new Decision(EscalationType.HIERARCHICAL, null, Math.max(currentLevel, 2));
    }
    if (thresholdPercent >= settings.functionalAt()) {
      String next = resolverGroup == null ? null : settings.nextTier().get(resolverGroup);
      if (next == null) {
        return new Decision(EscalationType.HIERARCHICAL, null, Math.max(currentLevel, 2));
      }
      return new Decision(EscalationType.FUNCTIONAL, next, Math.max(currentLevel, 1));
    }
    return new Decision(EscalationType.NONE, null, currentLevel);
  }
}
