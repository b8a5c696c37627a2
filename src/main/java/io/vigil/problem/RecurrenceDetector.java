package io.vigil.problem;

import io.vigil.audit.AuditAction;
import io.vigil.audit.AuditTrail;
import io.vigil.catalog.ServiceCatalog;
import io.vigil.incident.Incident;
import io.vigil.incident.IncidentProblems;
import io.vigil.incident.IncidentRouted;
import io.vigil.problem.contract.ProblemOrigin;
import io.vigil.problem.contract.ProblemProcess;
import io.vigil.ticket.TicketInput;
import io.vigil.ticket.TicketProcesses;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.dmn.engine.DmnDecisionResult;
import org.camunda.bpm.engine.DecisionService;
import org.camunda.bpm.engine.RuntimeService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Incidents that keep coming back open a problem by themselves. When an incident is routed, the
 * owner's rules ({@code problem-recurrence.dmn}) are tried in order; the first one its recent
 * incidents meet links it to the open problem of its item (or of its service and category), or opens
 * one with every incident of the window that belongs to no problem yet. All in the routing's
 * transaction: the incident and its problem never disagree.
 *
 * <p>At most one open problem per item (or service and category): a routing that finds its rule met and
 * no open problem holds the item's (or the service's) catalog row and looks again, so that two
 * incidents routed at once, on two nodes, take turns: the second finds the problem the first opened,
 * and its incident already in it. The problem's key row ({@link ProblemRepository#holdOpenProblemOfCi})
 * stays the guarantee should anything else open one.
 */
@Component
@EnableConfigurationProperties(ProblemProperties.class)
class RecurrenceDetector {

  /** A window holds at most this many incidents to link; the problem counts the rest as they come. */
  static final int MAX_LINKED = 100;

  private static final Logger log = LoggerFactory.getLogger(RecurrenceDetector.class);

  private final DecisionService decisions;
  private final ProblemRepository problems;
  private final IncidentProblems incidents;
  private final RuntimeService runtime;
  private final AuditTrail audit;
  private final ServiceCatalog catalog;
  private final boolean enabled;

  RecurrenceDetector(DecisionService decisions, ProblemRepository problems, IncidentProblems incidents, RuntimeService runtime,
      AuditTrail audit, ServiceCatalog catalog, ProblemProperties properties) {
    this.decisions = decisions;
    this.problems = problems;
    this.incidents = incidents;
    this.runtime = runtime;
    this.audit = audit;
    this.catalog = catalog;
    this.enabled = properties.recurrence().enabled();
  }

  @EventListener
  void routed(IncidentRouted routed) {
    if (!enabled || routed.problem() != null) {
      return;
    }
    for (RecurrenceRule rule : rules(routed.service(), routed.category())) {
      Optional<String> key = rule.key(routed.ci(), routed.service(), routed.category());
      if (key.isEmpty()) {
        continue;
      }
      // Enough to tell whether the rule is met; the whole window is read only to open a problem.
      if (!rule.metBy(window(routed, rule, rule.incidents()).size())) {
        continue;
      }
      Optional<String> open = problems.openProblemOfCi(key.get());
      if (open.isEmpty()) {
        // Another routing of the same item (or service) that found none either waits here until this
        // one commits, then reads what it wrote: the problem it opened, its incident already in it.
        if (rule.scope() == RecurrenceRule.Scope.CI) {
          catalog.holdItem(routed.ci());
        } else {
          catalog.holdService(routed.service());
        }
        if (incidents.find(routed.incident()).map(Incident::problem).isPresent()) {
          return;
        }
        open = problems.openProblemOfCi(key.get());
      }
      if (open.isPresent()) {
        join(routed.incident(), open.get(), rule);
      } else {
        open(routed, rule, key.get(), window(routed, rule, MAX_LINKED));
      }
      return;
    }
  }

  /** The first {@code limit} incidents of the rule's window. */
  private List<Incident> window(IncidentRouted routed, RecurrenceRule rule, int limit) {
    return rule.scope() == RecurrenceRule.Scope.CI
        ? incidents.reportedSince(routed.ci(), rule.windowStart(routed.reportedAt()), limit)
        : incidents.reportedSince(routed.service(), routed.category(), rule.windowStart(routed.reportedAt()), limit);
  }

  private void join(String incident, String problem, RecurrenceRule rule) {
    if (incidents.link(incident, problem, AuditTrail.SYSTEM) == IncidentProblems.Link.LINKED) {
      audit.record(problem, AuditTrail.SYSTEM, AuditAction.INCIDENT_LINKED, incident + " (recurrence: " + rule + ")");
      log.info("{} joins {}: {}", incident, problem, rule);
    }
  }

  private void open(IncidentRouted routed, RecurrenceRule rule, String key, List<Incident> window) {
    List<String> free = incidents.freeToLink(window.stream().map(Incident::number).toList());
    boolean onItem = rule.scope() == RecurrenceRule.Scope.CI;
    String subject = onItem ? routed.ci() : routed.category() + " on " + routed.service();
    List<String> lines = new ArrayList<>();
    lines.add("Recurrence: " + rule + ". Incidents of the window:");
    window.forEach(i -> lines.add(i.number() + " " + i.reportedAt().toLocalDate() + " " + i.title()));
    Map<String, Object> variables = new HashMap<>();
    variables.put(ProblemProcess.Variables.TITLE, "Recurring incidents: " + subject);
    String description = String.join("\n", lines);
    variables.put(ProblemProcess.Variables.DESCRIPTION,
        description.length() <= TicketInput.MAX_TEXT ? description : description.substring(0, TicketInput.MAX_TEXT));
    variables.put(ProblemProcess.Variables.SERVICE, routed.service());
    variables.put(ProblemProcess.Variables.CI, onItem ? routed.ci() : null);
    variables.put(ProblemProcess.Variables.INCIDENTS, String.join(",", free));
    variables.put(ProblemProcess.Variables.ORIGIN, ProblemOrigin.RECURRENCE.name());
    variables.put(ProblemProcess.Variables.OPENED_BY, AuditTrail.SYSTEM);
    String number = TicketProcesses.withoutAuthorization(() ->
        runtime.createProcessInstanceByKey(ProblemProcess.KEY).setVariables(variables).execute().getBusinessKey());
    if (!onItem) {
      problems.holdOpenProblemOfCi(key, number);
    }
    log.info("{} opened by recurrence ({}): {}", number, rule, free);
  }

  /** The owner's tests that apply to a service and category, in the table's order. */
  List<RecurrenceRule> rules(String service, String category) {
    Map<String, Object> inputs = new HashMap<>();
    inputs.put("service", service);
    inputs.put("category", category);
    DmnDecisionResult result = decisions.evaluateDecisionByKey(ProblemProcess.RECURRENCE_DECISION).variables(inputs).evaluate();
    List<RecurrenceRule> rules = new ArrayList<>();
    result.forEach(entries -> rules.add(new RecurrenceRule(RecurrenceRule.Scope.valueOf(String.valueOf(entries.get("scope"))),
        ((Number) entries.get("incidents")).intValue(), Duration.parse(String.valueOf(entries.get("within"))))));
    return rules;
  }
}
