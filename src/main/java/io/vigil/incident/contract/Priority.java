package io.vigil.incident.contract;

/** P1 (a major incident) to P5, from impact x urgency in {@code incident-priority.dmn}. */
public enum Priority {
  P1(100),
  P2(80),
  P3(50),
  P4(30),
  P5(10);

  private final int taskPriority;

  Priority(int taskPriority) {
    this.taskPriority = taskPriority;
  }

  /** The Camunda task priority, so that Tasklist can sort the most urgent work first. */
  public int taskPriority() {
    return taskPriority;
  }
}
