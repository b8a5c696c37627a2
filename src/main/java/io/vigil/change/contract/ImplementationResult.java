package io.vigil.change.contract;

/** What the implementer reports. */
public enum ImplementationResult {
  SUCCESSFUL,
  /** Backed out, and an incident is opened as caused by the change. */
  FAILED
}
