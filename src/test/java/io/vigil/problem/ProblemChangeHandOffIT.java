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
import io.vigil.change.ChangeState;
import io.vigil.change.contract.ChangeType;
import io.vigil.change.contract.Risk;
import io.vigil.problem.contract.ProblemProcess;
import io.vigil.security.VigilGroup;
import io.vigil.testing.ProcessTest;
import io.vigil.ticket.TicketActor;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The hand-off between problem-management.bpmn and change-management.bpmn beyond the happy path
 * (ProblemManagementProcessIT): a fix change that fails or is rejected sends the problem back to
 * its fix step, and the fix step adopts a change raised for the problem already.
 */
@ProcessTest
class ProblemChangeHandOffIT {

  static final TicketActor PAULA = new TicketActor("pm.paula", List.of(VigilGroup.PROBLEM_MANAGERS.id()));
  static final String WORKER = "process-test-worker";
  static final String CHANGE_MANAGERS = VigilGroup.CHANGE_MANAGERS.id();

  @Autowired ProcessEngine engine;
  @Autowired ProblemService problems;
  @Autowired ProblemRepository tickets;
  @Autowired AuditTrail audit;
  @Autowired ChangeService changes;
  @Autowired ChangeCalendar calendar;

  ChangeDriver changeDriver;

  @BeforeEach
  void setUp() {
    init(engine);
    changeDriver = new ChangeDriver(engine, changes, calendar);
  }

  @Test
  void aFailedFixChangeSendsTheProblemBackToItsFixStepAndTheNextChangeFixesIt() {
    String number = knownError("Payment gateway drops connections at the evening peak", "payments");
    ProcessInstance instance = instance(number);

    String first = requestFix(instance, changeDriver.windowOutsideFreeze(Duration.ofDays(20), Duration.ofHours(1)));
    ProcessInstance failing = changeDriver.instance(first);
    changeDriver.riskIs(failing, Risk.LOW);
    changeDriver.vote(failing, ChangeDriver.CHRIS, CHANGE_MANAGERS, "APPROVE", null);
    changeDriver.implementAndReview(failing, ChangeDriver.DAVE, ChangeDriver.CHRIS, false);

    assertThat(changes.change(first).state()).isEqualTo(ChangeState.FAILED);
    assertThat(instance).hasPassedInOrder(REQUEST_FIX_CHANGE, FIX_CHANGE_FINISHED).hasNotPassed(RESOLVE_INCIDENTS)
        .isWaitingAt(REQUEST_FIX_CHANGE);
    assertThat(tickets.get(number).state()).as("a known error again").isEqualTo(ProblemState.KNOWN_ERROR);
    assertThat(audit.of(number)).extracting(AuditEntry::action, AuditEntry::detail).contains(
        tuple(AuditAction.FIX_CHANGE_FINISHED, first + " failed: the fix is not in production"),
        tuple(AuditAction.FIX_IMPLEMENTED, "not in production: " + first + " did not bring it; a new change is needed"));

    String second = requestFix(instance, changeDriver.windowOutsideFreeze(Duration.ofDays(21), Duration.ofHours(1)));
    assertThat(second).isNotEqualTo(first);
    ProcessInstance fixing = changeDriver.instance(second);
    changeDriver.riskIs(fixing, Risk.LOW);
    changeDriver.vote(fixing, ChangeDriver.CHRIS, CHANGE_MANAGERS, "APPROVE", null);
    changeDriver.implementAndReview(fixing, ChangeDriver.DAVE, ChangeDriver.CHRIS, true);

    assertThat(tickets.get(number)).extracting(Problem::state, Problem::change).containsExactly(ProblemState.RESOLVED, second);
    assertThat(instance).isWaitingAt(REVIEW);
    assertThat(audit.of(number)).extracting(AuditEntry::action, AuditEntry::detail).containsSubsequence(
        tuple(AuditAction.FIX_CHANGE_RAISED, first), tuple(AuditAction.FIX_CHANGE_RAISED, second),
        tuple(AuditAction.FIX_IMPLEMENTED, second + " implemented"));
  }

  @Test
  void theFixStepAdoptsAChangeRaisedForTheProblemAndRefusesAnyOther() {
    String number = knownError("Order confirmations are sent twice", "email");
    String other = problems.open(new OpenProblemRequest("Mailboxes fill up overnight", "The archive job stopped.", "email", null, null),
        PAULA).problem().number();
    ProcessInstance instance = instance(number);
    String own = changes.request(ChangeDriver.request(ChangeType.NORMAL, null, List.of("mail-01"),
        changeDriver.windowOutsideFreeze(Duration.ofDays(22), Duration.ofHours(1)), null, number), ChangeDriver.DAVE).change().number();
    String foreign = changes.request(ChangeDriver.request(ChangeType.NORMAL, null, List.of("mail-01"),
        changeDriver.windowOutsideFreeze(Duration.ofDays(23), Duration.ofHours(1)), null, other), ChangeDriver.DAVE).change().number();
    String closed = closedStandardChange();
    assertThat(tickets.get(number).change()).as("raised for it through the API").isEqualTo(own);

    assertThatThrownBy(() -> complete(instance, REQUEST_FIX_CHANGE, adopting(foreign)))
        .hasMessageContaining("changeNumber: " + foreign + " brings the fix of " + other);
    assertThatThrownBy(() -> complete(instance, REQUEST_FIX_CHANGE, adopting("CHG-999999")))
        .hasMessageContaining("changeNumber: no change CHG-999999");
    assertThatThrownBy(() -> complete(instance, REQUEST_FIX_CHANGE, adopting(closed)))
        .hasMessageContaining("changeNumber: " + closed + " is CLOSED; raise a new change");
    assertThat(tickets.get(number).state()).as("refused fix steps change nothing").isEqualTo(ProblemState.KNOWN_ERROR);
    assertThat(changes.change(foreign).problem()).isEqualTo(other);

    complete(instance, REQUEST_FIX_CHANGE, adopting(own));

    assertThat(tickets.get(number)).extracting(Problem::state, Problem::change).containsExactly(ProblemState.FIX_IN_PROGRESS, own);
    assertThat(instance).isWaitingAt(FIX_CHANGE_FINISHED);
    assertThat(audit.of(number)).as("no change raised by the fix step").filteredOn(e -> e.action() == AuditAction.FIX_CHANGE_RAISED)
        .extracting(AuditEntry::detail).containsOnly(own);
    ProcessInstance change = changeDriver.instance(own);
    changeDriver.riskIs(change, Risk.LOW);
    changeDriver.vote(change, ChangeDriver.CHRIS, CHANGE_MANAGERS, "APPROVE", null);
    changeDriver.implementAndReview(change, ChangeDriver.DAVE, ChangeDriver.CHRIS, true);

    assertThat(tickets.get(number)).extracting(Problem::state, Problem::change).containsExactly(ProblemState.RESOLVED, own);
    assertThat(instance).hasPassed(FIX_CHANGE_FINISHED, RESOLVE_INCIDENTS).isWaitingAt(REVIEW);
    assertThat(instance(other)).as("the other problem is not disturbed").isWaitingAt(ASSESS);
  }

  @Test
  void theFixStepAdoptsAChangeRaisedForNoProblemAndMarksItAsTheFix() {
    String number = knownError("Session store evicts logged-in users", "customer-portal");
    ProcessInstance instance = instance(number);
    String loose = changes.request(ChangeDriver.request(ChangeType.NORMAL, null, List.of("portal-web"),
        changeDriver.windowOutsideFreeze(Duration.ofDays(26), Duration.ofHours(1)), null, null), ChangeDriver.DAVE).change().number();
    assertThat(changes.change(loose).problem()).isNull();

    complete(instance, REQUEST_FIX_CHANGE, adopting(loose));

    assertThat(changes.change(loose).problem()).isEqualTo(number);
    assertThat(engine.getRuntimeService().getVariable(changeDriver.instance(loose).getId(),
        io.vigil.change.contract.ChangeProcess.Variables.PROBLEM)).isEqualTo(number);
    assertThat(tickets.get(number)).extracting(Problem::state, Problem::change).containsExactly(ProblemState.FIX_IN_PROGRESS, loose);
    ProcessInstance change = changeDriver.instance(loose);
    changeDriver.riskIs(change, Risk.LOW);
    changeDriver.vote(change, ChangeDriver.CHRIS, CHANGE_MANAGERS, "APPROVE", null);
    changeDriver.implementAndReview(change, ChangeDriver.DAVE, ChangeDriver.CHRIS, true);
    assertThat(tickets.get(number).state()).isEqualTo(ProblemState.RESOLVED);
    assertThat(instance).isWaitingAt(REVIEW);
  }

  @Test
  void aRejectedFixChangeOpensTheFixStepAgain() {
    String number = knownError("Reports time out on the warehouse", "data-platform");
    ProcessInstance instance = instance(number);
    String rejected = requestFix(instance, changeDriver.windowOutsideFreeze(Duration.ofDays(24), Duration.ofHours(1)));
    assertThat(instance).isWaitingAt(FIX_CHANGE_FINISHED);
    ProcessInstance change = changeDriver.instance(rejected);
    changeDriver.riskIs(change, Risk.MEDIUM);

    changeDriver.vote(change, ChangeDriver.CHRIS, CHANGE_MANAGERS, "REJECT", "Not in the week of the quarterly close.");

    assertThat(changes.change(rejected).state()).isEqualTo(ChangeState.REJECTED);
    assertThat(instance).hasPassed(FIX_CHANGE_FINISHED).isWaitingAt(REQUEST_FIX_CHANGE);
    assertThat(tickets.get(number).state()).isEqualTo(ProblemState.KNOWN_ERROR);
    assertThat(audit.of(number)).extracting(AuditEntry::action, AuditEntry::detail)
        .contains(tuple(AuditAction.FIX_CHANGE_FINISHED, rejected + " rejected: the fix is not in production"));
    assertThat(engine.getRuntimeService().getVariable(instance.getId(), ProblemProcess.Variables.CHANGE_NUMBER))
        .as("the fix step opens blank").isNull();
  }

  /** Opened on the service, accepted, analysed and recorded as a known error: waiting at its fix step. */
  private String knownError(String title, String service) {
    String number = problems.open(new OpenProblemRequest(title, title + ", three times this month.", service, null, null), PAULA)
        .problem().number();
    ProcessInstance instance = instance(number);
    complete(instance, ASSESS, Map.of(ProblemProcess.Variables.ASSESSMENT, "ACCEPT", ProblemProcess.Variables.PRIORITY, "P2"));
    var locked = engine.getExternalTaskService().fetchAndLock(1, WORKER)
        .topic(ProblemProcess.Topics.RCA, 60_000).businessKey(number).execute();
    assertThat(locked).hasSize(1);
    engine.getExternalTaskService().complete(locked.get(0).getId(), WORKER,
        Map.of(ProblemProcess.Variables.GATHERED_EVIDENCE, "Three incidents."));
    complete(instance, ANALYSE_ROOT_CAUSE, Map.of(ProblemProcess.Variables.CAUSE_CATEGORY, "CAPACITY",
        ProblemProcess.Variables.ROOT_CAUSE, "A pool too small for the peak.",
        ProblemProcess.Variables.CORRECTIVE_ACTION, "Raise the pool."));
    complete(instance, RECORD_KNOWN_ERROR, Map.of(ProblemProcess.Variables.SYMPTOMS, "Time-outs at the peak.",
        ProblemProcess.Variables.WORKAROUND, "Restart the connector."));
    assertThat(instance).isWaitingAt(REQUEST_FIX_CHANGE);
    assertThat(tickets.get(number).state()).isEqualTo(ProblemState.KNOWN_ERROR);
    return number;
  }

  /** The fix step raises a normal change on the payment gateway: the problem waits for it. */
  private String requestFix(ProcessInstance instance, OffsetDateTime[] window) {
    Map<String, Object> fix = fixStep();
    fix.put(ProblemProcess.Variables.FIX_CHANGE_TYPE, "NORMAL");
    fix.put(ProblemProcess.Variables.FIX_CIS, "pay-gw");
    fix.put(ProblemProcess.Variables.FIX_PLANNED_START, window[0].toString());
    fix.put(ProblemProcess.Variables.FIX_PLANNED_END, window[1].toString());
    fix.put(ProblemProcess.Variables.FIX_IMPLEMENTATION_PLAN, "Raise the pool in the gateway's settings and restart it.");
    fix.put(ProblemProcess.Variables.FIX_BACKOUT_PLAN, "Put the old settings back and restart.");
    fix.put(ProblemProcess.Variables.FIX_IMPLEMENTER_GROUP, VigilGroup.DATABASE.id());
    complete(instance, REQUEST_FIX_CHANGE, fix);
    Problem problem = tickets.get(instance.getBusinessKey());
    assertThat(problem.state()).isEqualTo(ProblemState.FIX_IN_PROGRESS);
    assertThat(instance).isWaitingAt(FIX_CHANGE_FINISHED);
    return problem.change();
  }

  private static Map<String, Object> adopting(String change) {
    Map<String, Object> fix = fixStep();
    fix.put(ProblemProcess.Variables.CHANGE_NUMBER, change);
    return fix;
  }

  private static Map<String, Object> fixStep() {
    Map<String, Object> fix = new HashMap<>();
    fix.put(ProblemProcess.Variables.FIX_NOTES, "The pool is raised to 200 connections.");
    fix.put(ProblemProcess.Variables.INCIDENT_HANDLING, "RESOLVE");
    return fix;
  }

  /** A standard change from its template, implemented and closed. */
  private String closedStandardChange() {
    String number = changes.request(ChangeDriver.request(ChangeType.STANDARD, "db-minor-upgrade", List.of("pg-orders-01"),
        changeDriver.windowOutsideFreeze(Duration.ofDays(25), Duration.ofHours(1)), null, null), ChangeDriver.DAVE).change().number();
    ProcessInstance change = changeDriver.instance(number);
    changeDriver.riskIs(change, Risk.LOW);
    changeDriver.implementAndReview(change, ChangeDriver.DAVE, ChangeDriver.CHRIS, true);
    assertThat(changes.change(number).state()).isEqualTo(ChangeState.CLOSED);
    return number;
  }

  private ProcessInstance instance(String number) {
    return engine.getRuntimeService().createProcessInstanceQuery().processInstanceBusinessKey(number).singleResult();
  }

  private void complete(ProcessInstance instance, String elementId, Map<String, Object> variables) {
    Task task = engine.getTaskService().createTaskQuery().processInstanceId(instance.getId()).taskDefinitionKey(elementId).singleResult();
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
}
