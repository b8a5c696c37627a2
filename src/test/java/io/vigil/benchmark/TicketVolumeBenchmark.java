package io.vigil.benchmark;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigil.incident.contract.IncidentProcess;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.FormService;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.Task;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A million tickets on PostgreSQL (docs/benchmarks.md, "A million tickets").
 *
 * <ol>
 *   <li>Templates: one real lifecycle per configuration item of the catalog, over the API and the
 *       analysts' forms, with the workers: each leaves its ticket, audit entries, SLA clocks, a
 *       comment and the engine's whole history.
 *   <li>Generate: {@code benchmark.tickets} incidents spread over the last {@code benchmark.days}
 *       days, oldest first, each a copy of a template moved to its own time (every timestamp) with
 *       its own number, title and priority. Those closed inside the
 *       incident model's history time to live, and those of the {@code benchmark.expired-days}
 *       before it, also get a copy of the template's engine history (every {@code ACT_HI_*} row
 *       and history byte array, ids made their own), as the engine would hold them. The newest
 *       are left open in the states analysts see. Progress is printed as it goes.
 *   <li>Measure: {@code benchmark.samples} requests of each hot query over HTTP, one client: lists
 *       by group, state, priority, a group's open queue, text searches, and an incident's audit
 *       trail; then each query's plan.
 *   <li>Clean up: the engine's history cleanup, started now, until no history is left of the
 *       instances that ended longer ago than their time to live; the rows of each table before and
 *       after, and the tickets, which stay.
 * </ol>
 *
 * {@code mvn -Pbenchmark-tickets process-test-classes [-Dbenchmark.tickets=1000000]}; with
 * {@code -Dbenchmark.reuse-database=true} only the measurements, on the tickets of an earlier run.
 */
public final class TicketVolumeBenchmark {

  private static final String AUDITOR = "Basic " + Base64.getEncoder().encodeToString("audit.ada:demo".getBytes(StandardCharsets.UTF_8));
  private static final int CHUNK = 20_000;
  private static final ObjectMapper JSON = new ObjectMapper();

  /** What analysts and monitoring write in titles and descriptions. */
  static final List<String> SYMPTOMS = List.of(
      "Requests time out", "Connection pool exhausted", "Disk almost full", "Certificate expired",
      "Login fails for some users", "Pages load slowly", "Nightly backup job failed", "Memory usage keeps growing",
      "Replication lag above threshold", "Error rate above five percent", "Service unreachable from the office",
      "Queue consumers stopped", "Deadlocks in the orders schema", "Scheduled export missing", "High CPU since deploy",
      "Users see an empty dashboard", "Emails stuck in the outbox", "VPN drops every few minutes",
      "Printer offline on the third floor", "Password reset link broken", "Invoices rendered without totals",
      "Search returns stale results", "Checkout button does nothing", "Payment declined for valid cards");
  static final List<String> DETAILS = List.of(
      "Started after the morning release.", "Seen by several callers since 09:00.", "Monitoring raised it twice overnight.",
      "Restarting the service helped for an hour.", "Only customers in Europe are affected.",
      "Logs show connection refused from the upstream.", "The job ran but wrote no rows.",
      "Happens under peak load around lunchtime.", "The caller attached a screenshot of the error.",
      "A workaround exists: retry after a minute.", "Capacity alarms fired on the primary.",
      "Started when the certificate rotated.");
  private static final List<String> OPEN_STATES = List.of("NEW", "ASSIGNED", "IN_PROGRESS", "IN_PROGRESS", "PENDING", "RESOLVED");

  /** Engine columns that name model elements, definitions or people: kept as they are when history is copied. */
  private static final Set<String> SHARED_IDS = Set.of(
      "proc_def_id_", "case_def_id_", "dec_def_id_", "dec_req_id_", "deployment_id_", "tenant_id_", "user_id_",
      "group_id_", "job_def_id_", "act_id_", "activity_id_", "failed_act_id_", "start_act_id_", "end_act_id_",
      "clause_id_", "rule_id_", "worker_id_", "batch_id_");

  private final List<String> report = new ArrayList<>();
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final Random random = new Random(42);

  public static void main(String[] args) throws Exception {
    int tickets = Integer.getInteger("benchmark.tickets", 1_000_000);
    int days = Integer.getInteger("benchmark.days", 730);
    int expiredDays = Integer.getInteger("benchmark.expired-days", 7);
    int samples = Integer.getInteger("benchmark.samples", 1000);

    TicketVolumeBenchmark benchmark = new TicketVolumeBenchmark();
    benchmark.line("A million tickets on PostgreSQL: %,d incidents over %d days; %d cores, Java %s, %s", tickets, days,
        Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"), Instant.now());
    int port = BenchmarkNode.freePort();
    ConfigurableApplicationContext vigil = BenchmarkNode.start("postgresql", port, "all");
    try {
      if (Boolean.getBoolean("benchmark.reuse-database")) {
        benchmark.line("%nOn the tickets an earlier run generated (-Dbenchmark.reuse-database=true)");
        benchmark.measure(vigil, port, samples);
      } else {
        List<String> templates = benchmark.templates(vigil, port);
        benchmark.generate(vigil, templates, tickets, days, expiredDays);
        benchmark.measure(vigil, port, samples);
        benchmark.cleanUp(vigil);
      }
    } finally {
      vigil.close();
    }
    Path file = Path.of("target", "benchmarks", "ticket-volume.txt");
    Files.createDirectories(file.getParent());
    Files.write(file, benchmark.report);
    System.out.println("\nWritten to " + file.toAbsolutePath());
  }

  // ---- 1. Templates: real lifecycles --------------------------------------------------------

  private List<String> templates(ConfigurableApplicationContext vigil, int port) throws Exception {
    JdbcClient jdbc = vigil.getBean(JdbcClient.class);
    List<Map<String, Object>> items = jdbc.sql("SELECT id, name FROM configuration_item ORDER BY id").query().listOfRows();
    List<String> numbers = new ArrayList<>();
    String[] levels = {"HIGH", "MEDIUM", "LOW"};
    for (int i = 0; i < items.size(); i++) {
      String ci = (String) items.get(i).get("id");
      String title = SYMPTOMS.get(i % SYMPTOMS.size()) + " on " + items.get(i).get("name");
      String body = json(Map.of("title", title, "description", DETAILS.get(i % DETAILS.size()), "caller", "jane@example.com",
          // no high impact with high urgency: a major incident's coordination is a lifecycle of its own
          "ci", ci, "impact", levels[i % 3], "urgency", levels[i % 3 == 0 ? 1 + (i / 3) % 2 : (i / 3) % 3]));
      HttpResponse<String> created = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/incidents"))
          .header("Authorization", basic("sd.anna")).header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
      if (created.statusCode() != 201) {
        throw new IllegalStateException("report refused: " + created.statusCode() + " " + created.body());
      }
      String number = field(created.body(), "number");
      live(vigil, port, number);
      numbers.add(number);
    }
    HistoryService history = vigil.getBean(HistoryService.class);
    await("the templates' processes to end", () ->
        history.createHistoricProcessInstanceQuery().processDefinitionKey(IncidentProcess.KEY).finished().count() == numbers.size());
    long rows = historyRows(jdbc, "root_proc_inst_id_ IN (SELECT process_instance_id FROM incident)");
    long audit = jdbc.sql("SELECT COUNT(*) FROM audit_entry").query(Long.class).single();
    line("%nTemplates: %d real lifecycles (one per configuration item): %d engine history rows, %d audit entries each on average",
        numbers.size(), rows / numbers.size(), audit / numbers.size());
    return numbers;
  }

  /** Triage, a comment, resolve, confirm, as the group's analyst and the service desk do; the close worker closes. */
  private void live(ConfigurableApplicationContext vigil, int port, String number) throws Exception {
    TaskService tasks = vigil.getBean(TaskService.class);
    FormService forms = vigil.getBean(FormService.class);
    IdentityService identity = vigil.getBean(IdentityService.class);
    Task triage = task(tasks, number, IncidentProcess.Elements.TRIAGE);
    String group = tasks.getIdentityLinksForTask(triage.getId()).stream().map(IdentityLink::getGroupId)
        .filter(g -> g != null).findFirst().orElseThrow();
    String analyst = identity.createUserQuery().memberOfGroup(group).list().get(0).getId();
    as(identity, analyst, () -> {
      tasks.claim(triage.getId(), analyst);
      forms.submitTaskForm(triage.getId(), Map.of(IncidentProcess.Variables.TRIAGE_OUTCOME, "RESOLVE"));
    });
    HttpResponse<String> comment = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/incidents/" + number + "/comments"))
        .header("Authorization", basic(analyst)).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(json(Map.of("text", "Looking at it: " + DETAILS.get(number.hashCode() & 7)))))
        .build(), HttpResponse.BodyHandlers.ofString());
    if (comment.statusCode() != 201) {
      throw new IllegalStateException("comment refused: " + comment.body());
    }
    Task resolve = task(tasks, number, IncidentProcess.Elements.RESOLVE);
    as(identity, analyst, () -> forms.submitTaskForm(resolve.getId(), Map.of(
        IncidentProcess.Variables.RESOLUTION_CODE, "FIXED",
        IncidentProcess.Variables.RESOLUTION_NOTES, "Restarted the pool and raised its size.")));
    Task confirm = task(tasks, number, IncidentProcess.Elements.CONFIRM_RESOLUTION);
    as(identity, "sd.anna", () -> forms.submitTaskForm(confirm.getId(), Map.of(IncidentProcess.Variables.CALLER_CONFIRMED, "true")));
  }

  private static Task task(TaskService tasks, String number, String element) throws InterruptedException {
    Task[] found = new Task[1];
    await(element + " of " + number, () -> {
      found[0] = tasks.createTaskQuery().processInstanceBusinessKey(number).taskDefinitionKey(element).singleResult();
      return found[0] != null;
    });
    return found[0];
  }

  private static void as(IdentityService identity, String user, Runnable step) {
    identity.setAuthentication(user, identity.createGroupQuery().groupMember(user).list().stream().map(Group::getId).toList());
    try {
      step.run();
    } finally {
      identity.clearAuthentication();
    }
  }

  // ---- 2. Generate ---------------------------------------------------------------------------

  private void generate(ConfigurableApplicationContext vigil, List<String> templates, int tickets, int days, int expiredDays) {
    JdbcClient jdbc = vigil.getBean(JdbcClient.class);
    int ttlDays = jdbc.sql("SELECT MAX(history_ttl_) FROM act_re_procdef WHERE key_ = ?").param(IncidentProcess.KEY)
        .query(Integer.class).single();
    List<String> historyTables = jdbc.sql("""
            SELECT table_name FROM information_schema.columns
            WHERE table_schema = current_schema() AND column_name = 'root_proc_inst_id_'
              AND (table_name LIKE 'act_hi_%' OR table_name = 'act_ge_bytearray')
            ORDER BY table_name""").query(String.class).list();
    // The templates' history apart: the copies read it, not the tables they grow.
    for (String table : historyTables) {
      jdbc.sql("DROP TABLE IF EXISTS benchmark_" + table).update();
      jdbc.sql("CREATE UNLOGGED TABLE benchmark_" + table + " AS SELECT * FROM " + table
          + " WHERE root_proc_inst_id_ IN (SELECT process_instance_id FROM incident)").update();
    }
    Map<String, String> copies = historyTables.stream().collect(Collectors.toMap(t -> t, t -> copyStatement(jdbc, t),
        (a, b) -> a, LinkedHashMap::new));
    jdbc.sql("DROP TABLE IF EXISTS benchmark_batch").update();
    jdbc.sql("""
            CREATE UNLOGGED TABLE benchmark_batch (n BIGINT PRIMARY KEY, number VARCHAR(20), template VARCHAR(20),
              shift INTERVAL, state VARCHAR(20), with_history BOOLEAN)""").update();
    String templateArray = array(templates);
    String openStates = array(OPEN_STATES);
    int first = templates.size() + 1;
    OffsetDateTime end = OffsetDateTime.now(ZoneOffset.UTC).minusHours(1);
    OffsetDateTime start = end.minusDays(days);
    OffsetDateTime historyFrom = end.minusDays(ttlDays + expiredDays);
    double secondsPerTicket = Duration.ofDays(days).toSeconds() / (double) tickets;
    int open = Math.min(tickets, 1_500);
    line("%nGenerating %,d incidents from %s, engine history for those after %s (time to live %d days, %d days past it), the newest %,d open",
        tickets, start.toLocalDate(), historyFrom.toLocalDate(), ttlDays, expiredDays, open);
    // The engine's history indexes are rebuilt after the copy: one build is faster than millions of inserts.
    List<String> indexes = jdbc.sql("""
            SELECT pg_get_indexdef(i.indexrelid) FROM pg_index i JOIN pg_class t ON t.oid = i.indrelid
            WHERE t.relname = ANY (string_to_array(?, ',')) AND t.relnamespace = current_schema()::regnamespace
              AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)""")
        .param(String.join(",", historyTables)).query(String.class).list();
    for (String index : indexes) {
      jdbc.sql("DROP INDEX " + index.replaceFirst("^CREATE (UNIQUE )?INDEX (\\S+) .*$", "$2")).update();
    }
    long began = System.nanoTime();
    long historyRows = 0;
    for (int from = 0; from < tickets; from += CHUNK) {
      int to = Math.min(tickets, from + CHUNK);
      jdbc.sql("TRUNCATE benchmark_batch").update();
      jdbc.sql("""
              INSERT INTO benchmark_batch
              SELECT g + :first, 'INC-' || CASE WHEN g + :first < 1000000 THEN lpad((g + :first)::text, 6, '0') ELSE (g + :first)::text END,
                t.number,
                (:start::timestamptz + make_interval(secs => g * :spacing)) - t.reported_at,
                CASE WHEN g >= :tickets - :open THEN (%s)[1 + (g * 7) %% %d] ELSE 'CLOSED' END,
                g < :tickets - :open AND :start::timestamptz + make_interval(secs => g * :spacing) >= :historyFrom::timestamptz
              FROM generate_series(:from, :to - 1) g
              JOIN incident t ON t.number = (%s)[1 + (g * 2654435761) %% %d]""".formatted(openStates, OPEN_STATES.size(),
              templateArray, templates.size()))
          .param("first", first).param("start", start).param("spacing", secondsPerTicket).param("tickets", tickets)
          .param("open", open)
          .param("historyFrom", historyFrom).param("from", from).param("to", to)
          .update();
      copyTickets(jdbc);
      for (String copy : copies.values()) {
        historyRows += jdbc.sql(copy).update();
      }
      long seconds = Math.max(1, (System.nanoTime() - began) / 1_000_000_000);
      System.out.printf(Locale.ROOT, "  %,9d / %,d incidents, %,11d history rows, %4d s, %,6d incidents/s%n", to, tickets,
          historyRows, seconds, to / seconds);
    }
    jdbc.sql("DROP TABLE benchmark_batch").update();
    historyTables.forEach(table -> jdbc.sql("DROP TABLE benchmark_" + table).update());
    jdbc.sql("SELECT setval('incident_number_seq', (SELECT MAX(id) FROM incident))").query().singleRow();
    long indexStart = System.nanoTime();
    indexes.forEach(index -> jdbc.sql(index).update());
    line("  %,d history indexes rebuilt in %d s", indexes.size(), (System.nanoTime() - indexStart) / 1_000_000_000);
    long vacuumStart = System.nanoTime();
    // Autovacuum is off on the benchmark machines; in production it does this as the rows arrive.
    jdbc.sql("VACUUM ANALYZE").update();
    line("  %,d incidents and %,d history rows in %d s (indexes included); VACUUM ANALYZE %d s", tickets, historyRows,
        (vacuumStart - began) / 1_000_000_000, (System.nanoTime() - vacuumStart) / 1_000_000_000);
    line("  %s", jdbc.sql("SELECT pg_size_pretty(pg_database_size(current_database()))").query(String.class).single());
    tableCounts(jdbc);
  }

  /** The batch's incidents, audit entries, SLA clocks and comments: the template's, moved to their own time. */
  private static void copyTickets(JdbcClient jdbc) {
    String symptoms = array(SYMPTOMS);
    String details = array(DETAILS);
    jdbc.sql("""
            INSERT INTO incident (number, process_instance_id, state, title, description, caller, reported_by, service_id, ci_id,
              impact, urgency, priority, category, resolver_group, assignee, major_incident, resolution_code, resolution_notes,
              closure_reason, reported_at, acknowledged_at, resolved_at, closed_at, time_to_acknowledge_seconds,
              time_to_resolve_seconds, updated_at)
            SELECT b.number, md5(t.process_instance_id || '-' || b.n), b.state,
              %1$s[1 + (b.n * 40507) %% %2$d] || ' on ' || ci.name,
              %3$s[1 + (b.n * 9973) %% %4$d] || ' ' || %3$s[1 + (b.n * 31) %% %4$d],
              'caller' || (b.n %% 5000) || '@example.com', t.reported_by, t.service_id, t.ci_id, t.impact, t.urgency,
              (ARRAY['P1','P2','P2','P3','P3','P3','P3','P3','P3','P4','P4','P4','P4','P4','P4','P4','P4','P4','P5','P5'])[1 + (b.n * 7919) %% 20],
              t.category, CASE WHEN b.state = 'NEW' THEN NULL ELSE t.resolver_group END,
              CASE WHEN b.state IN ('NEW', 'ASSIGNED') THEN NULL ELSE t.assignee END, FALSE,
              CASE WHEN b.state IN ('RESOLVED', 'CLOSED') THEN t.resolution_code END,
              CASE WHEN b.state IN ('RESOLVED', 'CLOSED') THEN t.resolution_notes END,
              CASE WHEN b.state = 'CLOSED' THEN t.closure_reason END,
              t.reported_at + b.shift, t.acknowledged_at + b.shift,
              CASE WHEN b.state IN ('RESOLVED', 'CLOSED') THEN t.resolved_at + b.shift END,
              CASE WHEN b.state = 'CLOSED' THEN t.closed_at + b.shift END,
              t.time_to_acknowledge_seconds, t.time_to_resolve_seconds, t.updated_at + b.shift
            FROM benchmark_batch b JOIN incident t ON t.number = b.template JOIN configuration_item ci ON ci.id = t.ci_id
            ORDER BY b.n""".formatted(symptoms, SYMPTOMS.size(), details, DETAILS.size())).update();
    jdbc.sql("""
            INSERT INTO audit_entry (ticket_number, occurred_at, actor, action, detail)
            SELECT b.number, a.occurred_at + b.shift, a.actor, a.action, replace(a.detail, b.template, b.number)
            FROM benchmark_batch b JOIN audit_entry a ON a.ticket_number = b.template ORDER BY b.n, a.id""").update();
    jdbc.sql("""
            INSERT INTO sla_clock (ticket_number, kind, target_ms, calendar, phase, segment_start, elapsed_before_ms,
              paused_before_ms, updated_at, thresholds_fired, breached_at)
            SELECT b.number, c.kind, c.target_ms, c.calendar, c.phase, c.segment_start + b.shift, c.elapsed_before_ms,
              c.paused_before_ms, c.updated_at + b.shift, c.thresholds_fired, c.breached_at + b.shift
            FROM benchmark_batch b JOIN sla_clock c ON c.ticket_number = b.template""").update();
    jdbc.sql("""
            INSERT INTO ticket_comment (ticket_number, author, text, created_at)
            SELECT b.number, c.author, c.text, c.created_at + b.shift
            FROM benchmark_batch b JOIN ticket_comment c ON c.ticket_number = b.template ORDER BY b.n, c.id""").update();
  }

  /**
   * Copies a history table's rows of the batch's templates: ids of the instance's own rows become a
   * hash of the id and the incident (so references between history rows still hold, and an id fits
   * its column), timestamps take the incident's shift.
   */
  private static String copyStatement(JdbcClient jdbc, String table) {
    List<Map<String, Object>> columns = jdbc.sql("""
            SELECT column_name, data_type FROM information_schema.columns
            WHERE table_schema = current_schema() AND table_name = ? ORDER BY ordinal_position""")
        .param(table).query().listOfRows();
    List<String> names = new ArrayList<>();
    List<String> values = new ArrayList<>();
    for (Map<String, Object> column : columns) {
      String name = (String) column.get("column_name");
      String type = (String) column.get("data_type");
      names.add(name);
      if (name.endsWith("id_") && type.startsWith("character") && !SHARED_IDS.contains(name)) {
        values.add("md5(h." + name + " || '-' || b.n)");
      } else if (name.equals("business_key_")) {
        values.add("b.number");
      } else if (name.equals("text_")) {
        values.add("CASE WHEN h.text_ = t.number THEN b.number ELSE h.text_ END");
      } else if (type.startsWith("timestamp")) {
        values.add("h." + name + " + b.shift");
      } else {
        values.add("h." + name);
      }
    }
    return "INSERT INTO " + table + " (" + String.join(", ", names) + ") SELECT " + String.join(", ", values)
        + " FROM benchmark_batch b JOIN incident t ON t.number = b.template JOIN benchmark_" + table
        + " h ON h.root_proc_inst_id_ = t.process_instance_id WHERE b.with_history";
  }

  // ---- 3. Measure ----------------------------------------------------------------------------

  private void measure(ConfigurableApplicationContext vigil, int port, int samples) throws Exception {
    JdbcClient jdbc = vigil.getBean(JdbcClient.class);
    List<String> groups = jdbc.sql("SELECT DISTINCT resolver_group FROM incident WHERE resolver_group IS NOT NULL ORDER BY 1")
        .query(String.class).list();
    long maxId = jdbc.sql("SELECT MAX(id) FROM incident").query(Long.class).single();
    String base = "http://127.0.0.1:" + port + "/api/incidents";
    List<String> states = List.of("CLOSED", "NEW", "ASSIGNED", "IN_PROGRESS", "PENDING", "RESOLVED");
    List<String> words = List.of("timeout", "pool exhausted", "certificate", "orders", "deadlocks orders", "backup failed",
        "checkout web", "vpn drops", "slowly", "nothing", "replication lag primary", "lunchtime", "gateway", "zzzz");
    Map<String, Supplier<String>> queries = new LinkedHashMap<>();
    queries.put("list, newest", () -> base);
    queries.put("by group", () -> base + "?group=" + pick(groups));
    queries.put("by state", () -> base + "?state=" + pick(states));
    queries.put("by priority", () -> base + "?priority=P" + (1 + random.nextInt(5)));
    queries.put("group's open queue", () -> base + "?open=true&group=" + pick(groups));
    queries.put("group + priority", () -> base + "?group=" + pick(groups) + "&priority=P" + (1 + random.nextInt(5)));
    queries.put("text search", () -> base + "?q=" + URLEncoder.encode(pick(words), StandardCharsets.UTF_8));
    queries.put("text + group", () -> base + "?group=" + pick(groups) + "&q=" + URLEncoder.encode(pick(words), StandardCharsets.UTF_8));
    queries.put("audit trail", () -> base + "/INC-" + String.format(Locale.ROOT, "%06d", 1 + random.nextLong(maxId)) + "/audit");

    for (Supplier<String> query : queries.values()) {
      for (int i = 0; i < samples / 5; i++) {
        get(query.get());
      }
    }
    line("%nRequests over HTTP as audit.ada, one client, %d of each after %d of warm-up (ms):", samples, samples / 5);
    line("  %-22s %6s %6s %6s %6s", "query", "p50", "p90", "p99", "max");
    for (Map.Entry<String, Supplier<String>> query : queries.entrySet()) {
      long[] times = new long[samples];
      for (int i = 0; i < samples; i++) {
        String uri = query.getValue().get();
        long t0 = System.nanoTime();
        get(uri);
        times[i] = (System.nanoTime() - t0) / 1_000;
      }
      Percentiles p = new Percentiles(times);
      line("  %-22s %6.1f %6.1f %6.1f %6.1f", query.getKey(), p.at(50) / 1000.0, p.at(90) / 1000.0, p.at(99) / 1000.0,
          p.at(100) / 1000.0);
    }
    plans(jdbc, groups.get(0));
  }

  private String get(String uri) throws Exception {
    HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(uri)).header("Authorization", AUDITOR).GET().build(),
        HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IllegalStateException(uri + " answered " + response.statusCode() + ": " + response.body());
    }
    return response.body();
  }

  /**
   * The plans of the statements behind the hot queries, as IncidentRepository and AuditTrail write
   * them (a text search's reads planned as there: newest rows first without bitmaps, then from
   * index bitmaps only).
   */
  private void plans(JdbcClient jdbc, String group) throws SQLException {
    String columns = "id, number, state, title, priority, resolver_group";
    String words = "words @@ 'deadlocks & orders & ''group:" + group + "'''::tsquery";
    long newest = jdbc.sql("SELECT MAX(id) FROM incident").query(Long.class).single();
    Map<String, String> statements = new LinkedHashMap<>();
    statements.put("by group: page", "SELECT " + columns + " FROM incident WHERE resolver_group = '" + group + "' ORDER BY id DESC LIMIT 20 OFFSET 0");
    statements.put("by group: count", "SELECT COUNT(*) FROM (SELECT 1 FROM incident WHERE resolver_group = '" + group + "' LIMIT 10001) matched");
    statements.put("by state: count", "SELECT COUNT(*) FROM (SELECT 1 FROM incident WHERE state = 'CLOSED' LIMIT 10001) matched");
    statements.put("group's open queue: page", "SELECT " + columns + " FROM incident WHERE resolver_group = '" + group
        + "' AND state NOT IN ('RESOLVED', 'CLOSED') ORDER BY id DESC LIMIT 20 OFFSET 0");
    statements.put("text + group, newest rows first", "SET LOCAL enable_seqscan = off; SET LOCAL enable_bitmapscan = off; SELECT " + columns + " FROM incident WHERE " + words + " AND id > " + (newest - 2_000) + " ORDER BY id DESC LIMIT 20 OFFSET 0");
    statements.put("text + group, newest rows first: count", "SET LOCAL enable_seqscan = off; SET LOCAL enable_bitmapscan = off;"
        + " SELECT COUNT(*) FROM (SELECT 1 FROM incident WHERE " + words + " AND id > " + (newest - 2_000) + " LIMIT 10001) matched");
    statements.put("text + group, from the word index", "SET LOCAL enable_seqscan = off; SET LOCAL enable_indexscan = off; SELECT "
        + columns + " FROM incident WHERE " + words + " ORDER BY id DESC LIMIT 20 OFFSET 0");
    statements.put("text + group, from the word index: count", "SET LOCAL enable_seqscan = off; SET LOCAL enable_indexscan = off;"
        + " SELECT COUNT(*) FROM (SELECT 1 FROM incident WHERE " + words + " LIMIT 10001) matched");
    statements.put("audit trail", "SELECT id, ticket_number, occurred_at, actor, action, detail FROM audit_entry"
        + " WHERE ticket_number = 'INC-123456' ORDER BY id");
    line("%nPlans (EXPLAIN (ANALYZE, BUFFERS)), group %s:", group);
    try (Connection connection = DriverManager.getConnection(
        System.getProperty("benchmark.postgresql.url", "jdbc:postgresql://127.0.0.1:5432/") + "vigil_benchmark", "postgres", "")) {
      connection.setAutoCommit(false);
      for (Map.Entry<String, String> statement : statements.entrySet()) {
        line("%n  %s", statement.getKey());
        String[] parts = statement.getValue().split("; ");
        try (Statement sql = connection.createStatement()) {
          for (int i = 0; i < parts.length - 1; i++) {
            sql.execute(parts[i]);
          }
          try (ResultSet plan = sql.executeQuery("EXPLAIN (ANALYZE, BUFFERS) " + parts[parts.length - 1])) {
            while (plan.next()) {
              line("    %s", plan.getString(1));
            }
          }
        }
        connection.commit();
      }
    }
  }

  // ---- 4. History cleanup ----------------------------------------------------------------------

  private void cleanUp(ConfigurableApplicationContext vigil) throws InterruptedException {
    JdbcClient jdbc = vigil.getBean(JdbcClient.class);
    Map<String, Long> before = tableCounts(jdbc);
    // the instances whose history is past its time to live: ended longer ago than that, so their
    // rows are past their removal time (the end plus the time to live)
    jdbc.sql("DROP TABLE IF EXISTS benchmark_expired").update();
    jdbc.sql("""
            CREATE UNLOGGED TABLE benchmark_expired AS SELECT p.id_ AS root FROM act_hi_procinst p
            JOIN act_re_procdef d ON d.id_ = p.proc_def_id_ WHERE p.end_time_ <= now() - make_interval(days => d.history_ttl_)""").update();
    jdbc.sql("ALTER TABLE benchmark_expired ADD PRIMARY KEY (root)").update();
    String past = "root_proc_inst_id_ IN (SELECT root FROM benchmark_expired)";
    long expired = historyRows(jdbc, past);
    line("%nHistory cleanup: %,d rows of instances past their time to live; the engine's cleanup, started now", expired);
    long t0 = System.nanoTime();
    vigil.getBean(HistoryService.class).cleanUpHistoryAsync(true);
    long deadline = System.nanoTime() + Duration.ofHours(2).toNanos();
    long left = expired;
    while (left > 0 && System.nanoTime() < deadline) {
      Thread.sleep(5_000);
      left = historyRows(jdbc, past);
      System.out.printf(Locale.ROOT, "  %,11d rows left, %4d s%n", left, (System.nanoTime() - t0) / 1_000_000_000);
    }
    double seconds = (System.nanoTime() - t0) / 1e9;
    line("  %,d rows removed in %.0f s (%,.0f rows/s, rows past their time to live left: %,d)", expired - left, seconds,
        (expired - left) / seconds, left);
    Map<String, Long> after = tableCounts(jdbc);
    before.forEach((table, rows) -> {
      if (!rows.equals(after.get(table))) {
        line("  %-22s %,12d -> %,12d", table, rows, after.get(table));
      }
    });
  }

  private Map<String, Long> tableCounts(JdbcClient jdbc) {
    Map<String, Long> counts = new LinkedHashMap<>();
    List<String> tables = jdbc.sql("""
            SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()
              AND (table_name LIKE 'act_hi_%' OR table_name IN ('act_ge_bytearray', 'incident', 'audit_entry', 'sla_clock', 'ticket_comment'))
            ORDER BY table_name""").query(String.class).list();
    for (String table : tables) {
      counts.put(table, jdbc.sql("SELECT COUNT(*) FROM " + table).query(Long.class).single());
    }
    line("  rows: %s", counts.entrySet().stream().filter(e -> e.getValue() > 0)
        .map(e -> String.format(Locale.ROOT, "%s %,d", e.getKey(), e.getValue())).collect(Collectors.joining(", ")));
    return counts;
  }

  private static long historyRows(JdbcClient jdbc, String condition) {
    List<String> tables = jdbc.sql("""
            SELECT table_name FROM information_schema.columns
            WHERE table_schema = current_schema() AND column_name = 'root_proc_inst_id_'
              AND (table_name LIKE 'act_hi_%' OR table_name = 'act_ge_bytearray')""").query(String.class).list();
    long rows = 0;
    for (String table : tables) {
      rows += jdbc.sql("SELECT COUNT(*) FROM " + table + " WHERE " + condition).query(Long.class).single();
    }
    return rows;
  }

  // ---- support -------------------------------------------------------------------------------

  private static void await(String what, Supplier<Boolean> condition) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (!condition.get()) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("waited a minute for " + what);
      }
      Thread.sleep(50);
    }
  }

  private <T> T pick(List<T> values) {
    return values.get(random.nextInt(values.size()));
  }

  /** A PostgreSQL array of the texts (which hold no quotes). */
  private static String array(List<String> texts) {
    return texts.stream().map(text -> "'" + text + "'").collect(Collectors.joining(",", "(ARRAY[", "])"));
  }

  private static String basic(String user) {
    return "Basic " + Base64.getEncoder().encodeToString((user + ":demo").getBytes(StandardCharsets.UTF_8));
  }

  private static String json(Map<String, String> fields) throws JsonProcessingException {
    return JSON.writeValueAsString(fields);
  }

  private static String field(String json, String name) throws JsonProcessingException {
    return JSON.readTree(json).path(name).asText();
  }

  private void line(String format, Object... args) {
    String text = String.format(Locale.ROOT, format, args);
    System.out.println(text);
    report.add(text);
  }
}
