package io.vigil.benchmark;

import io.vigil.VigilApplication;
import java.io.IOException;
import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.rest.impl.FetchAndLockContextListener;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * One Vigil node for a benchmark: a database of its own (H2 in memory, or a fresh PostgreSQL database,
 * {@code vigil_benchmark} unless {@code benchmark.postgresql.database} names another) and a cluster of its own.
 */
final class BenchmarkNode {

  private static final String DATABASE = System.getProperty("benchmark.postgresql.database", "vigil_benchmark");

  private BenchmarkNode() {}

  /**
   * Starts Vigil in the {@code demo} profile. Settings are command-line arguments: they override
   * application.yaml, as an operator's settings would.
   */
  static ConfigurableApplicationContext start(String database, int port, String role, String... settings) throws IOException, SQLException {
    return run(datasource(database), database.equals("h2") ? "sa" : "postgres", port, role, settings);
  }

  /** Starts Vigil on the PostgreSQL database {@code vigil_benchmark} as an earlier node (and whatever wrote to it since) left it. */
  static ConfigurableApplicationContext startAgain(int port, String role, String... settings) throws IOException {
    return run(server() + DATABASE, "postgres", port, role, settings);
  }

  /** A connection to the PostgreSQL database {@code vigil_benchmark}, to fill it or read plans apart from the node. */
  static Connection connect() throws SQLException {
    return DriverManager.getConnection(server() + DATABASE, "postgres", "");
  }

  private static ConfigurableApplicationContext run(String datasource, String username, int port, String role, String... settings)
      throws IOException {
    int clusterPort = freePort();
    List<String> arguments = new ArrayList<>(List.of(
        "--server.port=" + port,
        "--vigil.role=" + role,
        // A cluster of its own, beside any Vigil already running on this machine.
        "--vigil.cluster.name=benchmark-" + clusterPort,
        "--vigil.cluster.port=" + clusterPort,
        "--vigil.cluster.members=127.0.0.1:" + clusterPort,
        "--logging.level.root=WARN",
        "--spring.datasource.url=" + datasource,
        "--spring.datasource.username=" + username,
        "--spring.datasource.password="));
    arguments.addAll(List.of(settings));
    LongPolling.renew();
    return new SpringApplicationBuilder(VigilApplication.class).profiles("demo").run(arguments.toArray(String[]::new));
  }

  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private static String datasource(String database) throws SQLException {
    if (database.equals("h2")) {
      // A database of its own for each node a benchmark starts in one JVM.
      return "jdbc:h2:mem:benchmark-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1";
    }
    if (!database.equals("postgresql")) {
      throw new IllegalArgumentException("benchmark.database is h2 or postgresql, not " + database);
    }
    if (Boolean.getBoolean("benchmark.reuse-database")) {
      return server() + DATABASE;
    }
    try (Connection connection = DriverManager.getConnection(server() + "postgres", "postgres", "");
        Statement statement = connection.createStatement()) {
      statement.execute("DROP DATABASE IF EXISTS " + DATABASE + " WITH (FORCE)");
      statement.execute("CREATE DATABASE " + DATABASE);
    }
    return server() + DATABASE;
  }

  /**
   * Camunda's engine REST answers the workers' long polls from one handler per JVM, in a static
   * field, which the first node's close shuts down and the next node would reuse: the workers of a
   * second node in the same JVM would wait for an answer forever. Nodes here run one at a time, so
   * each start makes a new one.
   */
  private static final class LongPolling extends FetchAndLockContextListener {

    static void renew() {
      fetchAndLockHandler = null;
    }
  }

  private static String server() {
    return System.getProperty("benchmark.postgresql.url", "jdbc:postgresql://127.0.0.1:5432/");
  }
}
