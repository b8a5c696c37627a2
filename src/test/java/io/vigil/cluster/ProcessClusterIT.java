package io.vigil.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vigil.testing.FreePort;
import io.vigil.testing.TestDatabase;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
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
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A real cluster on loopback: two engine nodes and one workers node, each a process of its own
 * started from the built jar, on one PostgreSQL; the workers reach the engines through a proxy that,
 * like a Kubernetes Service, connects to whichever engine answers. Under reports and alerts, one
 * engine node is killed with SIGKILL: every report or alert accepted has its incident, every incident
 * is routed, every SLA threshold fires exactly once, and the workers carry on against the survivor.
 * The SLA targets are made seconds long by deploying a version of sla-targets.dmn, as a process owner
 * would. PostgreSQL only: processes cannot share an in-memory H2.
 */
@ExtendWith(TestDatabase.class)
class ProcessClusterIT {

  private static final Path JAR = Path.of("target/vigil-0.1.0-SNAPSHOT.jar");
  private static final Path LOGS = Path.of("target/process-cluster");
  private static final Pattern THRESHOLD = Pattern.compile("^(response|resolution) clock at (\\d+)%");
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private final List<Process> processes = new ArrayList<>();
  private final Map<String, String> database = TestDatabase.shared("process_cluster");
  private final String cluster = "vigil-process-cluster-" + UUID.randomUUID();
  private ServiceProxy proxy;

  @AfterEach
  void stop() throws IOException {
    processes.forEach(Process::destroy);
    processes.forEach(process -> {
      try {
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
          process.destroyForcibly();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    if (proxy != null) {
      proxy.close();
    }
  }

  @Test
  void killingAnEngineNodeUnderLoadLosesNothingAndTheOtherNodeTakesItsWorkOver() throws Exception {
    int[] http = {FreePort.find(), FreePort.find()};
    int[] hazelcast = {FreePort.find(), FreePort.find()};
    String members = "127.0.0.1:" + hazelcast[0] + ",127.0.0.1:" + hazelcast[1];
    Process first = engine("engine-1", http[0], hazelcast[0], members);
    Process second = engine("engine-2", http[1], hazelcast[1], members);
    awaitReady(http[0], first);
    awaitReady(http[1], second);
    proxy = new ServiceProxy(http[0], http[1]);
    Process workers = start("workers", List.of("--vigil.role=workers", "--server.port=" + FreePort.find(),
        "--vigil.workers.engine-url=http://127.0.0.1:" + proxy.port() + "/engine-rest",
        "--vigil.workers.api-url=http://127.0.0.1:" + proxy.port() + "/api",
        "--vigil.workers.username=vigil-worker", "--vigil.workers.password=demo-worker"));
    deployShortTargets(http[1]);

    // Load on both engines; the first is killed a third of the way through.
    List<String> accepted = new CopyOnWriteArrayList<>();
    AtomicInteger refused = new AtomicInteger();
    ExecutorService clients = Executors.newFixedThreadPool(4);
    int requests = 120;
    Instant[] killedAt = new Instant[1];
    for (int i = 0; i < requests; i++) {
      int n = i;
      if (i == requests / 3) {
        clients.submit(() -> {
          first.destroyForcibly();
          killedAt[0] = Instant.now();
        });
      }
      clients.submit(() -> {
        int port = http[n % 2];
        String number = n % 4 == 3 ? alert(port, n) : report(port, n);
        if (number == null) {
          refused.incrementAndGet();
        } else {
          accepted.add(number);
        }
      });
      Thread.sleep(100);
    }
    clients.shutdown();
    assertThat(clients.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
    assertThat(first.isAlive()).isFalse();
    assertThat(accepted).as("accepted (%d refused by the killed node)", refused.get()).hasSizeGreaterThan(requests / 2);

    // every accepted report and alert has its incident, routed to a group by the survivor
    await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
      Map<String, String> groups = query("SELECT number, resolver_group FROM incident");
      assertThat(groups.keySet()).containsAll(accepted);
      assertThat(groups).allSatisfy((number, group) -> assertThat(group).as(number).isNotNull());
    });
    // routed once each; how long after the kill the last one was routed
    Map<String, String> routings = query("SELECT ticket_number, COUNT(*) FROM audit_entry WHERE action = 'ROUTED' GROUP BY ticket_number");
    assertThat(routings).allSatisfy((number, count) -> assertThat(count).as(number).isEqualTo("1"));
    Instant lastRouted = Instant.ofEpochMilli((long) (1000 * Double.parseDouble(
        query("SELECT 'last', EXTRACT(EPOCH FROM MAX(occurred_at)) FROM audit_entry WHERE action = 'ROUTED'").get("last"))));
    System.out.printf("process cluster: %d accepted, %d refused; last incident routed %d s after the kill%n",
        accepted.size(), refused.get(), Math.max(0, Duration.between(killedAt[0], lastRouted).toSeconds()));

    // every threshold of every clock fires, exactly once, on the survivor
    await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> {
      Map<String, Integer> fired = thresholdsFired();
      for (String number : accepted) {
        for (String clock : List.of("response", "resolution")) {
          for (int percent : List.of(50, 75, 100)) {
            assertThat(fired.get(number + " " + clock + " " + percent)).as(number + " " + clock + " " + percent).isEqualTo(1);
          }
        }
      }
    });
    assertThat(thresholdsFired()).allSatisfy((threshold, times) -> assertThat(times).as(threshold).isEqualTo(1));
    assertThat(workers.isAlive()).isTrue();
    assertThat(Files.readString(LOGS.resolve("workers.log"))).doesNotContain("Exception in thread");
  }

  private Process engine(String name, int http, int hazelcast, String members) throws IOException {
    return start(name, List.of("--vigil.role=engine", "--server.port=" + http,
        "--vigil.cluster.name=" + cluster, "--vigil.cluster.port=" + hazelcast, "--vigil.cluster.members=" + members));
  }

  private Process start(String name, List<String> arguments) throws IOException {
    assertThat(JAR).as("the jar, built by mvn package").exists();
    Files.createDirectories(LOGS);
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx768m", "-jar", JAR.toString(), "--spring.profiles.active=demo"));
    command.addAll(arguments);
    database.forEach((key, value) -> command.add("--" + key + "=" + value));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(LOGS.resolve(name + ".log").toFile()).start();
    processes.add(process);
    return process;
  }

  private static void awaitReady(int port, Process process) {
    await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofSeconds(1)).ignoreExceptionsInstanceOf(IOException.class).until(() -> {
      assertThat(process.isAlive()).as("the node is running (target/process-cluster/)").isTrue();
      return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health/readiness")).build(),
          HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
    });
  }

  /** A new version of sla-targets.dmn, every target seconds long and around the clock, as a process owner deploys one. */
  private static void deployShortTargets(int port) throws IOException, InterruptedException {
    String table = Files.readString(Path.of("processes/sla-targets.dmn"));
    Matcher outputs = Pattern.compile("(<outputEntry id=\"OutputEntry_sla_targets_\\d+_)(\\d)(\"><text>)[^<]*(</text>)").matcher(table);
    StringBuilder changed = new StringBuilder();
    while (outputs.find()) {
      String value = switch (outputs.group(2)) {
        case "0" -> "\"PT20S\"";
        case "1" -> "\"PT40S\"";
        default -> "\"24x7\"";
      };
      outputs.appendReplacement(changed, Matcher.quoteReplacement(outputs.group(1) + outputs.group(2) + outputs.group(3) + value + outputs.group(4)));
    }
    outputs.appendTail(changed);
    String boundary = "vigil-" + UUID.randomUUID();
    String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"deployment-name\"\r\n\r\nshort SLA targets\r\n"
        + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"data\"; filename=\"sla-targets.dmn\"\r\n"
        + "Content-Type: application/xml\r\n\r\n" + changed + "\r\n--" + boundary + "--\r\n";
    HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/engine-rest/deployment/create"))
        .header("Authorization", basic("admin", "demo")).header("Content-Type", "multipart/form-data; boundary=" + boundary)
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
  }

  /** Reports an incident; its number, or null when the node did not accept it. */
  private static String report(int port, int n) {
    return post(port, "/api/incidents", basic("sd.anna", "demo"), "{\"title\":\"Cluster load " + n
        + ": checkout slow\",\"description\":\"Checkout answers slowly\",\"caller\":\"jane@example.com\"}", 201);
  }

  /** An Alertmanager alert of its own; the incident's number, or null when the node did not accept it. */
  private String alert(int port, int n) {
    String fingerprint = String.format("%016x", n + 0xc0ffee000L);
    String accepted = post(port, "/api/alerts/alertmanager", "Bearer demo-alerts", "{\"version\":\"4\",\"groupKey\":\"{}:{alertname=\\\"Load"
        + n + "\\\"}\",\"status\":\"firing\",\"receiver\":\"vigil\",\"alerts\":[{\"status\":\"firing\",\"labels\":{\"alertname\":\"Load" + n
        + "\",\"job\":\"node\",\"severity\":\"warning\"},\"annotations\":{\"summary\":\"Load test alert " + n
        + "\"},\"startsAt\":\"2026-11-25T10:00:00Z\",\"fingerprint\":\"" + fingerprint + "\"}]}", 200);
    return accepted == null ? null : incidentOfAlert(fingerprint);
  }

  private String incidentOfAlert(String fingerprint) {
    try {
      return query("SELECT 'n', incident_number FROM monitoring_alert WHERE fingerprint = '" + fingerprint + "'").get("n");
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String post(int port, String path, String authorization, String json, int expected) {
    try {
      HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
          .timeout(Duration.ofSeconds(30)).header("Authorization", authorization).header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != expected) {
        return null;
      }
      Matcher number = Pattern.compile("\"number\"\\s*:\\s*\"([A-Z]+-\\d+)\"").matcher(response.body());
      return number.find() ? number.group(1) : "";
    } catch (IOException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }

  /** How often each threshold fired: "INC-000001 response 50" → 1. */
  private Map<String, Integer> thresholdsFired() throws SQLException {
    Map<String, Integer> fired = new ConcurrentHashMap<>();
    try (Connection connection = connect(); Statement statement = connection.createStatement();
        ResultSet result = statement.executeQuery("SELECT ticket_number, detail FROM audit_entry WHERE action = 'SLA_THRESHOLD_REACHED'")) {
      while (result.next()) {
        Matcher threshold = THRESHOLD.matcher(result.getString(2));
        if (threshold.find()) {
          fired.merge(result.getString(1) + " " + threshold.group(1) + " " + threshold.group(2), 1, Integer::sum);
        }
      }
    }
    return fired;
  }

  /** Two columns as a map. */
  private Map<String, String> query(String sql) throws SQLException {
    Map<String, String> rows = new ConcurrentHashMap<>();
    try (Connection connection = connect(); Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery(sql)) {
      while (result.next()) {
        if (result.getString(1) != null && result.getString(2) != null) {
          rows.put(result.getString(1), result.getString(2));
        }
      }
    }
    return rows;
  }

  private Connection connect() throws SQLException {
    return DriverManager.getConnection(database.get("spring.datasource.url"), database.get("spring.datasource.username"),
        database.get("spring.datasource.password"));
  }

  private static String basic(String user, String password) {
    return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  /**
   * A Kubernetes Service in miniature: each connection goes to the next engine, or to the other when
   * that one does not answer.
   */
  private static final class ServiceProxy implements AutoCloseable {

    private final ServerSocket server;
    private final int[] backends;
    private final AtomicInteger next = new AtomicInteger();
    private final ExecutorService pipes = Executors.newCachedThreadPool();

    ServiceProxy(int... backends) throws IOException {
      this.backends = backends;
      this.server = new ServerSocket();
      server.bind(new InetSocketAddress("127.0.0.1", 0));
      pipes.submit(this::accept);
    }

    int port() {
      return server.getLocalPort();
    }

    private void accept() {
      while (!server.isClosed()) {
        try {
          Socket client = server.accept();
          Socket backend = connect();
          if (backend == null) {
            client.close();
            continue;
          }
          pipes.submit(() -> pipe(client, backend));
          pipes.submit(() -> pipe(backend, client));
        } catch (IOException e) {
          // closed
        }
      }
    }

    private Socket connect() {
      for (int attempt = 0; attempt < backends.length; attempt++) {
        int port = backends[Math.floorMod(next.getAndIncrement(), backends.length)];
        try {
          Socket socket = new Socket();
          socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
          return socket;
        } catch (IOException e) {
          // that engine is down: the next one
        }
      }
      return null;
    }

    private static void pipe(Socket from, Socket to) {
      try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
        in.transferTo(out);
      } catch (IOException e) {
        // one side went away
      } finally {
        try {
          from.close();
          to.close();
        } catch (IOException e) {
          // already closed
        }
      }
    }

    @Override
    public void close() throws IOException {
      server.close();
      pipes.shutdownNow();
    }
  }
}
