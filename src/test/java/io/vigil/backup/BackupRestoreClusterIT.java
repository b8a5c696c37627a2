package io.vigil.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import io.vigil.VigilApplication;
import io.vigil.audit.AuditAction;
import io.vigil.audit.AuditChain;
import io.vigil.audit.AuditEntry;
import io.vigil.audit.AuditTrail;
import io.vigil.incident.IncidentDriver;
import io.vigil.incident.IncidentRepository;
import io.vigil.incident.IncidentService;
import io.vigil.incident.IncidentState;
import io.vigil.incident.contract.IncidentProcess;
import io.vigil.incident.contract.Level;
import io.vigil.security.VigilGroup;
import io.vigil.sla.SlaClock;
import io.vigil.sla.SlaClock.Kind;
import io.vigil.sla.SlaClockView;
import io.vigil.sla.SlaService;
import io.vigil.testing.FreePort;
import io.vigil.testing.TestClock;
import io.vigil.testing.TestClockConfiguration;
import io.vigil.testing.TestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Backup and recovery as the operator guide describes it: a node's database, with incidents in
 * every state, running, met and paused SLA clocks and waiting timers, copied while the node is down
 * (pg_dump and pg_restore on PostgreSQL; SCRIPT and RUNSCRIPT on H2), and a node started on the copy
 * five hours later. Every row is there, the clocks go on with the time they had (what fell due while
 * it was down fires once, marked late; a paused clock stays paused), the chain verifies, and the work
 * goes on. A cluster test: it starts nodes of its own, in the cluster tests' JVM.
 */
@ExtendWith(TestDatabase.class)
class BackupRestoreClusterIT {

  private final String cluster = "vigil-backup-test-" + UUID.randomUUID();
  private final List<ConfigurableApplicationContext> nodes = new ArrayList<>();

  @AfterEach
  void stopNodes() {
    nodes.forEach(ConfigurableApplicationContext::close);
  }

  @Test
  void aRestoredCopyHasEveryRowItsClocksGoOnWithTheTimeTheyHadAndTheWorkContinues() throws Exception {
    Map<String, String> original = TestDatabase.shared("backup");
    ConfigurableApplicationContext first = start(original);
    IncidentDriver driver = driver(first);
    // P3 on checkout, routed to application support: response 1 h, resolution 9 h, around the clock
    ProcessInstance open = routed(driver, "Checkout answers slowly");
    ProcessInstance working = routed(driver, "Basket loses items");
    driver.triage(working, "app.alex", VigilGroup.APPLICATION_SUPPORT, Map.of(IncidentProcess.Variables.TRIAGE_OUTCOME, "RESOLVE"));
    ProcessInstance pending = routed(driver, "Refunds fail at the card provider");
    driver.triage(pending, "app.alex", VigilGroup.APPLICATION_SUPPORT, Map.of(
        IncidentProcess.Variables.TRIAGE_OUTCOME, "PENDING",
        IncidentProcess.Variables.PENDING_REASON, "AWAITING_VENDOR",
        IncidentProcess.Variables.PENDING_NOTE, "Case 4711 opened with the card provider"));
    ProcessInstance resolved = routed(driver, "Vouchers rejected");
    driver.triage(resolved, "app.alex", VigilGroup.APPLICATION_SUPPORT, Map.of(IncidentProcess.Variables.TRIAGE_OUTCOME, "RESOLVE"));
    driver.resolve(resolved, "app.alex", VigilGroup.APPLICATION_SUPPORT);
    ProcessInstance closed = routed(driver, "Receipts print twice");
    driver.triage(closed, "app.alex", VigilGroup.APPLICATION_SUPPORT, Map.of(IncidentProcess.Variables.TRIAGE_OUTCOME, "RESOLVE"));
    driver.resolve(closed, "app.alex", VigilGroup.APPLICATION_SUPPORT);
    driver.confirm(closed, true);
    driver.close(closed);
    Map<String, IncidentState> states = new LinkedHashMap<>();
    for (ProcessInstance instance : List.of(open, working, pending, resolved, closed)) {
      states.put(instance.getBusinessKey(), driver.ticket(instance).state());
    }
    assertThat(states.values()).containsExactly(IncidentState.ASSIGNED, IncidentState.IN_PROGRESS, IncidentState.PENDING,
        IncidentState.RESOLVED, IncidentState.CLOSED);
    first.close();

    Map<String, String> copy = copy(original);
    Map<String, Long> rows = rows(original);
    assertThat(rows).containsEntry("incident", 5L).containsKeys("audit_entry", "sla_clock", "act_hi_actinst", "act_ru_job");
    assertThat(rows.get("act_ru_job")).as("waiting timers").isPositive();
    assertThat(rows(copy)).as("every row of every table in the copy").isEqualTo(rows);

    ConfigurableApplicationContext restored = start(copy);
    restored.getBean(TestClock.class).advance(Duration.ofHours(5));
    SlaService sla = restored.getBean(SlaService.class);
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
      assertThat(fired(sla, open, Kind.RESPONSE)).containsExactly(50, 75, 100);
      assertThat(fired(sla, open, Kind.RESOLUTION)).containsExactly(50);
      assertThat(fired(sla, working, Kind.RESOLUTION)).containsExactly(50);
    });
    await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
      List<AuditEntry> reached = reached(restored, open);
      assertThat(reached).hasSize(4).allSatisfy(entry -> assertThat(entry.detail()).contains("fired late"));
    });
    assertThat(sla.view(pending.getBusinessKey())).extracting(SlaClockView::kind, SlaClockView::state)
        .containsExactly(tuple(Kind.RESPONSE, SlaClock.State.MET), tuple(Kind.RESOLUTION, SlaClock.State.PAUSED));
    assertThat(fired(sla, pending, Kind.RESOLUTION)).as("a paused clock does not run while Vigil is down").isEmpty();
    assertThat(restored.getBean(AuditChain.class).verify(null, null)).satisfies(verification -> {
      assertThat(verification.valid()).isTrue();
      assertThat(verification.broken()).isZero();
    });

    // the work goes on: the open incident is taken, a new one gets the next number
    IncidentDriver after = driver(restored);
    after.triage(open, "app.alex", VigilGroup.APPLICATION_SUPPORT, Map.of(IncidentProcess.Variables.TRIAGE_OUTCOME, "RESOLVE"));
    assertThat(after.ticket(open).state()).isEqualTo(IncidentState.IN_PROGRESS);
    after.complete(pending, IncidentProcess.Elements.PENDING, "app.alex", VigilGroup.APPLICATION_SUPPORT,
        Map.of(IncidentProcess.Variables.RESUME_NOTE, "The provider fixed their certificate"));
    assertThat(after.ticket(pending).state()).isEqualTo(IncidentState.IN_PROGRESS);
    ProcessInstance next = after.report("Search returns nothing", null, Level.MEDIUM, Level.MEDIUM);
    assertThat(number(next.getBusinessKey())).isEqualTo(number(closed.getBusinessKey()) + 1);
  }

  private ConfigurableApplicationContext start(Map<String, String> database) {
    int port = FreePort.find();
    List<String> arguments = new ArrayList<>(List.of(
        "--server.port=0",
        "--vigil.role=engine",
        "--camunda.bpm.process-engine-name=backup" + port,
        "--camunda.bpm.job-execution.enabled=false",
        "--vigil.cluster.name=" + cluster,
        "--vigil.cluster.port=" + port,
        "--vigil.cluster.members=127.0.0.1:" + port));
    database.forEach((key, value) -> arguments.add("--" + key + "=" + value));
    ConfigurableApplicationContext context = new SpringApplicationBuilder(VigilApplication.class, TestClockConfiguration.class)
        .profiles("demo")
        .run(arguments.toArray(String[]::new));
    nodes.add(context);
    return context;
  }

  /**
   * The database copied as an operator does: on PostgreSQL a custom-format pg_dump restored with
   * pg_restore into a new database, then ANALYZE; on H2 a SQL script of it run into a new database.
   */
  private static Map<String, String> copy(Map<String, String> original) throws IOException, InterruptedException, SQLException {
    Path backups = Files.createDirectories(Path.of("target/backup"));
    Map<String, String> copy = TestDatabase.shared("backup_copy");
    if (TestDatabase.isPostgresql()) {
      Path dump = backups.resolve("vigil.dump");
      run("pg_dump", "--format=custom", "--file=" + dump, "--dbname=" + libpq(original));
      run("pg_restore", "--no-owner", "--exit-on-error", "--dbname=" + libpq(copy), dump.toString());
      execute(copy, "ANALYZE");
    } else {
      Path script = backups.resolve("vigil.sql").toAbsolutePath();
      Files.deleteIfExists(script);
      execute(original, "SCRIPT TO '" + script + "'");
      execute(copy, "RUNSCRIPT FROM '" + script + "'");
    }
    return copy;
  }

  /** A JDBC URL of PostgreSQL as the client programs take it. */
  private static String libpq(Map<String, String> database) {
    return database.get("spring.datasource.url").replace("jdbc:", "") + "?user=" + database.get("spring.datasource.username")
        + (database.get("spring.datasource.password").isEmpty() ? "" : "&password=" + database.get("spring.datasource.password"));
  }

  /** The rows of every table, Vigil's and the engine's, by table. */
  private static Map<String, Long> rows(Map<String, String> database) throws SQLException {
    Map<String, Long> rows = new TreeMap<>();
    try (Connection connection = connect(database); Statement statement = connection.createStatement()) {
      List<String> tables = new ArrayList<>();
      try (ResultSet result = connection.getMetaData().getTables(null, TestDatabase.isPostgresql() ? "public" : "PUBLIC", "%",
          new String[] {"TABLE"})) {
        while (result.next()) {
          tables.add(result.getString("TABLE_NAME"));
        }
      }
      for (String table : tables) {
        try (ResultSet result = statement.executeQuery("SELECT COUNT(*) FROM \"" + table + "\"")) {
          result.next();
          rows.put(table.toLowerCase(Locale.ROOT), result.getLong(1));
        }
      }
    }
    return rows;
  }

  private static void execute(Map<String, String> database, String sql) throws SQLException {
    try (Connection connection = connect(database); Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }

  private static Connection connect(Map<String, String> database) throws SQLException {
    return DriverManager.getConnection(database.get("spring.datasource.url"), database.get("spring.datasource.username"),
        database.get("spring.datasource.password"));
  }

  private static void run(String... command) throws IOException, InterruptedException {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes());
    assertThat(process.waitFor()).as(String.join(" ", command) + ": " + output).isZero();
  }

  private static ProcessInstance routed(IncidentDriver driver, String title) {
    ProcessInstance instance = driver.report(title, null, Level.MEDIUM, Level.MEDIUM);
    driver.classify(instance, "APPLICATION", "checkout", Level.MEDIUM, Level.MEDIUM);
    return instance;
  }

  private static IncidentDriver driver(ConfigurableApplicationContext context) {
    return new IncidentDriver(context.getBean(ProcessEngine.class), context.getBean(IncidentService.class),
        context.getBean(IncidentRepository.class));
  }

  private static List<Integer> fired(SlaService sla, ProcessInstance instance, Kind kind) {
    return sla.view(instance.getBusinessKey()).stream().filter(clock -> clock.kind() == kind).findFirst()
        .map(clock -> List.copyOf(clock.thresholdsFired())).orElse(List.of());
  }

  private static List<AuditEntry> reached(ConfigurableApplicationContext context, ProcessInstance instance) {
    return context.getBean(AuditTrail.class).of(instance.getBusinessKey()).stream()
        .filter(entry -> entry.action() == AuditAction.SLA_THRESHOLD_REACHED).toList();
  }

  private static int number(String ticket) {
    return Integer.parseInt(ticket.substring(ticket.indexOf('-') + 1));
  }
}
