package io.vigil.sla;

/**
 * The message a due SLA threshold sends to its ticket's process, and the variables it carries, local
 * to the escalation it starts. Every process that has SLA clocks catches it.
 */
public final class SlaMessage {

  public static final String NAME = "SlaThresholdReached";
  /** {@code RESPONSE} or {@code RESOLUTION}. */
  public static final String CLOCK = "slaClock";
  /** The percentage of the target reached: 50, 75, 100… */
  public static final String THRESHOLD = "slaThreshold";
  /** True when the threshold passed while no member could fire it (a full stop of the cluster). */
  public static final String LATE = "slaLate";

  private SlaMessage() {}
}
