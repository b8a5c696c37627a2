package io.vigil.change;

import static io.vigil.change.ChangeDriver.CARL;
import static io.vigil.change.ChangeDriver.CHRIS;
import static io.vigil.change.ChangeDriver.DAVE;
import static io.vigil.change.contract.ChangeProcess.Elements.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.init;

import io.vigil.audit.AuditAction;
import io.vigil.audit.AuditEntry;
import io.vigil.audit.AuditTrail;
import io.vigil.change.contract.ChangeType;
import io.vigil.change.contract.Risk;
import io.vigil.change.contract.Voting;
import io.vigil.security.VigilGroup;
import io.vigil.testing.ProcessTest;
import io.vigil.ticket.TicketActor;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** One test per scenario of change-management.bpmn, on the real engine, listeners and tables. */
@ProcessTest
class ChangeManagementProcessIT {

  static final TicketActor NINA = new TicketActor("net.nina", List.of(VigilGroup.DATABASE.id()));

  @Autowired ProcessEngine engine;
  @Autowired ChangeService changes;
  @Autowired ChangeRepository tickets;
  @Autowired ChangeCalendar calendar;
  @Autowired AuditTrail audit;

  ChangeDriver driver;

  @BeforeEach
  void setUp() {
    init(engine);
    driver = new ChangeDriver(engine, changes, calendar);
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
    assertThat(driver.approval(instance, VigilGroup.CHANGE_MANAGERS.id())).isNotNull();
    assertThat(driver.approval(instance, VigilGroup.CAB.id())).as("in sequence: the CAB after the change managers").isNull();

    driver.vote(instance, CHRIS, VigilGroup.CHANGE_MANAGERS.id(), "APPROVE", null);
    driver.vote(instance, CARL, VigilGroup.CAB.id(), "APPROVE", "Fine in the window.");
    assertThat(tickets.get(number).state()).isEqualTo(ChangeState.SCHEDULED);
    assertThat(instance).isWaitingAt(PLANNED_START);

    driver.implementAndReview(instance, NINA, CHRIS, true);
    assertThat(instance).hasPassedInOrder(GATHER_RISK_FACTORS, ASSESS_RISK, DECIDE_APPROVALS, APPROVE_IN_SEQUENCE, SCHEDULE,
        PLANNED_START, IMPLEMENT, REVIEW, CLOSED).isEnded();
    assertThat(tickets.get(number)).extracting(Change::state, Change::implementedBy).containsExactly(ChangeState.CLOSED, "net.nina");
    assertThat(audit.of(number)).extracting(AuditEntry::action).containsExactly(
        AuditAction.REQUESTED, AuditAction.SLA_STARTED, AuditAction.RISK_ASSESSED, AuditAction.APPROVALS_DECIDED,
        AuditAction.APPROVED, AuditAction.APPROVED, AuditAction.SLA_STOPPED, AuditAction.SCHEDULED,
        AuditAction.IMPLEMENTATION_STARTED, AuditAction.IMPLEMENTED, AuditAction.REVIEWED, AuditAction.CLOSED);
  }
}
