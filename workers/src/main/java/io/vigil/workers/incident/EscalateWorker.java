package io.vigil.workers.incident;

import static io.vigil.incident.contract.IncidentProcess.Variables.*;

import io.vigil.incident.contract.IncidentProcess;
import io.vigil.workers.WorkerProperties;
import io.vigil.workers.support.Failures;
import io.vigil.workers.support.Outcomes;
import io.vigil.workers.support.PooledWorker;
import io.vigil.workers.support.WorkerThreads;
import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.client.spring.annotation.ExternalTaskSubscription;
import org.camunda.bpm.client.task.ExternalTask;
import org.camunda.bpm.client.task.ExternalTaskService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * {@code incident.escalate}: applies the escalation policy ({@code vigil.workers.escalation}) to an
 * SLA threshold. The model acts on the decision: the ticket listener moves the work for a functional
 * escalation, a notification goes to the incident managers for a hierarchical one.
 */
@Component
@ExternalTaskSubscription(
    topicName = IncidentProcess.Topics.ESCALATE,
    variableNames = {INCIDENT_NUMBER, SLA_CLOCK, SLA_THRESHOLD, PRIORITY, RESOLVER_GROUP, ESCALATION_LEVEL})
public class EscalateWorker extends PooledWorker {

  private static final Logger log = LoggerFactory.getLogger(EscalateWorker.class);

  private final EscalationPolicy policy;
  private final Failures failures;

  public EscalateWorker(WorkerProperties properties, Failures failures, WorkerThreads threads) {
    super(threads);
    this.policy = new EscalationPolicy(properties.escalation());
    this.failures = failures;
  }

  @Override
  protected void handle(ExternalTask task, ExternalTaskService service) {
    EscalationPolicy.Decision decision;
    try {
      Object threshold = task.getVariable(SLA_THRESHOLD);
      if (!(threshold instanceof Number percent)) {
        throw new IllegalArgumentException(SLA_THRESHOLD + " must be a number of percent, was " + threshold);
      }
      Object level = task.getVariable(ESCALATION_LEVEL);
      decision = policy.decide(percent.intValue(), task.getVariable(PRIORITY), task.getVariable(RESOLVER_GROUP),
          level instanceof Number n ? n.intValue() : 0);
    } catch (RuntimeException e) {
      failures.report(task, service, e);
      return;
    }
    Map<String, Object> variables = new HashMap<>();
    variables.put(ESCALATION_TYPE, decision.type().name());
    variables.put(ESCALATION_GROUP, decision.group());
    variables.put(ESCALATION_LEVEL, decision.level());
    // The message declared these in its own escalation (SlaMessage), so concurrent ones keep theirs.
    Outcomes.complete(task, service, variables, null);
    log.info("{} {} SLA at {}%: {}", task.getBusinessKey(), task.getVariable(SLA_CLOCK),
        task.getVariable(SLA_THRESHOLD), decision);
  }
}
