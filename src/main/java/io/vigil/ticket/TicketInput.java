package io.vigil.ticket;

import io.vigil.audit.AuditTrail;
import java.util.Arrays;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.ProcessEngineServices;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads and checks what a form, a worker or the API put into a ticket's process, for the listener
 * that writes it onto the ticket. A bad value is {@linkplain #refusal refused}: a
 * {@link BadUserRequestException} naming the field ({@code "reassignTo: …"}) rolls the whole step
 * back, answers 400 in Tasklist and on {@code /engine-rest}, and is one INFO line in the log, since it
 * is a person's mistake and not a failure.
 */
public final class TicketInput {

  public static final int MAX_TITLE = 200;
  public static final int MAX_TEXT = 4000;
  public static final int MAX_REASON = 1000;
  static final String CONTROL_CHARACTERS = "must not contain control characters (tab and line breaks are fine)";

  private static final Logger log = LoggerFactory.getLogger(TicketInput.class);

  private TicketInput() {}

  /** Text a ticket writes for itself (a title built from another's), cut to fit with an ellipsis. */
  public static String shortened(String text, int maxLength) {
    return text.length() <= maxLength ? text : text.substring(0, maxLength - 1) + "…";
  }

  public static String requiredText(VariableScope scope, String name, int maxLength) {
    String value = optionalText(scope, name, maxLength);
    if (value == null) {
      throw refusal(scope, name + ": required");
    }
    return value;
  }

  /** Trimmed; {@code null} when absent or blank. */
  public static String optionalText(VariableScope scope, String name, int maxLength) {
    Object value = scope.getVariable(name);
    if (value == null) {
      return null;
    }
    if (!(value instanceof String text)) {
      throw refusal(scope, name + ": must be text");
    }
    // Before trimming: trim() drops control characters at either end, which would let "\u001b[31m…" pass.
    if (ControlCharacters.in(text)) {
      throw refusal(scope, name + ": " + CONTROL_CHARACTERS);
    }
    String trimmed = text.trim();
    if (trimmed.isEmpty()) {
      return null;
    }
    if (trimmed.length() > maxLength) {
      throw refusal(scope, name + ": at most " + maxLength + " characters");
    }
    return trimmed;
  }

  public static <E extends Enum<E>> E requiredEnum(VariableScope scope, String name, Class<E> type) {
    E value = optionalEnum(scope, name, type);
    if (value == null) {
      throw refusal(scope, name + ": required, one of " + Arrays.toString(type.getEnumConstants()));
    }
    return value;
  }

  public static <E extends Enum<E>> E optionalEnum(VariableScope scope, String name, Class<E> type) {
    String value = optionalText(scope, name, 64);
    if (value == null) {
      return null;
    }
    try {
      return Enum.valueOf(type, value);
    } catch (IllegalArgumentException e) {
      throw refusal(scope, name + ": '" + value + "' is not one of " + Arrays.toString(type.getEnumConstants()));
    }
  }

  /** A yes/no answer, as a boolean (API) or as the "true"/"false" a form's radio submits; stored as boolean. */
  public static boolean requiredYesNo(VariableScope scope, String name) {
    Object value = scope.getVariable(name);
    boolean answer;
    if (value instanceof Boolean b) {
      answer = b;
    } else if ("true".equals(value) || "false".equals(value)) {
      answer = Boolean.parseBoolean((String) value);
    } else {
      throw refusal(scope, name + ": answer true or false");
    }
    scope.setVariable(name, answer);
    return answer;
  }

  /**
   * Refuses a step's input: logged once, at INFO, with the ticket and the step, and thrown back to
   * whoever submitted it. {@code message} starts with the field ({@code "ci: unknown …"}).
   */
  public static BadUserRequestException refusal(VariableScope scope, String message) {
    log.info("{} {} refused: {}", ticket(scope), step(scope), message);
    return new BadUserRequestException(message);
  }

  /** Who takes the step: the authenticated user, or {@link AuditTrail#SYSTEM} for timers, jobs and rules. */
  public static String actor(DelegateExecution execution) {
    return actor(execution.getProcessEngineServices());
  }

  public static String actor(DelegateTask task) {
    return actor(task.getProcessEngineServices());
  }

  private static String actor(ProcessEngineServices services) {
    Authentication authentication = services.getIdentityService().getCurrentAuthentication();
    return authentication == null || authentication.getUserId() == null ? AuditTrail.SYSTEM : authentication.getUserId();
  }

  private static String ticket(VariableScope scope) {
    String number = null;
    if (scope instanceof DelegateTask task && task.getExecution() != null) {
      number = task.getExecution().getProcessBusinessKey();
    } else if (scope instanceof DelegateExecution execution) {
      number = execution.getProcessBusinessKey();
    }
    return number == null ? "(new ticket)" : number;
  }

  private static String step(VariableScope scope) {
    if (scope instanceof DelegateTask task) {
      return task.getTaskDefinitionKey();
    }
    return scope instanceof DelegateExecution execution ? execution.getCurrentActivityId() : scope.getVariableScopeKey();
  }
}
