package io.vigil.benchmark;

import static io.vigil.oncall.contract.PagingProcess.Elements.PAGE_PRIMARY;
import static io.vigil.oncall.contract.PagingProcess.Elements.PAGE_SECONDARY;
import static io.vigil.oncall.contract.PagingProcess.Elements.PRIMARY_TIMED_OUT;
import static io.vigil.oncall.contract.PagingProcess.Elements.SECONDARY_TIMED_OUT;

import io.vigil.oncall.contract.PagingProcess;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.camunda.bpm.engine.history.HistoricJobLog;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.jobexecutor.JobExecutor;
import org.camunda.bpm.engine.management.Metrics;
import org.camunda.bpm.engine.repository.Deployment;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * How late the waits of {@code processes/on-call-paging.bpmn} fire: "nobody acknowledged the primary
 * (then the secondary) within {@code acknowledgeWithin}", engine timers run by the application's own
 * job executor. Two rounds, each on a node of its own (role {@code engine}, demo profile) on a fresh
 * database: Camunda's job-executor defaults (idle wait 5 s, doubling up to 60 s), then the settings
 * application.yaml gives, with {@code benchmark.job-execution} on top to try others.
 *
 * <p>Each round gives the {@code database} group a rota with a secondary, deploys a copy of the paging
 * model and decision as one deployment in which P1 waits {@code benchmark.wait} instead of PT5M, then:
 * a warm-up of {@code benchmark.warmup} pages run to the end; {@code ANALYZE}; an idle window of
 * {@code benchmark.idle} in which the job executor's acquisitions are counted (the engine's
 * {@code job-acquisition-attempt} metric), as a quiet night before a page; then
 * {@code benchmark.pages} P1 pages ({@code PageRequested}), evenly over {@code benchmark.spread}, that
 * nobody acknowledges. Lateness of each wait is the end of its timer event in the engine's history
 * minus the timer job's due date (the page step's end plus the wait).
 *
 * <p>Run with {@code mvn -Pbenchmark-paging process-test-classes} (docs/benchmarks.md). System
 * properties: {@code benchmark.database} (postgresql | h2), {@code benchmark.pages},
 * {@code benchmark.warmup}, {@code benchmark.spread}, {@code benchmark.wait}, {@code benchmark.idle}
 * (ISO-8601), {@code benchmark.job-execution} (comma-separated {@code name=value} of
 * {@code camunda.bpm.job-execution.*} for the second round, e.g. {@code max-wait=5000}).
 */
public final class PagingTimerBenchmark {

  /** Camunda's job-executor defaults, given explicitly so that the first round keeps them whatever application.yaml says. */
  private static final List<String> ENGINE_DEFAULTS = List.of(
      "--camunda.bpm.job-execution.wait-time-in-millis=5000",
      "--camunda.bpm.job-execution.max-wait=60000",
      "--camunda.bpm.job-execution.wait-increase-factor=2");
  private static final List<String> WAITS = List.of(PRIMARY_TIMED_OUT, SECONDARY_TIMED_OUT);
  private static final Map<String, String> PAGE_STEP = Map.of(PRIMARY_TIMED_OUT, PAGE_PRIMARY, SECONDARY_TIMED_OUT, PAGE_SECONDARY);
  private static final String GROUP = "database";
  private static final String PRIMARY = "db.dave";
  /** A second member of the group, for the rota's secondary layer: the demo rota has none. */
  private static final String SECONDARY = "db.erin";
  private static final String PRIMARY_CREDENTIALS =
      "Basic " + Base64.getEncoder().encodeToString((PRIMARY + ":demo").getBytes(StandardCharsets.UTF_8));
  private static final Duration GRACE = Duration.ofMinutes(3);
  private static final Duration PROGRESS = Duration.ofSeconds(10);

  private final String database;
  private final int pages;
  private final int warmup;
  private final Duration spread;
  private final Duration wait;
  private final Duration idle;
  private final List<String> report = new ArrayList<>();
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private PagingTimerBenchmark(String database, int pages, int warmup, Duration spread, Duration wait, Duration idle) {
    this.database = database;
    this.pages = pages;
    this.warmup = warmup;
    this.spread = spread;
    this.wait = wait;
    this.idle = idle;
  }

  /** One round's figures: lateness in ms by wait, pages left unfired, and the job executor at rest. */
  private record Round(String name, String executor, Map<String, long[]> latenessMillis, int unfired, long idleAttempts,
      long lastMinuteAttempts, long idleAcquisitionCpuMillis) {

    long[] all() {
      return latenessMillis.values().stream().flatMapToLong(Arrays::stream).toArray();
    }
  }

  public static void main(String[] args) throws Exception {
    String database = System.getProperty("benchmark.database", "postgresql");
    int pages = Integer.getInteger("benchmark.pages", 200);
    int warmup = Integer.getInteger("benchmark.warmup", 50);
    Duration spread = Duration.parse(System.getProperty("benchmark.spread", "PT20S"));
    Duration wait = Duration.parse(System.getProperty("benchmark.wait", "PT10S"));
    Duration idle = Duration.parse(System.getProperty("benchmark.idle", "PT3M"));
    String tuned = System.getProperty("benchmark.job-execution", "").trim();
    if (idle.compareTo(Duration.ofMinutes(1)) < 0) {
      throw new IllegalArgumentException("benchmark.idle is at least PT1M (its last minute is counted apart), not " + idle);
    }

    PagingTimerBenchmark benchmark = new PagingTimerBenchmark(database, pages, warmup, spread, wait, idle);
    benchmark.line("On-call paging waits on %s: %,d P1 pages over %s, acknowledge within %s, nobody acknowledges; warm-up %,d"
            + " pages, idle window %s; %d cores, Java %s, max heap %d MiB, %s", database, pages, spread, wait, warmup, idle,
        Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"), Runtime.getRuntime().maxMemory() >> 20,
        Instant.now());
    List<String> tunedSettings = tuned.isEmpty() ? List.of()
        : Arrays.stream(tuned.split(",")).map(String::trim).map(setting -> "--camunda.bpm.job-execution." + setting).toList();
    Round defaults = benchmark.round("Camunda's defaults", ENGINE_DEFAULTS);
    Round configured = benchmark.round(tuned.isEmpty() ? "application.yaml" : "application.yaml, " + tuned, tunedSettings);
    benchmark.summary(List.of(defaults, configured));

    Path file = Path.of("target", "benchmarks", "paging-timers.txt");
    Files.createDirectories(file.getParent());
    Files.write(file, benchmark.report);
    System.out.println("\nWritten to " + file.toAbsolutePath());
  }

  private Round round(String name, List<String> settings) throws Exception {
    int port = BenchmarkNode.freePort();
    ConfigurableApplicationContext vigil = BenchmarkNode.start(database, port, "engine", settings.toArray(String[]::new));
    try {
      JobExecutor executor = vigil.getBean(ProcessEngineConfigurationImpl.class).getJobExecutor();
      String settled = String.format(Locale.ROOT, "idle wait %,d ms x %.0f up to %,d ms, %d jobs per acquisition",
          executor.getWaitTimeInMillis(), executor.getWaitIncreaseFactor(), executor.getMaxWait(), executor.getMaxJobsPerAcquisition());
      line("%n%s: job executor %s", name, settled);
      secondOnCall(vigil, port);
      String definition = deploy(vigil);

      Instant warmupStart = Instant.now();
      List<String> warm = page(vigil, definition, "warm-up", "INC-80", warmup, spread.dividedBy(4));
      awaitFirings(vigil, definition, warmupStart, warm.size(), "warm-up");
      analyze(vigil);

      line("  idle for %s", idle);
      long attemptsBefore = acquisitionAttempts(vigil);
      long cpuBefore = acquisitionCpuNanos();
      Thread.sleep(idle.minusMinutes(1).toMillis());
      long attemptsLastMinute = acquisitionAttempts(vigil);
      Thread.sleep(Duration.ofMinutes(1).toMillis());
      long attemptsAfter = acquisitionAttempts(vigil);
      long cpuMillis = (acquisitionCpuNanos() - cpuBefore) / 1_000_000;
      line("  idle: %d acquisitions in %s, %d in its last minute; the acquisition thread's CPU %d ms", attemptsAfter - attemptsBefore,
          idle, attemptsAfter - attemptsLastMinute, cpuMillis);

      Instant measuredStart = Instant.now();
      List<String> measured = page(vigil, definition, "measured", "INC-90", pages, spread);
      awaitFirings(vigil, definition, measuredStart, measured.size(), "measured");
      Map<String, long[]> lateness = lateness(vigil, definition, new HashSet<>(measured));
      int fired = lateness.values().stream().mapToInt(values -> values.length).sum();
      return new Round(name, settled, lateness, WAITS.size() * pages - fired, attemptsAfter - attemptsBefore,
          attemptsAfter - attemptsLastMinute, cpuMillis);
    } finally {
      vigil.close();
    }
  }

  /** The group's rota with a secondary, so that every page waits twice; set as a member of the group sets it. */
  private void secondOnCall(ConfigurableApplicationContext vigil, int port) throws IOException, InterruptedException {
    IdentityService identity = vigil.getBean(IdentityService.class);
    if (identity.createUserQuery().userId(SECONDARY).count() == 0) {
      User user = identity.newUser(SECONDARY);
      user.setFirstName("Erin");
      user.setLastName("Database");
      user.setPassword("demo");
      identity.saveUser(user);
      identity.createMembership(SECONDARY, GROUP);
    }
    String rota = """
        {"zone": "UTC", "handover": "09:00", "rotation": "P7D", "start": "%s",
         "primary": ["%s"], "secondary": ["%s"], "calendar": "24x7"}"""
        .formatted(LocalDate.now(ZoneOffset.UTC).minusWeeks(1), PRIMARY, SECONDARY);
    HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/groups/" + GROUP + "/rota"))
        .header("Authorization", PRIMARY_CREDENTIALS).header("Content-Type", "application/json")
        .PUT(HttpRequest.BodyPublishers.ofString(rota)).build(), HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IllegalStateException("PUT rota: " + response.statusCode() + " " + response.body());
    }
    line("  rota of %s: %s primary, %s secondary", GROUP, PRIMARY, SECONDARY);
  }

  /** The paging model and its decision as one new deployment (the model binds the decision of its own deployment), P1 waiting {@link #wait}. */
  private String deploy(ConfigurableApplicationContext vigil) throws IOException {
    String model = resource("processes/on-call-paging.bpmn");
    String decision = resource("processes/on-call-paging.dmn");
    String quick = decision.replace("<text>\"PT5M\"</text>", "<text>\"" + wait + "\"</text>");
    if (quick.equals(decision)) {
      throw new IllegalStateException("on-call-paging.dmn no longer gives P1 \"PT5M\": the benchmark cannot shorten the wait");
    }
    RepositoryService repository = vigil.getBean(RepositoryService.class);
    Deployment deployment = repository.createDeployment().name("paging-timer-benchmark")
        .addString("on-call-paging.bpmn", model)
        .addString("on-call-paging.dmn", quick)
        .deploy();
    return repository.createProcessDefinitionQuery().deploymentId(deployment.getId()).processDefinitionKey(PagingProcess.KEY)
        .singleResult().getId();
  }

  private static String resource(String name) throws IOException {
    try (InputStream in = PagingTimerBenchmark.class.getClassLoader().getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException(name + " is not on the classpath");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /** {@code count} P1 pages for the database group, evenly over {@code over}, as the incident model asks for them; their instance ids. */
  private List<String> page(ConfigurableApplicationContext vigil, String definition, String what, String prefix, int count, Duration over)
      throws InterruptedException {
    RuntimeService runtime = vigil.getBean(RuntimeService.class);
    List<String> started = new ArrayList<>(count);
    long t0 = System.nanoTime();
    for (int i = 0; i < count; i++) {
      long due = t0 + over.toNanos() * i / count;
      long ahead = due - System.nanoTime();
      if (ahead > 0) {
        Thread.sleep(ahead / 1_000_000, (int) (ahead % 1_000_000));
      }
      String number = String.format(Locale.ROOT, "%s%08d", prefix, i + 1);
      ProcessInstance instance = runtime.createMessageCorrelation(PagingProcess.Messages.PAGE_REQUESTED)
          .processInstanceBusinessKey(number)
          .setVariable(PagingProcess.Variables.TITLE, "Orders database not answering")
          .setVariable(PagingProcess.Variables.PRIORITY, "P1")
          .setVariable(PagingProcess.Variables.RESOLVER_GROUP, GROUP)
          .correlateStartMessage();
      if (!instance.getProcessDefinitionId().equals(definition)) {
        throw new IllegalStateException(number + " started " + instance.getProcessDefinitionId() + ", not the benchmark's " + definition);
      }
      started.add(instance.getId());
    }
    line("  %s: %,d pages in %.1f s", what, count, (System.nanoTime() - t0) / 1e9);
    return started;
  }

  /** Waits until both waits of every page started since {@code since} have fired, or the grace period is over. */
  private void awaitFirings(ConfigurableApplicationContext vigil, String definition, Instant since, int count, String what)
      throws InterruptedException {
    HistoryService history = vigil.getBean(HistoryService.class);
    ManagementService management = vigil.getBean(ManagementService.class);
    long expected = (long) WAITS.size() * count;
    Instant deadline = since.plus(spread).plus(wait.multipliedBy(WAITS.size())).plus(GRACE);
    Instant nextProgress = Instant.now();
    long fired = 0;
    while (fired < expected && Instant.now().isBefore(deadline)) {
      Thread.sleep(500);
      fired = 0;
      for (String activity : WAITS) {
        fired += history.createHistoricActivityInstanceQuery().processDefinitionId(definition).activityId(activity)
            .startedAfter(Date.from(since)).finished().count();
      }
      if (Instant.now().isAfter(nextProgress)) {
        long waiting = management.createJobQuery().processDefinitionId(definition).timers().duedateLowerThan(new Date()).count();
        line("  %s  %s: fired %,4d of %,d, due and not yet fired %,4d", Instant.now(), what, fired, expected, waiting);
        nextProgress = nextProgress.plus(PROGRESS);
      }
    }
    line("  %s: %,d of %,d waits fired", what, fired, expected);
  }

  /** Per wait, fire time (the timer event's end) minus the timer job's due date, of the given instances. */
  private Map<String, long[]> lateness(ConfigurableApplicationContext vigil, String definition, Set<String> instances) {
    HistoryService history = vigil.getBean(HistoryService.class);
    Map<String, Date> due = new HashMap<>();
    for (HistoricJobLog created : history.createHistoricJobLogQuery().processDefinitionId(definition).creationLog().list()) {
      if (instances.contains(created.getProcessInstanceId()) && WAITS.contains(created.getActivityId())) {
        due.put(created.getProcessInstanceId() + "/" + created.getActivityId(), created.getJobDueDate());
      }
    }
    Map<String, long[]> lateness = new HashMap<>();
    long worstDrift = 0;
    for (String activity : WAITS) {
      Map<String, Date> pagedAt = new HashMap<>();
      history.createHistoricActivityInstanceQuery().processDefinitionId(definition).activityId(PAGE_STEP.get(activity)).finished().list()
          .forEach(step -> pagedAt.put(step.getProcessInstanceId(), step.getEndTime()));
      List<Long> values = new ArrayList<>();
      for (HistoricActivityInstance fired : history.createHistoricActivityInstanceQuery().processDefinitionId(definition)
          .activityId(activity).finished().list()) {
        Date dueDate = due.get(fired.getProcessInstanceId() + "/" + activity);
        if (!instances.contains(fired.getProcessInstanceId()) || dueDate == null) {
          continue;
        }
        values.add(fired.getEndTime().getTime() - dueDate.getTime());
        Date paged = pagedAt.get(fired.getProcessInstanceId());
        if (paged != null) {
          worstDrift = Math.max(worstDrift, Math.abs(dueDate.getTime() - (paged.getTime() + wait.toMillis())));
        }
      }
      lateness.put(activity, values.stream().mapToLong(Long::longValue).toArray());
    }
    line("  due dates: the page step's end + %s, within %d ms", wait, worstDrift);
    return lateness;
  }

  /**
   * PostgreSQL plans from table statistics that autovacuum keeps (it is off on these machines): after the
   * warm-up, what autovacuum would do.
   */
  private void analyze(ConfigurableApplicationContext vigil) {
    JdbcTemplate jdbc = vigil.getBean(JdbcTemplate.class);
    if (database.equals("postgresql")) {
      line("  ANALYZE after the warm-up (autovacuum is %s)", jdbc.queryForObject("SHOW autovacuum", String.class));
      jdbc.execute("ANALYZE");
    }
  }

  /** The job executor's acquisitions so far (the engine's sum counts those not yet written to its metrics table too). */
  private static long acquisitionAttempts(ConfigurableApplicationContext vigil) {
    return vigil.getBean(ManagementService.class).createMetricsQuery().name(Metrics.JOB_ACQUISITION_ATTEMPT).sum();
  }

  /** CPU of the job executor's acquisition thread (Camunda names it JobExecutor[…]) so far. */
  private static long acquisitionCpuNanos() {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    return Thread.getAllStackTraces().keySet().stream().filter(thread -> thread.getName().startsWith("JobExecutor["))
        .mapToLong(thread -> Math.max(0, threads.getThreadCpuTime(thread.getId()))).sum();
  }

  private void summary(List<Round> rounds) {
    int width = rounds.stream().mapToInt(round -> round.name().length()).max().orElse(0);
    line("%nLateness of the paging waits, timer due -> fired (ms); %,d pages, two waits each", pages);
    line("  %-" + width + "s  %-10s %6s %7s %7s %7s %7s %8s", "job executor", "wait", "fired", "p50", "p95", "p99", "max", "unfired");
    for (Round round : rounds) {
      for (String activity : WAITS) {
        row(width, round.name(), activity.equals(PRIMARY_TIMED_OUT) ? "primary" : "secondary",
            new Percentiles(round.latenessMillis().get(activity)), -1);
      }
      row(width, round.name(), "both", new Percentiles(round.all()), round.unfired());
    }
    line("%nThe job executor at rest (%s idle after the warm-up)", idle);
    for (Round round : rounds) {
      line("  %-" + width + "s  %s: %d acquisitions, %d in the last minute; acquisition thread CPU %d ms", round.name(),
          round.executor(), round.idleAttempts(), round.lastMinuteAttempts(), round.idleAcquisitionCpuMillis());
    }
  }

  private void row(int width, String name, String wait, Percentiles lateness, int unfired) {
    line("  %-" + width + "s  %-10s %,6d %7d %7d %7d %7d %8s", name, wait, lateness.count(), lateness.at(50), lateness.at(95),
        lateness.at(99), lateness.at(100), unfired < 0 ? "" : String.format(Locale.ROOT, "%,d", unfired));
  }

  private void line(String format, Object... arguments) {
    String text = String.format(Locale.ROOT, format, arguments);
    System.out.println(text);
    report.addAll(text.lines().toList());
  }
}
