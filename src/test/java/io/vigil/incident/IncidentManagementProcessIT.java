package io.vigil.incident;

import io.vigil.ticket.TicketActor;
import static io.vigil.incident.contract.IncidentProcess.Elements.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.init;

import io.vigil.audit.AuditAction;
import io.vigil.audit.AuditEntry;
import io.vigil.audit.AuditTrail;
import io.vigil.incident.contract.ClosureReason;
import io.vigil.incident.contract.IncidentProcess;
import io.vigil.incident.contract.Level;
import io.vigil.incident.contract.PendingReason;
import io.vigil.incident.contract.Priority;
import io.vigil.incident.contract.ResolutionCode;
import io.vigil.security.VigilGroup;
import io.vigil.sla.SlaClock.Kind;
import io.vigil.sla.SlaClock;
import io.vigil.sla.SlaClockView;
import io.vigil.sla.SlaService;
import io.vigil.testing.ProcessTest;
import io.vigil.testing.TestClock;
import io.vigil.workers.support.Retries;
import java.time.Duration;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.externaltask.LockedExternalTask;
import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.IdentityLink;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.transaction.support.TransactionTemplate;

/** One test per scenario of incident-management.bpmn, on the real engine, listeners and tables. */
@ProcessTest
@ExtendWith(OutputCaptureExtension.class)
class IncidentManagementProcessIT {

  @Autowired ProcessEngine engine;
  @Autowired IncidentService incidents;
  @Autowired IncidentRepository tickets;
  @Autowired AuditTrail audit;
  @Autowired SlaService sla;
  @Autowired TestClock clock;
  @Autowired MonitoredIncidents monitored;
  @Autowired TransactionTemplate transaction;

  IncidentDriver driver;

  @BeforeEach
  void setUp() {
    init(engine);
    driver = new IncidentDriver(engine, incidents, tickets);
  }

  @Test
  void happyPathFromReportToClosed() {
    ProcessInstance instance = driver.report("Orders database deadlocks", "pg-orders-01", Level.MEDIUM, Level.MEDIUM);
    assertThat(instance).isWaitingAt(CLASSIFY);
    assertThat(driver.ticket(instance).state()).isEqualTo(IncidentState.NEW);

    driver.classify(instance, "DATABASE", "checkout", Level.MEDIUM, Level.MEDIUM);
    assertThat(instance).isWaitingAt(TRIAGE);
    assertThat(driver.task(instance, TRIAGE).getName()).isEqualTo(instance.getBusinessKey() + " Triage and investigate: Orders database deadlocks");
    assertThat(candidateGroups(instance, TRIAGE)).containsExactly("database");
    assertThat(driver.task(instance, TRIAGE).getPriority()).isEqualTo(Priority.P3.taskPriority());
    assertThat(driver.ticket(instance)).extracting(i -> i.state(), i -> i.priority(), i -> i.resolverGroup(), i -> i.category())
        .containsExactly(IncidentState.ASSIGNED, Priority.P3, "database", "DATABASE");

    driver.claim(instance, TRIAGE, "db.dave", VigilGroup.DATABASE);
    assertThat(driver.ticket(instance)).extracting(i -> i.state(), i -> i.assignee())
        .containsExactly(IncidentState.IN_PROGRESS, "db.dave");
    assertThat(driver.ticket(instance).acknowledgedAt()).isNotNull();

    driver.complete(instance, TRIAGE, "db.dave", VigilGroup.DATABASE, Map.of(IncidentProcess.Variables.TRIAGE_OUTCOME, "RESOLVE"));
    assertThat(driver.task(instance, RESOLVE).getAssignee()).isEqualTo("db.dave");
    driver.resolve(instance, "db.dave", VigilGroup.DATABASE);
    assertThat(driver.ticket(instance).state()).isEqualTo(IncidentState.RESOLVED);
    assertThat(candidateGroups(instance, CONFIRM_RESOLUTION)).containsExactly("service-desk");

    driver.confirm(instance, true);
    assertThat(instance).isWaitingAt(CLOSE);
    driver.close(instance);

    assertThat(instance).hasPassedInOrder(CLASSIFY, DETERMINE_PRIORITY, DETERMINE_RESOLVER_GROUP, TRIAGE, RESOLVE,
        CONFIRM_RESOLUTION, CLOSE, CLOSED).isEnded();
    assertThat(sla.view(instance.getBusinessKey())).extracting(SlaClockView::kind, SlaClockView::state)
        .containsExactly(tuple(Kind.RESPONSE, SlaClock.State.MET), tuple(Kind.RESOLUTION, SlaClock.State.MET));
    var closed = driver.ticket(instance);
    assertThat(closed).extracting(i -> i.state(), i -> i.closureReason(), i -> i.resolutionCode(), i -> i.timeToResolveSeconds())
        .containsExactly(IncidentState.CLOSED, ClosureReason.CONFIRMED, ResolutionCode.FIXED, 3_600L);
    assertThat(audit.of(instance.getBusinessKey())).extracting(AuditEntry::action).containsExactly(
        AuditAction.REPORTED, AuditAction.CLASSIFIED, AuditAction.PRIORITISED, AuditAction.SLA_STARTED, AuditAction.ROUTED,
        AuditAction.ACKNOWLEDGED, AuditAction.SLA_STOPPED, AuditAction.TASK_ASSIGNED, AuditAction.TASK_COMPLETED,
        AuditAction.RESOLVED, AuditAction.SLA_STOPPED, AuditAction.TASK_COMPLETED, AuditAction.CALLER_CONFIRMED,
        AuditAction.TASK_COMPLETED, AuditAction.CLOSED);
    assertThat(audit.of(instance.getBusinessKey())).filteredOn(e -> e.action() == AuditAction.RESOLVED)
        .extracting(AuditEntry::actor).containsExactly("db.dave");
  }

  @Test
  void reassignmentMovesTheIncidentToAnotherGroupWithItsReason() {
    ProcessInstance instance = routedTo("Users cannot reach the VPN", "network", "remote-access");

    driver.triage(instance, "net.nina", VigilGroup.NETWORK, Map.of(
        IncidentProcess.Variables.TRIAGE_OUTCOME, "REASSIGN",
        IncidentProcess.Variables.REASSIGN_TO, "infrastructure",
        IncidentProcess.Variables.REASSIGN_REASON, "The VPN gateway VM is out of memory, not a network fault"));

    assertThat(instance).hasPassedInOrder(TRIAGE, REASSIGN).isWaitingAt(TRIAGE);
    assertThat(candidateGroups(instance, TRIAGE)).containsExactly("infrastructure");
    assertThat(driver.task(instance, TRIAGE).getAssignee()).isNull();
    assertThat(driver.ticket(instance)).extracting(i -> i.resolverGroup(), i -> i.assignee(), i -> i.state())
        .containsExactly("infrastructure", null, IncidentState.ASSIGNED);
    assertThat(tickets.reassignments(instance.getBusinessKey())).singleElement().satisfies(r -> {
      assertThat(r.kind()).isEqualTo(Reassignment.Kind.REASSIGNED);
      assertThat(r.fromGroup()).isEqualTo("network");
      assertThat(r.toGroup()).isEqualTo("infrastructure");
      assertThat(r.actor()).isEqualTo("net.nina");
    });
    assertThat((String) engine.getRuntimeService().getVariable(instance.getId(), IncidentProcess.Variables.REASSIGNMENT_HISTORY))
        .contains("routed to network").contains("reassigned network -> infrastructure by net.nina");
    assertThat(engine.getRuntimeService().getVariable(instance.getId(), IncidentProcess.Variables.TRIAGE_OUTCOME))
        .as("the new triage form starts blank").isNull();
  }

  @Test
  void reassigningToTheSameGroupIsRefusedAndNothingMoves(CapturedOutput log) {
    ProcessInstance instance = routedTo("Replication lag on the orders database", "database", "checkout");

    assertThatThrownBy(() -> driver.triage(instance, "db.dave", VigilGroup.DATABASE, Map.of(
        IncidentProcess.Variables.TRIAGE_OUTCOME, "REASSIGN",
        IncidentProcess.Variables.REASSIGN_TO, "database",
        IncidentProcess.Variables.REASSIGN_REASON, "no")))
        .hasMessageContaining("already with database");

    assertThat(instance).isWaitingAt(TRIAGE);
    assertThat(tickets.reassignments(instance.getBusinessKey())).isEmpty();
    assertThat(log.getAll().lines().filter(line -> line.contains("refused"))).as("an analyst's mistake is one line at INFO")
        .singleElement().asString()
        .contains(" INFO ", instance.getBusinessKey() + " " + TRIAGE + " refused: reassignTo: the incident is already with database");
    assertThat(log.getAll()).doesNotContain("ENGINE-16004").doesNotContain(" ERROR ");
  }

  @Test
  void textStoredBeforeWithAControlCharacterDoesNotKeepTheAnalystFromWorking() {
    ProcessInstance instance = routedTo("Legacy alert with colours", "database", "checkout");
    engine.getRuntimeService().setVariable(instance.getId(), IncidentProcess.Variables.DESCRIPTION, "disk \u001b[31mfull\u001b[0m");

    driver.triage(instance, "db.dave", VigilGroup.DATABASE, Map.of(IncidentProcess.Variables.TRIAGE_OUTCOME, "RESOLVE"));
    assertThat(instance).isWaitingAt(RESOLVE);

    assertThatThrownBy(() -> driver.complete(instance, RESOLVE, "db.dave", VigilGroup.DATABASE, Map.of(
        IncidentProcess.Variables.RESOLUTION_CODE, "FIXED",
        IncidentProcess.Variables.RESOLUTION_NOTES, "Freed space on the volume \u0000 and raised the alert")))
        .hasMessageContaining("resolutionNotes: must not contain control characters");
    assertThat(instance).isWaitingAt(RESOLVE);
  }

  @Test
  void pendingWaitsWithItsReasonAndResumes() {
    ProcessInstance instance = routedTo("Payment refunds fail at the card provider", "application-support", "payments");

    driver.triage(instance, "app.alex", VigilGroup.APPLICATION_SUPPORT, Map.of(
        IncidentProcess.Variables.TRIAGE_OUTCOME, "PENDING",
        IncidentProcess.Variables.PENDING_REASON, "AWAITING_VENDOR",
        IncidentProcess.Variables.PENDING_NOTE, "Case 4711 opened with the card provider"));

    assertThat(instance).isWaitingAt(PENDING);
    assertThat(driver.task(instance, PENDING).getAssignee()).isEqualTo("app.alex");
    assertThat(sla.view(instance.getBusinessKey())).extracting(SlaClockView::kind, SlaClockView::state)
        .containsExactly(tuple(Kind.RESPONSE, SlaClock.State.MET), tuple(Kind.RESOLUTION, SlaClock.State.PAUSED));
    assertThat(driver.task(instance, PENDING).getDueDate()).as("no due date while the clock stands").isNull();
    assertThat(driver.ticket(instance)).extracting(i -> i.state(), i -> i.pendingReason())
        .containsExactly(IncidentState.PENDING, PendingReason.AWAITING_VENDOR);

    driver.complete(instance, PENDING, "app.alex", VigilGroup.APPLICATION_SUPPORT,
        Map.of(IncidentProcess.Variables.RESUME_NOTE, "The provider fixed their certificate"));

    assertThat(instance).hasPassedInOrder(TRIAGE, PENDING).isWaitingAt(TRIAGE);
    assertThat(driver.ticket(instance)).extracting(i -> i.state(), i -> i.pendingReason())
        .containsExactly(IncidentState.IN_PROGRESS, null);
    assertThat(audit.of(instance.getBusinessKey())).extracting(AuditEntry::action)
        .containsSubsequence(AuditAction.PENDING, AuditAction.SLA_PAUSED, AuditAction.RESUMED, AuditAction.SLA_RESUMED);
    assertThat(sla.view(instance.getBusinessKey())).filteredOn(c -> c.kind() == Kind.RESOLUTION)
        .singleElement().satisfies(c -> assertThat(c.state()).isEqualTo(SlaClock.State.RUNNING));
    assertThat(driver.task(instance, TRIAGE).getDueDate()).isEqualTo(sla.taskDates(instance.getBusinessKey()).due());
  }

  @Test
  void withoutTheCallersAnswerTheIncidentClosesItself() {
    ProcessInstance instance = resolved("Printer on floor 3 jams", "service-desk", "workplace", "sd.anna", VigilGroup.SERVICE_DESK);
    assertThat(instance).isWaitingAt(CONFIRM_RESOLUTION);

    driver.runJob(instance);

    assertThat(instance).hasPassed(AUTO_CLOSE).isWaitingAt(CLOSE);
    driver.close(instance);
    assertThat(instance).isEnded();
    assertThat(driver.ticket(instance)).extracting(i -> i.state(), i -> i.closureReason())
        .containsExactly(IncidentState.CLOSED, ClosureReason.AUTO_CLOSED);
  }

  @Test
  void theCallerCanReopenTheIncident() {
    ProcessInstance instance = resolved("Orders database deadlocks again", "database", "checkout", "db.dave", VigilGroup.DATABASE);

    driver.confirm(instance, false);

    assertThat(instance).hasPassedInOrder(TRIAGE, CONFIRM_RESOLUTION, REOPEN).isWaitingAt(TRIAGE);
    assertThat(sla.view(instance.getBusinessKey())).extracting(SlaClockView::kind, SlaClockView::state)
        .containsExactly(tuple(Kind.RESPONSE, SlaClock.State.MET), tuple(Kind.RESOLUTION, SlaClock.State.RUNNING));
    assertThat(driver.ticket(instance)).extracting(i -> i.state(), i -> i.reopenCount(), i -> i.resolvedAt())
        .containsExactly(IncidentState.ASSIGNED, 1, null);
  }

  @Test
  void monitoringRecoveryResolvesAnIncidentNobodyTookAndItCloses() {
    ProcessInstance instance = driver.report("Orders database connections high", "pg-orders-01", Level.MEDIUM, Level.MEDIUM);
    driver.classify(instance, "DATABASE", "checkout", Level.MEDIUM, Level.MEDIUM);
    assertThat(instance).isWaitingAt(TRIAGE);

    engine.getRuntimeService().createMessageCorrelation(IncidentProcess.Messages.MONITORING_RECOVERED)
        .processInstanceBusinessKey(instance.getBusinessKey())
        .setVariable(IncidentProcess.Variables.RECOVERY_NOTE, "its alert resolved")
        .setVariable(IncidentProcess.Variables.RECOVERED_BY, "alertmanager")
        .correlate();

    assertThat(instance).hasPassedInOrder(TRIAGE, MONITORING_RECOVERED, AUTO_RESOLVE, RESOLVED_BY_MONITORING)
        .hasNotPassed(RESOLVE, CONFIRM_RESOLUTION)
        .isWaitingAt(CLOSE);
    assertThat(driver.ticket(instance)).extracting(i -> i.state(), i -> i.resolutionCode(), i -> i.resolutionNotes(), i -> i.acknowledgedAt())
        .containsExactly(IncidentState.RESOLVED, ResolutionCode.RECOVERED, "Resolved by monitoring: its alert resolved", null);
    assertThat(sla.view(instance.getBusinessKey())).extracting(SlaClockView::state).containsOnly(SlaClock.State.MET);
    driver.close(instance);
    assertThat(instance).isEnded();
    assertThat(driver.ticket(instance)).extracting(i -> i.state(), i -> i.closureReason())
        .containsExactly(IncidentState.CLOSED, ClosureReason.AUTO_RESOLVED);
    assertThat(audit.of(instance.getBusinessKey())).filteredOn(e -> e.action() == AuditAction.AUTO_RESOLVED)
        .singleElement().satisfies(e -> assertThat(e.actor()).isEqualTo("alertmanager"));
  }

  @Test
  void aRecoveryBeforeRoutingResolvesTheIncidentAsRecoveredOnceRouted() {
    ProcessInstance instance = reportedByMonitoring("Orders database connections high");
    assertThat(instance).isWaitingAt(CLASSIFY);

    recovered(instance, "its alert resolved");
    assertThat(instance).as("nothing to resolve yet").isWaitingAt(CLASSIFY);
    driver.classify(instance, "DATABASE", "checkout", Level.MEDIUM, Level.MEDIUM);

    assertThat(instance).hasPassedInOrder(DETERMINE_RESOLVER_GROUP, RECOVERED_BEFORE_TRIAGE, AUTO_RESOLVE, RESOLVED_BY_MONITORING)
        .hasNotPassed(TRIAGE)
        .isWaitingAt(CLOSE);
    assertThat(driver.ticket(instance)).extracting(i -> i.state(), i -> i.resolutionCode(), i -> i.resolutionNotes(), i -> i.resolverGroup())
        .containsExactly(IncidentState.RESOLVED, ResolutionCode.RECOVERED, "Resolved by monitoring: its alert resolved", "database");
    assertThat(incidents.comments(instance.getBusinessKey())).isEmpty();
    driver.close(instance);
    assertThat(driver.ticket(instance)).extracting(i -> i.state(), i -> i.closureReason())
        .containsExactly(IncidentState.CLOSED, ClosureReason.AUTO_RESOLVED);
    assertThat(audit.of(instance.getBusinessKey())).extracting(AuditEntry::action)
        .containsSubsequence(AuditAction.MONITORING_RECOVERED, AuditAction.ROUTED, AuditAction.AUTO_RESOLVED, AuditAction.CLOSED);
  }

  @Test
  void anAlertFiringAgainBeforeRoutingLeavesTheIncidentToTriage() {
    ProcessInstance instance = reportedByMonitoring("Orders database disk latency high");
    recovered(instance, "its alert resolved");
    transaction.executeWithoutResult(status -> monitored.firingAgain(instance.getBusinessKey()));

    driver.classify(instance, "DATABASE", "checkout", Level.MEDIUM, Level.MEDIUM);

    assertThat(instance).hasPassed(RECOVERED_BEFORE_TRIAGE).hasNotPassed(AUTO_RESOLVE).isWaitingAt(TRIAGE);
    assertThat(driver.ticket(instance).state()).isEqualTo(IncidentState.ASSIGNED);
  }

  @Test
  void aRecoveryReportedWhileAnAnalystWorksTheIncidentTellsTheResolverGroup() {
    ProcessInstance instance = driver.report("Orders database slow queries", "pg-orders-01", Level.MEDIUM, Level.MEDIUM);
    driver.classify(instance, "DATABASE", "checkout", Level.MEDIUM, Level.MEDIUM);
    driver.claim(instance, TRIAGE, "db.dave", VigilGroup.DATABASE);

    engine.getRuntimeService().createMessageCorrelation(IncidentProcess.Messages.RECOVERY_REPORTED)
        .processInstanceBusinessKey(instance.getBusinessKey())
        .setVariable(IncidentProcess.Variables.RECOVERY_NOTE, "its alert resolved")
        .correlate();

    assertThat(instance).isWaitingAt(TRIAGE, TELL_RESOLVER_GROUP);
    assertThat(driver.task(instance, TRIAGE).getAssignee()).isEqualTo("db.dave");
    driver.completeExternalLocal(instance, IncidentProcess.Topics.NOTIFY, Map.of(IncidentProcess.Variables.NOTIFICATIONS_DELIVERED, 2,
        IncidentProcess.Variables.NOTIFIED_RECIPIENTS, "[\"db.dave@example.com\",\"database-chat\"]"));
    assertThat(instance).hasPassed(RESOLVER_GROUP_TOLD).isWaitingAt(TRIAGE);
    assertThat(audit.of(instance.getBusinessKey())).filteredOn(e -> e.action() == AuditAction.NOTIFIED).singleElement()
        .satisfies(e -> assertThat(e.detail()).isEqualTo("database -> db.dave@example.com, database-chat: " + instance.getBusinessKey()
            + " monitoring recovered: its alert resolved"));
    assertThat(driver.ticket(instance).state()).isEqualTo(IncidentState.IN_PROGRESS);
  }

  @Test
  void aMajorIncidentIsCoordinatedAndClosesOnlyWhenBothSidesAreDone() {
    ProcessInstance instance = driver.report("Checkout is down for all customers", "checkout-web", Level.HIGH, Level.HIGH);
    driver.classify(instance, "APPLICATION", "checkout", Level.HIGH, Level.HIGH);

    assertThat(instance).isWaitingAt(TRIAGE, COORDINATE_MAJOR_INCIDENT, NOTIFY_STAKEHOLDERS);
    assertThat(candidateGroups(instance, COORDINATE_MAJOR_INCIDENT)).containsExactly("incident-managers");
    assertThat(driver.ticket(instance)).extracting(i -> i.priority(), i -> i.majorIncident()).containsExactly(Priority.P1, true);

    driver.completeExternalLocal(instance, IncidentProcess.Topics.NOTIFY, Map.of(IncidentProcess.Variables.NOTIFICATIONS_DELIVERED, 2));
    driver.triage(instance, "app.alex", VigilGroup.APPLICATION_SUPPORT, Map.of(IncidentProcess.Variables.TRIAGE_OUTCOME, "RESOLVE"));
    driver.resolve(instance, "app.alex", VigilGroup.APPLICATION_SUPPORT);
    driver.confirm(instance, true);
    assertThat(instance).as("waits for the incident manager").isWaitingAt(COORDINATE_MAJOR_INCIDENT);

    driver.complete(instance, COORDINATE_MAJOR_INCIDENT, "im.ian", VigilGroup.INCIDENT_MANAGERS, Map.of(
        IncidentProcess.Variables.MAJOR_INCIDENT_SUMMARY, "Bad deploy at 10:02 rolled back at 10:40; review on Thursday"));

    assertThat(instance).hasPassed(NOTIFY_STAKEHOLDERS, COORDINATE_MAJOR_INCIDENT, SERVICE_RESTORED).isWaitingAt(CLOSE);
    assertThat(audit.of(instance.getBusinessKey())).extracting(AuditEntry::action)
        .contains(AuditAction.NOTIFIED, AuditAction.MAJOR_INCIDENT_COORDINATED);
  }

  @Test
  void slaThresholdsEscalateFunctionallyThenHierarchically() {
    ProcessInstance instance = routedTo("Orders database is slow", "database", "checkout");

    threshold(instance, 75);
    driver.completeExternal(instance, IncidentProcess.Topics.ESCALATE, Map.of(
        IncidentProcess.Variables.ESCALATION_TYPE, "FUNCTIONAL",
        IncidentProcess.Variables.ESCALATION_GROUP, "infrastructure",
        IncidentProcess.Variables.ESCALATION_LEVEL, 1));

    assertThat(instance).hasPassed(ESCALATE, ESCALATION_RECORDED).isWaitingAt(TRIAGE);
    assertThat(candidateGroups(instance, TRIAGE)).containsExactly("infrastructure");
    assertThat(driver.ticket(instance)).extracting(i -> i.resolverGroup(), i -> i.escalationLevel())
        .containsExactly("infrastructure", 1);
    assertThat(tickets.reassignments(instance.getBusinessKey())).singleElement()
        .extracting(Reassignment::kind).isEqualTo(Reassignment.Kind.ESCALATED);

    threshold(instance, 100);
    driver.completeExternal(instance, IncidentProcess.Topics.ESCALATE, Map.of(
        IncidentProcess.Variables.ESCALATION_TYPE, "HIERARCHICAL",
        IncidentProcess.Variables.ESCALATION_LEVEL, 2));
    assertThat(instance).isWaitingAt(TRIAGE, NOTIFY_INCIDENT_MANAGERS);
    driver.completeExternalLocal(instance, IncidentProcess.Topics.NOTIFY, Map.of(IncidentProcess.Variables.NOTIFICATIONS_DELIVERED, 1));

    assertThat(instance).hasPassed(INCIDENT_MANAGERS_NOTIFIED).isWaitingAt(TRIAGE);
    assertThat(driver.ticket(instance).escalationLevel()).isEqualTo(2);
    assertThat(audit.of(instance.getBusinessKey())).filteredOn(e -> e.action() == AuditAction.ESCALATED)
        .extracting(AuditEntry::detail)
        .containsExactly("RESOLUTION SLA at 75%: FUNCTIONAL -> infrastructure", "RESOLUTION SLA at 100%: HIERARCHICAL");
  }

  @Test
  void slaThresholdsFireOnceWhenDueAndNeverWhilePending() {
    ProcessInstance instance = routedTo("Checkout replica lags behind", "database", "checkout");
    String number = instance.getBusinessKey();
    try {
      // P3 on checkout: 9 hours around the clock, so 75 % is due after 6 h 45 min.
      assertThat(sla.fire(number, Kind.RESOLUTION, 75, false)).as("not due yet").isFalse();
      clock.advance(Duration.ofHours(7));
      assertThat(sla.fire(number, Kind.RESOLUTION, 75, false)).isTrue();
      assertThat(sla.fire(number, Kind.RESOLUTION, 75, false)).as("a threshold fires once").isFalse();
      assertThat(engine.getExternalTaskService().createExternalTaskQuery().processInstanceId(instance.getId())
          .topicName(IncidentProcess.Topics.ESCALATE).count()).isOne();
      driver.completeExternal(instance, IncidentProcess.Topics.ESCALATE, Map.of(
          IncidentProcess.Variables.ESCALATION_TYPE, "FUNCTIONAL",
          IncidentProcess.Variables.ESCALATION_GROUP, "infrastructure",
          IncidentProcess.Variables.ESCALATION_LEVEL, 1));

      driver.triage(instance, "infra.ivan", VigilGroup.INFRASTRUCTURE, Map.of(
          IncidentProcess.Variables.TRIAGE_OUTCOME, "PENDING",
          IncidentProcess.Variables.PENDING_REASON, "AWAITING_VENDOR"));
      clock.advance(Duration.ofHours(5));
      assertThat(sla.fire(number, Kind.RESOLUTION, 100, false)).as("a pending incident's clock stands").isFalse();

      driver.complete(instance, PENDING, "infra.ivan", VigilGroup.INFRASTRUCTURE,
          Map.of(IncidentProcess.Variables.RESUME_NOTE, "The vendor answered"));
      clock.advance(Duration.ofHours(2));
      assertThat(sla.fire(number, Kind.RESOLUTION, 100, true)).isTrue();

      assertThat(sla.view(number)).filteredOn(c -> c.kind() == Kind.RESOLUTION).singleElement().satisfies(c -> {
        assertThat(c.state()).isEqualTo(SlaClock.State.BREACHED);
        assertThat(c.thresholdsFired()).containsExactly(75, 100);
        assertThat(c.breachedAt()).isNotNull();
        assertThat(c.pausedTotal()).isGreaterThanOrEqualTo(Duration.ofHours(5));
      });
      assertThat(audit.of(number)).extracting(AuditEntry::action).containsSubsequence(
          AuditAction.SLA_THRESHOLD_REACHED, AuditAction.SLA_PAUSED, AuditAction.SLA_RESUMED,
          AuditAction.SLA_THRESHOLD_REACHED, AuditAction.SLA_BREACHED);
      assertThat(engine.getExternalTaskService().createExternalTaskQuery().processInstanceId(instance.getId())
          .topicName(IncidentProcess.Topics.ESCALATE).count()).isOne();
    } finally {
      clock.reset();
    }
  }

  @Test
  void aPriorityChangeRebasesTheClocksAndTheOpenTask() {
    ProcessInstance instance = routedTo("Checkout search times out", "database", "checkout");
    String number = instance.getBusinessKey();
    try {
      // P3 on checkout: resolution in 9 h. Two hours in, the whole shop turns out to be affected.
      clock.advance(Duration.ofHours(2));
      io.vigil.incident.Incident changed = incidents.changePriority(number, new PriorityChangeRequest(Level.HIGH, Level.MEDIUM, "Every store is affected"),
          new TicketActor("im.iris", java.util.List.of(VigilGroup.INCIDENT_MANAGERS.id())));

      assertThat(instance).hasPassed(REPRIORITISE).isWaitingAt(TRIAGE);
      assertThat(changed).extracting(io.vigil.incident.Incident::priority, io.vigil.incident.Incident::impact, io.vigil.incident.Incident::urgency)
          .containsExactly(Priority.P2, Level.HIGH, Level.MEDIUM);
      // P2: resolution in 8 h around the clock; the 2 h already worked count against it.
      assertThat(sla.view(number)).filteredOn(c -> c.kind() == Kind.RESOLUTION).singleElement().satisfies(c -> {
        assertThat(c.target()).isEqualTo(Duration.ofHours(8));
        assertThat(c.elapsed()).isBetween(Duration.ofHours(2), Duration.ofHours(2).plusMinutes(1));
        assertThat(c.remaining()).isEqualTo(c.target().minus(c.elapsed()));
      });
      assertThat(driver.task(instance, TRIAGE).getPriority()).isEqualTo(Priority.P2.taskPriority());
      assertThat(driver.task(instance, TRIAGE).getDueDate().toInstant())
          .isEqualTo(sla.taskDates(number).due().toInstant());
      assertThat(audit.of(number)).filteredOn(entry -> entry.action() == AuditAction.REPRIORITISED).singleElement()
          .satisfies(entry -> assertThat(entry.actor()).isEqualTo("im.iris"))
          .satisfies(entry -> assertThat(entry.detail()).isEqualTo("P3 -> P2 (impact HIGH, urgency MEDIUM): Every store is affected"));
      assertThat(audit.of(number)).extracting(AuditEntry::action).endsWith(AuditAction.REPRIORITISED, AuditAction.SLA_REBASED);
    } finally {
      clock.reset();
    }
  }

  @Test
  void aResolvedIncidentKeepsItsPriority() {
    ProcessInstance instance = resolved("Badge reader offline", "service-desk", "workplace", "sd.anna", VigilGroup.SERVICE_DESK);

    assertThatThrownBy(() -> incidents.changePriority(instance.getBusinessKey(), new PriorityChangeRequest(Level.HIGH, Level.HIGH, "Too late"),
        new TicketActor("sd.anna", java.util.List.of(VigilGroup.SERVICE_DESK.id()))))
        .isInstanceOf(io.vigil.web.ConflictException.class).hasMessageContaining("is RESOLVED");
    assertThat(instance).hasNotPassed(REPRIORITISE);
    assertThat(driver.ticket(instance).priority()).isEqualTo(Priority.P3);
  }

  @Test
  void aWorkerFailureCountsDownRetriesThenRaisesAnEngineIncident() {
    ProcessInstance instance = driver.report("Mail server queue grows", "mail-01", null, null);
    Retries countdown = new Retries(3, Duration.ofSeconds(10));

    Integer retries = null;
    for (int attempt = 1; attempt <= 3; attempt++) {
      LockedExternalTask task = driver.lock(instance, IncidentProcess.Topics.CLASSIFY);
      assertThat(task.getRetries()).isEqualTo(retries);
      Retries.Retry next = countdown.next(task.getRetries());
      engine.getExternalTaskService().handleFailure(task.getId(), IncidentDriver.WORKER, "Vigil API unreachable",
          "java.net.ConnectException", next.retries(), 0);
      retries = next.retries();
    }

    assertThat(retries).isZero();
    Incident engineIncident = engine.getRuntimeService().createIncidentQuery().processInstanceId(instance.getId()).singleResult();
    assertThat(engineIncident.getIncidentMessage()).isEqualTo("Vigil API unreachable");
    assertThat(engineIncident.getActivityId()).isEqualTo(CLASSIFY);

    String externalTaskId = engine.getExternalTaskService().createExternalTaskQuery().processInstanceId(instance.getId()).singleResult().getId();
    engine.getExternalTaskService().setRetries(externalTaskId, 1);
    driver.classify(instance, "INFRASTRUCTURE", "email", Level.MEDIUM, Level.LOW);

    assertThat(instance).isWaitingAt(TRIAGE);
    assertThat(engine.getRuntimeService().createIncidentQuery().processInstanceId(instance.getId()).count()).isZero();
  }

  @Test
  void aConfirmedDuplicateIsResolvedAndClosedWithoutInvestigation() {
    ProcessInstance original = routedTo("Checkout returns HTTP 500", "application-support", "checkout");
    ProcessInstance instance = driver.report("Checkout returns HTTP 500 errors", "checkout-web", null, null);

    driver.bpmnError(instance, IncidentProcess.Topics.CLASSIFY, IncidentProcess.Errors.POSSIBLE_DUPLICATE, Map.of(
        IncidentProcess.Variables.CATEGORY, "APPLICATION",
        IncidentProcess.Variables.SERVICE, "checkout",
        IncidentProcess.Variables.IMPACT, "HIGH",
        IncidentProcess.Variables.URGENCY, "HIGH",
        IncidentProcess.Variables.POSSIBLE_DUPLICATE_OF, original.getBusinessKey()));
    assertThat(instance).isWaitingAt(REVIEW_DUPLICATE);
    assertThat(driver.task(instance, REVIEW_DUPLICATE).getName())
        .isEqualTo(instance.getBusinessKey() + " Review possible duplicate: Checkout returns HTTP 500 errors");

    driver.complete(instance, REVIEW_DUPLICATE, "sd.anna", VigilGroup.SERVICE_DESK, Map.of(IncidentProcess.Variables.DUPLICATE_CONFIRMED, "true"));
    driver.close(instance);

    assertThat(instance).hasPassedInOrder(POSSIBLE_DUPLICATE, REVIEW_DUPLICATE, RECORD_DUPLICATE, CLOSE).hasNotPassed(TRIAGE).isEnded();
    assertThat(driver.ticket(instance)).extracting(i -> i.state(), i -> i.duplicateOf(), i -> i.closureReason(), i -> i.category())
        .containsExactly(IncidentState.CLOSED, original.getBusinessKey(), ClosureReason.DUPLICATE, "APPLICATION");
  }

  @Test
  void aRejectedDuplicateIsHandledAsANewIncident() {
    ProcessInstance instance = driver.report("Checkout page slow", "checkout-web", null, null);
    driver.bpmnError(instance, IncidentProcess.Topics.CLASSIFY, IncidentProcess.Errors.POSSIBLE_DUPLICATE, Map.of(
        IncidentProcess.Variables.CATEGORY, "APPLICATION",
        IncidentProcess.Variables.SERVICE, "checkout",
        IncidentProcess.Variables.IMPACT, "MEDIUM",
        IncidentProcess.Variables.URGENCY, "MEDIUM",
        IncidentProcess.Variables.POSSIBLE_DUPLICATE_OF, "INC-999999"));

    driver.complete(instance, REVIEW_DUPLICATE, "sd.anna", VigilGroup.SERVICE_DESK, Map.of(IncidentProcess.Variables.DUPLICATE_CONFIRMED, false));
    driver.runJob(instance);

    assertThat(instance).hasPassedInOrder(REVIEW_DUPLICATE, DETERMINE_PRIORITY).isWaitingAt(TRIAGE);
    assertThat(driver.ticket(instance)).extracting(i -> i.resolverGroup(), i -> i.priority())
        .containsExactly("application-support", Priority.P3);
  }

  @Test
  void refusedClosureDataGoesBackToTheResolverThenCloses() {
    ProcessInstance instance = resolved("Warehouse report empty", "database", "data-platform", "db.dave", VigilGroup.DATABASE);
    driver.confirm(instance, true);

    driver.bpmnError(instance, IncidentProcess.Topics.CLOSE, IncidentProcess.Errors.CLOSURE_DATA_INCOMPLETE,
        Map.of(IncidentProcess.Variables.CLOSURE_PROBLEM, "the resolution notes must say what was done"));
    assertThat(instance).isWaitingAt(COMPLETE_CLOSURE_DATA);
    assertThat(driver.task(instance, COMPLETE_CLOSURE_DATA).getAssignee()).isEqualTo("db.dave");

    driver.complete(instance, COMPLETE_CLOSURE_DATA, "db.dave", VigilGroup.DATABASE, Map.of(
        IncidentProcess.Variables.RESOLUTION_CODE, "CONFIGURATION_CHANGED",
        IncidentProcess.Variables.RESOLUTION_NOTES, "The ETL job pointed at the old schema; repointed and re-ran it."));
    driver.close(instance);

    assertThat(instance).hasPassedInOrder(CLOSE, CLOSURE_DATA_INCOMPLETE, COMPLETE_CLOSURE_DATA, CLOSE).isEnded();
    assertThat(driver.ticket(instance).resolutionCode()).isEqualTo(ResolutionCode.CONFIGURATION_CHANGED);
    assertThat(audit.of(instance.getBusinessKey())).extracting(AuditEntry::action).contains(AuditAction.CLOSURE_REFUSED);
  }

  private ProcessInstance reportedByMonitoring(String title) {
    String number = transaction.execute(status -> monitored.open(new ReportIncidentRequest(title, title + " on pg-orders-01",
        "Prometheus Alertmanager (vigil)", null, "pg-orders-01", Level.MEDIUM, Level.MEDIUM), "alertmanager", "DATABASE", null));
    return engine.getRuntimeService().createProcessInstanceQuery().processDefinitionKey(IncidentProcess.KEY).processInstanceBusinessKey(number).singleResult();
  }

  /** What the intake does when the incident's last alert resolves: hold its row, report the recovery. */
  private void recovered(ProcessInstance instance, String note) {
    transaction.executeWithoutResult(status -> monitored.recovered(monitored.hold(instance.getBusinessKey()).orElseThrow(),
        "alertmanager", note, true));
  }

  private ProcessInstance routedTo(String title, String group, String service) {
    ProcessInstance instance = driver.report(title, null, Level.MEDIUM, Level.MEDIUM);
    String category = switch (group) {
      case "network" -> "NETWORK";
      case "database" -> "DATABASE";
      case "infrastructure" -> "INFRASTRUCTURE";
      case "application-support" -> "APPLICATION";
      default -> "GENERAL";
    };
    driver.classify(instance, category, service, Level.MEDIUM, Level.MEDIUM);
    assertThat(candidateGroups(instance, TRIAGE)).containsExactly(group);
    return instance;
  }

  private ProcessInstance resolved(String title, String group, String service, String analyst, VigilGroup analystGroup) {
    ProcessInstance instance = routedTo(title, group, service);
    driver.triage(instance, analyst, analystGroup, Map.of(IncidentProcess.Variables.TRIAGE_OUTCOME, "RESOLVE"));
    driver.resolve(instance, analyst, analystGroup);
    return instance;
  }

  private void threshold(ProcessInstance instance, int percent) {
    engine.getRuntimeService().createMessageCorrelation(IncidentProcess.Messages.SLA_THRESHOLD_REACHED)
        .processInstanceBusinessKey(instance.getBusinessKey())
        .setVariableLocal(IncidentProcess.Variables.SLA_CLOCK, "RESOLUTION")
        .setVariableLocal(IncidentProcess.Variables.SLA_THRESHOLD, percent)
        .correlate();
  }

  private java.util.List<String> candidateGroups(ProcessInstance instance, String elementId) {
    return engine.getTaskService().getIdentityLinksForTask(driver.task(instance, elementId).getId()).stream()
        .filter(l -> "candidate".equals(l.getType()))
        .map(IdentityLink::getGroupId)
        .toList();
  }
}
