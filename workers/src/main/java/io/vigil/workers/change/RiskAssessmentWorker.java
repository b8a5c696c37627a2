package io.vigil.workers.change;

import static io.vigil.change.contract.ChangeProcess.Variables.CHANGE_NUMBER;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.change.contract.ChangeProcess;
import io.vigil.workers.support.Failures;
import io.vigil.workers.support.Outcomes;
import io.vigil.workers.support.PooledWorker;
import io.vigil.workers.support.VigilApi;
import io.vigil.workers.support.WorkerThreads;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.client.spring.annotation.ExternalTaskSubscription;
import org.camunda.bpm.client.task.ExternalTask;
import org.camunda.bpm.client.task.ExternalTaskService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * {@code change.assess-risk}: gathers the risk factors {@code change-risk.dmn} weighs from Vigil's
 * API — the change with its conflicting changes, the criticality of its configuration items and the
 * changes that failed on them lately — and the same in words for the approvers ({@link RiskFactors}).
 * It only reads, so a second delivery of the same task computes the same again.
 */
@Component
@ExternalTaskSubscription(topicName = ChangeProcess.Topics.ASSESS_RISK, variableNames = {CHANGE_NUMBER})
public class RiskAssessmentWorker extends PooledWorker {

  /** Failed changes read per item: two already make the risk HIGH, so the first page tells enough. */
  static final int FAILED_PAGE = 100;

  private static final Logger log = LoggerFactory.getLogger(RiskAssessmentWorker.class);

  private final VigilApi api;
  private final Failures failures;

  public RiskAssessmentWorker(VigilApi api, Failures failures, WorkerThreads threads) {
    super(threads);
    this.api = api;
    this.failures = failures;
  }

  @Override
  protected void handle(ExternalTask task, ExternalTaskService service) {
    RiskFactors factors;
    try {
      factors = assess(task.getVariable(CHANGE_NUMBER), Instant.now());
    } catch (RuntimeException e) {
      failures.report(task, service, e);
      return;
    }
    Outcomes.complete(task, service, factors.variables(), null);
    log.info("{} risk factors gathered: criticality {}, lead time {} h, back-out plan {}, {} failed, {} conflicts, in window {}",
        task.getBusinessKey(), factors.ciCriticality(), factors.leadTimeHours(), factors.backoutPlanned(),
        factors.failedChanges().size(), factors.conflicts().size(), factors.inMaintenanceWindow());
  }

  RiskFactors assess(String number, Instant now) {
    JsonNode change = api.get("/changes/{number}", number)
        .orElseThrow(() -> new IllegalStateException("change " + number + " not found in the API"));
    List<String> cis = texts(change.path("cis"));
    List<RiskFactors.Item> items = new ArrayList<>();
    Set<String> failed = new HashSet<>();
    String since = RiskFactors.failuresSince(now).toString();
    for (String ci : cis) {
      items.add(api.get("/configuration-items/{id}", ci)
          .map(item -> new RiskFactors.Item(ci, text(item, "name"), text(item, "criticality")))
          .orElse(new RiskFactors.Item(ci, null, null)));
      JsonNode page = api.get("/changes?ci={ci}&state=FAILED&closedSince={since}&size={size}", ci, since, FAILED_PAGE)
          .orElseThrow(() -> new IllegalStateException("the API lists no changes"));
      VigilApi.items(page).forEach(failedChange -> failed.add(text(failedChange, "number")));
    }
    List<RiskFactors.Conflict> conflicts = new ArrayList<>();
    change.path("conflicts").forEach(conflict -> conflicts.add(new RiskFactors.Conflict(text(conflict, "number"),
        text(conflict, "title"), instant(conflict, "plannedStart"), instant(conflict, "plannedEnd"), texts(conflict.path("cis")))));
    return new RiskFactors(items, instant(change, "requestedAt"), instant(change, "plannedStart"), text(change, "backoutPlan"),
        failed, conflicts, change.path("inMaintenanceWindow").asBoolean());
  }

  private static List<String> texts(JsonNode array) {
    List<String> texts = new ArrayList<>();
    array.forEach(value -> texts.add(value.asText()));
    return texts;
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.path(field);
    return value.isMissingNode() || value.isNull() ? null : value.asText();
  }

  private static Instant instant(JsonNode node, String field) {
    String value = text(node, field);
    return value == null ? null : OffsetDateTime.parse(value).toInstant();
  }
}
