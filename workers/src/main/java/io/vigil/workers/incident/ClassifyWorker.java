package io.vigil.workers.incident;

import static io.vigil.incident.contract.IncidentProcess.Variables.*;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.incident.contract.IncidentProcess;
import io.vigil.workers.WorkerProperties;
import io.vigil.workers.support.Failures;
import io.vigil.workers.support.Outcomes;
import io.vigil.workers.support.PooledWorker;
import io.vigil.workers.support.VigilApi;
import io.vigil.workers.support.WorkerThreads;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.client.spring.annotation.ExternalTaskSubscription;
import org.camunda.bpm.client.task.ExternalTask;
import org.camunda.bpm.client.task.ExternalTaskService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * {@code incident.classify}: category, service, impact and urgency of a new report.
 *
 * <p>The service comes from the configuration item, else from the service catalog's keywords; the
 * category (unless monitoring gave one), and impact and urgency when the reporter gave none, from the
 * owner's decision tables in {@code incident-classification.dmn}. An open incident on the same
 * configuration item with a similar title raises {@code POSSIBLE_DUPLICATE}, which the model sends
 * to the service desk.
 */
@Component
@ExternalTaskSubscription(
    topicName = IncidentProcess.Topics.CLASSIFY,
    variableNames = {INCIDENT_NUMBER, TITLE, DESCRIPTION, SERVICE, CI, IMPACT, URGENCY, CATEGORY})
public class ClassifyWorker extends PooledWorker {

  private static final Logger log = LoggerFactory.getLogger(ClassifyWorker.class);

  private final VigilApi api;
  private final Failures failures;
  private final DuplicateDetector duplicates;
  private final WorkerProperties.Classification settings;
  private final Clock clock;
  private volatile CachedServices services = new CachedServices(List.of(), Instant.MIN);

  public ClassifyWorker(VigilApi api, Failures failures, WorkerProperties properties, WorkerThreads threads) {
    super(threads);
    this.api = api;
    this.failures = failures;
    this.settings = properties.classification();
    this.duplicates = new DuplicateDetector(settings.duplicateSimilarity());
    this.clock = Clock.systemUTC();
  }

  @Override
  protected void handle(ExternalTask task, ExternalTaskService service) {
    Classification result;
    try {
      result = classify(task);
    } catch (RuntimeException e) {
      failures.report(task, service, e);
      return;
    }
    Map<String, Object> variables = result.variables();
    if (result.duplicateOf() != null) {
      variables.put(POSSIBLE_DUPLICATE_OF, result.duplicateOf());
      Outcomes.bpmnError(task, service, IncidentProcess.Errors.POSSIBLE_DUPLICATE,
          "Looks like " + result.duplicateOf(), variables);
    } else {
      Outcomes.complete(task, service, variables, null);
    }
    log.info("{} classified: {}", task.getBusinessKey(), variables);
  }

  /** The outcome: the variables to return, and the incident it may duplicate. */
  record Classification(Map<String, Object> variables, String duplicateOf) {}

  Classification classify(ExternalTask task) {
    String number = task.getVariable(INCIDENT_NUMBER);
    String title = task.getVariable(TITLE);
    String description = task.getVariable(DESCRIPTION);
    String ci = task.getVariable(CI);
    String service = task.getVariable(SERVICE);
    String impact = task.getVariable(IMPACT);
    String urgency = task.getVariable(URGENCY);
    String text = (title + " " + description).toLowerCase(Locale.ROOT);
    List<String> notes = new ArrayList<>();

    Optional<JsonNode> item = ci == null ? Optional.empty() : api.get("/configuration-items/{id}", ci);
    String ciType = item.map(i -> i.path("type").asText(null)).orElse(null);
    String ciCriticality = item.map(i -> i.path("criticality").asText(null)).orElse(null);
    if (service == null && item.isPresent()) {
      service = item.get().path("service").asText(null);
      notes.add("service from the configuration item");
    }
    List<JsonNode> catalog = services();
    if (service == null) {
      service = serviceByKeyword(text, catalog);
      if (service != null) {
        notes.add("service from the words of the report");
      }
    }
    String serviceId = service;
    String serviceCriticality = catalog.stream()
        .filter(s -> s.path("id").asText().equals(serviceId))
        .map(s -> s.path("criticality").asText(null))
        .findFirst().orElse(null);

    String category = task.getVariable(CATEGORY);
    if (category != null) {
      notes.add("category from the alert");
    }
    if (category == null || impact == null || urgency == null) {
      // one evaluation of the graph answers all three; what the alert or the reporter gave stays
      Map<String, String> decided = api.decide(IncidentProcess.CLASSIFICATION_DECISION, inputs("text", text,
          "ciType", ciType, "ciCriticality", ciCriticality, "serviceCriticality", serviceCriticality));
      if (category == null) {
        category = decided.getOrDefault(CATEGORY, "GENERAL");
      }
      if (impact == null) {
        impact = decided.getOrDefault(IMPACT, "LOW");
        notes.add("impact derived");
      }
      if (urgency == null) {
        urgency = decided.getOrDefault(URGENCY, "LOW");
        notes.add("urgency derived");
      }
    }

    Map<String, Object> variables = new HashMap<>();
    variables.put(CATEGORY, category);
    variables.put(SERVICE, service);
    variables.put(IMPACT, impact);
    variables.put(URGENCY, urgency);
    variables.put(CLASSIFICATION_NOTE, notes.isEmpty() ? null : String.join("; ", notes));
    String duplicateOf = ci == null ? null : possibleDuplicate(number, title, ci);
    return new Classification(variables, duplicateOf);
  }

  private String possibleDuplicate(String number, String title, String ci) {
    JsonNode page = api.get("/incidents?ci={ci}&open=true&size=100", ci).orElseThrow();
    List<DuplicateDetector.Candidate> open = VigilApi.items(page).stream()
        .map(i -> new DuplicateDetector.Candidate(i.path("number").asText(), i.path("title").asText()))
        .filter(c -> !c.number().equals(number))
        .toList();
    return duplicates.bestMatch(title, open).map(DuplicateDetector.Match::number).orElse(null);
  }

  private static String serviceByKeyword(String text, List<JsonNode> catalog) {
    for (JsonNode service : catalog) {
      for (JsonNode keyword : service.path("keywords")) {
        if (text.contains(keyword.asText().toLowerCase(Locale.ROOT))) {
          return service.path("id").asText();
        }
      }
    }
    return null;
  }

  /** The catalog changes only at a restart of the engine side: a short cache spares a call per task. */
  private List<JsonNode> services() {
    CachedServices cached = services;
    if (cached.loadedAt().plus(settings.catalogCacheTtl()).isAfter(clock.instant())) {
      return cached.services();
    }
    List<JsonNode> fresh = new ArrayList<>();
    api.get("/services").ifPresent(list -> list.forEach(fresh::add));
    services = new CachedServices(List.copyOf(fresh), clock.instant());
    return fresh;
  }

  private record CachedServices(List<JsonNode> services, Instant loadedAt) {}

  private static Map<String, String> inputs(String... namesAndValues) {
    Map<String, String> inputs = new LinkedHashMap<>();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      inputs.put(namesAndValues[i], namesAndValues[i + 1]);
    }
    return inputs;
  }
}
