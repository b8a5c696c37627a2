package io.vigil.sla.contract;

/**
 * The message a due SLA threshold sends to its ticket's process, and the variables it carries, local
 * to the escalation it starts. Every process that has SLA clocks catches it.
 */
public final class SlaMessage {

  public static final String NAME = "SlaThresholdReached";
  /** The clock: {@code RESPONSE}, {@code KNOWN_ERROR} or {@code RESOLUTION}. */
  public static final String CLOCK = "slaClock";
  /** The percentage of the target reached: 50, 75, 100… */
  public static final String THRESHOLD = "slaThreshold";
  /** True when the threshold passed while no member could fire it (a full stop of the cluster). */
  public static final String LATE = "slaLate";

  /**
   * The escalation's decision. The message declares them, empty, in the escalation it starts, so that
   * the escalate worker's answer lands there: thresholds of one ticket escalate at the same time, and
   * each keeps its own decision instead of overwriting another's at the process level.
   */
  public static final String ESCALATION_TYPE = "escalationType";
  public static final String ESCALATION_GROUP = "escalationGroup";
  public static final String ESCALATION_LEVEL = "escalationLevel";

  private SlaMessage() {}
}
