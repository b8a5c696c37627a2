package io.vigil.benchmark;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The audit trail's hash chain on PostgreSQL (docs/benchmarks.md, "Audit chain"): {@code
 * benchmark.entries} entries written at once (an upgrade, or a backlog after the nodes were down),
 * then sealed, verified, exported and checked offline with the auditor guide's own script. The
 * node's own sealer is held back, so that the first verify does the sealing and is timed.
 *
 * <p>{@code mvn -Pbenchmark-audit process-test-classes}
 */
public final class AuditChainBenchmark {

  private static final String AUDITOR = "Basic " + Base64.getEncoder().encodeToString("audit.ada:demo".getBytes(StandardCharsets.UTF_8));

  private final List<String> report = new ArrayList<>();
  private final HttpClient http = HttpClient.newHttpClient();
  private final String base;

  private AuditChainBenchmark(int port) {
    this.base = "http://127.0.0.1:" + port + "/api/audit";
  }

  public static void main(String[] args) throws Exception {
    int entries = Integer.getInteger("benchmark.entries", 200_000);
    int port = BenchmarkNode.freePort();
    ConfigurableApplicationContext vigil = BenchmarkNode.start("postgresql", port, "engine", "--vigil.audit.seal-interval=P1D");
    AuditChainBenchmark benchmark = new AuditChainBenchmark(port);
    try {
      benchmark.line("The audit chain on PostgreSQL: %,d entries; %d cores, Java %s, %s", entries,
          Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"), Instant.now());
      benchmark.run(entries);
    } finally {
      vigil.close();
    }
    Path file = Path.of("target", "benchmarks", "audit-chain.txt");
    Files.createDirectories(file.getParent());
    Files.write(file, benchmark.report);
    System.out.println("\nWritten to " + file.toAbsolutePath());
  }

  private void run(int entries) throws Exception {
    try (Connection connection = BenchmarkNode.connect(); Statement sql = connection.createStatement()) {
      // fifteen entries a ticket, ten seconds apart, ending now; ANALYZE as autovacuum would
      sql.executeUpdate("""
          INSERT INTO audit_entry (ticket_number, occurred_at, actor, action, detail)
          SELECT 'INC-' || lpad((g / 15 + 1)::text, 6, '0'), now() - (%d - g) * interval '10 seconds', 'db.dave', 'COMMENTED',
                 'Checked the replica lag and the blocking sessions, entry ' || g || repeat(' with some detail', 5)
          FROM generate_series(1, %d) g""".formatted(entries, entries));
      sql.execute("ANALYZE audit_entry");
    }
    long t0 = System.nanoTime();
    String first = get("/verify");
    double seal = seconds(t0);
    line("%nSeal all and verify: %.1f s (%,.0f entries/s): %s", seal, entries / seal, first);
    try (Connection connection = BenchmarkNode.connect(); Statement sql = connection.createStatement()) {
      sql.execute("ANALYZE audit_seal");
    }
    t0 = System.nanoTime();
    get("/verify");
    double verify = seconds(t0);
    line("Verify the whole chain: %.1f s (%,.0f entries/s)", verify, entries / verify);
    t0 = System.nanoTime();
    get("/verify?from=" + Instant.now().minusSeconds(86_400) + "&to=" + Instant.now());
    line("Verify the last day (8,640 entries): %.2f s", seconds(t0));

    Path export = Files.createTempFile("vigil-audit", ".jsonl");
    t0 = System.nanoTime();
    http.send(request("/export"), HttpResponse.BodyHandlers.ofFile(export));
    line("Export, JSON lines: %.1f s, %,d MB", seconds(t0), Files.size(export) / 1_000_000);

    Matcher block = Pattern.compile("<!-- offline-check -->\\s*```python\\n(.*?)```", Pattern.DOTALL)
        .matcher(Files.readString(Path.of("docs", "auditor-guide.md")));
    if (!block.find()) {
      throw new IllegalStateException("docs/auditor-guide.md holds no offline check");
    }
    Path script = Files.writeString(Files.createTempFile("verify-audit", ".py"), block.group(1));
    t0 = System.nanoTime();
    Process python = new ProcessBuilder("python3", script.toString(), export.toString()).redirectErrorStream(true).start();
    String output = new String(python.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    python.waitFor();
    line("Offline check (auditor guide, python3): %.1f s: %s", seconds(t0), output.lines().reduce((a, b) -> b).orElse(""));
    Files.delete(export);
    Files.delete(script);
  }

  private String get(String path) throws Exception {
    HttpResponse<String> response = http.send(request(path), HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IllegalStateException(path + " answered " + response.statusCode() + ": " + response.body());
    }
    return response.body();
  }

  private HttpRequest request(String path) {
    return HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", AUDITOR).GET().build();
  }

  private static double seconds(long since) {
    return (System.nanoTime() - since) / 1e9;
  }

  private void line(String format, Object... values) {
    String line = String.format(Locale.ROOT, format, values);
    System.out.println(line);
    report.add(line);
  }
}
