package io.vigil.problem;

import static io.vigil.problem.contract.ProblemProcess.Elements.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.init;

import io.vigil.audit.AuditAction;
import io.vigil.audit.AuditEntry;
import io.vigil.audit.AuditTrail;
import io.vigil.change.ChangeCalendar;
import io.vigil.change.ChangeDriver;
import io.vigil.change.ChangeService;
import io.vigil.incident.IncidentDriver;
import io.vigil.incident.IncidentRepository;
import io.vigil.incident.IncidentService;
import io.vigil.incident.contract.Level;
import io.vigil.incident.contract.Priority;
import io.vigil.knowledge.KnowledgeBase;
import io.vigil.problem.contract.ProblemProcess;
import io.vigil.security.VigilGroup;
import io.vigil.sla.SlaClock;
import io.vigil.sla.SlaClockView;
import io.vigil.sla.SlaService;
import io.vigil.testing.ProcessTest;
import io.vigil.ticket.TicketActor;
import io.vigil.web.UnprocessableException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.variable.value.TypedValue;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** One test per scenario of problem-management.bpmn, on the real engine, listeners and tables. */
@ProcessTest
class ProblemManagementProcessIT {

  static final TicketActor PAULA = new TicketActor("pm.paula", List.of(VigilGroup.PROBLEM_MANAGERS.id()));
  static final String WORKER = "process-test-worker";

  @Autowired ProcessEngine engine;
  @Autowired ProblemService problems;
  @Autowired ProblemRepository tickets;
  @Autowired IncidentService incidentService;
  @Autowired IncidentRepository incidentTickets;
  @Autowired KnowledgeBase knowledge;
  @Autowired AuditTrail audit;
  @Autowired SlaService sla;
  @Autowired io.vigil.testing.TestClock clock;

  @Autowired ChangeService changeService;
  @Autowired ChangeCalendar changeCalendar;

  IncidentDriver incidents;
  ChangeDriver changeDriver;

  @BeforeEach
  void setUp() {
    init(engine);
    incidents = new IncidentDriver(engine, incidentService, incidentTickets);
    changeDriver = new ChangeDriver(engine, changeService, changeCalendar);
  }

  @Test
  void aProblemFromOpeningToClosure() {
    ProcessInstance first = incidents.report("Checkout times out at the payment step", null, Level.HIGH, Level.MEDIUM);
    incidents.classify(first, "APPLICATION", "checkout", Level.HIGH, Level.MEDIUM);
    ProcessInstance second = incidents.report("Orders fail with a gateway timeout", null, Level.MEDIUM, Level.MEDIUM);

    ProblemView opened = problems.open(new OpenProblemRequest("Checkout times out under load",
        "Twice this week checkout timed out while the nightly export ran.", "checkout", null,
        List.of(first.getBusinessKey(), second.getBusinessKey())), PAULA);
    String number = opened.problem().number();
    ProcessInstance instance = instance(number);
    assertThat(number).matches("PRB-\\d{6}");
    assertThat(opened.problem()).extracting(Problem::state, Problem::priority, Problem::openedBy)
        .containsExactly(ProblemState.NEW, Priority.P2, "pm.paula");
    assertThat(opened.incidents()).containsExactly(first.getBusinessKey(), second.getBusinessKey());
    assertThat(incidents.ticket(first).problem()).isEqualTo(number);
    assertThat(sla.view(number)).extracting(SlaClockView::kind, SlaClockView::state)
        .containsExactly(tuple(SlaClock.Kind.KNOWN_ERROR, SlaClock.State.RUNNING), tuple(SlaClock.Kind.RESOLUTION, SlaClock.State.RUNNING));
    assertThat(instance).isWaitingAt(ASSESS);
    assertThat(candidateGroups(instance, ASSESS)).containsExactly(VigilGroup.PROBLEM_MANAGERS.id());
    assertThat(task(instance, ASSESS).getName()).isEqualTo(number + " Assess problem: Checkout times out under load");

    complete(instance, ASSESS, Map.of(ProblemProcess.Variables.ASSESSMENT, "ACCEPT", ProblemProcess.Variables.PRIORITY, "P1"));
    assertThat(tickets.get(number)).extracting(Problem::state, Problem::priority, Problem::assessedBy)
        .containsExactly(ProblemState.ASSESSED, Priority.P1, "pm.paula");
    assertThat(instance).isWaitingAt(GATHER_EVIDENCE);

    gatherEvidence(instance, "2 incidents on checkout, both during the nightly export.");
    assertThat(instance).isWaitingAt(ANALYSE_ROOT_CAUSE);
    TypedValue choices = engine.getTaskService().getVariableLocalTyped(task(instance, ANALYSE_ROOT_CAUSE).getId(),
        ProblemProcess.Variables.CAUSE_CATEGORIES, false);
    assertThat(choices.getType().getName()).isEqualTo("json");
    assertThat(String.valueOf(choices.getValue())).contains("\"value\":\"CAPACITY\"").contains("\"label\":");

    Map<String, Object> analysis = new HashMap<>(Map.of(
        ProblemProcess.Variables.CAUSE_CATEGORY, "COSMIC_RAYS",
        ProblemProcess.Variables.ROOT_CAUSE, "The export holds every database connection of the pool for minutes.",
        ProblemProcess.Variables.CORRECTIVE_ACTION, "Give the export a pool of its own."));
    assertThatThrownBy(() -> complete(instance, ANALYSE_ROOT_CAUSE, analysis))
        .hasRootCauseInstanceOf(BadUserRequestException.class).hasMessageContaining("causeCategory: 'COSMIC_RAYS' is not one of");
    assertThat(tickets.get(number).state()).as("a refused step changes nothing").isEqualTo(ProblemState.ASSESSED);
    analysis.put(ProblemProcess.Variables.CAUSE_CATEGORY, "CAPACITY");
    analysis.put(ProblemProcess.Variables.FIVE_WHYS, "Timeouts: no connection. No connection: the export holds them.");
    complete(instance, ANALYSE_ROOT_CAUSE, analysis);
    assertThat(tickets.get(number)).extracting(Problem::state, Problem::causeCategory)
        .containsExactly(ProblemState.ROOT_CAUSE_KNOWN, "CAPACITY");

    complete(instance, RECORD_KNOWN_ERROR, Map.of(
        ProblemProcess.Variables.SYMPTOMS, "Checkout times out after 30 s between 01:00 and 02:00.",
        ProblemProcess.Variables.WORKAROUND, "Pause the nightly export from the scheduler; checkout recovers within a minute."));
    assertThat(tickets.get(number)).extracting(Problem::state, Problem::knownError).containsExactly(ProblemState.KNOWN_ERROR, true);
    assertThat(knowledge.articleOf(number)).isPresent();
    assertThat(sla.view(number)).extracting(SlaClockView::kind, SlaClockView::state)
        .containsExactly(tuple(SlaClock.Kind.KNOWN_ERROR, SlaClock.State.MET), tuple(SlaClock.Kind.RESOLUTION, SlaClock.State.RUNNING));

    String change = fixThroughChange(instance, "The export runs on a pool of its own since Tuesday.", "TELL_GROUPS");
    assertThat(tickets.get(number)).extracting(Problem::state, Problem::change).containsExactly(ProblemState.RESOLVED, change);
    assertThat(instance).isWaitingAt(REVIEW);

    complete(instance, REVIEW, Map.of(ProblemProcess.Variables.REVIEW_NOTES, "Pools per workload from now on."));
    assertThat(instance).hasPassedInOrder(ASSESS, GATHER_EVIDENCE, ANALYSE_ROOT_CAUSE, RECORD_KNOWN_ERROR, REQUEST_FIX_CHANGE,
        FIX_CHANGE_FINISHED, RESOLVE_INCIDENTS, REVIEW, CLOSED).isEnded();
    assertThat(tickets.get(number).state()).isEqualTo(ProblemState.CLOSED);
    assertThat(audit.of(number)).extracting(AuditEntry::action).containsExactly(
        AuditAction.REPORTED, AuditAction.INCIDENT_LINKED, AuditAction.INCIDENT_LINKED, AuditAction.SLA_STARTED,
        AuditAction.TASK_ASSIGNED, AuditAction.SLA_REBASED, AuditAction.ACCEPTED, AuditAction.TASK_COMPLETED,
        AuditAction.EVIDENCE_GATHERED, AuditAction.TASK_ASSIGNED, AuditAction.ROOT_CAUSE_FOUND, AuditAction.TASK_COMPLETED,
        AuditAction.TASK_ASSIGNED, AuditAction.SLA_STOPPED, AuditAction.KNOWN_ERROR_PUBLISHED, AuditAction.TASK_COMPLETED,
        AuditAction.TASK_ASSIGNED, AuditAction.FIX_CHANGE_RAISED, AuditAction.FIX_STARTED, AuditAction.TASK_COMPLETED,
        AuditAction.FIX_CHANGE_FINISHED, AuditAction.FIX_IMPLEMENTED, AuditAction.SLA_STOPPED, AuditAction.RESOLVED,
        AuditAction.TASK_ASSIGNED, AuditAction.REVIEWED, AuditAction.CLOSED, AuditAction.TASK_COMPLETED);
  }

  @Test
  void aRejectedProblemLetsGoOfItsIncidentsAndItsConfigurationItem() {
    ProcessInstance incident = incidents.report("Orders database deadlocks", "pg-orders-01", Level.MEDIUM, Level.MEDIUM);
    String number = problems.open(new OpenProblemRequest("Deadlocks on the orders database", "One deadlock, once.", null,
        "pg-orders-01", List.of(incident.getBusinessKey())), PAULA).problem().number();
    ProcessInstance instance = instance(number);
    assertThat(tickets.get(number).service()).isEqualTo("checkout");

    complete(instance, ASSESS, Map.of(ProblemProcess.Variables.ASSESSMENT, "REJECT",
        ProblemProcess.Variables.REJECTION_REASON, "A single deadlock the application retried: not a problem."));

    assertThat(instance).hasPassed(REJECT, REJECTED).isEnded();
    assertThat(tickets.get(number)).extracting(Problem::state, Problem::rejectionReason)
        .containsExactly(ProblemState.REJECTED, "A single deadlock the application retried: not a problem.");
    assertThat(incidents.ticket(incident).problem()).isNull();
    assertThat(sla.view(number)).extracting(SlaClockView::state).doesNotContain(SlaClock.State.RUNNING);
    String next = problems.open(new OpenProblemRequest("Deadlocks again", "Now every night.", null, "pg-orders-01", null), PAULA)
        .problem().number();
    assertThat(next).isNotEqualTo(number);
  }

  @Test
  void aConfigurationItemHasOneOpenProblemAndAnIncidentOneProblem() {
    ProcessInstance incident = incidents.report("Switch port flaps", "core-sw-01", Level.LOW, Level.MEDIUM);
    String number = problems.open(new OpenProblemRequest("Port flapping on the core switch", "Flaps every few hours.", null,
        "core-sw-01", List.of(incident.getBusinessKey())), PAULA).problem().number();

    long problemsBefore = tickets.count(new ProblemFilter(null, null, null));
    assertThatThrownBy(() -> problems.open(new OpenProblemRequest("Core switch again", "Still flapping.", null, "core-sw-01", null), PAULA))
        .isInstanceOf(UnprocessableException.class)
        .hasMessage("ci: core-sw-01 has an open problem, " + number + ": link the incidents to it");
    assertThatThrownBy(() -> problems.open(new OpenProblemRequest("Flapping", "Same incident elsewhere.", "remote-access", null,
        List.of(incident.getBusinessKey())), PAULA))
        .isInstanceOf(UnprocessableException.class)
        .hasMessage("incidents: " + incident.getBusinessKey() + " belongs to " + number);
    assertThatThrownBy(() -> problems.open(new OpenProblemRequest("Ghosts", "An incident that is not there.", null, null,
        List.of("INC-999999")), PAULA))
        .isInstanceOf(UnprocessableException.class)
        .hasMessage("incidents: no incident INC-999999");
    assertThat(tickets.count(new ProblemFilter(null, null, null))).as("refused openings leave no ticket behind").isEqualTo(problemsBefore);
    assertThat(incidents.ticket(incident).problem()).isEqualTo(number);
  }

  @Test
  void anIncidentAskingForItsRootCauseOpensAProblemOrJoinsTheOpenOneOfItsItem() {
    ProcessInstance first = resolvedWithRootCauseAnalysis("Storage array latency spikes", "san-01");
    String number = incidents.ticket(first).problem();
    assertThat(number).as("a problem of its own").isNotNull();
    assertThat(tickets.get(number)).extracting(Problem::origin, Problem::ci, Problem::service, Problem::openedBy, Problem::title)
        .containsExactly(io.vigil.problem.contract.ProblemOrigin.INCIDENT, "san-01", "data-platform", "infra.ivan",
            "Root cause of " + first.getBusinessKey() + ": Storage array latency spikes");
    assertThat(instance(number)).isWaitingAt(ASSESS);

    ProcessInstance second = resolvedWithRootCauseAnalysis("Storage array slow again", "san-01");
    assertThat(incidents.ticket(second).problem()).as("the open problem of the same item").isEqualTo(number);
    assertThat(audit.of(number)).extracting(AuditEntry::action, AuditEntry::detail)
        .contains(tuple(AuditAction.INCIDENT_LINKED, second.getBusinessKey() + " (root-cause analysis asked)"));

    ProcessInstance third = resolvedWithRootCauseAnalysis("Nightly load is slow", null);
    assertThat(incidents.ticket(third).problem()).as("no item, a problem of its own").isNotNull().isNotEqualTo(number);
  }

  @Test
  void resolvingTheProblemResolvesItsOpenIncidents() {
    ProcessInstance inTriage = routed("Payment gateway refuses cards", "pay-gw");
    ProcessInstance pending = routed("Card payments fail at random", "pay-gw");
    ProcessInstance resolved = routed("Payments time out", "pay-gw");
    String number = problems.open(new OpenProblemRequest("Payment gateway drops connections", "Three incidents this week.",
        null, "pay-gw", List.of(inTriage.getBusinessKey(), pending.getBusinessKey(), resolved.getBusinessKey())), PAULA)
        .problem().number();
    incidents.triage(pending, "app.alex", VigilGroup.APPLICATION_SUPPORT, Map.of(
        io.vigil.incident.contract.IncidentProcess.Variables.TRIAGE_OUTCOME, "PENDING",
        io.vigil.incident.contract.IncidentProcess.Variables.PENDING_REASON, "AWAITING_PROBLEM"));
    incidents.triage(resolved, "app.alex", VigilGroup.APPLICATION_SUPPORT, Map.of(
        io.vigil.incident.contract.IncidentProcess.Variables.TRIAGE_OUTCOME, "RESOLVE"));
    incidents.resolve(resolved, "app.alex", VigilGroup.APPLICATION_SUPPORT);

    fixed(instance(number), "RESOLVE");

    for (ProcessInstance incident : List.of(inTriage, pending)) {
      assertThat(incident).hasPassed(io.vigil.incident.contract.IncidentProcess.Elements.RESOLVE_BY_PROBLEM)
          .isWaitingAt(io.vigil.incident.contract.IncidentProcess.Elements.CLOSE);
      assertThat(incidents.ticket(incident)).extracting(i -> i.state(), i -> i.resolutionNotes())
          .containsExactly(io.vigil.incident.IncidentState.RESOLVED, "Resolved by " + number + ": The gateway pool was raised to 200 connections.");
      incidents.close(incident);
      assertThat(incidents.ticket(incident).closureReason()).isEqualTo(io.vigil.incident.contract.ClosureReason.RESOLVED_BY_PROBLEM);
    }
    assertThat(resolved).as("resolved already: left as it was").isWaitingAt(io.vigil.incident.contract.IncidentProcess.Elements.CONFIRM_RESOLUTION);
    assertThat(audit.of(number)).filteredOn(e -> e.action() == AuditAction.RESOLVED).singleElement()
        .extracting(AuditEntry::detail).asString()
        .contains("resolved: " + inTriage.getBusinessKey() + ", " + pending.getBusinessKey())
        .contains("not open: " + resolved.getBusinessKey());
  }

  @Test
  void leavingTheIncidentsToTheirGroupsTellsThemAndResumesThoseWaiting() {
    ProcessInstance inTriage = routed("Portal login loops", "portal-web");
    ProcessInstance pending = routed("Portal logs users out", "portal-web");
    String number = problems.open(new OpenProblemRequest("Portal sessions are lost", "Sessions drop after a deploy.", null,
        "portal-web", List.of(inTriage.getBusinessKey(), pending.getBusinessKey())), PAULA).problem().number();
    incidents.triage(pending, "app.alex", VigilGroup.APPLICATION_SUPPORT, Map.of(
        io.vigil.incident.contract.IncidentProcess.Variables.TRIAGE_OUTCOME, "PENDING",
        io.vigil.incident.contract.IncidentProcess.Variables.PENDING_REASON, "AWAITING_PROBLEM"));

    fixed(instance(number), "TELL_GROUPS");

    assertThat(inTriage).isWaitingAt(io.vigil.incident.contract.IncidentProcess.Elements.TRIAGE,
        io.vigil.incident.contract.IncidentProcess.Elements.TELL_GROUP_OF_FIX);
    assertThat(pending).hasPassed(io.vigil.incident.contract.IncidentProcess.Elements.PROBLEM_FIX_REPORTED_WHILE_PENDING)
        .isWaitingAt(io.vigil.incident.contract.IncidentProcess.Elements.TRIAGE,
            io.vigil.incident.contract.IncidentProcess.Elements.TELL_GROUP_OF_FIX);
    assertThat(incidents.ticket(pending).state()).isEqualTo(io.vigil.incident.IncidentState.IN_PROGRESS);
    assertThat(audit.of(pending.getBusinessKey())).extracting(AuditEntry::action)
        .contains(AuditAction.PROBLEM_FIX_REPORTED, AuditAction.RESUMED);
    assertThat(audit.of(inTriage.getBusinessKey())).extracting(AuditEntry::action, AuditEntry::detail)
        .contains(tuple(AuditAction.COMMENTED, number + " is fixed: The gateway pool was raised to 200 connections."));
  }

  @Test
  void anIncidentWaitsForAProblemOnlyWhenItBelongsToOne() {
    ProcessInstance incident = routed("Mail queue grows", "mail-01");
    assertThatThrownBy(() -> incidents.triage(incident, "app.alex", VigilGroup.APPLICATION_SUPPORT, Map.of(
        io.vigil.incident.contract.IncidentProcess.Variables.TRIAGE_OUTCOME, "PENDING",
        io.vigil.incident.contract.IncidentProcess.Variables.PENDING_REASON, "AWAITING_PROBLEM")))
        .hasMessageContaining("pendingReason: " + incident.getBusinessKey() + " belongs to no problem");
  }

  @Test
  void aKnownErrorIsSuggestedToTheNextIncidentAndItsWorkaroundLinksItToTheProblem() {
    ProcessInstance first = routed("Warehouse dashboard shows yesterday's figures", "dwh-01");
    String number = problems.open(new OpenProblemRequest("Dashboard figures stale after the nightly load",
        "The dashboard cache is not refreshed when the nightly load finishes late.", null, "dwh-01",
        List.of(first.getBusinessKey())), PAULA).problem().number();
    ProcessInstance instance = instance(number);
    complete(instance, ASSESS, Map.of(ProblemProcess.Variables.ASSESSMENT, "ACCEPT", ProblemProcess.Variables.PRIORITY, "P3"));
    gatherEvidence(instance, "One incident.");
    complete(instance, ANALYSE_ROOT_CAUSE, Map.of(ProblemProcess.Variables.CAUSE_CATEGORY, "CONFIGURATION",
        ProblemProcess.Variables.ROOT_CAUSE, "The cache refresh is scheduled at a fixed time, not after the load.",
        ProblemProcess.Variables.CORRECTIVE_ACTION, "Refresh the cache when the load ends."));
    complete(instance, RECORD_KNOWN_ERROR, Map.of(ProblemProcess.Variables.SYMPTOMS, "The dashboard shows stale figures in the morning.",
        ProblemProcess.Variables.WORKAROUND, "Press 'Refresh cache' in the dashboard admin page."));
    long article = knowledge.articleOf(number).orElseThrow();

    ProcessInstance next = incidents.report("Dashboard figures are stale this morning", null, Level.LOW, Level.MEDIUM);
    assertThat(incidentService.view(next.getBusinessKey()).knowledge()).as("the answer to the report")
        .extracting(io.vigil.knowledge.KnowledgeHit::id).first().isEqualTo(article);
    incidents.classify(next, "DATABASE", "data-platform", Level.LOW, Level.MEDIUM);
    Task triage = task(next, io.vigil.incident.contract.IncidentProcess.Elements.TRIAGE);
    assertThat((String) engine.getTaskService().getVariableLocal(triage.getId(),
        io.vigil.incident.contract.IncidentProcess.Variables.SUGGESTED_ARTICLES))
        .startsWith("Article " + article + " (" + number + "): Dashboard figures stale after the nightly load. Workaround: Press");

    VigilGroup group = VigilGroup.byId(incidents.ticket(next).resolverGroup()).orElseThrow();
    incidents.triage(next, "db.dave", group, Map.of(io.vigil.incident.contract.IncidentProcess.Variables.TRIAGE_OUTCOME, "RESOLVE"));
    Map<String, Object> resolution = new HashMap<>(Map.of(
        io.vigil.incident.contract.IncidentProcess.Variables.RESOLUTION_CODE, "WORKAROUND",
        io.vigil.incident.contract.IncidentProcess.Variables.RESOLUTION_NOTES, "Refreshed the cache as the known error says.",
        io.vigil.incident.contract.IncidentProcess.Variables.KNOWLEDGE_ARTICLE, 999_999L));
    assertThatThrownBy(() -> incidents.complete(next, io.vigil.incident.contract.IncidentProcess.Elements.RESOLVE, "db.dave", group,
        resolution)).hasMessageContaining("knowledgeArticle: no knowledge article 999999");
    resolution.put(io.vigil.incident.contract.IncidentProcess.Variables.KNOWLEDGE_ARTICLE, article);
    incidents.complete(next, io.vigil.incident.contract.IncidentProcess.Elements.RESOLVE, "db.dave", group, resolution);

    assertThat(incidents.ticket(next).problem()).isEqualTo(number);
    assertThat(audit.of(number)).extracting(AuditEntry::detail)
        .contains(next.getBusinessKey() + " (resolved with the workaround of article " + article + ")");
  }

  @Test
  void aProblemWhoseTargetIsAtRiskTellsTheProblemManagers() {
    String number = problems.open(new OpenProblemRequest("Mail relay queues grow", "Outgoing mail waits hours in the relay.",
        "email", null, null), PAULA).problem().number();
    ProcessInstance instance = instance(number);
    try {
      // P3: a known error within ten business days of nine office hours; half of it is past after two calendar weeks.
      assertThat(sla.fire(number, SlaClock.Kind.KNOWN_ERROR, 50, false)).as("not due yet").isFalse();
      clock.advance(java.time.Duration.ofDays(14));
      assertThat(sla.fire(number, SlaClock.Kind.KNOWN_ERROR, 50, false)).isTrue();

      assertThat(instance).isWaitingAt(ASSESS, NOTIFY_PROBLEM_MANAGERS);
      var locked = engine.getExternalTaskService().fetchAndLock(1, WORKER)
          .topic(io.vigil.incident.contract.IncidentProcess.Topics.NOTIFY, 60_000)
          .variables(ProblemProcess.Variables.NOTIFICATION_AUDIENCE, ProblemProcess.Variables.NOTIFICATION_SUBJECT)
          .businessKey(number).execute();
      assertThat(locked).singleElement().satisfies(task -> {
        assertThat(task.getVariables()).containsEntry(ProblemProcess.Variables.NOTIFICATION_AUDIENCE, "problem-managers")
            .containsEntry(ProblemProcess.Variables.NOTIFICATION_SUBJECT, number + " KNOWN_ERROR SLA at 50%: Mail relay queues grow");
        engine.getExternalTaskService().complete(task.getId(), WORKER, Map.of("notificationsDelivered", 0));
      });
      assertThat(audit.of(number)).extracting(AuditEntry::action)
          .contains(AuditAction.SLA_THRESHOLD_REACHED, AuditAction.NOTIFIED);
      assertThat(instance).isWaitingAt(ASSESS);
    } finally {
      clock.reset();
    }
  }

  /** An incident on the item, classified and routed to its group's triage. */
  private ProcessInstance routed(String title, String ci) {
    ProcessInstance instance = incidents.report(title, ci, Level.MEDIUM, Level.MEDIUM);
    incidents.classify(instance, "APPLICATION", incidents.ticket(instance).service(), Level.MEDIUM, Level.MEDIUM);
    return instance;
  }

  private ProcessInstance resolvedWithRootCauseAnalysis(String title, String ci) {
    ProcessInstance instance = incidents.report(title, ci, Level.MEDIUM, Level.MEDIUM);
    incidents.classify(instance, "INFRASTRUCTURE", "data-platform", Level.MEDIUM, Level.MEDIUM);
    String group = incidents.ticket(instance).resolverGroup();
    VigilGroup resolverGroup = VigilGroup.byId(group).orElseThrow();
    String analyst = "infra.ivan";
    incidents.triage(instance, analyst, resolverGroup, Map.of(io.vigil.incident.contract.IncidentProcess.Variables.TRIAGE_OUTCOME, "RESOLVE"));
    incidents.complete(instance, io.vigil.incident.contract.IncidentProcess.Elements.RESOLVE, analyst, resolverGroup, Map.of(
        io.vigil.incident.contract.IncidentProcess.Variables.RESOLUTION_CODE, "WORKAROUND",
        io.vigil.incident.contract.IncidentProcess.Variables.RESOLUTION_NOTES, "Restarted the controller; it will come back.",
        io.vigil.incident.contract.IncidentProcess.Variables.ROOT_CAUSE_ANALYSIS_NEEDED, true));
    return instance;
  }

  /** Through assessment, analysis and known error to the fix, with the incidents' handling chosen. */
  private void fixed(ProcessInstance instance, String handling) {
    complete(instance, ASSESS, Map.of(ProblemProcess.Variables.ASSESSMENT, "ACCEPT", ProblemProcess.Variables.PRIORITY, "P2"));
    gatherEvidence(instance, "Three incidents.");
    complete(instance, ANALYSE_ROOT_CAUSE, Map.of(ProblemProcess.Variables.CAUSE_CATEGORY, "CAPACITY",
        ProblemProcess.Variables.ROOT_CAUSE, "The connection pool is too small for the evening peak.",
        ProblemProcess.Variables.CORRECTIVE_ACTION, "Raise the pool and alert on its use."));
    complete(instance, RECORD_KNOWN_ERROR, Map.of(ProblemProcess.Variables.SYMPTOMS, "Payments fail in the evening.",
        ProblemProcess.Variables.WORKAROUND, "Restart the gateway's connector."));
    fixThroughChange(instance, "The gateway pool was raised to 200 connections.", handling);
    assertThat(instance).isWaitingAt(REVIEW);
  }

  /**
   * The fix step raises an emergency change on the payment gateway, which the change managers approve,
   * the database group implements and the CAB reviews: the problem goes on when it closes.
   */
  private String fixThroughChange(ProcessInstance instance, String fixNotes, String handling) {
    OffsetDateTime[] window = changeDriver.windowOutsideFreeze(Duration.ofDays(2), Duration.ofHours(1));
    Map<String, Object> fix = new HashMap<>();
    fix.put(ProblemProcess.Variables.FIX_NOTES, fixNotes);
    fix.put(ProblemProcess.Variables.INCIDENT_HANDLING, handling);
    fix.put(ProblemProcess.Variables.FIX_CHANGE_TYPE, "EMERGENCY");
    fix.put(ProblemProcess.Variables.FIX_CIS, "pay-gw");
    fix.put(ProblemProcess.Variables.FIX_PLANNED_START, window[0].toString());
    fix.put(ProblemProcess.Variables.FIX_PLANNED_END, window[1].toString());
    fix.put(ProblemProcess.Variables.FIX_IMPLEMENTATION_PLAN, "Raise the pool in the gateway's settings and restart it.");
    fix.put(ProblemProcess.Variables.FIX_BACKOUT_PLAN, "Put the old settings back and restart.");
    fix.put(ProblemProcess.Variables.FIX_IMPLEMENTER_GROUP, VigilGroup.DATABASE.id());
    complete(instance, REQUEST_FIX_CHANGE, fix);
    Problem problem = tickets.get(instance.getBusinessKey());
    assertThat(problem.state()).as("waiting for its change, the fix is in progress").isEqualTo(ProblemState.FIX_IN_PROGRESS);
    assertThat(instance).isWaitingAt(FIX_CHANGE_FINISHED);
    ProcessInstance change = changeDriver.instance(problem.change());
    changeDriver.riskFactors(change, "HIGH", 48, true, 0, 0, true);
    changeDriver.vote(change, ChangeDriver.CHRIS, VigilGroup.CHANGE_MANAGERS.id(), "APPROVE", "Go.");
    changeDriver.implementAndReview(change, ChangeDriver.DAVE, ChangeDriver.CARL, true);
    return problem.change();
  }

  private void gatherEvidence(ProcessInstance instance, String evidence) {
    var locked = engine.getExternalTaskService().fetchAndLock(1, WORKER)
        .topic(ProblemProcess.Topics.RCA, 60_000).businessKey(instance.getBusinessKey()).execute();
    assertThat(locked).hasSize(1);
    engine.getExternalTaskService().complete(locked.get(0).getId(), WORKER,
        Map.of(ProblemProcess.Variables.GATHERED_EVIDENCE, evidence));
  }

  private ProcessInstance instance(String number) {
    return engine.getRuntimeService().createProcessInstanceQuery().processInstanceBusinessKey(number).singleResult();
  }

  private Task task(ProcessInstance instance, String elementId) {
    return engine.getTaskService().createTaskQuery().processInstanceId(instance.getId()).taskDefinitionKey(elementId).singleResult();
  }

  private void complete(ProcessInstance instance, String elementId, Map<String, Object> variables) {
    Task task = task(instance, elementId);
    assertThat(task).as("open " + elementId).isNotNull();
    engine.getIdentityService().setAuthentication(PAULA.userId(), PAULA.groups());
    try {
      if (task.getAssignee() == null) {
        engine.getTaskService().claim(task.getId(), PAULA.userId());
      }
      engine.getTaskService().complete(task.getId(), new HashMap<>(variables));
    } finally {
      engine.getIdentityService().clearAuthentication();
    }
  }

  private List<String> candidateGroups(ProcessInstance instance, String elementId) {
    return engine.getTaskService().getIdentityLinksForTask(task(instance, elementId).getId()).stream()
        .filter(link -> "candidate".equals(link.getType())).map(IdentityLink::getGroupId).toList();
  }
}
