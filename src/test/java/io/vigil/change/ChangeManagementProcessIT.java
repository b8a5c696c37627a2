package io.vigil.change;

import static io.vigil.change.ChangeDriver.CARL;
import static io.vigil.change.ChangeDriver.CHRIS;
import static io.vigil.change.ChangeDriver.DAVE;
import static io.vigil.change.ChangeDriver.MIA;
import static io.vigil.change.contract.ChangeProcess.Elements.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.tuple;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.init;

import io.vigil.audit.AuditAction;
import io.vigil.audit.AuditEntry;
import io.vigil.audit.AuditTrail;
import io.vigil.change.contract.ApprovalDecision;
import io.vigil.change.contract.ChangeProcess;
import io.vigil.change.contract.ChangeType;
import io.vigil.change.contract.ImplementationResult;
import io.vigil.change.contract.Risk;
import io.vigil.change.contract.Voting;
import io.vigil.incident.Incident;
import io.vigil.incident.IncidentDriver;
import io.vigil.incident.IncidentRepository;
import io.vigil.incident.IncidentService;
import io.vigil.incident.contract.IncidentProcess;
import io.vigil.incident.contract.Level;
import io.vigil.security.VigilGroup;
import io.vigil.sla.SlaClock;
import io.vigil.sla.SlaClockView;
import io.vigil.sla.SlaService;
import io.vigil.support.Causes;
import io.vigil.testing.ProcessTest;
import io.vigil.ticket.TicketActor;
import io.vigil.web.ConflictException;
import io.vigil.web.UnprocessableException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

/**
 * One test per scenario of change-management.bpmn, on the real engine, listeners and tables. The
 * tests share one database: each plans its changes on items or in windows of its own, so that no
 * test sees another's changes as conflicts.
 */
@ProcessTest
class ChangeManagementProcessIT {

  static final TicketActor NINA = new TicketActor("net.nina", List.of(VigilGroup.DATABASE.id()));
  static final String CHANGE_MANAGERS = VigilGroup.CHANGE_MANAGERS.id();
  static final String CAB = VigilGroup.CAB.id();

  @Autowired ProcessEngine engine;
  @Autowired ChangeService changes;
  @Autowired ChangeRepository tickets;
  @Autowired ChangeCalendar calendar;
  @Autowired AuditTrail audit;
  @Autowired SlaService sla;
  @Autowired IncidentService incidentService;
  @Autowired IncidentRepository incidentTickets;

  ChangeDriver driver;
  IncidentDriver incidents;

  @BeforeEach
  void setUp() {
    init(engine);
    driver = new ChangeDriver(engine, changes, calendar);
    incidents = new IncidentDriver(engine, incidentService, incidentTickets);
  }

  @Test
  void aNormalChangeOfMediumRiskIsApprovedInSequenceImplementedAndClosed() {
    OffsetDateTime[] window = driver.windowOutsideFreeze(Duration.ofDays(5), Duration.ofHours(1));
    ChangeView requested = driver.request(ChangeDriver.request(ChangeType.NORMAL, null, List.of("pg-orders-01"), window, null, null), DAVE);
    String number = requested.change().number();
    assertThat(number).matches("CHG-\\d{6}");
    assertThat(requested.change()).extracting(Change::state, Change::type, Change::requestedBy, Change::implementerGroup)
        .containsExactly(ChangeState.NEW, ChangeType.NORMAL, "db.dave", VigilGroup.DATABASE.id());
    ProcessInstance instance = driver.instance(number);
    assertThat(instance).isWaitingAt(GATHER_RISK_FACTORS);

    driver.riskFactors(instance, "HIGH", 120, true, 0, 0, true);
    assertThat(tickets.get(number)).extracting(Change::state, Change::risk, Change::voting)
        .containsExactly(ChangeState.AWAITING_APPROVAL, Risk.MEDIUM, Voting.SEQUENTIAL);
    assertThat(instance).isWaitingAt(APPROVE_IN_SEQUENCE);
    assertThat(driver.approval(instance, CHANGE_MANAGERS)).isNotNull();
    assertThat(driver.approval(instance, CAB)).as("in sequence: the CAB after the change managers").isNull();

    driver.vote(instance, CHRIS, CHANGE_MANAGERS, "APPROVE", null);
    driver.vote(instance, CARL, CAB, "APPROVE", "Fine in the window.");
    assertThat(tickets.get(number).state()).isEqualTo(ChangeState.SCHEDULED);
    assertThat(instance).isWaitingAt(PLANNED_START);

    driver.implementAndReview(instance, NINA, CHRIS, true);
    assertThat(instance).hasPassedInOrder(GATHER_RISK_FACTORS, ASSESS_RISK, DECIDE_APPROVALS, APPROVE_IN_SEQUENCE, SCHEDULE,
        PLANNED_START, IMPLEMENT, REVIEW, CLOSED).isEnded();
    assertThat(tickets.get(number)).extracting(Change::state, Change::implementedBy).containsExactly(ChangeState.CLOSED, "net.nina");
    assertThat(audit.of(number)).extracting(AuditEntry::action).containsExactly(
        AuditAction.REQUESTED, AuditAction.SLA_STARTED, AuditAction.RISK_ASSESSED, AuditAction.APPROVALS_DECIDED,
        AuditAction.TASK_ASSIGNED, AuditAction.APPROVED, AuditAction.TASK_COMPLETED, AuditAction.TASK_ASSIGNED,
        AuditAction.APPROVED, AuditAction.SLA_STOPPED, AuditAction.SCHEDULED, AuditAction.TASK_COMPLETED,
        AuditAction.IMPLEMENTATION_STARTED, AuditAction.TASK_ASSIGNED, AuditAction.IMPLEMENTED, AuditAction.TASK_COMPLETED,
        AuditAction.TASK_ASSIGNED, AuditAction.REVIEWED, AuditAction.CLOSED, AuditAction.TASK_COMPLETED);
  }

  @Test
  void aStandardChangeFromItsTemplateIsPreApprovedWithTheTemplatesPlans() {
    OffsetDateTime[] window = driver.windowOutsideFreeze(Duration.ofDays(6), Duration.ofMinutes(45));
    ChangeView requested = driver.request(
        ChangeDriver.request(ChangeType.STANDARD, "db-minor-upgrade", List.of("pg-orders-01"), window, null, null), DAVE);
    String number = requested.change().number();
    assertThat(requested.change()).extracting(Change::type, Change::template, Change::implementationPlan, Change::backoutPlan,
            Change::implementerGroup)
        .containsExactly(ChangeType.STANDARD, "db-minor-upgrade",
            "Fail over to the replica, upgrade the packages on the primary, restart, fail back.",
            "Downgrade the packages (the data format is unchanged) and restart.", VigilGroup.DATABASE.id());
    ProcessInstance instance = driver.instance(number);

    driver.riskIs(instance, Risk.MEDIUM);

    assertThat(tickets.get(number)).extracting(Change::state, Change::voting, Change::reviewGroup)
        .containsExactly(ChangeState.SCHEDULED, Voting.NONE, CHANGE_MANAGERS);
    assertThat(instance).hasPassedInOrder(GATHER_RISK_FACTORS, ASSESS_RISK, DECIDE_APPROVALS, SCHEDULE)
        .hasNotPassed(APPROVE_IN_SEQUENCE, APPROVE_IN_PARALLEL).isWaitingAt(PLANNED_START);
    assertThat(engine.getHistoryService().createHistoricTaskInstanceQuery().processInstanceId(instance.getId()).count())
        .as("no approval task").isZero();
    assertThat(changes.view(number).approvals()).isEmpty();
    assertThat(audit.of(number)).extracting(AuditEntry::action).containsExactly(
        AuditAction.REQUESTED, AuditAction.SLA_STARTED, AuditAction.RISK_ASSESSED, AuditAction.APPROVALS_DECIDED,
        AuditAction.SLA_STOPPED, AuditAction.SCHEDULED);
    assertThat(audit.of(number)).filteredOn(e -> e.action() == AuditAction.APPROVALS_DECIDED).singleElement()
        .extracting(AuditEntry::detail).isEqualTo("pre-approved (template db-minor-upgrade); reviewed by change-managers");
  }

  @Test
  void aStandardChangeOutsideItsTemplateIsRefused() {
    OffsetDateTime[] window = driver.windowOutsideFreeze(Duration.ofDays(6), Duration.ofMinutes(30));
    long before = tickets.count(new ChangeFilter(null, null, null, null, null));

    unprocessable(() -> driver.request(ChangeDriver.request(ChangeType.STANDARD, "db-major-upgrade", List.of("pg-orders-01"),
        window, null, null), DAVE), "template", "template: no template 'db-major-upgrade'; one of [os-security-patch,");
    unprocessable(() -> driver.request(ChangeDriver.request(ChangeType.STANDARD, null, List.of("pg-orders-01"),
        window, null, null), DAVE), "template", "template: a standard change names its pre-approved template");
    unprocessable(() -> driver.request(ChangeDriver.request(ChangeType.STANDARD, "db-minor-upgrade",
        List.of("pg-orders-01", "checkout-web"), window, null, null), DAVE), "cis",
        "cis: template db-minor-upgrade is approved for [pg-orders-01] only");
    OffsetDateTime[] tooLong = driver.windowOutsideFreeze(Duration.ofDays(6), Duration.ofMinutes(61));
    unprocessable(() -> driver.request(ChangeDriver.request(ChangeType.STANDARD, "db-minor-upgrade", List.of("pg-orders-01"),
        tooLong, null, null), DAVE), "plannedEnd", "plannedEnd: template db-minor-upgrade is approved for windows of at most PT1H");
    unprocessable(() -> driver.request(ChangeDriver.request(ChangeType.NORMAL, "db-minor-upgrade", List.of("pg-orders-01"),
        window, null, null), DAVE), "template", "template: only a standard change comes from a template");

    assertThat(tickets.count(new ChangeFilter(null, null, null, null, null)))
        .as("refused requests leave no ticket behind").isEqualTo(before);
  }

  @Test
  void aNormalChangeOfHighRiskIsApprovedByTheChangeManagersAndTheCabInParallel() {
    OffsetDateTime[] window = driver.windowOutsideFreeze(Duration.ofDays(8), Duration.ofHours(1));
    String number = driver.request(ChangeDriver.request(ChangeType.NORMAL, null, List.of("checkout-web"), window, null, null), DAVE)
        .change().number();
    ProcessInstance instance = driver.instance(number);

    driver.riskIs(instance, Risk.HIGH);

    assertThat(tickets.get(number)).extracting(Change::state, Change::risk, Change::voting, Change::reviewGroup)
        .containsExactly(ChangeState.AWAITING_APPROVAL, Risk.HIGH, Voting.PARALLEL, CHANGE_MANAGERS);
    assertThat(instance).isWaitingAt(APPROVE_IN_PARALLEL);
    List<Task> open = driver.tasks(instance, APPROVE_IN_PARALLEL);
    assertThat(open).as("both open at once").hasSize(2);
    assertThat(open.stream().flatMap(task -> driver.candidateGroups(task).stream()).toList())
        .containsExactlyInAnyOrder(CHANGE_MANAGERS, CAB);
    assertThat(changes.view(number).openTasks()).hasSize(2);

    driver.vote(instance, CARL, CAB, "APPROVE", "The CAB agrees.");
    assertThat(tickets.get(number).state()).as("one vote is not all").isEqualTo(ChangeState.AWAITING_APPROVAL);
    Task managers = driver.approval(instance, CHANGE_MANAGERS);
    assertThat(managers).isNotNull();
    refused(() -> driver.complete(managers, CHRIS, Map.of(ChangeProcess.Variables.APPROVAL_DECISION, "REJECT")),
        "approvalComment: required");
    assertThat(engine.getRuntimeService().getVariables(instance.getId()))
        .as("a vote stays on its task: the other group's vote and comment are not this one's")
        .doesNotContainKeys(ChangeProcess.Variables.APPROVAL_DECISION, ChangeProcess.Variables.APPROVAL_COMMENT);
    driver.vote(instance, CHRIS, CHANGE_MANAGERS, "APPROVE", null);

    assertThat(tickets.get(number).state()).isEqualTo(ChangeState.SCHEDULED);
    assertThat(changes.view(number).approvals()).extracting(Approval::group, Approval::decision, Approval::decidedBy, Approval::comment)
        .containsExactly(tuple(CHANGE_MANAGERS, ApprovalDecision.APPROVE, "cm.chris", null),
            tuple(CAB, ApprovalDecision.APPROVE, "cab.carl", "The CAB agrees."));
    assertThat(instance).hasPassedInOrder(DECIDE_APPROVALS, APPROVE_IN_PARALLEL, SCHEDULE).hasNotPassed(APPROVE_IN_SEQUENCE)
        .isWaitingAt(PLANNED_START);
    assertThat(audit.of(number)).extracting(AuditEntry::action).containsExactly(
        AuditAction.REQUESTED, AuditAction.SLA_STARTED, AuditAction.RISK_ASSESSED, AuditAction.APPROVALS_DECIDED,
        AuditAction.TASK_ASSIGNED, AuditAction.APPROVED, AuditAction.TASK_COMPLETED, AuditAction.TASK_ASSIGNED,
        AuditAction.APPROVED, AuditAction.SLA_STOPPED, AuditAction.SCHEDULED, AuditAction.TASK_COMPLETED);
  }

  @Test
  void anEmergencyChangeIsApprovedByOneChangeManagerAndReviewedByTheCab() {
    OffsetDateTime[] window = driver.windowOutsideFreeze(Duration.ofHours(2), Duration.ofHours(1));
    String number = driver.request(ChangeDriver.request(ChangeType.EMERGENCY, null, List.of("pay-gw"), window, null, null), DAVE)
        .change().number();
    ProcessInstance instance = driver.instance(number);

    driver.riskFactors(instance, "HIGH", 2, true, 0, 0, false);

    assertThat(tickets.get(number)).extracting(Change::state, Change::voting, Change::reviewGroup)
        .containsExactly(ChangeState.AWAITING_APPROVAL, Voting.SEQUENTIAL, CAB);
    assertThat(driver.tasks(instance, APPROVE_IN_SEQUENCE)).singleElement()
        .satisfies(task -> assertThat(driver.candidateGroups(task)).containsExactly(CHANGE_MANAGERS));
    driver.vote(instance, CHRIS, CHANGE_MANAGERS, "APPROVE", "ECAB: go.");
    assertThat(tickets.get(number).state()).as("one approval is enough").isEqualTo(ChangeState.SCHEDULED);
    assertThat(changes.view(number).approvals()).extracting(Approval::group).containsExactly(CHANGE_MANAGERS);

    driver.plannedStartComes(instance);
    driver.complete(instance, IMPLEMENT, NINA, ChangeDriver.implementation(true));
    assertThat(tickets.get(number).state()).isEqualTo(ChangeState.REVIEW);
    assertThat(instance).isWaitingAt(REVIEW).variables().containsEntry(ChangeProcess.Variables.REVIEW_GROUP, CAB);
    assertThat(driver.candidateGroups(driver.tasks(instance, REVIEW).get(0))).containsExactly(CAB);
    driver.complete(instance, REVIEW, CARL, Map.of(ChangeProcess.Variables.REVIEW_NOTES, "Justified as an emergency."));

    assertThat(instance).hasPassedInOrder(APPROVE_IN_SEQUENCE, SCHEDULE, PLANNED_START, IMPLEMENT, REVIEW, CLOSED).isEnded();
    assertThat(tickets.get(number)).extracting(Change::state, Change::type, Change::reviewNotes)
        .containsExactly(ChangeState.CLOSED, ChangeType.EMERGENCY, "Justified as an emergency.");
    assertThat(audit.of(number)).extracting(AuditEntry::action, AuditEntry::actor)
        .contains(tuple(AuditAction.APPROVED, "cm.chris"), tuple(AuditAction.REVIEWED, "cab.carl"));
  }

  @Test
  void theFirstRejectionInSequenceEndsTheVoteAndClosesTheChangeWithItsReason() {
    OffsetDateTime[] window = driver.windowOutsideFreeze(Duration.ofDays(9), Duration.ofHours(1));
    String number = driver.request(ChangeDriver.request(ChangeType.NORMAL, null, List.of("pg-orders-01"), window, null, null), DAVE)
        .change().number();
    ProcessInstance instance = driver.instance(number);
    driver.riskIs(instance, Risk.MEDIUM);

    refused(() -> driver.vote(instance, CHRIS, CHANGE_MANAGERS, "REJECT", null), "approvalComment: required");
    assertThat(tickets.get(number).state()).as("a refused vote changes nothing").isEqualTo(ChangeState.AWAITING_APPROVAL);
    assertThat(changes.view(number).approvals()).extracting(Approval::decision).containsOnlyNulls();
    assertThat(instance).isWaitingAt(APPROVE_IN_SEQUENCE);

    driver.vote(instance, CHRIS, CHANGE_MANAGERS, "REJECT", "Raise the pool of the export instead.");

    assertThat(instance).hasPassedInOrder(APPROVE_IN_SEQUENCE, REJECT, REJECTED).hasNotPassed(SCHEDULE).isEnded();
    assertThat(engine.getHistoryService().createHistoricTaskInstanceQuery().processInstanceId(instance.getId()).list())
        .as("the CAB's task never opened").singleElement()
        .satisfies(task -> assertThat(task.getTaskDefinitionKey()).isEqualTo(APPROVE_IN_SEQUENCE));
    assertThat(tickets.get(number)).extracting(Change::state, Change::closureReason, Change::closedBy)
        .containsExactly(ChangeState.REJECTED, "change-managers: Raise the pool of the export instead.", "cm.chris");
    assertThat(tickets.get(number).closedAt()).isNotNull();
    assertThat(changes.view(number).approvals()).extracting(Approval::group, Approval::decision)
        .containsExactly(tuple(CHANGE_MANAGERS, ApprovalDecision.REJECT), tuple(CAB, null));
    assertThat(sla.view(number)).as("the approval clock stopped").extracting(SlaClockView::state)
        .isNotEmpty().doesNotContain(SlaClock.State.RUNNING);
    assertThat(audit.of(number)).extracting(AuditEntry::action).containsExactly(
        AuditAction.REQUESTED, AuditAction.SLA_STARTED, AuditAction.RISK_ASSESSED, AuditAction.APPROVALS_DECIDED,
        AuditAction.TASK_ASSIGNED, AuditAction.REJECTED, AuditAction.SLA_STOPPED, AuditAction.TASK_COMPLETED);
  }

  @Test
  void theRequesterCancelsAChangeAwaitingApprovalButNotOnceItsImplementationStarted() {
    OffsetDateTime[] window = driver.windowOutsideFreeze(Duration.ofDays(10), Duration.ofHours(1));
    String number = driver.request(ChangeDriver.request(ChangeType.NORMAL, null, List.of("pg-orders-01"), window, null, null), DAVE)
        .change().number();
    ProcessInstance instance = driver.instance(number);
    driver.riskIs(instance, Risk.MEDIUM);
    assertThat(instance).isWaitingAt(APPROVE_IN_SEQUENCE);

    assertThatThrownBy(() -> changes.cancel(number, new CancelChangeRequest("Not mine, but not needed."), NINA))
        .isInstanceOfSatisfying(ResponseStatusException.class,
            e -> assertThat(e.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN));
    assertThat(tickets.get(number).state()).isEqualTo(ChangeState.AWAITING_APPROVAL);

    ChangeView cancelled = changes.cancel(number, new CancelChangeRequest("The export moves to the replica instead."), DAVE);

    assertThat(cancelled.change()).extracting(Change::state, Change::closureReason, Change::closedBy)
        .containsExactly(ChangeState.CANCELLED, "The export moves to the replica instead.", "db.dave");
    assertThat(cancelled.openTasks()).isEmpty();
    assertThat(engine.getTaskService().createTaskQuery().processInstanceId(instance.getId()).count()).isZero();
    assertThat(instance).hasPassed(CANCEL_REQUESTED, CANCELLED).hasNotPassed(SCHEDULE).isEnded();
    assertThat(sla.view(number)).extracting(SlaClockView::state).doesNotContain(SlaClock.State.RUNNING);
    assertThat(audit.of(number)).extracting(AuditEntry::action, AuditEntry::actor, AuditEntry::detail)
        .contains(tuple(AuditAction.CANCELLED, "db.dave", "The export moves to the replica instead."));

    OffsetDateTime[] soon = driver.windowOutsideFreeze(Duration.ofDays(11), Duration.ofHours(1));
    String started = driver.request(ChangeDriver.request(ChangeType.NORMAL, null, List.of("pg-orders-01"), soon, null, null), DAVE)
        .change().number();
    ProcessInstance implementing = driver.instance(started);
    driver.riskIs(implementing, Risk.LOW);
    driver.vote(implementing, CHRIS, CHANGE_MANAGERS, "APPROVE", null);
    driver.plannedStartComes(implementing);
    assertThat(tickets.get(started).state()).isEqualTo(ChangeState.IMPLEMENTING);
    assertThatThrownBy(() -> changes.cancel(started, new CancelChangeRequest("Too late."), CHRIS))
        .isInstanceOf(ConflictException.class)
        .hasMessage(started + " is IMPLEMENTING: it can no longer be cancelled");
    assertThat(implementing).isWaitingAt(IMPLEMENT);
  }

  @Test
  void aChangeInsideTheFreezeNeedsAnExceptionTheCabApprovesUnlessItIsAnEmergency() {
    OffsetDateTime[] frozen = driver.windowInsideNextFreeze(Duration.ofHours(1));

    unprocessable(() -> driver.request(ChangeDriver.request(ChangeType.NORMAL, null, List.of("mail-01"), frozen, null, null), DAVE),
        "plannedStart", "plannedStart: the window overlaps the freeze 'Year-end freeze'");

    ChangeView excepted = driver.request(ChangeDriver.request(ChangeType.NORMAL, null, List.of("mail-01"), frozen,
        "The relay's certificate expires on 27 December.", null), DAVE);
    String number = excepted.change().number();
    assertThat(excepted.change().exceptionReason()).isEqualTo("The relay's certificate expires on 27 December.");
    assertThat(excepted.freezes()).extracting(ChangeCalendar.Freeze::name).containsExactly("Year-end freeze");
    ProcessInstance instance = driver.instance(number);
    assertThat(instance).variables().containsEntry(ChangeProcess.Variables.FREEZE_EXCEPTION, true);
    assertThat(audit.of(number)).filteredOn(e -> e.action() == AuditAction.REQUESTED).singleElement()
        .extracting(AuditEntry::detail).asString().contains("inside the freeze 'Year-end freeze'");

    driver.riskIs(instance, Risk.LOW);
    assertThat(tickets.get(number).voting()).as("whatever the risk").isEqualTo(Voting.SEQUENTIAL);
    assertThat(driver.approval(instance, CHANGE_MANAGERS)).isNotNull();
    assertThat(driver.approval(instance, CAB)).isNull();
    driver.vote(instance, CHRIS, CHANGE_MANAGERS, "APPROVE", null);
    assertThat(driver.approval(instance, CAB)).as("the CAB approves the exception").isNotNull();
    driver.vote(instance, CARL, CAB, "APPROVE", "Exception granted.");
    assertThat(tickets.get(number).state()).isEqualTo(ChangeState.SCHEDULED);
    assertThat(changes.view(number).approvals()).extracting(Approval::group).containsExactly(CHANGE_MANAGERS, CAB);

    ChangeView emergency = driver.request(ChangeDriver.request(ChangeType.EMERGENCY, null, List.of("mail-01"), frozen, null, null), DAVE);
    ProcessInstance urgent = driver.instance(emergency.change().number());
    assertThat(urgent).variables().containsEntry(ChangeProcess.Variables.FREEZE_EXCEPTION, false);
    driver.riskIs(urgent, Risk.HIGH);
    assertThat(driver.tasks(urgent, APPROVE_IN_SEQUENCE)).singleElement()
        .satisfies(task -> assertThat(driver.candidateGroups(task)).containsExactly(CHANGE_MANAGERS));
  }

  /** On lb-01 and redis-sessions-01, which no other test changes: its windows may meet theirs when the freeze pushes both. */
  @Test
  void overlappingChangesOnTheSameItemConflictUntilOneIsCancelled() {
    OffsetDateTime[] clear = driver.windowOutsideFreeze(Duration.ofDays(30), Duration.ofHours(6));
    OffsetDateTime start = clear[0];
    String first = driver.request(ChangeDriver.request(ChangeType.NORMAL, null, List.of("lb-01"),
        new OffsetDateTime[] {start, start.plusHours(2)}, null, null), DAVE).change().number();
    ChangeView second = driver.request(ChangeDriver.request(ChangeType.NORMAL, null, List.of("lb-01"),
        new OffsetDateTime[] {start.plusHours(1), start.plusHours(3)}, null, null), DAVE);
    ChangeView later = driver.request(ChangeDriver.request(ChangeType.NORMAL, null, List.of("lb-01"),
        new OffsetDateTime[] {start.plusHours(4), start.plusHours(6)}, null, null), DAVE);
    ChangeView elsewhere = driver.request(ChangeDriver.request(ChangeType.NORMAL, null, List.of("redis-sessions-01"),
        new OffsetDateTime[] {start, start.plusHours(2)}, null, null), DAVE);
    String number = second.change().number();

    assertThat(second.conflicts()).extracting(Conflict::number, Conflict::state, Conflict::cis)
        .containsExactly(tuple(first, ChangeState.NEW, List.of("lb-01")));
    assertThat(changes.view(first).conflicts()).extracting(Conflict::number).containsExactly(number);
    assertThat(later.conflicts()).as("after the window").isEmpty();
    assertThat(elsewhere.conflicts()).as("another item").isEmpty();

    ProcessInstance instance = driver.instance(number);
    driver.riskFactors(instance, "HIGH", 720, true, 0, 1, true);
    assertThat(tickets.get(number).risk()).isEqualTo(Risk.HIGH);
    Task approval = driver.approval(instance, CHANGE_MANAGERS);
    String context = (String) engine.getTaskService().getVariable(approval.getId(), ChangeProcess.Variables.SCHEDULE_CONTEXT);
    assertThat(context).startsWith("Conflicts: 1 other change(s) on the same items overlap the window:")
        .contains("- " + first + " Raise max_connections on the orders database (NEW, ");

    changes.cancel(first, new CancelChangeRequest("Merged into " + number + "."), DAVE);
    assertThat(changes.view(number).conflicts()).as("a cancelled change no longer conflicts").isEmpty();
  }

  @Test
  void theRequesterMayNotApproveTheirOwnChange() {
    OffsetDateTime[] window = driver.windowOutsideFreeze(Duration.ofDays(12), Duration.ofHours(1));
    String number = driver.request(ChangeDriver.request(ChangeType.NORMAL, null, List.of("pg-orders-01"), window, null, null), CHRIS)
        .change().number();
    ProcessInstance instance = driver.instance(number);
    driver.riskIs(instance, Risk.LOW);
    Task approval = driver.approval(instance, CHANGE_MANAGERS);
    String refusal = "segregationOfDuties: cm.chris requested " + number + " and may not approve it";

    refused(() -> driver.claim(approval, CHRIS), SegregationOfDuties.Violation.class, refusal);
    assertThat(driver.approval(instance, CHANGE_MANAGERS).getAssignee()).as("the claim rolled back").isNull();
    refused(() -> driver.completeUnclaimed(approval, CHRIS, Map.of(ChangeProcess.Variables.APPROVAL_DECISION, "APPROVE")),
        SegregationOfDuties.Violation.class, refusal);
    assertThatThrownBy(() -> changes.vote(number, new VoteRequest(ApprovalDecision.APPROVE, "Mine, and fine."), CHRIS))
        .isInstanceOf(ConflictException.class).hasMessage(refusal);

    assertThat(tickets.get(number).state()).isEqualTo(ChangeState.AWAITING_APPROVAL);
    assertThat(changes.view(number).approvals()).extracting(Approval::decision).containsOnlyNulls();
    assertThat(audit.of(number)).as("the attempts outlive their rollback")
        .filteredOn(e -> e.action() == AuditAction.SEGREGATION_OF_DUTIES_REFUSED)
        .extracting(AuditEntry::actor, AuditEntry::detail)
        .containsExactly(tuple("cm.chris", refusal.substring("segregationOfDuties: ".length())),
            tuple("cm.chris", refusal.substring("segregationOfDuties: ".length())),
            tuple("cm.chris", refusal.substring("segregationOfDuties: ".length())));

    changes.vote(number, new VoteRequest(ApprovalDecision.APPROVE, null), MIA);
    assertThat(tickets.get(number).state()).isEqualTo(ChangeState.SCHEDULED);
    assertThat(changes.view(number).approvals()).extracting(Approval::decidedBy).containsExactly("cm.mia");
  }

  @Test
  void whoeverApprovedAChangeMayNotImplementIt() {
    OffsetDateTime[] window = driver.windowOutsideFreeze(Duration.ofDays(13), Duration.ofHours(1));
    String number = driver.request(ChangeDriver.request(ChangeType.NORMAL, null, List.of("pg-orders-01"), window, null, null), DAVE)
        .change().number();
    ProcessInstance instance = driver.instance(number);
    driver.riskIs(instance, Risk.LOW);
    driver.vote(instance, MIA, CHANGE_MANAGERS, "APPROVE", "Fine.");
    driver.plannedStartComes(instance);
    Task implementation = driver.tasks(instance, IMPLEMENT).get(0);
    assertThat(driver.candidateGroups(implementation)).containsExactly(VigilGroup.DATABASE.id());
    String refusal = "segregationOfDuties: cm.mia approved " + number + " for change-managers and may not implement it";

    refused(() -> driver.claim(implementation, MIA), SegregationOfDuties.Violation.class, refusal);
    refused(() -> driver.completeUnclaimed(implementation, MIA, ChangeDriver.implementation(true)),
        SegregationOfDuties.Violation.class, refusal);
    assertThatThrownBy(() -> changes.implemented(number, new ImplementationRequest(ImplementationResult.SUCCESSFUL, "Done."), MIA))
        .isInstanceOf(ConflictException.class).hasMessage(refusal);
    assertThat(tickets.get(number)).extracting(Change::state, Change::implementedBy).containsExactly(ChangeState.IMPLEMENTING, null);
    assertThat(audit.of(number)).filteredOn(e -> e.action() == AuditAction.SEGREGATION_OF_DUTIES_REFUSED)
        .extracting(AuditEntry::actor).containsExactly("cm.mia", "cm.mia", "cm.mia");

    ChangeView implemented = changes.implemented(number,
        new ImplementationRequest(ImplementationResult.SUCCESSFUL, "Done in 12 minutes."), NINA);
    assertThat(implemented.change()).extracting(Change::state, Change::implementedBy, Change::implementationResult)
        .containsExactly(ChangeState.REVIEW, "net.nina", ImplementationResult.SUCCESSFUL);
    assertThat(instance).hasPassed(IMPLEMENT).isWaitingAt(REVIEW);
  }

  @Test
  void aFailedImplementationIsBackedOutAndOpensAnIncidentCausedByTheChange() {
    OffsetDateTime[] window = driver.windowOutsideFreeze(Duration.ofDays(14), Duration.ofHours(1));
    String number = driver.request(ChangeDriver.request(ChangeType.NORMAL, null, List.of("pg-orders-01"), window, null, null), DAVE)
        .change().number();
    ProcessInstance instance = driver.instance(number);
    driver.riskIs(instance, Risk.LOW);
    driver.vote(instance, CHRIS, CHANGE_MANAGERS, "APPROVE", null);
    driver.plannedStartComes(instance);

    driver.complete(instance, IMPLEMENT, NINA, ChangeDriver.implementation(false));
    assertThat(instance).isWaitingAt(BACK_OUT);
    assertThat(driver.candidateGroups(driver.tasks(instance, BACK_OUT).get(0))).containsExactly(VigilGroup.DATABASE.id());
    assertThat(tickets.get(number)).extracting(Change::state, Change::implementationResult, Change::causedIncident)
        .containsExactly(ChangeState.IMPLEMENTING, ImplementationResult.FAILED, null);

    driver.complete(instance, BACK_OUT, NINA, Map.of(ChangeProcess.Variables.BACKOUT_NOTES, "Reset and restarted; production as before."));

    String incident = tickets.get(number).causedIncident();
    assertThat(incident).matches("INC-\\d{6}");
    Incident opened = incidentTickets.find(incident).orElseThrow();
    assertThat(opened).extracting(Incident::causedByChange, Incident::ci)
        .containsExactly(number, "pg-orders-01");
    assertThat(opened.title()).isEqualTo("Failed change " + number + ": Raise max_connections on the orders database");
    assertThat(incidentService.incident(incident).causedByChange()).isEqualTo(number);
    assertThat(changes.view(number).incidentsCaused()).containsExactly(incident);
    assertThat(audit.of(incident)).extracting(AuditEntry::action, AuditEntry::detail)
        .contains(tuple(AuditAction.CAUSED_BY_CHANGE, number));
    assertThat(instance).isWaitingAt(REVIEW).variables().containsEntry(ChangeProcess.Variables.CAUSED_INCIDENT, incident);
    assertThat(tickets.get(number).state()).isEqualTo(ChangeState.REVIEW);

    driver.complete(instance, REVIEW, CHRIS, Map.of(ChangeProcess.Variables.REVIEW_NOTES, "Test the restart on staging first."));

    assertThat(instance).hasPassedInOrder(PLANNED_START, IMPLEMENT, BACK_OUT, OPEN_INCIDENT, REVIEW, CLOSED).isEnded();
    assertThat(tickets.get(number)).extracting(Change::state, Change::backoutNotes, Change::causedIncident)
        .containsExactly(ChangeState.FAILED, "Reset and restarted; production as before.", incident);
    assertThat(audit.of(number)).extracting(AuditEntry::action).containsSubsequence(
        AuditAction.IMPLEMENTATION_STARTED, AuditAction.IMPLEMENTATION_FAILED, AuditAction.BACKED_OUT, AuditAction.INCIDENT_CAUSED,
        AuditAction.REVIEWED, AuditAction.CLOSED);
    assertThat(audit.of(number)).filteredOn(e -> e.action() == AuditAction.CLOSED).singleElement()
        .extracting(AuditEntry::detail).isEqualTo("failed and backed out: " + incident);
  }

  @Test
  void anIncidentMarkedInTriageAsCausedByAChangeIsListedOnTheChange() {
    OffsetDateTime[] window = driver.windowOutsideFreeze(Duration.ofDays(15), Duration.ofHours(1));
    String number = driver.request(ChangeDriver.request(ChangeType.NORMAL, null, List.of("vpn-gw-01"), window, null, null), DAVE)
        .change().number();
    ProcessInstance change = driver.instance(number);
    driver.riskIs(change, Risk.LOW);
    driver.vote(change, CHRIS, CHANGE_MANAGERS, "APPROVE", null);
    driver.implementAndReview(change, NINA, CHRIS, true);

    ProcessInstance incident = incidents.report("VPN drops every connection after ten minutes", "vpn-gw-01", Level.MEDIUM, Level.MEDIUM);
    incidents.classify(incident, "NETWORK", "remote-access", Level.MEDIUM, Level.MEDIUM);
    VigilGroup group = VigilGroup.byId(incidents.ticket(incident).resolverGroup()).orElseThrow();
    Map<String, Object> triage = new HashMap<>(Map.of(IncidentProcess.Variables.TRIAGE_OUTCOME, "RESOLVE",
        IncidentProcess.Variables.CAUSED_BY_CHANGE, "CHG-999999"));

    assertThatThrownBy(() -> incidents.triage(incident, "net.nick", group, triage))
        .hasMessageContaining("causedByChange: no change CHG-999999");
    assertThat(incidents.ticket(incident).causedByChange()).isNull();

    triage.put(IncidentProcess.Variables.CAUSED_BY_CHANGE, number);
    incidents.triage(incident, "net.nick", group, triage);

    assertThat(incidents.ticket(incident).causedByChange()).isEqualTo(number);
    assertThat(changes.view(number).incidentsCaused()).containsExactly(incident.getBusinessKey());
    assertThat(audit.of(number)).extracting(AuditEntry::action, AuditEntry::actor, AuditEntry::detail)
        .contains(tuple(AuditAction.INCIDENT_CAUSED, "net.nick", incident.getBusinessKey() + " (found in triage)"));
    assertThat(audit.of(incident.getBusinessKey())).extracting(AuditEntry::action, AuditEntry::detail)
        .contains(tuple(AuditAction.CAUSED_BY_CHANGE, number));
  }

  /** The service's answer to a refused request: 422 naming the field. */
  private static void unprocessable(ThrowingCallable request, String field, String messageStart) {
    assertThatThrownBy(request).isInstanceOfSatisfying(UnprocessableException.class, e -> {
      assertThat(e.field()).isEqualTo(field);
      assertThat(e.getMessage()).startsWith(messageStart);
    });
  }

  /** The engine refused a step: a BadUserRequestException (Tasklist's 400) somewhere in the chain. */
  private static void refused(ThrowingCallable step, String messageStart) {
    refused(step, BadUserRequestException.class, messageStart);
  }

  private static void refused(ThrowingCallable step, Class<? extends BadUserRequestException> type, String messageStart) {
    Throwable thrown = catchThrowable(step);
    assertThat(thrown).as("refused: " + messageStart).isNotNull();
    assertThat(Causes.find(thrown, type)).as(thrown.toString()).get()
        .extracting(Throwable::getMessage).asString().startsWith(messageStart);
  }
}
