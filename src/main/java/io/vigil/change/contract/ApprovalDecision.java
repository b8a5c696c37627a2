package io.vigil.change.contract;

/** One approver's vote. */
public enum ApprovalDecision {
  APPROVE,
  /** One rejection rejects the change. */
  REJECT
}
