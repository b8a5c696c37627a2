package io.vigil.oncall;

import static io.vigil.oncall.contract.PagingProcess.Elements.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.init;

import io.vigil.audit.AuditAction;
import io.vigil.audit.AuditEntry;
import io.vigil.audit.AuditTrail;
import io.vigil.incident.IncidentDriver;
import io.vigil.incident.IncidentRepository;
import io.vigil.incident.MonitoredIncidents;
import io.vigil.incident.ReportIncidentRequest;
import io.vigil.incident.IncidentService;
import io.vigil.incident.IncidentView;
import io.vigil.incident.contract.IncidentProcess;
import io.vigil.incident.contract.Level;
import io.vigil.notify.contract.NotificationProcess;
import io.vigil.notify.contract.Notifications;
import io.vigil.oncall.contract.PagingProcess;
import io.vigil.security.VigilGroup;
import io.vigil.testing.ProcessTest;
import io.vigil.testing.TestClock;
import io.vigil.ticket.TicketActor;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAdjusters;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * One test per scenario of on-call-paging.bpmn, started by the incident model when an incident
 * reaches a group: on the real engine, rotas and tables, the test playing the part of time (it runs
 * the timers' jobs) and of the people who acknowledge.
 */
@ProcessTest
class OnCallPagingProcessIT {

  /** The group whose rota the scenarios set; no other test pages infrastructure's on-call. */
  private static final String GROUP = "infrastructure";

  @Autowired ProcessEngine engine;
  @Autowired IncidentService incidents;
  @Autowired IncidentRepository tickets;
  @Autowired AuditTrail audit;
  @Autowired TestClock clock;
  @Autowired OnCallRotas rotas;
  @Autowired MonitoredIncidents monitored;
  @Autowired TransactionTemplate transaction;

  IncidentDriver driver;

  @BeforeEach
  void setUp() {
    init(engine);
    driver = new IncidentDriver(engine, incidents, tickets);
    member("infra.ines");
    member("infra.olaf");
  }

  @AfterEach
  void restore() {
    clock.reset();
    rotas.replace(GROUP, weekly("infra.ivan"), "test");
  }

  @Test
  void theOnCallIsPagedAndTakingTheIncidentAcknowledges() {
    rotas.replace(GROUP, weekly("infra.ivan", List.of("infra.ines")), "test");
    ProcessInstance incident = routed(Level.HIGH, Level.HIGH);

    ProcessInstance paging = paging(incident);
    assertThat(paging).hasPassed(DECIDE, PAGE_PRIMARY).isWaitingAt(AWAIT_PRIMARY);
    assertThat(engine.getRuntimeService().getVariable(paging.getId(), PagingProcess.Variables.ACKNOWLEDGE_WITHIN)).isEqualTo("PT5M");
    assertThat(pageNotifications(incident)).containsExactly("user:infra.ivan");

    driver.claim(incident, IncidentProcess.Elements.TRIAGE, "infra.ivan", VigilGroup.INFRASTRUCTURE);

    assertThat(paging).hasPassed(PRIMARY_ACKNOWLEDGED).isEnded();
    IncidentView view = incidents.view(incident.getBusinessKey());
    assertThat(view.pagedUsers()).containsExactly("infra.ivan");
    assertThat(view.acknowledgedBy()).isEqualTo("infra.ivan");
    assertThat(pagingTrail(incident)).extracting(AuditEntry::action, AuditEntry::actor)
        .containsExactly(tuple(AuditAction.PAGED, "vigil"),
            tuple(AuditAction.PAGE_ACKNOWLEDGED, "infra.ivan"));
  }

  @Test
  void nobodyAcknowledgesSoTheSecondaryThenTheIncidentManagersArePaged() {
    rotas.replace(GROUP, weekly("infra.ivan", List.of("infra.ines")), "test");
    ProcessInstance incident = routed(Level.HIGH, Level.MEDIUM);
    ProcessInstance paging = paging(incident);
    assertThat(engine.getRuntimeService().getVariable(paging.getId(), PagingProcess.Variables.ACKNOWLEDGE_WITHIN)).isEqualTo("PT15M");

    // The rota changes while infra.ivan is paged: the next page goes to whoever is secondary now.
    rotas.replace(GROUP, weekly("infra.ivan", List.of("infra.olaf")), "test");
    fireTimer(paging);
    assertThat(paging).hasPassed(PRIMARY_TIMED_OUT, PAGE_SECONDARY).isWaitingAt(AWAIT_SECONDARY);

    fireTimer(paging);
    assertThat(paging).hasPassed(SECONDARY_TIMED_OUT, PAGE_INCIDENT_MANAGERS, INCIDENT_MANAGERS_PAGED).isEnded();

    assertThat(pageNotifications(incident)).containsExactly("user:infra.ivan", "user:infra.olaf", "incident-managers");
    assertThat(incidents.view(incident.getBusinessKey()).pagedUsers()).containsExactly("infra.ivan", "infra.olaf", "im.ian");
    assertThat(pagingTrail(incident)).extracting(AuditEntry::action)
        .containsExactly(AuditAction.PAGED, AuditAction.PAGED, AuditAction.PAGED);
    assertThat(pagingTrail(incident)).extracting(AuditEntry::detail).satisfiesExactly(
        d -> assertThat(d).startsWith("infra.ivan, primary on-call of infrastructure; acknowledge within PT15M"),
        d -> assertThat(d).startsWith("infra.olaf, secondary on-call of infrastructure"),
        d -> assertThat(d).contains("im.ian").contains("incident managers"));

    incidents.acknowledge(incident.getBusinessKey(), new TicketActor("im.ian", List.of(VigilGroup.INCIDENT_MANAGERS.id())));
    assertThat(incidents.view(incident.getBusinessKey()).acknowledgedBy()).isEqualTo("im.ian");
  }

  @Test
  void withoutASecondaryTheIncidentManagersArePagedNext() {
    rotas.replace(GROUP, weekly("infra.ivan"), "test");
    ProcessInstance incident = routed(Level.HIGH, Level.HIGH);
    ProcessInstance paging = paging(incident);

    fireTimer(paging);

    assertThat(paging).hasPassed(PAGE_SECONDARY, PAGE_INCIDENT_MANAGERS).hasNotPassed(AWAIT_SECONDARY).isEnded();
    assertThat(pagingTrail(incident)).extracting(AuditEntry::action)
        .containsExactly(AuditAction.PAGED, AuditAction.PAGE_SKIPPED, AuditAction.PAGED);
  }

  @Test
  void acknowledgingOverTheApiStopsThePaging() {
    rotas.replace(GROUP, weekly("infra.ivan", List.of("infra.ines")), "test");
    ProcessInstance incident = routed(Level.HIGH, Level.HIGH);
    ProcessInstance paging = paging(incident);

    IncidentView view = incidents.acknowledge(incident.getBusinessKey(),
        new TicketActor("infra.ivan", List.of(VigilGroup.INFRASTRUCTURE.id())));

    assertThat(paging).hasPassed(PRIMARY_ACKNOWLEDGED).isEnded();
    assertThat(view.acknowledgedBy()).isEqualTo("infra.ivan");
    assertThat(engine.getManagementService().createJobQuery().processInstanceId(paging.getId()).count()).isZero();
  }

  @Test
  void anIncidentReassignedToAnotherGroupPagesThatGroupsOnCall() {
    rotas.replace(GROUP, weekly("infra.ivan"), "test");
    ProcessInstance incident = driver.report("Core switch drops packets", null, Level.HIGH, Level.HIGH);
    driver.classify(incident, "NETWORK", "remote-access", Level.HIGH, Level.HIGH);
    ProcessInstance networkPaging = paging(incident);

    driver.triage(incident, "net.nina", VigilGroup.NETWORK, Map.of(
        IncidentProcess.Variables.TRIAGE_OUTCOME, "REASSIGN",
        IncidentProcess.Variables.REASSIGN_TO, GROUP,
        IncidentProcess.Variables.REASSIGN_REASON, "The switch's power supply failed, not its configuration"));

    assertThat(networkPaging).hasPassed(PRIMARY_ACKNOWLEDGED).isEnded();
    assertThat(paging(incident)).isWaitingAt(AWAIT_PRIMARY);
    assertThat(pageNotifications(incident)).containsExactly("user:net.nina", "user:infra.ivan");
    assertThat(incidents.view(incident.getBusinessKey())).extracting(IncidentView::pagedUsers, IncidentView::acknowledgedBy)
        .containsExactly(List.of("net.nina", "infra.ivan"), "net.nina");
  }

  @Test
  void monitoringThatRecoversBeforeAnyoneAcknowledgedWithdrawsThePage() {
    String number = transaction.execute(status -> monitored.open(new ReportIncidentRequest("Orders database unreachable",
        "Orders database unreachable from every node", "Prometheus Alertmanager (vigil)", null, "pg-orders-01", Level.HIGH,
        Level.HIGH), "alertmanager", "DATABASE", null));
    ProcessInstance incident = engine.getRuntimeService().createProcessInstanceQuery().processDefinitionKey(IncidentProcess.KEY)
        .processInstanceBusinessKey(number).singleResult();
    driver.classify(incident, "DATABASE", "checkout", Level.HIGH, Level.HIGH);
    ProcessInstance paging = paging(incident);

    transaction.executeWithoutResult(status -> monitored.recovered(monitored.hold(number).orElseThrow(), "alertmanager",
        "all alerts resolved", true));

    assertThat(paging).hasPassed(PRIMARY_WITHDRAWN).isEnded();
    assertThat(incidents.view(number).acknowledgedBy()).isNull();
  }

  @Test
  void aP3PagesInOfficeHoursOnly() {
    clock.advance(Duration.between(clock.instant(), next(DayOfWeek.SATURDAY, LocalTime.of(3, 0))));
    ProcessInstance atNight = routed(Level.MEDIUM, Level.MEDIUM);
    String nightPaging = latestPaging(atNight);
    assertThat(engine.getHistoryService().createHistoricActivityInstanceQuery().processInstanceId(nightPaging)
        .activityId(NO_PAGE).finished().count()).isOne();
    assertThat(variable(nightPaging, PagingProcess.Variables.IN_OFFICE_HOURS)).isEqualTo(false);
    assertThat(incidents.view(atNight.getBusinessKey()).pagedUsers()).isEmpty();
    assertThat(pageNotifications(atNight)).isEmpty();

    clock.reset();
    clock.advance(Duration.between(clock.instant(), next(DayOfWeek.WEDNESDAY, LocalTime.of(10, 0))));
    ProcessInstance atTen = routed(Level.MEDIUM, Level.MEDIUM);
    assertThat(paging(atTen)).isWaitingAt(AWAIT_PRIMARY);
    assertThat(engine.getRuntimeService().getVariable(paging(atTen).getId(), PagingProcess.Variables.ACKNOWLEDGE_WITHIN)).isEqualTo("PT30M");
  }

  private ProcessInstance routed(Level impact, Level urgency) {
    ProcessInstance instance = driver.report("Hypervisor cluster lost a host", null, impact, urgency);
    driver.classify(instance, "INFRASTRUCTURE", "customer-portal", impact, urgency);
    return instance;
  }

  /** The incident's running paging instance. */
  private ProcessInstance paging(ProcessInstance incident) {
    ProcessInstance running = engine.getRuntimeService().createProcessInstanceQuery().processDefinitionKey(PagingProcess.KEY)
        .processInstanceBusinessKey(incident.getBusinessKey()).singleResult();
    assertThat(running).as("paging of " + incident.getBusinessKey()).isNotNull();
    return running;
  }

  /** The id of the incident's latest paging instance, running or ended. */
  private String latestPaging(ProcessInstance incident) {
    return engine.getHistoryService().createHistoricProcessInstanceQuery().processDefinitionKey(PagingProcess.KEY)
        .processInstanceBusinessKey(incident.getBusinessKey()).orderByProcessInstanceStartTime().desc().list().get(0).getId();
  }

  private void fireTimer(ProcessInstance paging) {
    Job timer = engine.getManagementService().createJobQuery().processInstanceId(paging.getId()).timers().singleResult();
    engine.getManagementService().executeJob(timer.getId());
  }

  /** The audiences of the pages the incident's notifications went to, in order. */
  private List<String> pageNotifications(ProcessInstance incident) {
    return engine.getHistoryService().createHistoricProcessInstanceQuery().processDefinitionKey(NotificationProcess.KEY)
        .processInstanceBusinessKey(incident.getBusinessKey()).orderByProcessInstanceStartTime().asc().list().stream()
        .filter(n -> "on-call-page".equals(variable(n.getId(), Notifications.Variables.TEMPLATE)))
        .map(n -> (String) variable(n.getId(), Notifications.Variables.AUDIENCE))
        .toList();
  }

  private Object variable(String processInstanceId, String name) {
    var variable = engine.getHistoryService().createHistoricVariableInstanceQuery().processInstanceId(processInstanceId)
        .variableName(name).singleResult();
    return variable == null ? null : variable.getValue();
  }

  private List<AuditEntry> pagingTrail(ProcessInstance incident) {
    return audit.of(incident.getBusinessKey()).stream()
        .filter(e -> e.action() == AuditAction.PAGED || e.action() == AuditAction.PAGE_SKIPPED || e.action() == AuditAction.PAGE_ACKNOWLEDGED)
        .toList();
  }

  /** A weekly rota handing over on Mondays, as the demo's, with these people on call. */
  private static RotaRequest weekly(String primary, List<String> secondary) {
    return new RotaRequest("Europe/Berlin", "09:00", "P7D", DemoRotas.START.toString(), List.of(primary), secondary, null);
  }

  private static RotaRequest weekly(String primary) {
    return weekly(primary, List.of());
  }

  private void member(String user) {
    IdentityService identity = engine.getIdentityService();
    if (identity.createUserQuery().userId(user).count() == 0) {
      User created = identity.newUser(user);
      created.setPassword("demo-" + user);
      identity.saveUser(created);
      identity.createMembership(user, GROUP);
    }
  }

  private Instant next(DayOfWeek day, LocalTime time) {
    return ZonedDateTime.ofInstant(clock.instant(), ZoneOffset.UTC).with(TemporalAdjusters.next(day)).with(time).toInstant();
  }
}
