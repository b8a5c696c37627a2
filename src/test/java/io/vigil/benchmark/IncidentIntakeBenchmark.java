package io.vigil.benchmark;

import io.vigil.incident.contract.IncidentProcess;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * How many incidents one Vigil node takes in and routes: integrators post reports over HTTP
 * ({@code POST /api/incidents}) from several clients at once, while the workers classify them and
 * the engine prioritises and routes them to a resolver group's triage queue.
 *
 * <p>Prints, for a warm-up round and a measured round: the intake rate and the latency of the POST
 * (p50/p95/p99/max), and the end-to-end rate and latency from report to routed (history: the end
 * of {@code Task_DetermineResolverGroup}). Run with {@code mvn -Pbenchmark} (docs/benchmarks.md).
 * System properties: {@code benchmark.database} (h2 | postgresql), {@code benchmark.incidents},
 * {@code benchmark.warmup}, {@code benchmark.clients}.
 */
public final class IncidentIntakeBenchmark {

  private static final String[][] REPORTS = {
      {"Checkout returns HTTP 500", "Every order fails at the payment step since the last deploy", "checkout"},
      {"VPN drops every few minutes", "Remote staff lose the tunnel and have to reconnect", "remote-access"},
      {"Reports are slow", "The sales dashboard takes minutes to load for the finance team", "data-platform"},
      {"Locked out after password change", "Cannot log in to the laptop since this morning", "workplace"},
      {"Mail not arriving", "Outlook shows nothing new since 09:00, several users affected", "email"},
      {"Portal login page error", "Customers see an error on the my account page", "customer-portal"},
      {"Refunds stuck in pending", "Card refunds are not processed, degraded since noon", "payments"},
      {"Suspicious login attempts", "Many failed logins from one address on the admin console", null}};

  public static void main(String[] args) throws Exception {
    String database = System.getProperty("benchmark.database", "h2");
    int incidents = Integer.getInteger("benchmark.incidents", 2000);
    int warmup = Integer.getInteger("benchmark.warmup", 1000);
    int clients = Integer.getInteger("benchmark.clients", 4);

    int port = BenchmarkNode.freePort();
    ConfigurableApplicationContext vigil = BenchmarkNode.start(database, port, "all");
    try {
      Benchmark benchmark = new Benchmark(vigil, port, clients);
      System.out.printf(Locale.ROOT, "%nVigil on %s, %d clients, %d cores, Java %s%n", database, clients,
          Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));
      benchmark.round("warm-up", warmup);
      benchmark.round("measured", incidents);
    } finally {
      vigil.close();
    }
  }

  private record Round(List<Long> postMillis, long postedAfterMillis, long routedAfterMillis, List<Long> routedMillis) {}

  private static final class Benchmark {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI reports;
    private final String authorization = "Basic " + Base64.getEncoder().encodeToString("sd.anna:demo".getBytes(StandardCharsets.UTF_8));
    private final HistoryService history;
    private final JdbcClient jdbc;
    private final int clients;
    private final AtomicInteger sequence = new AtomicInteger();

    Benchmark(ConfigurableApplicationContext vigil, int port, int clients) {
      this.reports = URI.create("http://localhost:" + port + "/api/incidents");
      this.history = vigil.getBean(HistoryService.class);
      this.jdbc = vigil.getBean(JdbcClient.class);
      this.clients = clients;
    }

    void round(String name, int count) throws Exception {
      long routedBefore = routed();
      Date start = new Date();
      long t0 = System.nanoTime();
      List<Long> latencies = Collections.synchronizedList(new ArrayList<>(count));
      ExecutorService pool = Executors.newFixedThreadPool(clients);
      AtomicInteger remaining = new AtomicInteger(count);
      List<Future<?>> futures = new ArrayList<>();
      for (int c = 0; c < clients; c++) {
        futures.add(pool.submit(() -> {
          while (remaining.getAndDecrement() > 0) {
            long sent = System.nanoTime();
            report();
            latencies.add((System.nanoTime() - sent) / 1_000_000);
          }
          return null;
        }));
      }
      for (Future<?> future : futures) {
        future.get();
      }
      pool.shutdown();
      long posted = (System.nanoTime() - t0) / 1_000_000;
      while (routed() - routedBefore < count) {
        Thread.sleep(50);
      }
      long routed = (System.nanoTime() - t0) / 1_000_000;
      print(name, count, new Round(latencies, posted, routed, reportToRouted(start)));
    }

    private void report() throws IOException, InterruptedException {
      int n = sequence.incrementAndGet();
      String[] template = REPORTS[n % REPORTS.length];
      String body = "{\"title\":\"%s (%d)\",\"description\":\"%s, case %d\",\"caller\":\"user%d@example.com\"%s}".formatted(
          template[0], n, template[1], n, n % 97, template[2] == null ? "" : ",\"service\":\"" + template[2] + "\"");
      HttpResponse<String> response = http.send(HttpRequest.newBuilder(reports)
          .header("Authorization", authorization).header("Content-Type", "application/json")
          .header("Idempotency-Key", "benchmark-" + n)
          .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 201) {
        throw new IllegalStateException("POST /api/incidents answered " + response.statusCode() + ": " + response.body());
      }
    }

    /** Routed: a resolver group is set (the routing listener commits with the step). */
    private long routed() {
      return jdbc.sql("SELECT COUNT(*) FROM incident WHERE resolver_group IS NOT NULL").query(Long.class).single();
    }

    private List<Long> reportToRouted(Date since) {
      List<Long> millis = new ArrayList<>();
      java.util.Map<String, Date> started = new java.util.HashMap<>();
      for (HistoricProcessInstance instance : history.createHistoricProcessInstanceQuery()
          .processDefinitionKey(IncidentProcess.KEY).startedAfter(since).list()) {
        started.put(instance.getId(), instance.getStartTime());
      }
      for (HistoricActivityInstance routing : history.createHistoricActivityInstanceQuery()
          .activityId(IncidentProcess.Elements.DETERMINE_RESOLVER_GROUP).finished().startedAfter(since).list()) {
        Date start = started.get(routing.getProcessInstanceId());
        if (start != null) {
          millis.add(routing.getEndTime().getTime() - start.getTime());
        }
      }
      return millis;
    }
  }

  private static void print(String name, int count, Round round) {
    System.out.printf(Locale.ROOT, "%n%s round: %d incidents%n", name, count);
    System.out.printf(Locale.ROOT, "  intake   %7.1f reports/s   POST latency ms  p50 %5d  p95 %5d  p99 %5d  max %5d%n",
        count * 1000.0 / round.postedAfterMillis(), new Percentiles(round.postMillis()).at(50), new Percentiles(round.postMillis()).at(95),
        new Percentiles(round.postMillis()).at(99), new Percentiles(round.postMillis()).at(100));
    System.out.printf(Locale.ROOT, "  routed   %7.1f incidents/s report->routed ms p50 %5d  p95 %5d  p99 %5d  max %5d%n",
        count * 1000.0 / round.routedAfterMillis(), new Percentiles(round.routedMillis()).at(50), new Percentiles(round.routedMillis()).at(95),
        new Percentiles(round.routedMillis()).at(99), new Percentiles(round.routedMillis()).at(100));
  }
}
