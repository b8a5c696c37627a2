package io.vigil.incident.contract;

/** How service was restored. */
public enum ResolutionCode {
  FIXED,
  WORKAROUND,
  CONFIGURATION_CHANGED,
  VENDOR_FIX,
  NO_FAULT_FOUND,
  USER_ERROR,
  DUPLICATE,
  /** Monitoring reported recovery before anyone worked the incident. */
  RECOVERED
}
