package io.vigil.benchmark;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigil.incident.contract.IncidentProcess;
import io.vigil.testing.Decisions;
import java.io.IOException;
import java.io.StringReader;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.postgresql.PGConnection;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.Lifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Problem management's searches and recurrence detection at 100,000 closed incidents, on PostgreSQL
 * (docs/benchmarks.md, "Problem management: similar incidents, knowledge search and recurrence
 * detection at 100,000 closed incidents").
 *
 * <ol>
 *   <li>Fill: a node makes the schema and is started again on it empty; then {@code
 *       benchmark.closed-incidents} closed incidents over the last {@code benchmark.days} days and
 *       {@code benchmark.articles} knowledge articles are copied into Vigil's tables (no engine
 *       history), so that the next node builds both search indexes at its start. Measured: each
 *       start to a ready node, each index's build (the node's own log line), and at the end the live
 *       heap the indexes held.
 *   <li>Searches: {@code benchmark.samples} requests of {@code GET /api/incidents/similar} (without
 *       and with a service) and of {@code GET /api/knowledge} over HTTP, one client, random words.
 *   <li>Recurrence detection: {@code benchmark.samples} reports on the busiest items and services,
 *       one at a time, each until it is routed; the routing job's time from the engine's history,
 *       with the detector on, then on a node started with it off. And the plans of the detector's two
 *       window queries.
 * </ol>
 *
 * {@code mvn -Pbenchmark-problems process-test-classes [-Dbenchmark.closed-incidents=100000]}.
 */
public final class ProblemSearchBenchmark {

  private static final String SERVICE_DESK = "Basic " + Base64.getEncoder().encodeToString("sd.anna:demo".getBytes(StandardCharsets.UTF_8));
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int CHUNK = 10_000;
  private static final Pattern INDEX_BUILT = Pattern.compile("(vigil-[a-z-]+-index): (\\d+) entries read from the database in (\\d+) ms, (\\d+) KB in memory");
  private static final Pattern STARTED = Pattern.compile("Started \\S+ in ([0-9.]+) seconds");
  private static final Pattern WARMED = Pattern.compile("Warmed \\d+ decisions .* in (\\d+) ms");
  /** The rule problem-recurrence.dmn ships with: the detector's window. */
  private static final Duration WINDOW = Duration.ofDays(7);

  /** How analysts write down what restored service: resolution notes, and the workarounds of articles. */
  private static final List<String> RESOLUTIONS = List.of(
      "Restarted the connection pool and raised its size.", "Rolled back the morning release.",
      "Renewed the certificate and reloaded the proxy.", "Cleared old log files and extended the volume.",
      "Killed the blocking session and rescheduled the export.", "Failed over to the standby and rebuilt the replica.",
      "Reset the password and unlocked the account.", "Restarted the queue consumers after removing a poison message.",
      "Raised the heap limit and scheduled a nightly restart.", "Replaced the faulty cable on the switch port.",
      "Rebooted the gateway and updated its firmware.", "Ran the backup again by hand; it completed.",
      "Flushed the cache and rebuilt the search index.", "Corrected the rounding rule in the invoice template.",
      "Asked the provider to lift the rate limit.", "Cleared the spooler and reinstalled the driver.",
      "Moved the mailbox store to the new storage tier.", "Added the missing index on the orders table.",
      "No fault found after watching it for a day.", "Walked the caller through the new sign-in page.");
  private static final List<String> ROOT_CAUSES = List.of(
      "A release changed the pool settings.", "The certificate was not in the renewal job.",
      "Log rotation stopped after an upgrade.", "Two exports lock the same rows in a different order.",
      "The replica's disk is slower than the primary's.", "A library leaks one buffer per request.",
      "The firmware drops idle tunnels after five minutes.", "The provider throttles bursts above its contract.",
      "The backup window overlaps the batch load.", "A cache key ignores the customer's region.",
      "The template divides before it rounds.", "The print driver crashes on duplex jobs.");
  private static final List<String> ARTICLE_KINDS = List.of("Known error: ", "Workaround: ", "How to recover: ", "Troubleshooting: ", "");
  /** Words no ticket or article holds: searches that find nothing. */
  private static final List<String> NOTHING = List.of("zyxomma", "quaggle", "frobnicate", "wobbegong", "xerarch", "plumbago");
  private static final List<String> LEVELS = List.of("LOW", "LOW", "MEDIUM", "MEDIUM", "MEDIUM", "HIGH");

  private final List<String> report = new ArrayList<>();
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final Random random = new Random(42);
  private final Decisions classification = Decisions.load("incident-classification.dmn");
  private final Decisions routing = Decisions.load("incident-routing.dmn");
  private final Decisions priorities = Decisions.load("incident-priority.dmn");
  private final Map<String, String> decided = new HashMap<>();
  /** Titles and descriptions of reports without an item, by service and the category the classifier gives them. */
  private final Map<String, List<String[]>> textsByServiceCategory = new HashMap<>();
  private final List<String> vocabulary;
  private int reports;

  private ProblemSearchBenchmark() {
    Set<String> words = new LinkedHashSet<>();
    Stream.of(TicketVolumeBenchmark.SYMPTOMS, TicketVolumeBenchmark.DETAILS, RESOLUTIONS, ROOT_CAUSES).flatMap(List::stream)
        .flatMap(text -> Arrays.stream(text.toLowerCase(Locale.ROOT).split("[^a-z0-9]+")))
        .filter(word -> word.length() >= 3 && !EnglishAnalyzer.ENGLISH_STOP_WORDS_SET.contains(word))
        .forEach(words::add);
    vocabulary = List.copyOf(words);
  }

  private record Item(String id, String name, String type, String service) {}

  private record Service(String id, String name) {}

  private record Node(ConfigurableApplicationContext context, int port) {}

  /** A round of reports: per incident the routing job's time and the time to routed seen by the client; what the detector did. */
  private record Round(List<Long> routingMillis, List<Long> reportToRoutedMillis, int linked, int opened) {}

  /** A node's measured routing jobs, and the problems recurrence opened on it. */
  private record Detection(List<Long> routingMillis, long problemsOpened) {}

  public static void main(String[] args) throws Exception {
    int closed = Integer.getInteger("benchmark.closed-incidents", 100_000);
    int articles = Integer.getInteger("benchmark.articles", 10_000);
    int samples = Integer.getInteger("benchmark.samples", 1000);
    int days = Integer.getInteger("benchmark.days", 365);

    ProblemSearchBenchmark benchmark = new ProblemSearchBenchmark();
    benchmark.line("Problem management at %,d closed incidents and %,d knowledge articles over %d days on PostgreSQL;"
            + " %d samples; %d cores, Java %s, max heap %d MiB, %s", closed, articles, days, samples,
        Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"), Runtime.getRuntime().maxMemory() >> 20,
        Instant.now());

    benchmark.line("%nStarts (to a ready node; index builds from the node's log):");
    benchmark.start(true, "fresh database (schema, catalog, demo users)").context().close();
    benchmark.start(false, "no tickets").context().close();
    benchmark.fill(closed, articles, days);
    Node full = benchmark.start(false, "with the tickets");
    Detection on;
    try {
      benchmark.searches(full, samples);
      benchmark.plans();
      on = benchmark.detection(full, "recurrence detection on (default)", samples);
      benchmark.indexHeap(full);
    } finally {
      full.context().close();
    }
    Node off = benchmark.start(false, "with the tickets, recurrence detection off", "--vigil.problems.recurrence.enabled=false");
    Detection without;
    try {
      without = benchmark.detection(off, "recurrence detection off", samples);
    } finally {
      off.context().close();
    }
    benchmark.cost(on, without);

    Path file = Path.of("target", "benchmarks", "problem-search.txt");
    Files.createDirectories(file.getParent());
    Files.write(file, benchmark.report);
    System.out.println("\nWritten to " + file.toAbsolutePath());
  }

  // ---- 1. Starts and the fill ----------------------------------------------------------------

  /** A node in role all; {@code fresh}: on a new database, else on vigil_benchmark as it is. */
  private Node start(boolean fresh, String what, String... settings) throws Exception {
    int port = BenchmarkNode.freePort();
    Path log = Path.of("target", "benchmarks", "problem-search-node.log");
    Files.createDirectories(log.getParent());
    Files.deleteIfExists(log);
    String[] arguments = Stream.concat(Stream.of(
            // The node's own log lines of its start (Spring names it after the class whose main method runs), the index
            // builds and the decision warm-up, read back below.
            "--logging.level." + ProblemSearchBenchmark.class.getName() + "=INFO",
            "--logging.level.io.vigil.engine.DecisionWarmUp=INFO",
            "--logging.level.io.vigil.support.IndexCatchUp=INFO",
            "--logging.file.name=" + log,
            "--logging.threshold.console=WARN",
            // Every report here names a busy item, where another open report with a similar title would go to the
            // service desk's duplicate review instead of being routed; only an identical title counts now, and each
            // title carries its own reference.
            "--vigil.workers.classification.duplicate-similarity=1.0"), Arrays.stream(settings))
        .toArray(String[]::new);
    long t0 = System.nanoTime();
    ConfigurableApplicationContext context = fresh
        ? BenchmarkNode.start("postgresql", port, "all", arguments)
        : BenchmarkNode.startAgain(port, "all", arguments);
    long millis = (System.nanoTime() - t0) / 1_000_000;
    // The indexes are built in the background once the node is ready: measured searches wait for both.
    List<String> logLines = Files.readAllLines(log);
    long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
    while (logLines.stream().filter(l -> INDEX_BUILT.matcher(l).find()).count() < 2 && System.nanoTime() < deadline) {
      Thread.sleep(100);
      logLines = Files.readAllLines(log);
    }
    long built = (System.nanoTime() - t0) / 1_000_000;
    line("  %-45s ready in %,6d ms (context started in %s s, then the decision warm-up %s ms); both indexes built %,d ms"
        + " after the start", what, millis, found(logLines, STARTED), found(logLines, WARMED), built);
    for (String logLine : logLines) {
      Matcher index = INDEX_BUILT.matcher(logLine);
      if (index.find()) {
        line("    %-28s %,7d entries built in %,6d ms, %,7d KB (TextIndex.bytes)", index.group(1),
            Long.parseLong(index.group(2)), Long.parseLong(index.group(3)), Long.parseLong(index.group(4)));
      }
    }
    return new Node(context, port);
  }

  /**
   * The live heap the node's two search indexes hold, measured by closing them (their catch-up
   * stopped first) once no request needs them: a node closed earlier in this JVM is not all
   * collected, so comparing two nodes' heaps would count it too.
   */
  private void indexHeap(Node node) throws Exception {
    long before = liveHeap();
    for (String name : List.of("closedIncidentIndex", "knowledgeIndex")) {
      Object index = node.context().getBean(name);
      ((Lifecycle) index).stop();
      ((AutoCloseable) index).close();
    }
    line("%nLive heap the two indexes held (after full collections, before and after closing them): %.1f MiB",
        (before - liveHeap()) / 1048576.0);
  }

  /**
   * Closed incidents oldest first, then articles, copied in chunks; then {@code VACUUM ANALYZE}
   * (autovacuum is off on the benchmark machines; in production it does this as the rows arrive).
   */
  private void fill(int closed, int articles, int days) throws Exception {
    try (Connection connection = BenchmarkNode.connect()) {
      List<Item> items = query(connection, "SELECT id, name, type, service_id FROM configuration_item ORDER BY id",
          rs -> new Item(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)));
      List<Service> services = query(connection, "SELECT id, name FROM business_service ORDER BY id",
          rs -> new Service(rs.getString(1), rs.getString(2)));
      // the last report an hour before the last closing, which is a minute ago
      Instant closedBy = Instant.now().minus(Duration.ofMinutes(1)).truncatedTo(ChronoUnit.SECONDS);
      Instant end = closedBy.minus(Duration.ofHours(1));
      Instant start = end.minus(Duration.ofDays(days));
      line("%nFilling: %,d closed incidents reported from %s to %s (%d items, %d services), %,d knowledge articles",
          closed, start, end, items.size(), services.size(), articles);
      long t0 = System.nanoTime();
      copy(connection, "incident (number, state, title, description, caller, reported_by, service_id, ci_id, impact, urgency, priority,"
              + " category, resolver_group, resolution_code, resolution_notes, closure_reason, reported_at, acknowledged_at,"
              + " resolved_at, closed_at, time_to_acknowledge_seconds, time_to_resolve_seconds, updated_at)", closed, "incidents",
          n -> incident(n, start, end, closedBy, closed, items, services));
      try (Statement sql = connection.createStatement()) {
        sql.execute("SELECT setval('incident_number_seq', " + closed + ")");
      }
      long incidentsMillis = (System.nanoTime() - t0) / 1_000_000;
      long t1 = System.nanoTime();
      copy(connection, "knowledge_article (title, symptoms, root_cause, workaround, service_id, ci_id, author, created_at, updated_at)",
          articles, "articles", n -> article(start, end, items, services));
      long articlesMillis = (System.nanoTime() - t1) / 1_000_000;
      long t2 = System.nanoTime();
      try (Statement sql = connection.createStatement()) {
        sql.execute("VACUUM ANALYZE");
      }
      line("  incidents %,d ms (categories, groups and priorities from the shipped decision tables), articles %,d ms,"
          + " VACUUM ANALYZE %,d ms", incidentsMillis, articlesMillis, (System.nanoTime() - t2) / 1_000_000);
      line("  incident table with its indexes %s, knowledge_article %s",
          single(connection, "SELECT pg_size_pretty(pg_total_relation_size('incident'))"),
          single(connection, "SELECT pg_size_pretty(pg_total_relation_size('knowledge_article'))"));
      String since = "'" + OffsetDateTime.now(ZoneOffset.UTC).minus(WINDOW) + "'::timestamptz";
      line("  busiest items (closed incidents, of which in the last 7 days): %s", String.join(", ", query(connection,
          "SELECT ci_id, COUNT(*), COUNT(*) FILTER (WHERE reported_at >= " + since + ") FROM incident WHERE ci_id IS NOT NULL"
              + " GROUP BY ci_id ORDER BY 2 DESC LIMIT 5",
          rs -> String.format(Locale.ROOT, "%s %,d (%,d)", rs.getString(1), rs.getLong(2), rs.getLong(3)))));
      line("  busiest services and categories: %s", String.join(", ", query(connection,
          "SELECT service_id, category, COUNT(*), COUNT(*) FILTER (WHERE reported_at >= " + since + ") FROM incident"
              + " GROUP BY service_id, category ORDER BY 3 DESC LIMIT 5",
          rs -> String.format(Locale.ROOT, "%s/%s %,d (%,d)", rs.getString(1), rs.getString(2), rs.getLong(3), rs.getLong(4)))));
    }
  }

  private interface Row {
    String csv(int n);
  }

  private void copy(Connection connection, String table, int rows, String what, Row row) throws SQLException {
    long t0 = System.nanoTime();
    for (int from = 0; from < rows; from += CHUNK) {
      int to = Math.min(rows, from + CHUNK);
      StringBuilder chunk = new StringBuilder();
      for (int n = from; n < to; n++) {
        chunk.append(row.csv(n)).append('\n');
      }
      try {
        connection.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY " + table + " FROM STDIN (FORMAT csv)",
            new StringReader(chunk.toString()));
      } catch (IOException e) {
        throw new SQLException(e);
      }
      long seconds = Math.max(1, (System.nanoTime() - t0) / 1_000_000_000);
      System.out.printf(Locale.ROOT, "  %,9d / %,d %s, %4d s%n", to, rows, what, seconds);
    }
  }

  /**
   * The n-th closed incident: a symptom on an item (most often one of the first items: their share
   * falls as 1/rank, so the busiest hold tens of thousands) or, one in seven, on a service alone;
   * category, resolver group and priority as the shipped decision tables give them for that text.
   */
  private String incident(int n, Instant start, Instant end, Instant closedBy, int count, List<Item> items, List<Service> services) {
    Item item = random.nextInt(7) == 0 ? null : items.get(rank(items.size()));
    Service service = item == null ? services.get(rank(services.size())) : null;
    String serviceId = item == null ? service.id() : item.service();
    String title = pick(TicketVolumeBenchmark.SYMPTOMS) + " on " + (item == null ? service.name() : item.name());
    String description = pick(TicketVolumeBenchmark.DETAILS) + " " + pick(TicketVolumeBenchmark.DETAILS);
    String category = category(title, description, item == null ? null : item.type());
    if (item == null) {
      List<String[]> texts = textsByServiceCategory.computeIfAbsent(serviceId + "/" + category, k -> new ArrayList<>());
      if (texts.size() < 50) {
        texts.add(new String[] {title, description});
      }
    }
    String impact = pick(LEVELS);
    String urgency = pick(LEVELS);
    Instant reported = start.plusMillis((long) ((n + random.nextDouble()) * Duration.between(start, end).toMillis() / count));
    Instant acknowledged = min(reported.plusSeconds(60 + random.nextInt(3_600)), closedBy);
    Instant resolved = min(acknowledged.plusSeconds(600 + random.nextInt(48 * 3_600)), closedBy);
    Instant closedAt = min(resolved.plusSeconds(60 + random.nextInt(72 * 3_600)), closedBy);
    String notes = pick(RESOLUTIONS) + (random.nextBoolean() ? "" : " " + pick(RESOLUTIONS));
    return csv("INC-" + (n + 1 < 1_000_000 ? String.format(Locale.ROOT, "%06d", n + 1) : String.valueOf(n + 1)), "CLOSED", title,
        description, "caller" + random.nextInt(5_000) + "@example.com", "sd.anna", serviceId, item == null ? null : item.id(),
        impact, urgency, priority(impact, urgency), category, group(category, serviceId, item == null ? null : item.id()),
        pick(List.of("FIXED", "FIXED", "FIXED", "WORKAROUND", "WORKAROUND", "CONFIGURATION_CHANGED", "NO_FAULT_FOUND", "USER_ERROR",
            "VENDOR_FIX")), notes, random.nextInt(5) == 0 ? "AUTO_CLOSED" : "CONFIRMED", reported, acknowledged, resolved, closedAt,
        Duration.between(reported, acknowledged).toSeconds(), Duration.between(reported, resolved).toSeconds(), closedAt);
  }

  private String article(Instant start, Instant end, List<Item> items, List<Service> services) {
    Item item = random.nextInt(4) == 0 ? null : items.get(rank(items.size()));
    Service service = item == null ? services.get(rank(services.size())) : null;
    String symptom = pick(TicketVolumeBenchmark.SYMPTOMS);
    Instant created = start.plusMillis((long) (random.nextDouble() * Duration.between(start, end).toMillis()));
    return csv(pick(ARTICLE_KINDS) + symptom + " on " + (item == null ? service.name() : item.name()),
        symptom + ". " + pick(TicketVolumeBenchmark.DETAILS) + " " + pick(TicketVolumeBenchmark.DETAILS),
        random.nextInt(4) == 0 ? null : pick(ROOT_CAUSES), pick(RESOLUTIONS) + " " + pick(RESOLUTIONS),
        item == null ? service.id() : item.service(), item == null ? null : item.id(), random.nextBoolean() ? "pm.paula" : "sd.anna",
        created, min(created.plus(Duration.ofDays(random.nextInt(30))), end));
  }

  /** The classifier's category for a report's text (the worker lowercases title and description). */
  private String category(String title, String description, String ciType) {
    String text = (title + " " + description).toLowerCase(Locale.ROOT);
    return decided.computeIfAbsent("category|" + text + "|" + ciType, k -> {
      Map<String, Object> inputs = new HashMap<>();
      inputs.put("text", text);
      inputs.put("ciType", ciType);
      return classification.single("incident-category", inputs);
    });
  }

  private String group(String category, String service, String ci) {
    return decided.computeIfAbsent("group|" + category + "|" + service + "|" + ci, k -> {
      Map<String, Object> inputs = new HashMap<>();
      inputs.put("category", category);
      inputs.put("service", service);
      inputs.put("ci", ci);
      return routing.single("incident-routing", inputs);
    });
  }

  private String priority(String impact, String urgency) {
    return decided.computeIfAbsent("priority|" + impact + "|" + urgency,
        k -> priorities.single("incident-priority", Map.of("impact", impact, "urgency", urgency)));
  }

  /** 0 to size - 1, the first most often: rank r has a share proportional to 1 / (r + 1). */
  private int rank(int size) {
    double total = 0;
    for (int r = 0; r < size; r++) {
      total += 1.0 / (r + 1);
    }
    double x = random.nextDouble() * total;
    for (int r = 0; r < size; r++) {
      x -= 1.0 / (r + 1);
      if (x < 0) {
        return r;
      }
    }
    return size - 1;
  }

  // ---- 2. Searches ---------------------------------------------------------------------------

  private void searches(Node node, int samples) throws Exception {
    List<String> services = node.context().getBean(JdbcClient.class).sql("SELECT id FROM business_service ORDER BY id")
        .query(String.class).list();
    String base = "http://127.0.0.1:" + node.port() + "/api";
    Map<String, Supplier<String>> searches = new LinkedHashMap<>();
    searches.put("similar incidents", () -> base + "/incidents/similar?q=" + encode(words()));
    searches.put("similar incidents, one service", () -> base + "/incidents/similar?q=" + encode(words()) + "&service=" + pick(services));
    searches.put("knowledge articles", () -> base + "/knowledge?q=" + encode(words()));
    int warmup = samples / 5;
    for (Supplier<String> search : searches.values()) {
      for (int i = 0; i < warmup; i++) {
        get(search.get());
      }
    }
    line("%nSearches over HTTP as sd.anna, one client, %d of each after %d of warm-up; 1 to 6 words of the tickets' and articles'"
        + " vocabulary, one in ten words neither holds; default sizes (5 incidents, 10 articles) (ms):", samples, warmup);
    line("  %-32s %6s %6s %6s %6s  %s", "search", "p50", "p90", "p99", "max", "answers with no match");
    for (Map.Entry<String, Supplier<String>> search : searches.entrySet()) {
      long[] micros = new long[samples];
      int none = 0;
      for (int i = 0; i < samples; i++) {
        String uri = search.getValue().get();
        long t0 = System.nanoTime();
        String body = get(uri);
        micros[i] = (System.nanoTime() - t0) / 1_000;
        if (JSON.readTree(body).isEmpty()) {
          none++;
        }
      }
      Percentiles p = new Percentiles(micros);
      line("  %-32s %6.1f %6.1f %6.1f %6.1f  %d of %d", search.getKey(), p.at(50) / 1000.0, p.at(90) / 1000.0, p.at(99) / 1000.0,
          p.at(100) / 1000.0, none, samples);
    }
  }

  /**
   * One to six words of the tickets' and articles' vocabulary (root causes only articles hold); one
   * search in ten of words neither holds.
   */
  private String words() {
    if (random.nextInt(10) == 0) {
      return pick(NOTHING) + (random.nextBoolean() ? "" : " " + pick(NOTHING));
    }
    int count = 1 + random.nextInt(6);
    List<String> words = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      words.add(pick(vocabulary));
    }
    return String.join(" ", words);
  }

  /**
   * The plans of the detector's two window queries, as IncidentRepository.reportedSince writes them,
   * on the item and on the service and category that hold the most incidents, over the last 7 days.
   * Each runs twice and the second is printed: the detector runs them for every routed incident, so
   * their pages are in memory.
   */
  private void plans() throws SQLException {
    String columns = "id, number, state, title, description, caller, reported_by, service_id, ci_id, impact, urgency,"
        + " priority, category, resolver_group, assignee, pending_reason, major_incident, escalation_level,"
        + " reopen_count, duplicate_of, resolution_code, resolution_notes, root_cause_analysis_needed,"
        + " closure_reason, process_instance_id, reported_at, acknowledged_at, resolved_at, closed_at,"
        + " time_to_acknowledge_seconds, time_to_resolve_seconds, problem_number, updated_at";
    String since = "'" + OffsetDateTime.now(ZoneOffset.UTC).minus(WINDOW) + "'::timestamptz";
    try (Connection connection = BenchmarkNode.connect()) {
      String ci = single(connection, "SELECT ci_id FROM incident WHERE ci_id IS NOT NULL GROUP BY ci_id ORDER BY COUNT(*) DESC LIMIT 1");
      List<String> serviceCategory = query(connection,
          "SELECT service_id, category FROM incident GROUP BY service_id, category ORDER BY COUNT(*) DESC LIMIT 1",
          rs -> rs.getString(1) + "|" + rs.getString(2));
      String[] sc = serviceCategory.get(0).split("\\|");
      Map<String, String> statements = new LinkedHashMap<>();
      statements.put("an item's window: ci_id = '" + ci + "'", "SELECT " + columns + " FROM incident WHERE ci_id = '" + ci
          + "' AND reported_at >= " + since + " ORDER BY reported_at LIMIT 100");
      statements.put("a service's and category's window: service_id = '" + sc[0] + "', category = '" + sc[1] + "'",
          "SELECT " + columns + " FROM incident WHERE service_id = '" + sc[0] + "' AND category = '" + sc[1]
              + "' AND reported_at >= " + since + " ORDER BY reported_at LIMIT 100");
      line("%nPlans of the detector's window queries (EXPLAIN (ANALYZE, BUFFERS), 7 days, LIMIT %d as RecurrenceDetector.MAX_LINKED;"
          + " the second of two runs):", 100);
      for (Map.Entry<String, String> statement : statements.entrySet()) {
        line("%n  %s", statement.getKey());
        List<String> plan = List.of();
        for (int run = 0; run < 2; run++) {
          plan = query(connection, "EXPLAIN (ANALYZE, BUFFERS) " + statement.getValue(), rs -> rs.getString(1));
        }
        plan.forEach(planLine -> line("    %s", planLine));
      }
    }
  }

  // ---- 3. Recurrence detection ---------------------------------------------------------------

  /**
   * Reports on the three busiest items (three in four) and on the two busiest services and
   * categories without an item, one at a time, each until it is routed: a warm-up of a fifth, then
   * {@code ANALYZE} and the measured round. The routing job's time is the start of
   * {@code Task_DeterminePriority} (its job's start) to the end of {@code Task_DetermineResolverGroup},
   * whose end listener runs the detector in the same transaction.
   */
  private Detection detection(Node node, String name, int samples) throws Exception {
    JdbcClient jdbc = node.context().getBean(JdbcClient.class);
    HistoryService history = node.context().getBean(HistoryService.class);
    List<Item> items = jdbc.sql("""
            SELECT i.ci_id, c.name, c.type, c.service_id FROM incident i JOIN configuration_item c ON c.id = i.ci_id
            WHERE i.state = 'CLOSED' GROUP BY i.ci_id, c.name, c.type, c.service_id ORDER BY COUNT(*) DESC LIMIT 3""")
        .query((rs, n) -> new Item(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4))).list();
    List<String> serviceCategories = jdbc.sql("""
            SELECT service_id || '/' || category FROM incident WHERE state = 'CLOSED'
            GROUP BY service_id, category ORDER BY COUNT(*) DESC""")
        .query(String.class).stream().filter(textsByServiceCategory::containsKey).limit(2).toList();
    long problemsBefore = problems(jdbc);
    long linkedBefore = jdbc.sql("SELECT COUNT(*) FROM incident WHERE state = 'CLOSED' AND problem_number IS NOT NULL")
        .query(Long.class).single();
    int warmup = samples / 5;
    line("%n%s: %d reports after %d of warm-up, one at a time, each until routed; items %s, services and categories %s",
        name, samples, warmup, items.stream().map(Item::id).toList(), serviceCategories);
    Round warm = round(node, jdbc, history, items, serviceCategories, warmup);
    jdbc.sql("ANALYZE").update();
    Round measured = round(node, jdbc, history, items, serviceCategories, samples);
    long problems = problems(jdbc) - problemsBefore;
    long linked = jdbc.sql("SELECT COUNT(*) FROM incident WHERE state = 'CLOSED' AND problem_number IS NOT NULL")
        .query(Long.class).single() - linkedBefore;
    line("  routing job ms (Task_DeterminePriority start -> Task_DetermineResolverGroup end)  %s", percentiles(measured.routingMillis()));
    line("  report -> routed ms (POST sent to resolver group seen)                           %s",
        percentiles(measured.reportToRoutedMillis()));
    line("  problems opened by recurrence: %d (%d in the warm-up, %d in the measured round), %,d closed incidents linked to them;"
            + " measured reports linked to a problem: %d of %d", problems, warm.opened(), measured.opened(), linked, measured.linked(),
        samples);
    return new Detection(measured.routingMillis(), problems);
  }

  private Round round(Node node, JdbcClient jdbc, HistoryService history, List<Item> items, List<String> serviceCategories,
      int count) throws Exception {
    URI uri = URI.create("http://127.0.0.1:" + node.port() + "/api/incidents");
    List<String> instances = new ArrayList<>();
    List<Long> reportToRouted = new ArrayList<>();
    int linked = 0;
    int opened = 0;
    for (int i = 0; i < count; i++) {
      int n = ++reports;
      Map<String, String> body = new HashMap<>();
      if (i % 4 == 3 && !serviceCategories.isEmpty()) {
        String serviceCategory = serviceCategories.get(i / 4 % serviceCategories.size());
        String[] text = pick(textsByServiceCategory.get(serviceCategory));
        body.put("title", text[0] + " (ref " + n + ")");
        body.put("description", text[1]);
        body.put("service", serviceCategory.substring(0, serviceCategory.indexOf('/')));
      } else {
        Item item = items.get(n % items.size());
        body.put("title", pick(TicketVolumeBenchmark.SYMPTOMS) + " on " + item.name() + " (ref " + n + ")");
        body.put("description", pick(TicketVolumeBenchmark.DETAILS) + " " + pick(TicketVolumeBenchmark.DETAILS));
        body.put("ci", item.id());
      }
      body.put("caller", "caller" + n + "@example.com");
      // no high impact with high urgency: a major incident's coordination is a lifecycle of its own
      body.put("impact", n % 2 == 0 ? "MEDIUM" : "LOW");
      body.put("urgency", pick(List.of("LOW", "MEDIUM", "HIGH")));
      long problemsBefore = problems(jdbc);
      long t0 = System.nanoTime();
      HttpResponse<String> created = http.send(HttpRequest.newBuilder(uri)
          .header("Authorization", SERVICE_DESK).header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build(), HttpResponse.BodyHandlers.ofString());
      if (created.statusCode() != 201) {
        throw new IllegalStateException("report refused: " + created.statusCode() + " " + created.body());
      }
      String number = JSON.readTree(created.body()).path("number").asText();
      Map<String, Object> routed = awaitRouted(jdbc, number);
      reportToRouted.add((System.nanoTime() - t0) / 1_000_000);
      instances.add((String) routed.get("process_instance_id"));
      if (routed.get("problem_number") != null) {
        linked++;
      }
      if (problems(jdbc) > problemsBefore) {
        opened++;
      }
    }
    List<Long> routingMillis = new ArrayList<>();
    for (String instance : instances) {
      HistoricActivityInstance priority = history.createHistoricActivityInstanceQuery().processInstanceId(instance)
          .activityId(IncidentProcess.Elements.DETERMINE_PRIORITY).singleResult();
      HistoricActivityInstance routed = history.createHistoricActivityInstanceQuery().processInstanceId(instance)
          .activityId(IncidentProcess.Elements.DETERMINE_RESOLVER_GROUP).finished().singleResult();
      routingMillis.add(routed.getEndTime().getTime() - priority.getStartTime().getTime());
    }
    return new Round(routingMillis, reportToRouted, linked, opened);
  }

  /** Routed: a resolver group on the ticket, committed with the routing step (and the detector's work). */
  private static Map<String, Object> awaitRouted(JdbcClient jdbc, String number) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
    while (System.nanoTime() < deadline) {
      Map<String, Object> row = jdbc.sql("SELECT resolver_group, problem_number, process_instance_id FROM incident WHERE number = ?")
          .param(number).query().singleRow();
      if (row.get("resolver_group") != null) {
        return row;
      }
      Thread.sleep(5);
    }
    throw new IllegalStateException("waited a minute for " + number + " to be routed");
  }

  private static long problems(JdbcClient jdbc) {
    return jdbc.sql("SELECT COUNT(*) FROM problem WHERE origin = 'RECURRENCE'").query(Long.class).single();
  }

  private void cost(Detection on, Detection off) {
    line("%nDetector cost per incident (routing job with recurrence detection on minus off, ms):");
    line("  on   %s", percentiles(on.routingMillis()));
    line("  off  %s", percentiles(off.routingMillis()));
    Percentiles a = new Percentiles(on.routingMillis());
    Percentiles b = new Percentiles(off.routingMillis());
    line("  difference: mean %+.1f, p50 %+d, p90 %+d, p99 %+d; %d problems opened with it on", mean(on.routingMillis()) - mean(off.routingMillis()),
        a.at(50) - b.at(50), a.at(90) - b.at(90), a.at(99) - b.at(99), on.problemsOpened());
  }

  // ---- support -------------------------------------------------------------------------------

  private String get(String uri) throws Exception {
    HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(uri)).header("Authorization", SERVICE_DESK).GET().build(),
        HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IllegalStateException(uri + " answered " + response.statusCode() + ": " + response.body());
    }
    return response.body();
  }

  private interface RowReader<T> {
    T read(ResultSet rs) throws SQLException;
  }

  private static <T> List<T> query(Connection connection, String sql, RowReader<T> reader) throws SQLException {
    List<T> rows = new ArrayList<>();
    try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
      while (rs.next()) {
        rows.add(reader.read(rs));
      }
    }
    return rows;
  }

  /** The first group of the pattern's first match in the lines, or "?". */
  private static String found(List<String> lines, Pattern pattern) {
    return lines.stream().map(pattern::matcher).filter(Matcher::find).map(m -> m.group(1)).findFirst().orElse("?");
  }

  private static String single(Connection connection, String sql) throws SQLException {
    return query(connection, sql, rs -> rs.getString(1)).get(0);
  }

  /** A CSV line for COPY: texts quoted, null as nothing. */
  private static String csv(Object... values) {
    return Arrays.stream(values)
        .map(value -> value == null ? "" : value instanceof String text ? "\"" + text.replace("\"", "\"\"") + "\"" : value.toString())
        .collect(Collectors.joining(","));
  }

  private static Instant min(Instant a, Instant b) {
    return a.isBefore(b) ? a : b;
  }

  private <T> T pick(List<T> values) {
    return values.get(random.nextInt(values.size()));
  }

  private static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }

  private static double mean(List<Long> values) {
    return values.stream().mapToLong(Long::longValue).average().orElse(0);
  }

  private static String percentiles(List<Long> values) {
    Percentiles p = new Percentiles(values);
    return String.format(Locale.ROOT, "p50 %4d  p90 %4d  p99 %4d  max %5d  mean %6.1f  (n=%d)", p.at(50), p.at(90), p.at(99), p.at(100),
        mean(values), p.count());
  }

  private static long liveHeap() throws InterruptedException {
    for (int i = 0; i < 3; i++) {
      System.gc();
      Thread.sleep(200);
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  private void line(String format, Object... args) {
    String text = String.format(Locale.ROOT, format, args);
    System.out.println(text);
    report.addAll(text.lines().toList());
  }
}
