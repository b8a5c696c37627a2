package io.vigil.benchmark;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigil.incident.contract.IncidentProcess;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Alertmanager's webhook under load, on one node (docs/benchmarks.md).
 *
 * <ol>
 *   <li>Steady: {@code benchmark.rate} new alerts a second (one per notification, as Alertmanager
 *       sends a group) for {@code benchmark.duration}, after a warm-up of the same length; the storm
 *       guard raised out of the way, since every alert here opens an incident. Measured per alert:
 *       the webhook's answer, and alert → incident assigned (the {@code ROUTED} audit entry, written
 *       when the routing step gives it to a resolver group's triage queue).
 *   <li>Storm: a fresh node with the default settings takes {@code benchmark.storm} distinct firing
 *       alerts over a minute in batches of {@code benchmark.batch}, then the same alerts again (as
 *       Alertmanager repeats them). Counted: incidents opened, alerts recorded, repeats; measured:
 *       each batch's answer, and {@code GET /api/incidents} every 200 ms meanwhile.
 * </ol>
 *
 * Sends are paced by the clock, not by the answers, so that a slow answer delays no later send.
 * {@code mvn -Pbenchmark-alerts process-test-classes [-Dbenchmark.database=postgresql]}.
 */
public final class AlertIntakeBenchmark {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String TOKEN = "Bearer demo-alerts";
  private static final String READER = "Basic " + Base64.getEncoder().encodeToString("sd.anna:demo".getBytes(StandardCharsets.UTF_8));

  private final List<String> report = new ArrayList<>();
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final AtomicInteger sequence = new AtomicInteger();
  private final String run = Long.toHexString(System.nanoTime());

  public static void main(String[] args) throws Exception {
    String database = System.getProperty("benchmark.database", "h2");
    int rate = Integer.getInteger("benchmark.rate", 20);
    Duration duration = Duration.parse(System.getProperty("benchmark.duration", "PT1M"));
    int storm = Integer.getInteger("benchmark.storm", 10_000);
    int batch = Integer.getInteger("benchmark.batch", 100);

    AlertIntakeBenchmark benchmark = new AlertIntakeBenchmark();
    benchmark.line("Alert intake on %s: %d alerts/s for %s, then a storm of %,d alerts in a minute; %d cores, Java %s, %s", database,
        rate, duration, storm, Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"), Instant.now());

    int port = BenchmarkNode.freePort();
    ConfigurableApplicationContext steady = BenchmarkNode.start(database, port, "all",
        "--vigil.intake.storm.max-incidents-per-minute=1000000");
    try {
      benchmark.steady(steady, port, "warm-up", rate, duration);
      analyze(database, steady);
      benchmark.steady(steady, port, "measured", rate, duration);
    } finally {
      steady.close();
    }

    port = BenchmarkNode.freePort();
    ConfigurableApplicationContext stormy = BenchmarkNode.start(database, port, "all");
    try {
      benchmark.storm(stormy, port, storm, batch);
    } finally {
      stormy.close();
    }

    Path file = Path.of("target", "benchmarks", "alert-intake.txt");
    Files.createDirectories(file.getParent());
    Files.write(file, benchmark.report);
    System.out.println("\nWritten to " + file.toAbsolutePath());
  }

  /**
   * PostgreSQL on these machines runs with autovacuum off: without fresh statistics the engine's
   * queries on tables that grew from empty take the wrong plans (operator guide, "Database").
   */
  private static void analyze(String database, ConfigurableApplicationContext vigil) {
    if (database.equals("postgresql")) {
      vigil.getBean(JdbcClient.class).sql("ANALYZE").update();
    }
  }

  private void steady(ConfigurableApplicationContext vigil, int port, String round, int rate, Duration duration) throws Exception {
    JdbcClient jdbc = vigil.getBean(JdbcClient.class);
    URI webhook = URI.create("http://127.0.0.1:" + port + "/api/alerts/alertmanager");
    int count = (int) (rate * duration.toSeconds());
    Map<String, Instant> sentAt = new ConcurrentHashMap<>();
    List<Long> answers = Collections.synchronizedList(new ArrayList<>());
    List<CompletableFuture<?>> pending = Collections.synchronizedList(new ArrayList<>());
    AtomicInteger failures = new AtomicInteger();
    ScheduledExecutorService pacer = Executors.newSingleThreadScheduledExecutor();
    AtomicInteger sent = new AtomicInteger();
    long periodMicros = 1_000_000L / rate;
    var sending = pacer.scheduleAtFixedRate(() -> {
      if (sent.getAndIncrement() >= count) {
        return;
      }
      Instant at = Instant.now();
      long t0 = System.nanoTime();
      pending.add(http.sendAsync(post(webhook, batch(List.of(alert(sequence.incrementAndGet())))),
              HttpResponse.BodyHandlers.ofString())
          .thenAccept(response -> {
            answers.add((System.nanoTime() - t0) / 1_000_000);
            if (response.statusCode() != 200) {
              failures.incrementAndGet();
              return;
            }
            String body = response.body();
            int start = body.indexOf("INC-");
            sentAt.put(body.substring(start, start + 10), at);
          }));
    }, 0, periodMicros, TimeUnit.MICROSECONDS);
    while (sent.get() < count) {
      Thread.sleep(100);
    }
    sending.cancel(false);
    pacer.shutdown();
    CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).join();

    Map<String, Instant> routedAt = new HashMap<>();
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
    while (!routedAt.keySet().containsAll(sentAt.keySet()) && System.nanoTime() < deadline) {
      Thread.sleep(200);
      jdbc.sql("SELECT ticket_number, occurred_at FROM audit_entry WHERE action = 'ROUTED'")
          .query((rs, n) -> routedAt.put(rs.getString(1), rs.getObject(2, OffsetDateTime.class).toInstant()))
          .list();
    }
    Map<String, Instant> classifiedAt = new HashMap<>();
    HistoryService history = vigil.getBean(HistoryService.class);
    for (HistoricActivityInstance classify : history.createHistoricActivityInstanceQuery()
        .activityId(IncidentProcess.Elements.CLASSIFY).finished().list()) {
      String incident = (String) history.createHistoricVariableInstanceQuery().processInstanceId(classify.getProcessInstanceId())
          .variableName(IncidentProcess.Variables.INCIDENT_NUMBER).singleResult().getValue();
      classifiedAt.put(incident, classify.getEndTime().toInstant());
    }
    List<Long> assigned = new ArrayList<>();
    List<Long> toClassified = new ArrayList<>();
    List<Long> classifiedToAssigned = new ArrayList<>();
    Instant first = sentAt.values().stream().min(Instant::compareTo).orElse(Instant.EPOCH);
    Map<Long, List<Long>> assignedByTenSeconds = new TreeMap<>();
    sentAt.forEach((incident, at) -> {
      Instant routed = routedAt.get(incident);
      Instant classified = classifiedAt.get(incident);
      if (routed != null) {
        long millis = Duration.between(at, routed).toMillis();
        assigned.add(millis);
        assignedByTenSeconds.computeIfAbsent(Duration.between(first, at).toSeconds() / 10, k -> new ArrayList<>()).add(millis);
      }
      if (routed != null && classified != null) {
        toClassified.add(Duration.between(at, classified).toMillis());
        classifiedToAssigned.add(Duration.between(classified, routed).toMillis());
      }
    });
    line("%nSteady %s: %d alerts at %d/s, %d answered 200, %d failed, %d incidents assigned", round, count, rate,
        sentAt.size(), failures.get(), assigned.size());
    line("  webhook answer ms            %s", percentiles(answers));
    line("  alert -> incident assigned ms %s", percentiles(assigned));
    line("    of which alert -> classified   %s", percentiles(toClassified));
    line("    and classified -> assigned     %s", percentiles(classifiedToAssigned));
    // a backlog after a start shows as the first buckets' figures, one-off work as the first alone
    assignedByTenSeconds.forEach((bucket, millis) ->
        line("    sent in %3d-%3d s, assigned ms %s", bucket * 10, bucket * 10 + 10, percentiles(millis)));
  }

  private void storm(ConfigurableApplicationContext vigil, int port, int alerts, int batchSize) throws Exception {
    JdbcClient jdbc = vigil.getBean(JdbcClient.class);
    URI webhook = URI.create("http://127.0.0.1:" + port + "/api/alerts/alertmanager");
    URI incidents = URI.create("http://127.0.0.1:" + port + "/api/incidents?size=20");
    List<List<Map<String, Object>>> batches = new ArrayList<>();
    for (int i = 0; i < alerts; i += batchSize) {
      List<Map<String, Object>> batch = new ArrayList<>();
      for (int j = i; j < Math.min(alerts, i + batchSize); j++) {
        batch.add(alert(sequence.incrementAndGet()));
      }
      batches.add(batch);
    }
    for (String pass : List.of("first", "repeat")) {
      List<Long> answers = Collections.synchronizedList(new ArrayList<>());
      List<Long> reads = Collections.synchronizedList(new ArrayList<>());
      AtomicInteger failures = new AtomicInteger();
      AtomicBoolean storming = new AtomicBoolean(true);
      Thread prober = new Thread(() -> {
        while (storming.get()) {
          long t0 = System.nanoTime();
          try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(incidents).header("Authorization", READER).GET().build(),
                HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 200) {
              reads.add((System.nanoTime() - t0) / 1_000_000);
            }
            Thread.sleep(200);
          } catch (IOException | InterruptedException e) {
            return;
          }
        }
      });
      prober.start();
      long t0 = System.nanoTime();
      long periodMillis = 60_000L / batches.size();
      List<CompletableFuture<?>> pending = new ArrayList<>();
      for (int b = 0; b < batches.size(); b++) {
        long due = t0 + TimeUnit.MILLISECONDS.toNanos(b * periodMillis);
        long wait = due - System.nanoTime();
        if (wait > 0) {
          TimeUnit.NANOSECONDS.sleep(wait);
        }
        long sent = System.nanoTime();
        pending.add(http.sendAsync(post(webhook, batch(batches.get(b))), HttpResponse.BodyHandlers.ofString())
            .thenAccept(response -> {
              answers.add((System.nanoTime() - sent) / 1_000_000);
              if (response.statusCode() != 200) {
                failures.incrementAndGet();
              }
            }));
      }
      CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).join();
      long tookMillis = (System.nanoTime() - t0) / 1_000_000;
      storming.set(false);
      prober.join();
      long recorded = jdbc.sql("SELECT COUNT(*) FROM monitoring_alert").query(Long.class).single();
      long received = jdbc.sql("SELECT COALESCE(SUM(received_count), 0) FROM monitoring_alert").query(Long.class).single();
      long opened = jdbc.sql("SELECT COUNT(DISTINCT incident_number) FROM monitoring_alert").query(Long.class).single();
      String stormIncident = jdbc.sql("SELECT incident_number FROM alert_dedup WHERE dedup_key = 'storm'").query(String.class)
          .optional().orElse("none");
      long onStorm = jdbc.sql("SELECT COUNT(*) FROM monitoring_alert WHERE incident_number = ?").param(stormIncident)
          .query(Long.class).single();
      line("%nStorm, %s pass: %,d alerts in %d batches over %.1f s, %d batches failed", pass, alerts, batches.size(),
          tookMillis / 1000.0, failures.get());
      line("  incidents holding alerts %,d (storm incident %s holds %,d); alerts recorded %,d; receipts counted %,d",
          opened, stormIncident, onStorm, recorded, received);
      line("  batch answer ms              %s", percentiles(answers));
      line("  GET /api/incidents ms        %s (%d reads during the storm)", percentiles(reads), reads.size());
    }
  }

  private Map<String, Object> alert(int n) {
    Map<String, Object> alert = new HashMap<>();
    alert.put("status", "firing");
    alert.put("labels", Map.of("alertname", "BenchmarkAlert" + (n % 20), "instance", "host-" + n + ":9100", "job", "node",
        "severity", n % 3 == 0 ? "critical" : "warning", "run", run));
    alert.put("annotations", Map.of("summary", "Benchmark alert " + n + " on host-" + n,
        "description", "Synthetic alert " + n + " of benchmark run " + run));
    alert.put("startsAt", OffsetDateTime.now(ZoneOffset.UTC).toString());
    alert.put("endsAt", "0001-01-01T00:00:00Z");
    alert.put("generatorURL", "http://prometheus.example.com:9090/graph");
    alert.put("fingerprint", "%016x".formatted((long) n * 0x9E3779B97F4A7C15L));
    return alert;
  }

  private static Map<String, Object> batch(List<Map<String, Object>> alerts) {
    Map<String, Object> batch = new HashMap<>();
    batch.put("version", "4");
    batch.put("groupKey", "{}:{alertname=\"" + ((Map<?, ?>) alerts.get(0).get("labels")).get("alertname") + "\"}");
    batch.put("truncatedAlerts", 0);
    batch.put("status", "firing");
    batch.put("receiver", "vigil");
    batch.put("groupLabels", Map.of());
    batch.put("commonLabels", Map.of());
    batch.put("commonAnnotations", Map.of());
    batch.put("externalURL", "http://alertmanager.example.com:9093");
    batch.put("alerts", alerts);
    return batch;
  }

  private static HttpRequest post(URI webhook, Map<String, Object> body) {
    try {
      return HttpRequest.newBuilder(webhook).header("Authorization", TOKEN).header("Content-Type", "application/json")
          .timeout(Duration.ofSeconds(60))
          .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build();
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String percentiles(List<Long> values) {
    Percentiles p = new Percentiles(new ArrayList<>(values));
    return String.format(Locale.ROOT, "p50 %5d  p90 %5d  p99 %5d  max %5d  (n=%d)", p.at(50), p.at(90), p.at(99), p.at(100), p.count());
  }

  private void line(String format, Object... args) {
    String text = String.format(Locale.ROOT, format, args);
    System.out.println(text);
    report.addAll(List.of(text.split("\n", -1)));
  }
}
