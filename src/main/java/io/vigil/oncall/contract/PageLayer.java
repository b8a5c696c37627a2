package io.vigil.oncall.contract;

/** Who a page goes to, in the order paging escalates. */
public enum PageLayer {
  /** The group's primary on-call. */
  PRIMARY,
  /** The group's secondary on-call, when the primary did not acknowledge in time. */
  SECONDARY,
  /** The incident managers, when nobody on the group's rota acknowledged. */
  INCIDENT_MANAGERS
}
