package io.vigil.workers.support;

import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.camunda.bpm.client.exception.NotFoundException;
import org.camunda.bpm.client.exception.RestException;
import org.camunda.bpm.client.task.ExternalTask;
import org.camunda.bpm.client.task.ExternalTaskService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reports a step's business outcome. A task can be delivered twice (a lock expired while the first
 * delivery was still working): when the engine no longer knows the task, the other delivery already
 * reported it, and there is nothing left to do. When another transaction changed the same process
 * instance at the same moment (two escalations of one incident), the engine refuses the report with
 * an optimistic-locking conflict and has changed nothing: the report is simply sent again.
 */
public final class Outcomes {

  private static final Logger log = LoggerFactory.getLogger(Outcomes.class);

  static final int ATTEMPTS = 5;
  private static final String CONFLICT = "OptimisticLockingException";
  private static final int CONFLICT_CODE = 1;

  private Outcomes() {}

  public static void complete(ExternalTask task, ExternalTaskService service,
      Map<String, Object> variables, Map<String, Object> localVariables) {
    report(task, () -> service.complete(task, variables, localVariables));
  }

  public static void bpmnError(ExternalTask task, ExternalTaskService service, String code, String message,
      Map<String, Object> variables) {
    report(task, () -> service.handleBpmnError(task, code, message, variables));
  }

  private static void report(ExternalTask task, Runnable call) {
    for (int attempt = 1; ; attempt++) {
      try {
        call.run();
        return;
      } catch (NotFoundException alreadyReported) {
        log.info("{} {}: already reported by another delivery", task.getTopicName(), task.getBusinessKey());
        return;
      } catch (RestException e) {
        if (!isConflict(e) || attempt == ATTEMPTS) {
          throw e;
        }
        log.debug("{} {}: concurrent change of the process, reporting again ({})", task.getTopicName(), task.getBusinessKey(), attempt);
        pause(attempt);
      }
    }
  }

  static boolean isConflict(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
      if (cause instanceof RestException rest && (CONFLICT.equals(rest.getType()) || Integer.valueOf(CONFLICT_CODE).equals(rest.getCode()))) {
        return true;
      }
    }
    return false;
  }

  /** A short, growing, jittered wait, so that the two conflicting reports do not meet again. */
  private static void pause(int attempt) {
    try {
      Thread.sleep(25L * attempt + ThreadLocalRandom.current().nextLong(25));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while reporting an outcome", e);
    }
  }
}
