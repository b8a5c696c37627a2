package io.vigil.workers.support;

import java.util.Map;
import org.camunda.bpm.client.exception.NotFoundException;
import org.camunda.bpm.client.task.ExternalTask;
import org.camunda.bpm.client.task.ExternalTaskService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reports a step's business outcome. A task can be delivered twice (a lock expired while the first
 * delivery was still working): when the engine no longer knows the task, the other delivery already
 * reported it, and there is nothing left to do.
 */
public final class Outcomes {

  private static final Logger log = LoggerFactory.getLogger(Outcomes.class);

  private Outcomes() {}

  public static void complete(ExternalTask task, ExternalTaskService service,
      Map<String, Object> variables, Map<String, Object> localVariables) {
    try {
      service.complete(task, variables, localVariables);
    } catch (NotFoundException alreadyReported) {
      log.info("{} {}: already completed by another delivery", task.getTopicName(), task.getBusinessKey());
    }
  }

  public static void bpmnError(ExternalTask task, ExternalTaskService service, String code, String message,
      Map<String, Object> variables) {
    try {
      service.handleBpmnError(task, code, message, variables);
    } catch (NotFoundException alreadyReported) {
      log.info("{} {}: already reported by another delivery", task.getTopicName(), task.getBusinessKey());
    }
  }
}
