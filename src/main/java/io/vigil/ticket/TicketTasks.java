package io.vigil.ticket;

import io.vigil.sla.SlaService;
import io.vigil.sla.SlaThresholdFired;
import java.util.Date;
import java.util.Objects;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.task.Task;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * What the tasks of every ticket show in Tasklist: the number and title in the name
 * ("INC-000042 Triage and investigate: Checkout returns HTTP 500"), the due date when the
 * resolution target is reached, the follow-up date at the next SLA threshold, and the ticket's
 * priority. Kept up to date when a threshold fires or the priority changes, so that analysts
 * sorting by due date see what breaches first.
 */
@Component
public class TicketTasks {

  private static final Logger log = LoggerFactory.getLogger(TicketTasks.class);

  private final TaskService tasks;
  private final SlaService sla;

  TicketTasks(TaskService tasks, SlaService sla) {
    this.tasks = tasks;
    this.sla = sla;
  }

  /** A task of the ticket opens: its name and its dates. */
  public void opened(DelegateTask task, String ticket, String title) {
    task.setName(ticket + " " + task.getName() + ": " + title);
    SlaService.TaskDates dates = sla.taskDates(ticket);
    task.setDueDate(dates.due());
    task.setFollowUpDate(dates.followUp());
  }

  /**
   * The ticket's open tasks show its clocks as they stand now, and {@code taskPriority} when it is
   * given; a task that shows them already is left as it is.
   */
  public void refresh(String ticket, Integer taskPriority) {
    SlaService.TaskDates dates = sla.taskDates(ticket);
    for (Task task : tasks.createTaskQuery().processInstanceBusinessKey(ticket).list()) {
      boolean priorityChanges = taskPriority != null && task.getPriority() != taskPriority;
      if (priorityChanges || !sameTime(task.getDueDate(), dates.due()) || !sameTime(task.getFollowUpDate(), dates.followUp())) {
        if (taskPriority != null) {
          task.setPriority(taskPriority);
        }
        task.setDueDate(dates.due());
        task.setFollowUpDate(dates.followUp());
        tasks.saveTask(task);
      }
    }
  }

  /** The threshold has fired whatever happens here: a task changed meanwhile keeps its dates until the next change. */
  @EventListener
  void thresholdFired(SlaThresholdFired fired) {
    try {
      refresh(fired.ticket(), null);
    } catch (RuntimeException e) {
      log.warn("{}: task due and follow-up dates not refreshed after the {} clock's {}%: {}", fired.ticket(),
          fired.clock(), fired.percent(), e.getMessage());
    }
  }

  /** Compared as instants: the engine hands back SQL timestamps, which never equal a plain date. */
  private static boolean sameTime(Date a, Date b) {
    return Objects.equals(a == null ? null : a.getTime(), b == null ? null : b.getTime());
  }
}
