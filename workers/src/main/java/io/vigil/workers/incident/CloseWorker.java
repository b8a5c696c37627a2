package io.vigil.workers.incident;

import static io.vigil.incident.contract.IncidentProcess.Variables.*;

import io.vigil.incident.contract.IncidentProcess;
import io.vigil.workers.WorkerProperties;
import io.vigil.workers.support.Failures;
import io.vigil.workers.support.Outcomes;
import io.vigil.workers.support.PooledWorker;
import io.vigil.workers.support.WorkerThreads;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.client.spring.annotation.ExternalTaskSubscription;
import org.camunda.bpm.client.task.ExternalTask;
import org.camunda.bpm.client.task.ExternalTaskService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * {@code incident.close}: checks the closure data and measures time to acknowledge and time to
 * resolve. An undocumented resolution raises {@code CLOSURE_DATA_INCOMPLETE}; the ticket listener on
 * the step's end marks the ticket closed with the measured times.
 */
@Component
@ExternalTaskSubscription(
    topicName = IncidentProcess.Topics.CLOSE,
    variableNames = {INCIDENT_NUMBER, RESOLUTION_CODE, RESOLUTION_NOTES, CLOSURE_REASON, REPORTED_AT, ACKNOWLEDGED_AT,
        RESOLVED_AT})
public class CloseWorker extends PooledWorker {

  private static final Logger log = LoggerFactory.getLogger(CloseWorker.class);

  private final ClosureCheck check;
  private final Failures failures;

  public CloseWorker(WorkerProperties properties, Failures failures, WorkerThreads threads) {
    super(threads);
    this.check = new ClosureCheck(properties.closure().minimumNotesLength());
    this.failures = failures;
  }

  @Override
  protected void handle(ExternalTask task, ExternalTaskService service) {
    ClosureCheck.Verdict verdict;
    try {
      verdict = check.check(task.getVariable(RESOLUTION_CODE), task.getVariable(RESOLUTION_NOTES),
          task.getVariable(CLOSURE_REASON), (Date) task.getVariable(REPORTED_AT),
          (Date) task.getVariable(ACKNOWLEDGED_AT), (Date) task.getVariable(RESOLVED_AT));
    } catch (RuntimeException e) {
      failures.report(task, service, e);
      return;
    }
    if (!verdict.closable()) {
      log.info("{} closure refused: {}", task.getBusinessKey(), verdict.problem());
      Outcomes.bpmnError(task, service, IncidentProcess.Errors.CLOSURE_DATA_INCOMPLETE, verdict.problem(),
          Map.of(CLOSURE_PROBLEM, verdict.problem()));
      return;
    }
    Map<String, Object> variables = new HashMap<>();
    variables.put(TIME_TO_ACKNOWLEDGE, verdict.timeToAcknowledgeSeconds());
    variables.put(TIME_TO_RESOLVE, verdict.timeToResolveSeconds());
    Outcomes.complete(task, service, variables, null);
  }
}
