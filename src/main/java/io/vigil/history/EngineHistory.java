package io.vigil.history;

import io.vigil.notify.contract.NotificationProcess;
import io.vigil.history.TimelineEntry.Source;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.camunda.bpm.engine.history.HistoricDecisionInstance;
import org.camunda.bpm.engine.history.HistoricDetail;
import org.camunda.bpm.engine.history.HistoricFormField;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.camunda.bpm.engine.history.HistoricVariableUpdate;
import org.camunda.bpm.engine.history.UserOperationLogEntry;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.springframework.stereotype.Component;

/**
 * What the engine's history (level FULL) holds about a ticket's process instances: activities,
 * tasks with who claimed and completed them and the values they were completed with, decisions
 * with their inputs and outputs, variable changes and the user operation log; and each instance's
 * diagram with the path it took.
 *
 * <p>Read without the engine's authorization checks, as the rest of the API reads the engine (no
 * user is set on the engine): Vigil has decided by the caller's groups who may read history.
 */
@Component
class EngineHistory {

  /** The operation log's name for completing a task: its entry becomes the task's completion line. */
  private static final String COMPLETE = UserOperationLogEntry.OPERATION_TYPE_COMPLETE;

  private final HistoryService history;
  private final RepositoryService repository;

  EngineHistory(HistoryService history, RepositoryService repository) {
    this.history = history;
    this.repository = repository;
  }

  /** The timeline entries of the engine and the diagrams of the instances whose business key is the ticket's number. */
  record Read(List<TimelineEntry> timeline, List<ProcessDiagram> diagrams) {}

  Read of(String ticketNumber) {
    List<TimelineEntry> timeline = new ArrayList<>();
    List<ProcessDiagram> diagrams = new ArrayList<>();
    for (HistoricProcessInstance instance : history.createHistoricProcessInstanceQuery()
        .processInstanceBusinessKey(ticketNumber).orderByProcessInstanceStartTime().asc().list()) {
      if (NotificationProcess.KEY.equals(instance.getProcessDefinitionKey())) {
        continue; // each mail's own instance: the audit trail's NOTIFIED entries say what went to whom
      }
      List<HistoricActivityInstance> activities = history.createHistoricActivityInstanceQuery()
          .processInstanceId(instance.getId())
          .orderByHistoricActivityInstanceStartTime().asc().orderPartiallyByOccurrence().asc()
          .list();
      activities.forEach(activity -> timeline.add(activity(activity)));
      timeline.addAll(tasksAndOperations(instance.getId()));
      history.createHistoricDecisionInstanceQuery().processInstanceId(instance.getId())
          .includeInputs().includeOutputs().disableBinaryFetching().disableCustomObjectDeserialization()
          .orderByEvaluationTime().asc()
          .list()
          .forEach(decision -> timeline.add(decision(decision)));
      diagrams.add(diagram(instance, activities));
    }
    return new Read(timeline, diagrams);
  }

  private static TimelineEntry activity(HistoricActivityInstance activity) {
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("activityId", activity.getActivityId());
    details.put("activityType", activity.getActivityType());
    details.put("startedAt", time(activity.getStartTime()));
    details.put("endedAt", time(activity.getEndTime()));
    details.put("durationMillis", activity.getDurationInMillis());
    details.put("canceled", activity.isCanceled());
    details.put("processInstanceId", activity.getProcessInstanceId());
    return new TimelineEntry(time(activity.getStartTime()), Source.ACTIVITY, null, label(activity.getActivityName(), activity.getActivityId()), details);
  }

  /**
   * The tasks' claims, assignments and completions, variable changes and every other operation
   * logged on the instance. A completion shows who completed the task (the operation log's
   * Complete) and the values it was completed with: the variables written by that operation, or,
   * where no one was logged as completing it, those written in the task's activity; and the fields
   * of a generated form. Those variable writes are not repeated as variable changes.
   */
  private List<TimelineEntry> tasksAndOperations(String processInstanceId) {
    List<HistoricTaskInstance> tasks = history.createHistoricTaskInstanceQuery().processInstanceId(processInstanceId)
        .orderByHistoricActivityInstanceStartTime().asc().list();
    Map<String, Operation> operations = operations(processInstanceId);
    List<HistoricDetail> details = history.createHistoricDetailQuery().processInstanceId(processInstanceId)
        .disableBinaryFetching().disableCustomObjectDeserialization()
        .orderByTime().asc().orderPartiallyByOccurrence().asc()
        .list().stream()
        .filter(detail -> detail instanceof HistoricVariableUpdate || detail instanceof HistoricFormField)
        .toList();

    List<TimelineEntry> entries = new ArrayList<>();
    Set<String> shownWithTasks = new HashSet<>();
    Map<String, Operation> completions = new HashMap<>();
    operations.values().stream().filter(op -> op.taskId() != null && COMPLETE.equals(op.type()))
        .forEach(op -> completions.put(op.taskId(), op));

    for (HistoricTaskInstance task : tasks) {
      if (task.getEndTime() == null) {
        continue;
      }
      Operation completion = completions.get(task.getId());
      Map<String, Object> values = new LinkedHashMap<>();
      for (HistoricDetail detail : details) {
        boolean submitted = detail instanceof HistoricFormField field && task.getId().equals(field.getTaskId())
            || detail instanceof HistoricVariableUpdate && (completion != null
                ? completion.id().equals(detail.getUserOperationId())
                : task.getActivityInstanceId() != null && task.getActivityInstanceId().equals(detail.getActivityInstanceId()));
        if (submitted) {
          values.put(name(detail), value(detail));
          shownWithTasks.add(detail.getId());
        }
      }
      Map<String, Object> about = taskDetails(task);
      about.put("outcome", task.getDeleteReason());
      about.put("values", values);
      String what = ("completed".equals(task.getDeleteReason()) ? "Task completed: " : "Task ended (" + task.getDeleteReason() + "): ")
          + label(task.getName(), task.getTaskDefinitionKey());
      entries.add(new TimelineEntry(time(task.getEndTime()), Source.TASK, completion == null ? null : completion.userId(), what, about));
    }

    Map<String, HistoricTaskInstance> tasksById = new HashMap<>();
    tasks.forEach(task -> tasksById.put(task.getId(), task));
    for (Operation operation : operations.values()) {
      HistoricTaskInstance task = operation.taskId() == null ? null : tasksById.get(operation.taskId());
      if (task != null && COMPLETE.equals(operation.type())) {
        continue;
      }
      Map<String, Object> about = task == null ? new LinkedHashMap<>() : taskDetails(task);
      about.put("operationType", operation.type());
      about.put("entityType", operation.entityType());
      about.put("category", operation.category());
      about.put("properties", operation.properties());
      if (operation.annotation() != null) {
        about.put("annotation", HistoryValues.text(operation.annotation()));
      }
      String what = task == null ? operation.type() + " " + operation.entityType()
          : operation.type() + " task: " + label(task.getName(), task.getTaskDefinitionKey());
      entries.add(new TimelineEntry(operation.at(), task == null ? Source.OPERATION : Source.TASK, operation.userId(), what, about));
    }

    for (HistoricDetail detail : details) {
      if (shownWithTasks.contains(detail.getId())) {
        continue;
      }
      Map<String, Object> about = new LinkedHashMap<>();
      about.put("name", name(detail));
      about.put("value", value(detail));
      if (detail instanceof HistoricVariableUpdate update) {
        about.put("type", update.getTypeName());
        about.put("revision", update.getRevision());
      }
      String verb = detail instanceof HistoricFormField ? "Form field " : "Variable ";
      entries.add(new TimelineEntry(time(detail.getTime()), Source.VARIABLE, null, verb + name(detail) + " set", about));
    }
    return entries;
  }

  private static Map<String, Object> taskDetails(HistoricTaskInstance task) {
    Map<String, Object> about = new LinkedHashMap<>();
    about.put("taskId", task.getId());
    about.put("activityId", task.getTaskDefinitionKey());
    about.put("name", task.getName());
    about.put("assignee", task.getAssignee());
    about.put("createdAt", time(task.getStartTime()));
    about.put("endedAt", time(task.getEndTime()));
    return about;
  }

  /** One logged operation: the log writes a row per changed property, all with the operation's id. */
  private record Operation(String id, OffsetDateTime at, String userId, String type, String entityType, String category,
      String taskId, String annotation, Map<String, Object> properties) {}

  private Map<String, Operation> operations(String processInstanceId) {
    Map<String, Operation> operations = new LinkedHashMap<>();
    for (UserOperationLogEntry row : history.createUserOperationLogQuery().processInstanceId(processInstanceId)
        .orderByTimestamp().asc().list()) {
      Operation operation = operations.computeIfAbsent(row.getOperationId(), id -> new Operation(id, time(row.getTimestamp()),
          row.getUserId(), row.getOperationType(), row.getEntityType(), row.getCategory(), row.getTaskId(), row.getAnnotation(),
          new LinkedHashMap<>()));
      if (row.getProperty() != null) {
        Map<String, Object> change = new LinkedHashMap<>();
        change.put("from", HistoryValues.text(row.getOrgValue()));
        change.put("to", HistoryValues.text(row.getNewValue()));
        operation.properties().put(row.getProperty(), change);
      }
    }
    return operations;
  }

  private static TimelineEntry decision(HistoricDecisionInstance decision) {
    List<Map<String, Object>> inputs = decision.getInputs().stream().map(input -> {
      Map<String, Object> one = new LinkedHashMap<>();
      one.put("name", label(input.getClauseName(), input.getClauseId()));
      one.put("value", HistoryValues.text(input.getTypedValue(), input.getErrorMessage()));
      return one;
    }).toList();
    List<Map<String, Object>> outputs = decision.getOutputs().stream().map(output -> {
      Map<String, Object> one = new LinkedHashMap<>();
      one.put("name", label(output.getClauseName(), output.getVariableName()));
      one.put("value", HistoryValues.text(output.getTypedValue(), output.getErrorMessage()));
      one.put("rule", output.getRuleId());
      return one;
    }).toList();
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("decisionKey", decision.getDecisionDefinitionKey());
    details.put("decisionDefinitionId", decision.getDecisionDefinitionId());
    details.put("activityId", decision.getActivityId());
    details.put("inputs", inputs);
    details.put("outputs", outputs);
    return new TimelineEntry(time(decision.getEvaluationTime()), Source.DECISION, decision.getUserId(),
        "Decision: " + label(decision.getDecisionDefinitionName(), decision.getDecisionDefinitionKey()), details);
  }

  /**
   * The instance's model and the path it took. An activity counts as taken when it has a history
   * row. The history does not record sequence flows, so a flow counts as taken when its source ran
   * before its target in this instance: best effort, since an activity that ran twice, or a
   * gateway joining paths, can make a flow look taken that was not.
   */
  private ProcessDiagram diagram(HistoricProcessInstance instance, List<HistoricActivityInstance> activities) {
    Map<String, Integer> firstRun = new HashMap<>();
    Map<String, Integer> lastRun = new HashMap<>();
    for (int i = 0; i < activities.size(); i++) {
      String id = activities.get(i).getActivityId();
      firstRun.putIfAbsent(id, i);
      lastRun.put(id, i);
    }
    List<String> flows = new ArrayList<>();
    for (SequenceFlow flow : repository.getBpmnModelInstance(instance.getProcessDefinitionId()).getModelElementsByType(SequenceFlow.class)) {
      Integer source = firstRun.get(flow.getSource().getId());
      Integer target = lastRun.get(flow.getTarget().getId());
      if (source != null && target != null && source < target) {
        flows.add(flow.getId());
      }
    }
    Set<String> taken = new LinkedHashSet<>();
    activities.forEach(activity -> taken.add(activity.getActivityId()));
    return new ProcessDiagram(instance.getProcessDefinitionKey(), instance.getProcessDefinitionId(), instance.getId(),
        model(instance.getProcessDefinitionId()), List.copyOf(taken), flows);
  }

  private String model(String processDefinitionId) {
    try (InputStream xml = repository.getProcessModel(processDefinitionId)) {
      return new String(xml.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String name(HistoricDetail detail) {
    return detail instanceof HistoricVariableUpdate update ? update.getVariableName() : ((HistoricFormField) detail).getFieldId();
  }

  private static String value(HistoricDetail detail) {
    return detail instanceof HistoricVariableUpdate update
        ? HistoryValues.text(update.getTypedValue(), update.getErrorMessage())
        : HistoryValues.text(((HistoricFormField) detail).getFieldValue());
  }

  private static String label(String name, String id) {
    return name == null || name.isBlank() ? id : name;
  }

  private static OffsetDateTime time(Date date) {
    return date == null ? null : date.toInstant().atOffset(ZoneOffset.UTC);
  }
}
