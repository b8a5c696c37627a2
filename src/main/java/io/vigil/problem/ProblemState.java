package io.vigil.problem;

/** Where a problem stands; the ticket's state, written by the problem's process. */
public enum ProblemState {
  NEW,
  ASSESSED,
  ROOT_CAUSE_KNOWN,
  KNOWN_ERROR,
  FIX_IN_PROGRESS,
  RESOLVED,
  CLOSED,
  REJECTED;

  /** Not yet resolved, closed or rejected: new incidents on its configuration item join it. */
  public boolean isOpen() {
    return this != RESOLVED && this != CLOSED && this != REJECTED;
  }
}
