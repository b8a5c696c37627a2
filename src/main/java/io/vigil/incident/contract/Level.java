package io.vigil.incident.contract;

/** Impact (how much of the business is affected) and urgency (how fast it hurts). */
public enum Level {
  HIGH,
  MEDIUM,
  LOW
}
