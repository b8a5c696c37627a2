package io.vigil.problem.contract;

/** What happens to the problem's open incidents once its fix is in. */
public enum IncidentHandling {
  /** Each open incident is resolved by the problem. */
  RESOLVE,
  /** Each incident's resolver group is told; they resolve it themselves. */
  TELL_GROUPS
}
