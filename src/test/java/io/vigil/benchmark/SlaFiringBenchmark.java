package io.vigil.benchmark;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.LocalMapStats;
import io.vigil.sla.SlaCalendars;
import io.vigil.sla.SlaClock.Kind;
import io.vigil.sla.SlaClock.Phase;
import io.vigil.sla.SlaClock;
import io.vigil.sla.SlaClockRepository.Stored;
import io.vigil.sla.SlaClockRepository;
import io.vigil.sla.SlaSchedule;
import io.vigil.sla.contract.SlaMessage;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.jobexecutor.JobExecutor;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.builder.ReceiveTaskBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * How late SLA thresholds fire when many clocks run on one node, and the same thresholds as BPMN
 * timer boundary events run by the engine's job executor, one after the other in the same run.
 *
 * <p>Each side gets {@code benchmark.clocks} waiting process instances (a receive task with a
 * non-interrupting boundary event: the {@value SlaMessage#NAME} message, or a timer) and as many
 * thresholds, due one after the other, evenly over {@code benchmark.window}. Before them come
 * {@code benchmark.warmup} more over half a minute, not counted: the first minutes of a JVM run at
 * half speed. Vigil's side is the
 * real thing: a running resolution clock per instance in the clock table, planned in the Hazelcast
 * schedule, claimed and fired by the ticker through {@code SlaService.fire}. Its next threshold (75 %)
 * is six hours later, so every clock stays in the schedule for the whole run. Lateness is the start
 * of the boundary event in the engine's history minus the threshold's due time. Heap per clock is the
 * live heap after planning every clock minus before, after a full collection.
 *
 * <p>Run with {@code mvn -Pbenchmark-sla process-test-classes} (docs/benchmarks.md). System
 * properties: {@code benchmark.database} (h2 | postgresql), {@code benchmark.clocks},
 * {@code benchmark.window} (ISO-8601), {@code benchmark.warmup}, {@code benchmark.starters} (threads that start instances).
 */
public final class SlaFiringBenchmark {

  static final String SLA_PROCESS = "sla-benchmark-message";
  static final String TIMER_PROCESS = "sla-benchmark-timer";
  static final String THRESHOLD_EVENT = "Event_ThresholdReached";
  static final String DUE_AT = "dueAt";

  /** The threshold that falls in the window: half of a day-long target. */
  private static final Duration TARGET = Duration.ofHours(24);
  private static final Duration LEAD = Duration.ofSeconds(60);
  private static final Duration GRACE = Duration.ofMinutes(5);
  private static final Duration WARMUP_WINDOW = Duration.ofSeconds(30);

  private final ConfigurableApplicationContext vigil;
  private final RuntimeService runtime;
  private final HistoryService history;
  private final int clocks;
  private final int warmup;
  private final int instances;
  private final Duration window;
  private final int starters;
  private final List<String> report = new ArrayList<>();

  private SlaFiringBenchmark(ConfigurableApplicationContext vigil, int clocks, int warmup, Duration window, int starters) {
    this.vigil = vigil;
    this.runtime = vigil.getBean(RuntimeService.class);
    this.history = vigil.getBean(HistoryService.class);
    this.clocks = clocks;
    this.warmup = warmup;
    this.instances = warmup + clocks;
    this.window = window;
    this.starters = starters;
  }

  public static void main(String[] args) throws Exception {
    String database = System.getProperty("benchmark.database", "h2");
    int clocks = Integer.getInteger("benchmark.clocks", 100_000);
    Duration window = Duration.parse(System.getProperty("benchmark.window", "PT10M"));
    int warmup = Integer.getInteger("benchmark.warmup", 5_000);
    int starters = Integer.getInteger("benchmark.starters", 2);

    ConfigurableApplicationContext vigil = BenchmarkNode.start(database, BenchmarkNode.freePort(), "engine");
    try {
      SlaFiringBenchmark benchmark = new SlaFiringBenchmark(vigil, clocks, warmup, window, starters);
      benchmark.line("SLA firing on %s: %,d clocks, thresholds over %s after %,d over %s to warm up, %d cores, Java %s, max heap %d MiB, %s", database, clocks,
          window, warmup, WARMUP_WINDOW, Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"),
          Runtime.getRuntime().maxMemory() >> 20, Instant.now());
      benchmark.deploy();
      Side sla = benchmark.schedule();
      Side timers = benchmark.timers(sla.setup());
      benchmark.summary(sla, timers);
      Path file = Path.of("target", "benchmarks", "sla-firing.txt");
      Files.createDirectories(file.getParent());
      Files.write(file, benchmark.report);
      System.out.println("\nWritten to " + file.toAbsolutePath());
    } finally {
      vigil.close();
    }
  }

  /** What one side measured. */
  private record Side(String name, Duration setup, long[] latenessMillis, String extra) {}

  private void deploy() {
    vigil.getBean(RepositoryService.class).createDeployment().name("sla-benchmark")
        .addModelInstance(SLA_PROCESS + ".bpmn", waiting(SLA_PROCESS).boundaryEvent(THRESHOLD_EVENT).cancelActivity(false)
            .message(SlaMessage.NAME).endEvent("Event_Escalated").done())
        .addModelInstance(TIMER_PROCESS + ".bpmn", waiting(TIMER_PROCESS).boundaryEvent(THRESHOLD_EVENT).cancelActivity(false)
            .timerWithDate("${" + DUE_AT + "}").endEvent("Event_Escalated").done())
        .deploy();
  }

  /** A process that waits in a receive task, as a ticket waits for an analyst. */
  private static ReceiveTaskBuilder waiting(String key) {
    ReceiveTaskBuilder task = Bpmn.createExecutableProcess(key).camundaHistoryTimeToLive(1).startEvent().receiveTask("Task_Work");
    task.endEvent("Event_Done");
    return task;
  }

  private Side schedule() throws Exception {
    line("%nVigil's SLA schedule (Hazelcast, ticker every %s)", vigil.getEnvironment().getProperty("vigil.sla.firing.tick", "PT0.25S"));
    Duration setup = start(SLA_PROCESS, i -> Map.of());
    Map<String, Long> due = new ConcurrentHashMap<>();
    Instant first = Instant.now().plus(LEAD).plus(WARMUP_WINDOW);
    List<Stored> stored = new ArrayList<>(instances);
    var calendar = vigil.getBean(SlaCalendars.class).named("24x7");
    for (int i = 0; i < instances; i++) {
      Instant at = dueAt(first, i, due, SLA_PROCESS);
      stored.add(new Stored("24x7", new SlaClock(ticket(SLA_PROCESS, i), Kind.RESOLUTION, TARGET, calendar, Phase.RUNNING,
          at.minus(TARGET.dividedBy(2)), Duration.ZERO, Duration.ZERO)));
    }
    SlaClockRepository repository = vigil.getBean(SlaClockRepository.class);
    TransactionTemplate transaction = vigil.getBean(TransactionTemplate.class);
    for (int from = 0; from < instances; from += 1000) {
      List<Stored> chunk = stored.subList(from, Math.min(instances, from + 1000));
      transaction.executeWithoutResult(status -> chunk.forEach(repository::insert));
    }
    analyze();
    SlaSchedule schedule = vigil.getBean(SlaSchedule.class);
    long before = liveHeap();
    stored.forEach(schedule::plan);
    stored.clear();
    long after = liveHeap();
    LocalMapStats stats = vigil.getBean(HazelcastInstance.class).getMap(SlaSchedule.MAP).getLocalMapStats();
    String heap = String.format(Locale.ROOT, "heap per clock %d bytes (live heap +%.1f MiB for %,d clocks); Hazelcast's own estimate %d bytes"
        + " per entry and %d for its index", (after - before) / instances, (after - before) / 1048576.0, instances,
        stats.getOwnedEntryMemoryCost() / instances, stats.getIndexStats().values().stream().mapToLong(s -> s.getMemoryCost()).sum() / instances);
    line("  %s", heap);
    long slack = Duration.between(Instant.now(), first).toSeconds();
    line("  set up: %,d instances started in %s, clocks stored and planned; first threshold due %d s later", instances, setup, slack);
    return new Side("SLA schedule", setup, awaitFirings(SLA_PROCESS, due, first), heap);
  }

  private Side timers(Duration slaSetup) throws Exception {
    JobExecutor executor = vigil.getBean(ProcessEngineConfigurationImpl.class).getJobExecutor();
    line("%nBPMN timer boundary events (job executor: %d jobs per acquisition, idle wait %d ms, up to %d ms)",
        executor.getMaxJobsPerAcquisition(), executor.getWaitTimeInMillis(), executor.getMaxWait());
    // Timers get their due date when their instance starts: far enough ahead for every instance to start first.
    Instant first = Instant.now().plus(slaSetup.multipliedBy(3).dividedBy(2)).plus(LEAD).plus(WARMUP_WINDOW);
    Map<String, Long> due = new ConcurrentHashMap<>();
    Duration setup = start(TIMER_PROCESS, i -> Map.of(DUE_AT, Date.from(dueAt(first, i, due, TIMER_PROCESS))));
    analyze();
    long slack = Duration.between(Instant.now(), first).toSeconds();
    line("  set up: %,d instances started in %s; first timer due %d s later", instances, setup, slack);
    return new Side("BPMN timers", setup, awaitFirings(TIMER_PROCESS, due, first), "");
  }

  /**
   * PostgreSQL plans its queries from table statistics, which autovacuum refreshes as tables grow.
   * After a bulk set-up they are stale until it has run (and where it is off, for good): the
   * correlation's execution query then took 300 ms instead of well under one. So the set-up ends with
   * what autovacuum would do.
   */
  private void analyze() {
    JdbcTemplate jdbc = vigil.getBean(JdbcTemplate.class);
    if (isPostgresql(jdbc)) {
      line("  ANALYZE after the set-up (autovacuum is %s)", jdbc.queryForObject("SHOW autovacuum", String.class));
      jdbc.execute("ANALYZE");
    }
  }

  private static boolean isPostgresql(JdbcTemplate jdbc) {
    return Boolean.TRUE.equals(jdbc.execute((java.sql.Connection connection) ->
        connection.getMetaData().getDatabaseProductName().equals("PostgreSQL")));
  }

  /** Starts one instance per clock, business key = ticket, from a few threads. */
  private Duration start(String process, IntFunction<Map<String, Object>> variables) throws Exception {
    long t0 = System.nanoTime();
    ExecutorService pool = Executors.newFixedThreadPool(starters);
    List<Future<?>> work = new ArrayList<>();
    for (int s = 0; s < starters; s++) {
      int offset = s;
      work.add(pool.submit(() -> {
        for (int i = offset; i < instances; i += starters) {
          runtime.startProcessInstanceByKey(process, ticket(process, i), variables.apply(i));
        }
      }));
    }
    for (Future<?> future : work) {
      future.get();
    }
    pool.shutdown();
    return Duration.ofNanos(System.nanoTime() - t0).withNanos(0);
  }

  /**
   * When the threshold of instance {@code i} is due: the warm-up ones in the half minute before
   * {@code first}, the measured ones over the window from {@code first} (recorded in {@code measured}).
   */
  private Instant dueAt(Instant first, int i, Map<String, Long> measured, String process) {
    if (i < warmup) {
      return first.minus(WARMUP_WINDOW).plusMillis(WARMUP_WINDOW.toMillis() * i / warmup);
    }
    Instant at = first.plusMillis(window.toMillis() * (i - warmup) / clocks);
    measured.put(ticket(process, i), at.toEpochMilli());
    return at;
  }

  /** Waits until every threshold has fired, or the window and a grace period have passed; the lateness of each measured firing. */
  private long[] awaitFirings(String process, Map<String, Long> due, Instant first) throws InterruptedException {
    Instant deadline = first.plus(window).plus(GRACE);
    String definition = vigil.getBean(RepositoryService.class).createProcessDefinitionQuery().processDefinitionKey(process)
        .latestVersion().singleResult().getId();
    long fired = 0;
    Instant nextProgress = first;
    Thread.sleep(Math.max(0, Duration.between(Instant.now(), first).toMillis()));
    long cpuBefore = cpuNanos();
    long wallBefore = System.nanoTime();
    while (fired < instances && Instant.now().isBefore(deadline)) {
      Thread.sleep(1000);
      fired = history.createHistoricActivityInstanceQuery().processDefinitionId(definition).activityId(THRESHOLD_EVENT).count();
      if (Instant.now().isAfter(nextProgress)) {
        long dueSoFar = Math.max(0, Math.min(clocks, Duration.between(first, Instant.now()).toMillis() * clocks / window.toMillis()));
        line("  %s  due so far %,7d  fired %,7d", Instant.now(), warmup + dueSoFar, fired);
        nextProgress = nextProgress.plusSeconds(30);
      }
    }
    line("  CPU of the node while the thresholds fired: %.0f %% of %d cores", 100.0 * (cpuNanos() - cpuBefore)
        / (System.nanoTime() - wallBefore) / Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().availableProcessors());
    Map<String, String> keys = new ConcurrentHashMap<>();
    runtime.createProcessInstanceQuery().processDefinitionId(definition).list()
        .forEach(instance -> keys.put(instance.getId(), instance.getBusinessKey()));
    List<HistoricActivityInstance> firings = history.createHistoricActivityInstanceQuery().processDefinitionId(definition)
        .activityId(THRESHOLD_EVENT).list();
    return firings.stream()
        .filter(firing -> due.containsKey(keys.get(firing.getProcessInstanceId())))
        .mapToLong(firing -> firing.getStartTime().getTime() - due.get(keys.get(firing.getProcessInstanceId())))
        .toArray();
  }

  private void summary(Side sla, Side timers) {
    line("%nThreshold lateness, due -> boundary event started (ms); %,d thresholds over %s", clocks, window);
    line("  %-14s %8s %8s %8s %8s %8s %10s", "", "fired", "p50", "p90", "p99", "max", "not fired");
    for (Side side : List.of(sla, timers)) {
      Percentiles lateness = new Percentiles(side.latenessMillis());
      line("  %-14s %,8d %8d %8d %8d %8d %,10d", side.name(), lateness.count(), lateness.at(50), lateness.at(90), lateness.at(99),
          lateness.at(100), clocks - lateness.count());
    }
    long slaP99 = new Percentiles(sla.latenessMillis()).at(99);
    long timerP99 = new Percentiles(timers.latenessMillis()).at(99);
    line("  p99 timers / p99 SLA schedule: %s", slaP99 > 0 ? String.format(Locale.ROOT, "%.1f x", (double) timerP99 / slaP99) : "n/a");
    line("  %s", sla.extra());
  }

  private static String ticket(String process, int i) {
    return (process.equals(SLA_PROCESS) ? "SLA-" : "TMR-") + String.format(Locale.ROOT, "%07d", i);
  }

  private static long cpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
  }

  /** Used heap after the collector has run: what stays alive. */
  private static long liveHeap() throws InterruptedException {
    for (int i = 0; i < 3; i++) {
      System.gc();
      Thread.sleep(200);
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  private void line(String format, Object... arguments) {
    String text = String.format(Locale.ROOT, format, arguments);
    System.out.println(text);
    report.addAll(text.lines().toList());
  }
}
