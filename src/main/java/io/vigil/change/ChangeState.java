package io.vigil.change;

/** Where a change stands. */
public enum ChangeState {
  NEW,
  /** Its risk is known. */
  ASSESSED,
  AWAITING_APPROVAL,
  /** Approved (or pre-approved): waits for its planned start. */
  SCHEDULED,
  IMPLEMENTING,
  /** Implemented (or backed out): the post-implementation review is open. */
  REVIEW,
  CLOSED,
  REJECTED,
  CANCELLED,
  /** Implementation failed and was backed out; reviewed. */
  FAILED;

  public boolean isOpen() {
    return ordinal() <= REVIEW.ordinal();
  }

  /** Cancelling is possible until the implementation starts. */
  public boolean isCancellable() {
    return ordinal() <= SCHEDULED.ordinal();
  }
}
