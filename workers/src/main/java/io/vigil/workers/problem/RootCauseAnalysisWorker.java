package io.vigil.workers.problem;

import static io.vigil.problem.contract.ProblemProcess.Variables.GATHERED_EVIDENCE;
import static io.vigil.problem.contract.ProblemProcess.Variables.PROBLEM_NUMBER;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.problem.contract.ProblemProcess;
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
 * {@code problem.rca}: gathers the evidence for a problem's root-cause analysis from Vigil's API —
 * the configuration item and the changes on it lately, the linked incidents' timelines (reports,
 * alerts, SLA breaches, reassignments) and similar past incidents by text relevance — and hands it
 * to the analyst's form.
 * It only reads, so a second delivery of the same task gathers the same again.
 */
@Component
@ExternalTaskSubscription(topicName = ProblemProcess.Topics.RCA, variableNames = {PROBLEM_NUMBER})
public class RootCauseAnalysisWorker extends PooledWorker {

  /** The process variable holds 4,000 characters. */
  static final int MAX_LENGTH = 4000;
  /** The newest linked incidents shown; older ones are counted in the problem itself. */
  static final int INCIDENTS = 10;
  static final int SIMILAR = 5;
  /** The newest changes on the item read; those of the last 30 days (and the open ones) are shown. */
  static final int CHANGES = 10;
  static final int QUERY_LENGTH = 200;

  private static final Logger log = LoggerFactory.getLogger(RootCauseAnalysisWorker.class);

  private final VigilApi api;
  private final Failures failures;

  public RootCauseAnalysisWorker(VigilApi api, Failures failures, WorkerThreads threads) {
    super(threads);
    this.api = api;
    this.failures = failures;
  }

  @Override
  protected void handle(ExternalTask task, ExternalTaskService service) {
    String evidence;
    try {
      evidence = gather(task.getVariable(PROBLEM_NUMBER), Instant.now());
    } catch (RuntimeException e) {
      failures.report(task, service, e);
      return;
    }
    Outcomes.complete(task, service, Map.of(GATHERED_EVIDENCE, evidence), null);
    log.info("{} evidence gathered ({} characters)", task.getBusinessKey(), evidence.length());
  }

  String gather(String number, Instant now) {
    JsonNode problem = api.get("/problems/{number}", number)
        .orElseThrow(() -> new IllegalStateException("problem " + number + " not found in the API"));
    String ci = text(problem, "ci");
    String serviceId = text(problem, "service");
    EvidenceReport.Item item = ci == null ? null : api.get("/configuration-items/{id}", ci)
        .map(i -> new EvidenceReport.Item(ci, text(i, "name"), text(i, "type"), text(i, "criticality"), text(i, "service")))
        .orElse(null);
    EvidenceReport.ItemChanges changes = ci == null ? null : changes(ci, now);

    List<String> linked = new ArrayList<>();
    problem.path("incidents").forEach(n -> linked.add(n.asText()));
    List<EvidenceReport.IncidentFacts> incidents = new ArrayList<>();
    for (String incident : linked.subList(Math.max(0, linked.size() - INCIDENTS), linked.size())) {
      api.get("/incidents/{number}", incident).ifPresent(found -> incidents.add(facts(incident, found)));
    }

    String words = query(text(problem, "title") + " " + text(problem, "description"));
    Set<String> own = new HashSet<>(linked);
    List<EvidenceReport.PastIncident> similar = new ArrayList<>();
    JsonNode hits = serviceId == null
        ? api.get("/incidents/similar?q={q}&size={size}", words, SIMILAR + own.size()).orElse(null)
        : api.get("/incidents/similar?q={q}&service={service}&size={size}", words, serviceId, SIMILAR + own.size()).orElse(null);
    if (hits != null) {
      for (JsonNode hit : hits) {
        if (similar.size() < SIMILAR && !own.contains(text(hit, "number"))) {
          similar.add(new EvidenceReport.PastIncident(text(hit, "number"), text(hit, "title"), text(hit, "resolutionCode"),
              text(hit, "resolutionNotes"), instant(hit, "closedAt")));
        }
      }
    }
    return EvidenceReport.write(item, serviceId, changes, incidents, similar, MAX_LENGTH);
  }

  /** The newest changes on the item, whatever their state: the report keeps the recent and the open ones. */
  private EvidenceReport.ItemChanges changes(String ci, Instant now) {
    JsonNode page = api.get("/changes?ci={ci}&size={size}", ci, CHANGES)
        .orElseThrow(() -> new IllegalStateException("the API lists no changes"));
    List<EvidenceReport.ChangeFacts> listed = new ArrayList<>();
    for (JsonNode change : VigilApi.items(page)) {
      listed.add(new EvidenceReport.ChangeFacts(text(change, "number"), text(change, "title"), text(change, "type"),
          text(change, "state"), instant(change, "plannedStart"), instant(change, "plannedEnd"),
          text(change, "implementationResult"), instant(change, "closedAt")));
    }
    return new EvidenceReport.ItemChanges(ci, listed, now);
  }

  private EvidenceReport.IncidentFacts facts(String number, JsonNode incident) {
    List<EvidenceReport.Event> events = new ArrayList<>();
    api.get("/incidents/{number}/audit", number).ifPresent(trail -> trail.forEach(entry ->
        events.add(new EvidenceReport.Event(instant(entry, "occurredAt"), text(entry, "action"), text(entry, "detail")))));
    return new EvidenceReport.IncidentFacts(number, text(incident, "title"), text(incident, "state"), text(incident, "priority"),
        text(incident, "resolverGroup"), instant(incident, "reportedAt"), events);
  }

  /** The search takes up to 200 characters: the title and the start of the description, cut at a word. */
  static String query(String words) {
    String flat = words.replaceAll("\\s+", " ").trim();
    if (flat.length() <= QUERY_LENGTH) {
      return flat;
    }
    int cut = flat.lastIndexOf(' ', QUERY_LENGTH);
    return flat.substring(0, cut > 0 ? cut : QUERY_LENGTH);
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
