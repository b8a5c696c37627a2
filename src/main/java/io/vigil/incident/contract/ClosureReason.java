package io.vigil.incident.contract;

/** Why an incident was closed. */
public enum ClosureReason {
  /** The caller confirmed that service is restored. */
  CONFIRMED,
  /** The caller did not answer within the auto-close time. */
  AUTO_CLOSED,
  /** It duplicated another open incident. */
  DUPLICATE,
  /** Monitoring reported recovery before anyone worked it: resolved and closed without a caller to ask. */
  AUTO_RESOLVED,
  /** Its problem's fix restored service, and the problem resolved it. */
  RESOLVED_BY_PROBLEM
}
