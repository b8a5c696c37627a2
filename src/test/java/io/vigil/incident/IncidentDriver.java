package io.vigil.incident;

import io.vigil.ticket.TicketActor;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.*;

import io.vigil.incident.contract.IncidentProcess;
import io.vigil.incident.contract.Level;
import io.vigil.incident.contract.ResolutionCode;
import io.vigil.security.VigilGroup;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.externaltask.LockedExternalTask;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;

/**
 * Drives one incident through the model the way Tasklist users and the workers do: analysts as
 * themselves (with their groups, so authorizations apply), workers by their topic contract.
 */
public final class IncidentDriver {

  static final String WORKER = "process-test-worker";

  private final ProcessEngine engine;
  private final IncidentService incidents;
  private final IncidentRepository tickets;

  public IncidentDriver(ProcessEngine engine, IncidentService incidents, IncidentRepository tickets) {
    this.engine = engine;
    this.incidents = incidents;
    this.tickets = tickets;
  }

  public ProcessInstance report(String title, String ci, Level impact, Level urgency) {
    ReportIncidentRequest request =
        new ReportIncidentRequest(title, title + ": seen by the caller since this morning.", "jane@example.com", null, ci, impact, urgency);
    Incident incident = incidents.report(request, new TicketActor("sd.anna", List.of("service-desk")), null).incident();
    return engine.getRuntimeService().createProcessInstanceQuery().processDefinitionKey(IncidentProcess.KEY).processInstanceBusinessKey(incident.number()).singleResult();
  }

  /** The classify worker's answer; then the asynchronous priority and routing step. */
  public void classify(ProcessInstance instance, String category, String service, Level impact, Level urgency) {
    completeExternal(instance, IncidentProcess.Topics.CLASSIFY, Map.of(
        IncidentProcess.Variables.CATEGORY, category,
        IncidentProcess.Variables.SERVICE, service,
        IncidentProcess.Variables.IMPACT, impact.name(),
        IncidentProcess.Variables.URGENCY, urgency.name()));
    runJob(instance);
  }

  public LockedExternalTask lock(ProcessInstance instance, String topic) {
    List<LockedExternalTask> locked = engine.getExternalTaskService().fetchAndLock(1, WORKER)
        .topic(topic, 60_000).processDefinitionId(instance.getProcessDefinitionId()).businessKey(instance.getBusinessKey()).execute();
    if (locked.isEmpty()) {
      throw new AssertionError("no " + topic + " task for " + instance.getBusinessKey());
    }
    return locked.get(0);
  }

  public void completeExternal(ProcessInstance instance, String topic, Map<String, Object> variables) {
    engine.getExternalTaskService().complete(lock(instance, topic).getId(), WORKER, variables);
  }

  void completeExternalLocal(ProcessInstance instance, String topic, Map<String, Object> localVariables) {
    engine.getExternalTaskService().complete(lock(instance, topic).getId(), WORKER, null, localVariables);
  }

  void bpmnError(ProcessInstance instance, String topic, String code, Map<String, Object> variables) {
    engine.getExternalTaskService().handleBpmnError(lock(instance, topic).getId(), WORKER, code, code, variables);
  }

  public void runJob(ProcessInstance instance) {
    Job job = engine.getManagementService().createJobQuery().processInstanceId(instance.getId()).singleResult();
    engine.getManagementService().executeJob(job.getId());
  }

  public Task task(ProcessInstance instance, String elementId) {
    Task task = engine.getTaskService().createTaskQuery().processInstanceId(instance.getId())
        .taskDefinitionKey(elementId).singleResult();
    if (task == null) {
      throw new AssertionError("no open " + elementId + " on " + instance.getBusinessKey());
    }
    return task;
  }

  public void claim(ProcessInstance instance, String elementId, String user, VigilGroup group) {
    as(user, group, () -> engine.getTaskService().claim(task(instance, elementId).getId(), user));
  }

  public void complete(ProcessInstance instance, String elementId, String user, VigilGroup group, Map<String, Object> variables) {
    as(user, group, () -> engine.getTaskService().complete(task(instance, elementId).getId(), new HashMap<>(variables)));
  }

  /** Triage (claimed first, as Tasklist does) with an outcome. */
  public void triage(ProcessInstance instance, String user, VigilGroup group, Map<String, Object> variables) {
    claim(instance, IncidentProcess.Elements.TRIAGE, user, group);
    complete(instance, IncidentProcess.Elements.TRIAGE, user, group, variables);
  }

  public void resolve(ProcessInstance instance, String user, VigilGroup group) {
    complete(instance, IncidentProcess.Elements.RESOLVE, user, group, Map.of(
        IncidentProcess.Variables.RESOLUTION_CODE, ResolutionCode.FIXED.name(),
        IncidentProcess.Variables.RESOLUTION_NOTES, "Restarted the pool and added the missing index."));
  }

  public void confirm(ProcessInstance instance, boolean confirmed) {
    Map<String, Object> answer = new HashMap<>();
    answer.put(IncidentProcess.Variables.CALLER_CONFIRMED, Boolean.toString(confirmed));
    if (!confirmed) {
      answer.put(IncidentProcess.Variables.REOPEN_REASON, "Orders still fail for the caller.");
    }
    complete(instance, IncidentProcess.Elements.CONFIRM_RESOLUTION, "sd.anna", VigilGroup.SERVICE_DESK, answer);
  }

  /** The close worker's answer: measured times. */
  public void close(ProcessInstance instance) {
    completeExternal(instance, IncidentProcess.Topics.CLOSE, Map.of(
        IncidentProcess.Variables.TIME_TO_ACKNOWLEDGE, 120L,
        IncidentProcess.Variables.TIME_TO_RESOLVE, 3_600L));
  }

  public Incident ticket(ProcessInstance instance) {
    return tickets.get(instance.getBusinessKey());
  }

  private void as(String user, VigilGroup group, Runnable action) {
    engine.getIdentityService().setAuthentication(user, List.of(group.id()));
    try {
      action.run();
    } finally {
      engine.getIdentityService().clearAuthentication();
    }
  }
}
