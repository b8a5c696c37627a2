package io.vigil.catalog;

/** How much the business depends on a service or configuration item. */
public enum Criticality {
  HIGH,
  MEDIUM,
  LOW
}
