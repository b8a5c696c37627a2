package io.vigil.change.contract;

/** What {@code change-risk.dmn} makes of a change's risk factors. */
public enum Risk {
  LOW,
  MEDIUM,
  HIGH
}
