package io.vigil.incident.contract;

/** What the escalation policy decided for an SLA threshold. */
public enum EscalationType {
  /** A warning: recorded, nobody moved. */
  NONE,
  /** The work moves to the next-tier group. */
  FUNCTIONAL,
  /** The incident managers are told. */
  HIERARCHICAL
}
