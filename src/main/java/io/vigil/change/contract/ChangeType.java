package io.vigil.change.contract;

/** The three ways a change reaches production. */
public enum ChangeType {
  /** From a pre-approved template: no CAB, unless planned inside a freeze. */
  STANDARD,
  /** Assessed and approved by the CAB, the approvers by risk. */
  NORMAL,
  /** Approved at once by a change manager (the ECAB) and reviewed by the CAB afterwards. */
  EMERGENCY
}
