package io.vigil.change.contract;

/** How a change's approvers vote ({@code change-approvals.dmn}). */
public enum Voting {
  /** Nobody: pre-approved (a standard change inside its template). */
  NONE,
  /** One after another, in the order the table lists them; the first rejection ends the vote. */
  SEQUENTIAL,
  /** All at once; any rejection ends the vote. */
  PARALLEL
}
