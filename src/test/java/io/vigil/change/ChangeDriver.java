package io.vigil.change;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.change.contract.ChangeProcess;
import io.vigil.change.contract.ChangeType;
import io.vigil.change.contract.Risk;
import io.vigil.security.VigilGroup;
import io.vigil.ticket.TicketActor;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.task.Task;

/**
 * Moves changes through change-management.bpmn the way its people and its worker do, for process
 * tests: requests through the service, the risk worker's part by its topic, votes, the planned start's
 * timer, implementation and review through the task service as the person who does them.
 */
public class ChangeDriver {

  public static final TicketActor DAVE = new TicketActor("db.dave", List.of(VigilGroup.DATABASE.id()));
  public static final TicketActor CHRIS = new TicketActor("cm.chris", List.of(VigilGroup.CHANGE_MANAGERS.id()));
  public static final TicketActor CARL = new TicketActor("cab.carl", List.of(VigilGroup.CAB.id()));
  /** A DBA who is also a change manager: may vote on a database change or implement it, not both. */
  public static final TicketActor MIA = new TicketActor("cm.mia", List.of(VigilGroup.CHANGE_MANAGERS.id(), VigilGroup.DATABASE.id()));
  public static final String WORKER = "process-test-worker";

  private final ProcessEngine engine;
  private final ChangeService changes;
  private final ChangeCalendar calendar;

  public ChangeDriver(ProcessEngine engine, ChangeService changes, ChangeCalendar calendar) {
    this.engine = engine;
    this.changes = changes;
    this.calendar = calendar;
  }

  /** A window of {@code length} starting at least {@code lead} from now, clear of every freeze, so the tests do not depend on the date. */
  public OffsetDateTime[] windowOutsideFreeze(Duration lead, Duration length) {
    Instant start = Instant.now().plus(lead);
    for (int i = 0; i < 400; i++) {
      if (calendar.freezeOverlapping(start, start.plus(length)).isEmpty()) {
        return new OffsetDateTime[] {start.atOffset(ZoneOffset.UTC), start.plus(length).atOffset(ZoneOffset.UTC)};
      }
      start = start.plus(Duration.ofDays(1));
    }
    throw new IllegalStateException("no window outside the freezes within 400 days");
  }

  /** A window inside the next freeze. */
  public OffsetDateTime[] windowInsideNextFreeze(Duration length) {
    ChangeCalendar.Freeze freeze = calendar.freezesBetween(Instant.now(), Instant.now().plus(Duration.ofDays(366))).stream()
        .filter(f -> f.start().isAfter(Instant.now())).findFirst().orElseThrow();
    Instant start = freeze.start().plus(Duration.ofDays(1));
    return new OffsetDateTime[] {start.atOffset(ZoneOffset.UTC), start.plus(length).atOffset(ZoneOffset.UTC)};
  }

  /** A request with the usual plans; the caller changes what the scenario needs. */
  public static RequestChangeRequest request(ChangeType type, String template, List<String> cis, OffsetDateTime[] window,
      String exceptionReason, String problem) {
    return new RequestChangeRequest("Raise max_connections on the orders database",
        "The nightly export exhausts the connection pool.", type, template, cis, window[0], window[1],
        template == null ? "ALTER SYSTEM SET max_connections = 400; restart in the window." : null,
        template == null ? "ALTER SYSTEM RESET max_connections; restart." : null, "Load test on staging: 380 connections held.",
        exceptionReason, problem, template == null ? VigilGroup.DATABASE.id() : null);
  }

  public ChangeView request(RequestChangeRequest request, TicketActor requester) {
    return changes.request(request, requester);
  }

  /** The risk worker's part: completes change.assess-risk with these factors. */
  public void riskFactors(ProcessInstance instance, String ciCriticality, long leadTimeHours, boolean backoutPlanned,
      long failedChanges, long conflicts, boolean inMaintenanceWindow) {
    var locked = engine.getExternalTaskService().fetchAndLock(1, WORKER)
        .topic(ChangeProcess.Topics.ASSESS_RISK, 60_000).businessKey(instance.getBusinessKey()).execute();
    assertThat(locked).as("risk factors asked for " + instance.getBusinessKey()).hasSize(1);
    Map<String, Object> factors = new HashMap<>();
    factors.put(ChangeProcess.Variables.CI_CRITICALITY, ciCriticality);
    factors.put(ChangeProcess.Variables.LEAD_TIME_HOURS, leadTimeHours);
    factors.put(ChangeProcess.Variables.BACKOUT_PLANNED, backoutPlanned);
    factors.put(ChangeProcess.Variables.FAILED_CHANGES, failedChanges);
    factors.put(ChangeProcess.Variables.CONFLICTS, conflicts);
    factors.put(ChangeProcess.Variables.IN_MAINTENANCE_WINDOW, inMaintenanceWindow);
    factors.put(ChangeProcess.Variables.RISK_FACTORS, "criticality " + ciCriticality + ", lead time " + leadTimeHours + " h");
    engine.getExternalTaskService().complete(locked.get(0).getId(), WORKER, factors);
  }

  /** Factors that change-risk.dmn weighs to this risk (the criticality of pg-orders-01 and its peers is HIGH). */
  public void riskIs(ProcessInstance instance, Risk risk) {
    switch (risk) {
      case LOW -> riskFactors(instance, "LOW", 120, true, 0, 0, true);
      case MEDIUM -> riskFactors(instance, "HIGH", 120, true, 0, 0, true);
      case HIGH -> riskFactors(instance, "HIGH", 120, false, 0, 0, true);
    }
  }

  public ProcessInstance instance(String number) {
    return engine.getRuntimeService().createProcessInstanceQuery().processInstanceBusinessKey(number).singleResult();
  }

  public List<Task> tasks(ProcessInstance instance, String... elementIds) {
    return engine.getTaskService().createTaskQuery().processInstanceId(instance.getId()).taskDefinitionKeyIn(elementIds)
        .orderByTaskCreateTime().asc().list();
  }

  /** The open approval task of the group. */
  public Task approval(ProcessInstance instance, String group) {
    return engine.getTaskService().createTaskQuery().processInstanceId(instance.getId())
        .taskDefinitionKeyIn(ChangeProcess.Elements.APPROVE_IN_SEQUENCE, ChangeProcess.Elements.APPROVE_IN_PARALLEL)
        .taskCandidateGroup(group).includeAssignedTasks().singleResult();
  }

  /** The groups that may take the task. */
  public List<String> candidateGroups(Task task) {
    return engine.getTaskService().getIdentityLinksForTask(task.getId()).stream()
        .filter(link -> IdentityLinkType.CANDIDATE.equals(link.getType())).map(IdentityLink::getGroupId).toList();
  }

  /** Takes the task in Tasklist. */
  public void claim(Task task, TicketActor actor) {
    as(actor, () -> engine.getTaskService().claim(task.getId(), actor.userId()));
  }

  /** Completes the task in Tasklist without taking it first. */
  public void completeUnclaimed(Task task, TicketActor actor, Map<String, Object> variables) {
    as(actor, () -> engine.getTaskService().complete(task.getId(), new HashMap<>(variables)));
  }

  /** The implementer's report, as the implementation form sends it. */
  public static Map<String, Object> implementation(boolean successful) {
    return Map.of(
        ChangeProcess.Variables.IMPLEMENTATION_RESULT, successful ? "SUCCESSFUL" : "FAILED",
        ChangeProcess.Variables.IMPLEMENTATION_NOTES, successful ? "Done in 12 minutes; connections at 400." : "The restart hung.");
  }

  /** One vote, as someone of the group would cast it in Tasklist. */
  public void vote(ProcessInstance instance, TicketActor approver, String group, String decision, String comment) {
    Task task = approval(instance, group);
    assertThat(task).as("approval open for " + group).isNotNull();
    Map<String, Object> variables = new HashMap<>();
    variables.put(ChangeProcess.Variables.APPROVAL_DECISION, decision);
    variables.put(ChangeProcess.Variables.APPROVAL_COMMENT, comment);
    complete(task, approver, variables);
  }

  /** The planned start comes: its timer fires. */
  public void plannedStartComes(ProcessInstance instance) {
    Job timer = engine.getManagementService().createJobQuery().processInstanceId(instance.getId()).timers().singleResult();
    assertThat(timer).as("the planned start's timer").isNotNull();
    engine.getManagementService().executeJob(timer.getId());
  }

  public void complete(ProcessInstance instance, String elementId, TicketActor actor, Map<String, Object> variables) {
    Task task = engine.getTaskService().createTaskQuery().processInstanceId(instance.getId()).taskDefinitionKey(elementId).singleResult();
    assertThat(task).as("open " + elementId).isNotNull();
    complete(task, actor, variables);
  }

  /** Claims (unless taken) and completes the task as the person. */
  public void complete(Task task, TicketActor actor, Map<String, Object> variables) {
    as(actor, () -> {
      if (task.getAssignee() == null) {
        engine.getTaskService().claim(task.getId(), actor.userId());
      }
      engine.getTaskService().complete(task.getId(), new HashMap<>(variables));
    });
  }

  private void as(TicketActor actor, Runnable action) {
    engine.getIdentityService().setAuthentication(actor.userId(), actor.groups());
    try {
      action.run();
    } finally {
      engine.getIdentityService().clearAuthentication();
    }
  }

  /** Implementation and review: the change goes from its planned start to closed (successful) or failed (backed out). */
  public void implementAndReview(ProcessInstance instance, TicketActor implementer, TicketActor reviewer, boolean successful) {
    plannedStartComes(instance);
    complete(instance, ChangeProcess.Elements.IMPLEMENT, implementer, implementation(successful));
    if (!successful) {
      complete(instance, ChangeProcess.Elements.BACK_OUT, implementer, Map.of(
          ChangeProcess.Variables.BACKOUT_NOTES, "Reset and restarted; production as before."));
    }
    complete(instance, ChangeProcess.Elements.REVIEW, reviewer, Map.of(ChangeProcess.Variables.REVIEW_NOTES, "Fine."));
  }
}
