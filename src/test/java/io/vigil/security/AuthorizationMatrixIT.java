package io.vigil.security;

import static io.restassured.RestAssured.given;
import static io.vigil.security.AuthorizationMatrixIT.Role.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.DynamicContainer.dynamicContainer;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.vigil.change.ChangeCalendar;
import io.vigil.change.ChangeDriver;
import io.vigil.change.ChangeService;
import io.vigil.incident.IncidentDriver;
import io.vigil.incident.IncidentRepository;
import io.vigil.incident.IncidentService;
import io.vigil.incident.contract.IncidentProcess;
import io.vigil.testing.VigilTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.ExternalTaskService;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.authorization.Groups;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;

/**
 * The security model as a whole (issue 14): every role against every endpoint of Vigil's API, the
 * engine's REST API as Tasklist and the workers use it, the webapps, the actuator and the API's
 * description; one dynamic test per cell, named after it, so that one run lists every wrong cell.
 *
 * <p>A row names the roles it lets through and what they get; every role it does not name is
 * refused: 401 without an account (or, for the webapps, without a session), 403 with one. A write
 * that would change something for good is sent so that the change cannot happen, and still shows
 * that the role got past security: a body the API refuses (400), a ticket that does not exist (404),
 * a task input the ticket refuses (400), or a fresh process instance of a probe process of the
 * test's own. The few writes that do happen are idempotent (a comment, a heartbeat's ping, claiming
 * a task for the analyst who already holds it) or undone after the cell (users, groups, grants).
 * A new endpoint is one more row: its method, path and body, and whom it lets through.
 */
@VigilTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuthorizationMatrixIT {

  /** Who calls: nobody, a demo user of each group, the administrator, the workers' account, the intake tokens. */
  enum Role {
    ANONYMOUS(null),
    SERVICE_DESK("sd.anna", DemoUsers.PASSWORD),
    NETWORK("net.nina", DemoUsers.PASSWORD),
    DATABASE("db.dave", DemoUsers.PASSWORD),
    APPLICATION_SUPPORT("app.alex", DemoUsers.PASSWORD),
    INFRASTRUCTURE("infra.ivan", DemoUsers.PASSWORD),
    SECURITY("sec.sam", DemoUsers.PASSWORD),
    DEVELOPMENT("dev.dana", DemoUsers.PASSWORD),
    INCIDENT_MANAGER("im.ian", DemoUsers.PASSWORD),
    PROBLEM_MANAGER("pm.paula", DemoUsers.PASSWORD),
    CHANGE_MANAGER("cm.chris", DemoUsers.PASSWORD),
    CAB("cab.carl", DemoUsers.PASSWORD),
    AUDITOR("audit.ada", DemoUsers.PASSWORD),
    PROCESS_OWNER("po.pat", DemoUsers.PASSWORD),
    ADMIN("admin", "demo"),
    WORKERS("vigil-worker", "demo-worker"),
    ALERTS_TOKEN("demo-alerts"),
    HEARTBEATS_TOKEN("demo-heartbeats"),
    FORGED_TOKEN("not-a-vigil-token");

    final String user;
    final String password;
    final String token;

    /** An account: HTTP Basic. */
    Role(String user, String password) {
      this.user = user;
      this.password = password;
      this.token = null;
    }

    /** A bearer token, or nothing at all. */
    Role(String token) {
      this.user = null;
      this.password = null;
      this.token = token;
    }

    boolean hasAccount() {
      return user != null;
    }

    RequestSpecification authenticate(RequestSpecification request) {
      if (user != null) {
        return request.auth().preemptive().basic(user, password);
      }
      return token == null ? request : request.header("Authorization", "Bearer " + token);
    }

    @Override
    public String toString() {
      return user != null ? user : name().toLowerCase().replace('_', ' ');
    }
  }

  // --- who is who ------------------------------------------------------------------------------------------------

  static final Set<Role> EVERYONE = EnumSet.allOf(Role.class);
  static final Set<Role> NO_ACCOUNT = EnumSet.of(ANONYMOUS, ALERTS_TOKEN, HEARTBEATS_TOKEN, FORGED_TOKEN);
  static final Set<Role> ACCOUNTS = EnumSet.complementOf(EnumSet.copyOf(NO_ACCOUNT));
  static final Set<Role> RESOLVERS = EnumSet.range(SERVICE_DESK, DEVELOPMENT);
  /** The groups that work in Tasklist. */
  static final Set<Role> ANALYSTS = except(EnumSet.range(SERVICE_DESK, PROCESS_OWNER), AUDITOR);
  /** Everyone with a person's account: they sign into the webapps. */
  static final Set<Role> PEOPLE = EnumSet.range(SERVICE_DESK, ADMIN);
  /** Auditors, managers, the CAB, process owners and admins: the ticket history (ADR 24). */
  static final Set<Role> HISTORY_READERS =
      EnumSet.of(INCIDENT_MANAGER, PROBLEM_MANAGER, CHANGE_MANAGER, CAB, AUDITOR, PROCESS_OWNER, ADMIN);
  static final Set<Role> TICKET_WRITERS = except(PEOPLE, AUDITOR);
  static final Set<Role> CHANGE_REQUESTERS = union(RESOLVERS, EnumSet.of(CHANGE_MANAGER, PROBLEM_MANAGER, ADMIN));
  /** Who keeps the database group's on-call rota: its members, the incident managers, admins. */
  static final Set<Role> DATABASE_ROTA_KEEPERS = EnumSet.of(DATABASE, INCIDENT_MANAGER, ADMIN);
  /** Without a webapp session: no account, or an account no webapp lets in. */
  static final Set<Role> NO_SESSION = union(NO_ACCOUNT, EnumSet.of(WORKERS));

  // --- bodies ----------------------------------------------------------------------------------------------------

  /** A body every write of Vigil's API refuses (400): who gets it got past security. */
  static final String REFUSED = "{}";
  static final String COMMENT = "{\"text\":\"Seen in the authorization matrix.\"}";
  static final String CANCELLATION = "{\"reason\":\"Not needed any more.\"}";
  /** A resolved alert that never fired here: recorded as unmatched, nothing else. */
  static final String RESOLVED_ALERT = "{\"version\":\"4\",\"groupKey\":\"{}:{alertname=\\\"AuthorizationMatrix\\\"}\","
      + "\"status\":\"resolved\",\"receiver\":\"vigil\",\"alerts\":[{\"status\":\"resolved\","
      + "\"labels\":{\"alertname\":\"AuthorizationMatrix\"},\"startsAt\":\"2026-01-01T10:00:00Z\","
      + "\"endsAt\":\"2026-01-01T10:05:00Z\",\"fingerprint\":\"a0a0a0a0a0a0a0a0\"}]}";
  /** Claiming for the analyst who already holds the task: allowed, it changes nothing. */
  static final String CLAIM_FOR_DAVE = "{\"userId\":\"db.dave\"}";
  /** A triage without its outcome: the ticket refuses it (400) and the task stays open. */
  static final String NO_VARIABLES = "{}";
  static final String PROBE_WORKER = "authorization-matrix";
  static final String PROBE_PROCESS = "authorization-matrix-probe";
  static final String PROBE_TOPIC = "authorization-matrix.probe";
  /** Asks for the external task of a probe started for the cell: the role gets it, or sees nothing. */
  static final String FETCH_PROBE = "{\"workerId\":\"" + PROBE_WORKER + "\",\"maxTasks\":1,"
      + "\"topics\":[{\"topicName\":\"" + PROBE_TOPIC + "\",\"lockDuration\":60000,\"businessKey\":\"{freshProbeKey}\"}]}";
  static final String COMPLETE_PROBE = "{\"workerId\":\"" + PROBE_WORKER + "\"}";
  static final String A_STRING = "{\"value\":\"checked\",\"type\":\"String\"}";
  static final String STILL_ACTIVE = "{\"suspended\":false,\"includeProcessInstances\":false}";
  static final String PRIORITY_INPUTS = "{\"variables\":{\"impact\":{\"value\":\"LOW\",\"type\":\"String\"},"
      + "\"urgency\":{\"value\":\"LOW\",\"type\":\"String\"}}}";
  static final String MALLORY = "matrix.mallory";
  static final String NEW_USER = "{\"profile\":{\"id\":\"" + MALLORY + "\",\"firstName\":\"Mallory\",\"lastName\":\"Matrix\"},"
      + "\"credentials\":{\"password\":\"" + UUID.randomUUID() + "\"}}";
  /** Ada's profile as it is: every user holds Camunda's grant on their own account (profile, password). */
  static final String ADAS_PROFILE =
      "{\"id\":\"audit.ada\",\"firstName\":\"Ada\",\"lastName\":\"Auditor\",\"email\":\"audit.ada@example.com\"}";
  static final String NEW_GROUP_ID = "matrix-group";
  static final String NEW_GROUP = "{\"id\":\"" + NEW_GROUP_ID + "\",\"name\":\"Authorization matrix\",\"type\":\"WORKFLOW\"}";
  static final String GRANTED_RESOURCE = "authorization-matrix";
  static final String NEW_GRANT = "{\"type\":1,\"permissions\":[\"ALL\"],\"userId\":\"audit.ada\",\"resourceType\":0,"
      + "\"resourceId\":\"" + GRANTED_RESOURCE + "\"}";
  /** A deployment the engine cannot parse: 400 once the caller may deploy, and nothing is deployed. */
  static final Multipart BROKEN_MODEL = new Multipart("broken.bpmn", "this is not BPMN");
  private static final ObjectMapper JSON = new ObjectMapper();

  @Value("${server.port}") int port;
  @Autowired ProcessEngine engine;
  @Autowired RuntimeService runtime;
  @Autowired RepositoryService repository;
  @Autowired ExternalTaskService externalTasks;
  @Autowired IdentityService identity;
  @Autowired AuthorizationService authorizations;
  @Autowired FilterService filters;
  @Autowired IncidentService incidentService;
  @Autowired IncidentRepository incidentRepository;
  @Autowired ChangeService changeService;
  @Autowired ChangeCalendar changeCalendar;

  /** What the rows' placeholders stand for: the tickets, tasks and monitors opened for the matrix. */
  private final Map<String, String> fixtures = new HashMap<>();
  /** Placeholders that stand for something new in each cell. */
  private final Map<String, Supplier<String>> fresh = Map.of(
      "freshProbe", () -> startProbe().getId(),
      "freshProbeKey", () -> startProbe().getBusinessKey(),
      "lockedProbeTask", this::lockedProbeTask);
  private final Map<Role, WebappSession> sessions = new EnumMap<>(Role.class);
  private String probeDeployment;

  // --- the matrix ------------------------------------------------------------------------------------------------

  private List<Row> matrix() {
    return List.of(
        // Vigil's API: every account reads; writes by ticket writers, problems by problem managers, knowledge by the service desk and problem managers
        api(GET, "/api/services").let(ACCOUNTS, 200),
        api(GET, "/api/services/customer-portal").let(ACCOUNTS, 200),
        api(GET, "/api/configuration-items?service=customer-portal").let(ACCOUNTS, 200),
        api(GET, "/api/configuration-items/redis-sessions-01").let(ACCOUNTS, 200),

        api(POST, "/api/incidents", REFUSED).let(TICKET_WRITERS, 400),
        api(GET, "/api/incidents").let(ACCOUNTS, 200),
        api(GET, "/api/incidents/similar?q=session").let(ACCOUNTS, 200),
        api(GET, "/api/incidents/{incident}").let(ACCOUNTS, 200),
        api(POST, "/api/incidents/{incident}/comments", COMMENT).let(TICKET_WRITERS, 201),
        api(GET, "/api/incidents/{incident}/comments").let(ACCOUNTS, 200),
        api(POST, "/api/incidents/{incident}/priority", REFUSED).let(TICKET_WRITERS, 400),
        api(GET, "/api/incidents/{incident}/reassignments").let(ACCOUNTS, 200),
        api(GET, "/api/incidents/{incident}/sla").let(ACCOUNTS, 200),
        api(GET, "/api/incidents/{incident}/audit").let(ACCOUNTS, 200),
        api(GET, "/api/incidents/{incident}/alerts").let(ACCOUNTS, 200),

        // Monitoring intake: each token on its own endpoint only
        api(POST, "/api/alerts/alertmanager", RESOLVED_ALERT).let(ALERTS_TOKEN, 200),
        api(POST, "/api/heartbeats", REFUSED).let(TICKET_WRITERS, 400),
        api(GET, "/api/heartbeats").let(ACCOUNTS, 200),
        api(GET, "/api/heartbeats/{heartbeat}").let(ACCOUNTS, 200),
        api(PUT, "/api/heartbeats/{heartbeat}", REFUSED).let(TICKET_WRITERS, 400),
        api(DELETE, "/api/heartbeats/no-such-job").let(TICKET_WRITERS, 404),
        api(POST, "/api/heartbeats/{heartbeat}").let(TICKET_WRITERS, 200).let(HEARTBEATS_TOKEN, 200),
        api(POST, "/api/heartbeats/no-such-job/fail").let(TICKET_WRITERS, 404).let(HEARTBEATS_TOKEN, 404),

        api(GET, "/api/knowledge?q=matrix").let(ACCOUNTS, 200),
        api(GET, "/api/knowledge/{article}").let(ACCOUNTS, 200),
        api(POST, "/api/knowledge", REFUSED).let(EnumSet.of(SERVICE_DESK, PROBLEM_MANAGER, ADMIN), 400),

        api(POST, "/api/problems", REFUSED).let(EnumSet.of(PROBLEM_MANAGER, ADMIN), 400),
        api(GET, "/api/problems").let(ACCOUNTS, 200),
        api(GET, "/api/problems/{problem}").let(ACCOUNTS, 200),
        api(POST, "/api/problems/{problem}/incidents", REFUSED).let(EnumSet.of(PROBLEM_MANAGER, ADMIN), 400),
        api(DELETE, "/api/problems/{problem}/incidents/INC-999999").let(EnumSet.of(PROBLEM_MANAGER, ADMIN), 404),
        api(GET, "/api/problems/{problem}/sla").let(ACCOUNTS, 200),
        api(GET, "/api/problems/{problem}/audit").let(ACCOUNTS, 200),

        api(POST, "/api/changes", REFUSED).let(CHANGE_REQUESTERS, 400),
        api(GET, "/api/changes").let(ACCOUNTS, 200),
        api(GET, "/api/changes/templates").let(ACCOUNTS, 200),
        api(GET, "/api/changes/calendar").let(ACCOUNTS, 200),
        api(GET, "/api/changes/calendar.ics").let(ACCOUNTS, 200),
        api(GET, "/api/changes/{change}").let(ACCOUNTS, 200),
        api(POST, "/api/changes/{change}/approvals", REFUSED).let(TICKET_WRITERS, 400),
        api(POST, "/api/changes/{change}/implementation", REFUSED).let(TICKET_WRITERS, 400),
        // the change is cancelled already: its requester and the change managers hear so, anyone else may not cancel it
        api(POST, "/api/changes/{change}/cancellation", CANCELLATION).let(TICKET_WRITERS, 403)
            .let(EnumSet.of(DATABASE, CHANGE_MANAGER, ADMIN), 409),
        api(POST, "/api/changes/{change}/incidents", REFUSED).let(TICKET_WRITERS, 400),
        api(GET, "/api/changes/{change}/sla").let(ACCOUNTS, 200),
        api(GET, "/api/changes/{change}/audit").let(ACCOUNTS, 200),

        // On call: every account reads; a group's rota and overrides are kept by the group, the incident managers and admins.
        // The rota put is the one the group has: it changes nothing.
        api(GET, "/api/groups/database/rota").let(ACCOUNTS, 200),
        api(GET, "/api/groups/database/rota.ics").let(ACCOUNTS, 200),
        api(GET, "/api/groups/database/on-call").let(ACCOUNTS, 200),
        api(GET, "/api/groups/database/overrides").let(ACCOUNTS, 200),
        api(PUT, "/api/groups/database/rota", "{databaseRota}").let(DATABASE_ROTA_KEEPERS, 200),
        api(PUT, "/api/groups/auditors/rota", "{databaseRota}").let(EnumSet.of(INCIDENT_MANAGER, ADMIN), 404),
        api(POST, "/api/groups/database/overrides", REFUSED).let(DATABASE_ROTA_KEEPERS, 400),
        api(DELETE, "/api/groups/database/overrides/999999999").let(DATABASE_ROTA_KEEPERS, 404),
        // People with their addresses, for the notification worker; the delivery ledger: written by the workers, read by auditors
        api(GET, "/api/people/db.dave").let(ACCOUNTS, 200),
        api(GET, "/api/people?group=database").let(ACCOUNTS, 200),
        api(POST, "/api/notifications/deliveries", REFUSED).let(WORKERS, 400),
        api(PUT, "/api/notifications/deliveries/no-such-delivery/sent").let(WORKERS, 404),
        api(GET, "/api/notifications/deliveries?ticket={incident}").let(EnumSet.of(INCIDENT_MANAGER, AUDITOR, ADMIN), 200),

        api(GET, "/api/audit/verify").let(EnumSet.of(AUDITOR, ADMIN), 200),
        api(GET, "/api/audit/export?format=csv").let(EnumSet.of(AUDITOR, ADMIN), 200),
        api(GET, "/api/history/tickets?type=INCIDENT").let(HISTORY_READERS, 200),
        api(GET, "/api/history/tickets/{incident}").let(HISTORY_READERS, 200),

        api(GET, "/v3/api-docs").let(ACCOUNTS, 200),
        api(GET, "/swagger-ui/index.html").let(ACCOUNTS, 200),

        // Actuator: probes for everyone, the rest for administrators, and nothing exposed that should not be
        api(GET, "/actuator/health").let(EVERYONE, 200),
        api(GET, "/actuator/health/liveness").let(EVERYONE, 200),
        api(GET, "/actuator/health/readiness").let(EVERYONE, 200),
        api(GET, "/actuator").let(ADMIN, 200),
        api(GET, "/actuator/info").let(ADMIN, 200),
        api(GET, "/actuator/metrics").let(ADMIN, 200),
        api(GET, "/actuator/prometheus").let(ADMIN, 200),
        api(GET, "/actuator/env").let(ADMIN, 404),
        api(GET, "/actuator/heapdump").let(ADMIN, 404),

        // The engine's REST API: a task is for its group (and those who oversee it), external tasks for the workers
        engineRest(GET, "/engine-rest/task?processInstanceBusinessKey={incident}").let(ACCOUNTS, blind())
            .let(EnumSet.of(DATABASE, INCIDENT_MANAGER, AUDITOR, ADMIN), sees()),
        engineRest(GET, "/engine-rest/task/{triage}").let(ACCOUNTS, 404).let(EnumSet.of(DATABASE, INCIDENT_MANAGER, AUDITOR, ADMIN), 200),
        engineRest(GET, "/engine-rest/task/{triage}/variables").let(EnumSet.of(DATABASE, INCIDENT_MANAGER, AUDITOR, ADMIN), 200),
        engineRest(POST, "/engine-rest/filter/{myGroupsFilter}/list", "{\"processInstanceBusinessKey\":\"{incident}\"}")
            .let(ANALYSTS, blind()).let(ADMIN, blind()).let(DATABASE, sees()),
        engineRest(POST, "/engine-rest/task/{triage}/claim", CLAIM_FOR_DAVE).let(EnumSet.of(DATABASE, ADMIN), 204),
        engineRest(POST, "/engine-rest/task/{triage}/submit-form", NO_VARIABLES).let(EnumSet.of(DATABASE, ADMIN), 400),
        engineRest(POST, "/engine-rest/task/{triage}/complete", NO_VARIABLES).let(EnumSet.of(DATABASE, ADMIN), 400),

        engineRest(POST, "/engine-rest/external-task/fetchAndLock", FETCH_PROBE).let(ACCOUNTS, blind()).let(EnumSet.of(WORKERS, ADMIN), sees()),
        engineRest(POST, "/engine-rest/external-task/{lockedProbeTask}/complete", COMPLETE_PROBE).let(EnumSet.of(WORKERS, ADMIN), 204),
        engineRest(PUT, "/engine-rest/process-instance/{probe}/variables/matrix", A_STRING).let(EnumSet.of(WORKERS, ADMIN), 204),
        engineRest(DELETE, "/engine-rest/process-instance/{freshProbe}").let(ADMIN, 204),
        engineRest(GET, "/engine-rest/process-instance/{incidentInstance}/variables")
            .let(EnumSet.of(INCIDENT_MANAGER, AUDITOR, PROCESS_OWNER, ADMIN, WORKERS), 200),

        engineRest(GET, "/engine-rest/process-definition?key=problem-management").let(ACCOUNTS, blind())
            .let(EnumSet.of(PROBLEM_MANAGER, INCIDENT_MANAGER, AUDITOR, PROCESS_OWNER, ADMIN, WORKERS), sees()),
        // the start listener refuses a report without its fields (400): the role may start it, nothing is started
        engineRest(POST, "/engine-rest/process-definition/key/incident-management/start", NO_VARIABLES).let(ANALYSTS, 400).let(ADMIN, 400),
        engineRest(POST, "/engine-rest/process-definition/key/problem-management/start", NO_VARIABLES)
            .let(union(RESOLVERS, EnumSet.of(CHANGE_MANAGER, CAB)), 404).let(EnumSet.of(PROBLEM_MANAGER, PROCESS_OWNER, ADMIN), 400),
        engineRest(PUT, "/engine-rest/process-definition/key/incident-management/suspended", STILL_ACTIVE)
            .let(EnumSet.of(PROCESS_OWNER, ADMIN), 204),
        // retention: the process owners set how long the engine keeps a process's history (as shipped here)
        engineRest(PUT, "/engine-rest/process-definition/key/incident-management/history-time-to-live", "{\"historyTimeToLive\": 180}")
            .let(EnumSet.of(PROCESS_OWNER, ADMIN), 204),
        // the rules' tables: the workers evaluate them, the process owners own them; analysts do not see them
        engineRest(POST, "/engine-rest/decision-definition/key/incident-priority/evaluate", PRIORITY_INPUTS)
            .let(except(ANALYSTS, PROCESS_OWNER), 404).let(EnumSet.of(WORKERS, PROCESS_OWNER, ADMIN), 200),
        engineRest(POST, "/engine-rest/deployment/create", BROKEN_MODEL).let(EnumSet.of(PROCESS_OWNER, ADMIN), 400),

        engineRest(GET, "/engine-rest/history/process-instance?processInstanceBusinessKey={incident}").let(ACCOUNTS, blind())
            .let(PEOPLE, sees()),
        engineRest(GET, "/engine-rest/history/task?processInstanceBusinessKey={incident}").let(ACCOUNTS, blind()).let(PEOPLE, sees()),
        engineRest(GET, "/engine-rest/history/decision-instance?processInstanceId={incidentInstance}").let(ACCOUNTS, blind())
            .let(EnumSet.of(AUDITOR, PROCESS_OWNER, ADMIN), sees()),

        engineRest(POST, "/engine-rest/user/create", NEW_USER).let(ADMIN, 204).undo(this::deleteMallory),
        // another user's account is not even there; one's own is one's own, auditors' too
        engineRest(PUT, "/engine-rest/user/audit.ada/profile", ADAS_PROFILE).let(ACCOUNTS, 404).let(EnumSet.of(AUDITOR, ADMIN), 204),
        engineRest(POST, "/engine-rest/group/create", NEW_GROUP).let(ADMIN, 204).undo(this::deleteNewGroup),
        engineRest(PUT, "/engine-rest/group/camunda-admin/members/sd.anna").let(ADMIN, 204).undo(this::demoteAnna),
        engineRest(POST, "/engine-rest/authorization/create", NEW_GRANT).let(ADMIN, 200).undo(this::deleteNewGrant),

        // The webapps: their own login, app by app, then the engine's authorizations through their session
        login("tasklist").let(ANALYSTS, 200).let(ADMIN, 200),
        login("cockpit").let(EnumSet.of(INCIDENT_MANAGER, AUDITOR, PROCESS_OWNER, ADMIN), 200),
        login("admin").let(ADMIN, 200),
        webapp(GET, "/camunda/app/tasklist/default/").let(NO_SESSION, 200).let(ANALYSTS, 200).let(ADMIN, 200),
        webapp(GET, "/camunda/app/cockpit/default/").let(NO_SESSION, 200)
            .let(EnumSet.of(INCIDENT_MANAGER, AUDITOR, PROCESS_OWNER, ADMIN), 200),
        webapp(GET, "/camunda/app/admin/default/").let(NO_SESSION, 200).let(ADMIN, 200),
        webapp(GET, "/camunda/api/engine/engine/default/task?processInstanceBusinessKey={incident}").let(PEOPLE, blind())
            .let(EnumSet.of(DATABASE, INCIDENT_MANAGER, AUDITOR, ADMIN), sees()),
        webapp(POST, "/camunda/api/engine/engine/default/task/{triage}/claim", CLAIM_FOR_DAVE).let(EnumSet.of(DATABASE, ADMIN), 204),
        webapp(POST, "/camunda/api/engine/engine/default/user/create", NEW_USER).let(ADMIN, 204).undo(this::deleteMallory),
        webapp(PUT, "/camunda/api/engine/engine/default/group/camunda-admin/members/sd.anna").let(ADMIN, 204).undo(this::demoteAnna),
        webapp(POST, "/camunda/api/engine/engine/default/authorization/create", NEW_GRANT).let(ADMIN, 200).undo(this::deleteNewGrant),
        // Admin's first-run setup: closed for good once an administrator exists
        webapp(POST, "/camunda/api/admin/setup/default/user/create", NEW_USER).let(EVERYONE, 403).undo(this::deleteMallory));
  }

  @TestFactory
  Stream<DynamicContainer> everyRoleOnEveryEndpoint() {
    return matrix().stream().map(row -> dynamicContainer(row.toString(), Arrays.stream(Role.values())
        .map(role -> dynamicTest(role + " -> " + row.expected(role), () -> check(row, role)))));
  }

  @Test
  void everyDemoUserIsARoleOfTheMatrix() {
    Set<String> roles = Arrays.stream(Role.values()).map(role -> role.user).collect(Collectors.toSet());
    assertThat(roles).containsAll(DemoUsers.USERS.stream().map(DemoUsers.DemoUser::id).toList());
  }

  // --- the tickets, tasks and probes the rows name -------------------------------------------------------------

  @BeforeAll
  void openWhatTheMatrixNeeds() throws Exception {
    RestAssured.port = port;
    RestAssured.basePath = "";

    String incident = as(SERVICE_DESK).contentType(ContentType.JSON).body(Map.of(
            "title", "Session store evicts keys early", "description", "Customers are logged out after a minute.",
            "caller", "jane@example.com", "ci", "redis-sessions-01", "impact", "LOW", "urgency", "LOW"))
        .post("/api/incidents").then().statusCode(201).extract().path("number");
    IncidentDriver incidents = new IncidentDriver(engine, incidentService, incidentRepository);
    ProcessInstance instance = runtime.createProcessInstanceQuery().processDefinitionKey(IncidentProcess.KEY).processInstanceBusinessKey(incident).singleResult();
    // classification, priority and routing run in the workers and the job executor
    await().atMost(Duration.ofSeconds(30)).until(() -> engine.getTaskService().createTaskQuery().processInstanceId(instance.getId())
        .taskDefinitionKey(IncidentProcess.Elements.TRIAGE).count() == 1);
    String triage = incidents.task(instance, IncidentProcess.Elements.TRIAGE).getId();
    assertThat(incidents.ticket(instance).resolverGroup()).as("the matrix's incident is the database group's").isEqualTo("database");
    incidents.claim(instance, IncidentProcess.Elements.TRIAGE, "db.dave", VigilGroup.DATABASE);
    fixtures.put("incident", incident);
    fixtures.put("incidentInstance", instance.getId());
    fixtures.put("triage", triage);
    fixtures.put("myGroupsFilter", filters.createTaskFilterQuery().filterName("My groups, most urgent first").singleResult().getId());

    fixtures.put("problem", as(PROBLEM_MANAGER).contentType(ContentType.JSON).body(Map.of(
            "title", "Session store evicts keys under load", "description", "Logouts every day since the upgrade."))
        .post("/api/problems").then().statusCode(201).extract().path("number"));

    OffsetDateTime[] window = new ChangeDriver(engine, changeService, changeCalendar)
        .windowOutsideFreeze(Duration.ofDays(10), Duration.ofHours(1));
    String change = as(DATABASE).contentType(ContentType.JSON).body(Map.of(
            "title", "Raise maxmemory on the session store", "description", "Keys are evicted under load.", "type", "NORMAL",
            "cis", List.of("redis-sessions-01"), "plannedStart", window[0].toString(), "plannedEnd", window[1].toString(),
            "implementationPlan", "Set maxmemory to 4 GB and restart the replica, then the primary.",
            "backoutPlan", "Set it back and restart.", "implementerGroup", "database"))
        .post("/api/changes").then().statusCode(201).extract().path("number");
    awaitChange(change, "AWAITING_APPROVAL");
    as(DATABASE).contentType(ContentType.JSON).body(CANCELLATION).post("/api/changes/{n}/cancellation", change).then().statusCode(200);
    awaitChange(change, "CANCELLED");
    fixtures.put("change", change);

    String heartbeat = "authorization-matrix-" + UUID.randomUUID().toString().substring(0, 8);
    as(SERVICE_DESK).contentType(ContentType.JSON).body(Map.of("name", heartbeat, "period", "PT24H"))
        .post("/api/heartbeats").then().statusCode(201);
    fixtures.put("heartbeat", heartbeat);
    fixtures.put("article", String.valueOf(as(SERVICE_DESK).contentType(ContentType.JSON).body(Map.of(
            "title", "Matrix check article", "symptoms", "Written by the authorization matrix.", "workaround", "None needed."))
        .post("/api/knowledge").then().statusCode(201).extract().<Object>path("id")));

    Map<String, Object> rota = new HashMap<>(as(ADMIN).get("/api/groups/database/rota").then().statusCode(200).extract().jsonPath()
        .<String, Object>getMap("$"));
    rota.keySet().retainAll(Set.of("zone", "handover", "rotation", "start", "primary", "secondary", "calendar"));
    fixtures.put("databaseRota", JSON.writeValueAsString(rota));

    probeDeployment = repository.createDeployment().name(PROBE_PROCESS)
        .addModelInstance(PROBE_PROCESS + ".bpmn", Bpmn.createExecutableProcess(PROBE_PROCESS).camundaHistoryTimeToLive(1)
            .startEvent().serviceTask("Task_Probe").camundaExternalTask(PROBE_TOPIC).endEvent().done())
        .deploy().getId();
    fixtures.put("probe", startProbe().getId());
  }

  @AfterAll
  void removeTheProbesAndTheMonitor() {
    // a set-up that failed half-way leaves less to remove
    if (fixtures.containsKey("heartbeat")) {
      as(ADMIN).delete("/api/heartbeats/{name}", fixtures.get("heartbeat")).then().statusCode(204);
    }
    if (probeDeployment != null) {
      repository.deleteDeployment(probeDeployment, true);
    }
  }

  private void awaitChange(String number, String state) {
    await().atMost(Duration.ofSeconds(30)).until(() -> as(AUDITOR).get("/api/changes/{n}", number)
        .then().statusCode(200).extract().<String>path("state"), state::equals);
  }

  /** A process instance of the test's own, waiting at an external task no Vigil worker subscribes to. */
  private ProcessInstance startProbe() {
    return runtime.startProcessInstanceByKey(PROBE_PROCESS, UUID.randomUUID().toString());
  }

  /** A fresh probe's external task, locked for the matrix's worker id as a worker would hold it. */
  private String lockedProbeTask() {
    return externalTasks.fetchAndLock(1, PROBE_WORKER).topic(PROBE_TOPIC, 60_000).businessKey(startProbe().getBusinessKey())
        .execute().get(0).getId();
  }

  private void deleteMallory() {
    if (identity.createUserQuery().userId(MALLORY).count() > 0) {
      identity.deleteUser(MALLORY);
    }
  }

  private void deleteNewGroup() {
    if (identity.createGroupQuery().groupId(NEW_GROUP_ID).count() > 0) {
      identity.deleteGroup(NEW_GROUP_ID);
    }
  }

  private void demoteAnna() {
    identity.deleteMembership("sd.anna", Groups.CAMUNDA_ADMIN);
  }

  private void deleteNewGrant() {
    authorizations.createAuthorizationQuery().resourceId(GRANTED_RESOURCE).list()
        .forEach(grant -> authorizations.deleteAuthorization(grant.getId()));
  }

  // --- one cell --------------------------------------------------------------------------------------------------

  private void check(Row row, Role role) {
    Outcome expected = row.expected(role);
    try {
      Response response = send(row, role);
      String cell = role + " " + row + " answered " + response.statusCode() + ": " + abbreviated(response.asString());
      assertThat(response.statusCode()).as(cell).isEqualTo(expected.status());
      if (expected.sees() != null) {
        List<Object> items = response.jsonPath().getList("$");
        if (expected.sees()) {
          assertThat(items).as(cell).isNotEmpty();
        } else {
          assertThat(items).as(cell).isEmpty();
        }
      }
      if (row.path().startsWith("/api/") && response.statusCode() >= 400) {
        assertThat(response.contentType()).as(cell + ", as RFC 9457 problem details").startsWith("application/problem+json");
      }
    } finally {
      if (row.undo() != null) {
        row.undo().run();
      }
    }
  }

  private Response send(Row row, Role role) {
    Map<String, String> values = new HashMap<>(fixtures);
    String path = resolve(row.path(), values);
    RequestSpecification request = switch (row.channel()) {
      case API, ENGINE -> role.authenticate(given());
      case WEBAPP -> session(role).request();
      case LOGIN -> {
        RequestSpecification login = WebappSession.open().request();
        yield role.hasAccount() ? login.formParam("username", role.user).formParam("password", role.password) : login;
      }
    };
    request.redirects().follow(false);
    if (row.body() instanceof Multipart file) {
      request.multiPart("deployment-name", PROBE_WORKER)
          .multiPart("data", file.name(), file.content().getBytes(StandardCharsets.UTF_8), "application/octet-stream");
    } else if (row.body() instanceof String json) {
      request.contentType(ContentType.JSON).body(resolve(json, values));
    }
    Response response = request.request(row.method(), path);
    if (row.channel() == Channel.WEBAPP) {
      session(role).remember(response);
    }
    return response;
  }

  private static final Pattern PLACEHOLDER = Pattern.compile("\\{([a-zA-Z]+)}");

  /** Fills the placeholders: a fixture, or something new for this cell (kept for the cell's other placeholders). */
  private String resolve(String text, Map<String, String> values) {
    Matcher matcher = PLACEHOLDER.matcher(text);
    StringBuilder resolved = new StringBuilder();
    while (matcher.find()) {
      String name = matcher.group(1);
      String value = values.computeIfAbsent(name, n -> {
        Supplier<String> supplier = fresh.get(n);
        if (supplier == null) {
          throw new IllegalArgumentException("no fixture {" + n + "}");
        }
        return supplier.get();
      });
      matcher.appendReplacement(resolved, Matcher.quoteReplacement(value));
    }
    return matcher.appendTail(resolved).toString();
  }

  /** The role's webapp session: signed into the first webapp that lets it in, or none (then it is only a visitor's). */
  private WebappSession session(Role role) {
    return sessions.computeIfAbsent(role, r -> {
      WebappSession session = WebappSession.open();
      if (r.hasAccount()) {
        for (String app : List.of("tasklist", "cockpit", "admin")) {
          if (session.signIn(r, app)) {
            break;
          }
        }
      }
      return session;
    });
  }

  private static RequestSpecification as(Role role) {
    return role.authenticate(given());
  }

  private static String abbreviated(String body) {
    String flat = body.replaceAll("\\s+", " ");
    return flat.length() <= 300 ? flat : flat.substring(0, 300) + "…";
  }

  // --- notation --------------------------------------------------------------------------------------------------

  static final String GET = "GET";
  static final String POST = "POST";
  static final String PUT = "PUT";
  static final String DELETE = "DELETE";

  /** How a cell reaches the endpoint, and what a refusal is there. */
  enum Channel {
    /** Vigil's API, its description and the actuator: Basic credentials or a bearer token on every request. */
    API,
    /** The engine's REST API, as the workers and tools call it: the same. */
    ENGINE,
    /** The session of the role's webapp login, with its CSRF token. */
    WEBAPP,
    /** A webapp login with the role's user name and password. */
    LOGIN;

    Outcome refusal(Role role) {
      boolean known = this == WEBAPP ? !NO_SESSION.contains(role) : role.hasAccount();
      return status(known ? 403 : 401);
    }
  }

  /** An HTTP status, and for a list whether the role sees the item asked for (null: not a list). */
  record Outcome(int status, Boolean sees) {
    @Override
    public String toString() {
      return sees == null ? String.valueOf(status) : status + (sees ? " (sees it)" : " (sees nothing)");
    }
  }

  static Outcome status(int status) {
    return new Outcome(status, null);
  }

  static Outcome sees() {
    return new Outcome(200, true);
  }

  static Outcome blind() {
    return new Outcome(200, false);
  }

  record Multipart(String name, String content) {}

  /** One endpoint: the roles it lets through and what they get. Any other role is refused. */
  record Row(Channel channel, String method, String path, Object body, Map<Role, Outcome> granted, Runnable undo) {

    Row let(Set<Role> roles, Outcome outcome) {
      Map<Role, Outcome> more = new EnumMap<>(Role.class);
      more.putAll(granted);
      roles.forEach(role -> more.put(role, outcome));
      return new Row(channel, method, path, body, more, undo);
    }

    Row let(Set<Role> roles, int status) {
      return let(roles, status(status));
    }

    Row let(Role role, int status) {
      return let(EnumSet.of(role), status(status));
    }

    Row let(Role role, Outcome outcome) {
      return let(EnumSet.of(role), outcome);
    }

    /** Puts back what a role let through did, after each cell. */
    Row undo(Runnable undo) {
      return new Row(channel, method, path, body, granted, undo);
    }

    Outcome expected(Role role) {
      return granted.getOrDefault(role, channel.refusal(role));
    }

    @Override
    public String toString() {
      return method + " " + path;
    }
  }

  static Row api(String method, String path) {
    return api(method, path, null);
  }

  static Row api(String method, String path, Object body) {
    return new Row(Channel.API, method, path, body, Map.of(), null);
  }

  static Row engineRest(String method, String path) {
    return engineRest(method, path, null);
  }

  static Row engineRest(String method, String path, Object body) {
    return new Row(Channel.ENGINE, method, path, body, Map.of(), null);
  }

  static Row webapp(String method, String path) {
    return webapp(method, path, null);
  }

  static Row webapp(String method, String path, Object body) {
    return new Row(Channel.WEBAPP, method, path, body, Map.of(), null);
  }

  static Row login(String app) {
    return new Row(Channel.LOGIN, POST, "/camunda/api/admin/auth/user/default/login/" + app, null, Map.of(), null);
  }

  private static Set<Role> except(Set<Role> roles, Role left) {
    Set<Role> fewer = EnumSet.copyOf(roles);
    fewer.remove(left);
    return fewer;
  }

  @SafeVarargs
  private static Set<Role> union(Set<Role>... sets) {
    Set<Role> union = EnumSet.noneOf(Role.class);
    Arrays.stream(sets).forEach(union::addAll);
    return union;
  }

  /**
   * A browser's session with the webapps: their cookies, and the CSRF token they want back in a
   * header on every write (Camunda's CSRF filter), as Tasklist's scripts send it.
   */
  static final class WebappSession {

    private final Map<String, String> cookies = new HashMap<>();

    /** A visitor's session: the webapp hands out its session and CSRF cookies with the login page. */
    static WebappSession open() {
      WebappSession session = new WebappSession();
      session.remember(given().redirects().follow(false).get("/camunda/app/tasklist/default/"));
      return session;
    }

    RequestSpecification request() {
      RequestSpecification request = given().cookies(cookies);
      String csrf = cookies.get("XSRF-TOKEN");
      return csrf == null ? request : request.header("X-XSRF-TOKEN", csrf);
    }

    void remember(Response response) {
      cookies.putAll(response.getCookies());
    }

    boolean signIn(Role role, String app) {
      Response response = request().formParam("username", role.user).formParam("password", role.password)
          .post("/camunda/api/admin/auth/user/default/login/{app}", app);
      remember(response);
      return response.statusCode() == 200;
    }
  }
}
