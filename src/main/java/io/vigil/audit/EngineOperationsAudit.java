package io.vigil.audit;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.EntityTypes;
import org.camunda.bpm.engine.history.UserOperationLogEntry;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.history.event.HistoricVariableUpdateEventEntity;
import org.camunda.bpm.engine.impl.history.event.HistoryEvent;
import org.camunda.bpm.engine.impl.history.event.UserOperationLogEntryEventEntity;
import org.camunda.bpm.engine.impl.history.handler.HistoryEventHandler;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.interceptor.CommandContextListener;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.springframework.stereotype.Component;

/**
 * What people do through the engine rather than through Vigil's steps, into the audit trail (and so
 * into its hash chain): a task claimed, handed on or completed with the values submitted, and the
 * administrators' and operators' actions (users, groups, memberships, authorizations, deployments,
 * process instances cancelled or moved). The engine's user operation log records these for
 * authenticated users; this handler reads its entries as the engine writes them, gathers the entries
 * of one operation (one per changed property), and records one audit entry per operation when the
 * command closes, in its transaction. The engine's log itself stays; it is cleaned up with the history.
 * Camunda's Spring Boot starter adds the one {@code HistoryEventHandler} bean to the engine's default
 * handler, which still writes the history.
 */
@Component
class EngineOperationsAudit implements HistoryEventHandler {

  private static final int MAX_VALUE = 200;
  /** A ticket's process has the ticket's number as business key; any other process is not a ticket's. */
  private static final Pattern TICKET_NUMBER = Pattern.compile("[A-Z]{3}-\\d{6,12}");
  private static final Set<String> TASK_HAND_OVERS = Set.of(UserOperationLogEntry.OPERATION_TYPE_CLAIM,
      UserOperationLogEntry.OPERATION_TYPE_ASSIGN, UserOperationLogEntry.OPERATION_TYPE_DELEGATE);

  private final AuditTrail trail;
  private final ThreadLocal<Map<CommandContext, Operations>> pending = ThreadLocal.withInitial(IdentityHashMap::new);

  EngineOperationsAudit(AuditTrail trail) {
    this.trail = trail;
  }

  @Override
  public void handleEvent(HistoryEvent event) {
    if (event instanceof UserOperationLogEntryEventEntity entry && audited(entry)) {
      operations().add(entry);
    } else if (event instanceof HistoricVariableUpdateEventEntity update && update.getUserOperationId() != null) {
      operations().submitted(update);
    }
  }

  @Override
  public void handleEvents(List<HistoryEvent> events) {
    events.forEach(this::handleEvent);
  }

  private static boolean audited(UserOperationLogEntryEventEntity entry) {
    String type = entry.getEntityType();
    String operation = entry.getOperationType();
    if (EntityTypes.TASK.equals(type)) {
      return TASK_HAND_OVERS.contains(operation) || UserOperationLogEntry.OPERATION_TYPE_COMPLETE.equals(operation);
    }
    return UserOperationLogEntry.CATEGORY_ADMIN.equals(entry.getCategory()) || EntityTypes.DEPLOYMENT.equals(type)
        || (EntityTypes.PROCESS_INSTANCE.equals(type) && !UserOperationLogEntry.OPERATION_TYPE_CREATE.equals(operation));
  }

  /** This command's operations, recorded when it closes and dropped when it fails. */
  private Operations operations() {
    CommandContext command = Context.getCommandContext();
    return pending.get().computeIfAbsent(command, key -> {
      key.registerCommandContextListener(new CommandContextListener() {
        @Override
        public void onCommandContextClose(CommandContext closing) {
          Operations done = forget(closing);
          if (done != null) {
            done.record();
          }
        }

        @Override
        public void onCommandFailed(CommandContext failed, Throwable cause) {
          forget(failed);
        }
      });
      return new Operations(command);
    });
  }

  private Operations forget(CommandContext command) {
    Map<CommandContext, Operations> open = pending.get();
    Operations operations = open.remove(command);
    if (open.isEmpty()) {
      pending.remove();
    }
    return operations;
  }

  /** The operations of one command, each with its log entries and the values submitted with it. */
  private final class Operations {
    private final CommandContext command;
    private final Map<String, Operation> byId = new LinkedHashMap<>();
    private final Map<String, Map<String, String>> values = new LinkedHashMap<>();

    Operations(CommandContext command) {
      this.command = command;
    }

    void add(UserOperationLogEntryEventEntity entry) {
      byId.computeIfAbsent(entry.getOperationId(), id -> new Operation(entry, ticketOf(entry), taskNameOf(entry),
              values.getOrDefault(id, Map.of())))
          .entries().add(entry);
    }

    /** Variables set before an operation's log entry: what a form or a client submitted with it. */
    void submitted(HistoricVariableUpdateEventEntity update) {
      if (!byId.containsKey(update.getUserOperationId())) {
        values.computeIfAbsent(update.getUserOperationId(), id -> new LinkedHashMap<>())
            .put(update.getVariableName(), valueOf(update));
      }
    }

    void record() {
      byId.values().forEach(operation -> trail.record(operation.ticket(), operation.first().getUserId(),
          operation.action(), operation.detail()));
    }

    private String ticketOf(UserOperationLogEntryEventEntity entry) {
      if (entry.getProcessInstanceId() == null) {
        return AuditTrail.ADMINISTRATION;
      }
      ExecutionEntity instance = command.getExecutionManager().findExecutionById(entry.getProcessInstanceId());
      String key = instance == null ? null : instance.getBusinessKey();
      return key != null && TICKET_NUMBER.matcher(key).matches() ? key : AuditTrail.ADMINISTRATION;
    }

    private String taskNameOf(UserOperationLogEntryEventEntity entry) {
      if (entry.getTaskId() == null) {
        return null;
      }
      TaskEntity task = command.getTaskManager().findTaskById(entry.getTaskId());
      return task == null ? entry.getTaskId() : task.getName();
    }
  }

  private record Operation(UserOperationLogEntryEventEntity first, String ticket, String taskName, Map<String, String> values,
      List<UserOperationLogEntryEventEntity> entries) {

    Operation(UserOperationLogEntryEventEntity first, String ticket, String taskName, Map<String, String> values) {
      this(first, ticket, taskName, values, new ArrayList<>());
    }

    AuditAction action() {
      String type = first.getEntityType();
      String operation = first.getOperationType();
      if (EntityTypes.TASK.equals(type)) {
        return UserOperationLogEntry.OPERATION_TYPE_COMPLETE.equals(operation) ? AuditAction.TASK_COMPLETED : AuditAction.TASK_ASSIGNED;
      }
      if (EntityTypes.DEPLOYMENT.equals(type)) {
        return AuditAction.DEPLOYED;
      }
      return UserOperationLogEntry.CATEGORY_ADMIN.equals(first.getCategory()) ? AuditAction.ADMINISTERED : AuditAction.OPERATED;
    }

    String detail() {
      String what = taskName != null ? first.getOperationType() + " task '" + taskName + "'"
          : first.getOperationType() + " " + first.getEntityType() + (first.getDeploymentId() == null ? "" : " " + first.getDeploymentId());
      if (AuditTrail.ADMINISTRATION.equals(ticket) && first.getProcessInstanceId() != null) {
        what += " of process instance " + first.getProcessInstanceId() + " (" + first.getProcessDefinitionKey() + ")";
      }
      String changes = entries.stream().filter(entry -> entry.getProperty() != null)
          .map(entry -> entry.getProperty() + ": " + (entry.getOrgValue() == null ? "" : clip(entry.getOrgValue()) + " → ")
              + clip(Objects.toString(entry.getNewValue(), "none")))
          .collect(Collectors.joining(", "));
      String submitted = values.entrySet().stream().map(value -> value.getKey() + " = " + value.getValue())
          .collect(Collectors.joining(", "));
      return what + (changes.isEmpty() ? "" : "; " + changes) + (submitted.isEmpty() ? "" : "; values: " + submitted);
    }
  }

  private static String valueOf(HistoricVariableUpdateEventEntity update) {
    if (update.getTextValue() != null) {
      return clip(update.getTextValue());
    }
    if (update.getLongValue() != null) {
      return "boolean".equals(update.getSerializerName()) ? String.valueOf(update.getLongValue() != 0) : update.getLongValue().toString();
    }
    if (update.getDoubleValue() != null) {
      return update.getDoubleValue().toString();
    }
    return update.getByteArrayId() == null && update.getByteValue() == null ? "null" : "(" + update.getSerializerName() + " value)";
  }

  private static String clip(String value) {
    return value.length() <= MAX_VALUE ? value : value.substring(0, MAX_VALUE) + "…";
  }
}
