package io.vigil.ticket;

import io.vigil.support.Causes;
import io.vigil.web.UnprocessableException;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.springframework.stereotype.Component;

/**
 * Starts a ticket's process for the API as the person who opens the ticket, so that the engine checks
 * their permissions and records them as its initiator; and turns a ticket listener's refusal into the
 * API's answer.
 */
@Component
public class TicketProcesses {

  private final RuntimeService runtime;
  private final IdentityService identity;

  TicketProcesses(RuntimeService runtime, IdentityService identity) {
    this.runtime = runtime;
    this.identity = identity;
  }

  /** Starts the latest version of the process in the caller's transaction: the ticket's number (the business key). */
  public String start(String processKey, Map<String, Object> variables, TicketActor actor) {
    return as(actor, () -> runtime.createProcessInstanceByKey(processKey).setVariables(variables).execute().getBusinessKey());
  }

  /** Runs engine calls as the person acting through the API, so that the engine checks their permissions and records them. */
  public <T> T as(TicketActor actor, Supplier<T> work) {
    identity.setAuthentication(actor.userId(), actor.groups());
    try {
      return work.get();
    } finally {
      identity.clearAuthentication();
    }
  }

  /**
   * Runs what one ticket's step does to another ticket's process (a problem resolving its incidents,
   * an incident opening a problem) inside the step's engine command, without the user's engine
   * permissions on the other process: the step itself is what they are allowed to do. The audit
   * trail still names them.
   */
  public static <T> T withoutAuthorization(Callable<T> work) {
    CommandContext command = Context.getCommandContext();
    if (command == null) {
      throw new IllegalStateException("only inside an engine command");
    }
    return command.runWithoutAuthorization(work);
  }

  /** A ticket listener's refusal says "field: problem": the API answers 422 naming the field. Anything else stays. */
  public static RuntimeException refusedOrSame(RuntimeException e) {
    return Causes.find(e, BadUserRequestException.class).<RuntimeException>map(refused -> {
      String message = refused.getMessage();
      int separator = message.indexOf(": ");
      String field = separator > 0 && message.substring(0, separator).matches("[a-zA-Z]+") ? message.substring(0, separator) : "body";
      return new UnprocessableException(field, message);
    }).orElse(e);
  }
}
