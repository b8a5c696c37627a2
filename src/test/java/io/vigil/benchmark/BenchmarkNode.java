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
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** One Vigil node for a benchmark: a database of its own (H2 in memory, or a fresh PostgreSQL database) and a cluster of its own. */
final class BenchmarkNode {

  private BenchmarkNode() {}

  /**
   * Starts Vigil in the {@code demo} profile. Settings are command-line arguments: they override
   * application.yaml, as an operator's settings would.
   */
  static ConfigurableApplicationContext start(String database, int port, String role, String... settings) throws IOException, SQLException {
    int clusterPort = freePort();
    List<String> arguments = new ArrayList<>(List.of(
        "--server.port=" + port,
        "--vigil.role=" + role,
        // A cluster of its own, beside any Vigil already running on this machine.
        "--vigil.cluster.name=benchmark-" + clusterPort,
        "--vigil.cluster.port=" + clusterPort,
        "--vigil.cluster.members=127.0.0.1:" + clusterPort,
        "--logging.level.root=WARN",
        "--spring.datasource.url=" + datasource(database),
        "--spring.datasource.username=" + (database.equals("h2") ? "sa" : "postgres"),
        "--spring.datasource.password="));
    arguments.addAll(List.of(settings));
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
    String server = System.getProperty("benchmark.postgresql.url", "jdbc:postgresql://127.0.0.1:5432/");
    if (Boolean.getBoolean("benchmark.reuse-database")) {
      return server + "vigil_benchmark";
    }
    try (Connection connection = DriverManager.getConnection(server + "postgres", "postgres", "");
        Statement statement = connection.createStatement()) {
      statement.execute("DROP DATABASE IF EXISTS vigil_benchmark WITH (FORCE)");
      statement.execute("CREATE DATABASE vigil_benchmark");
    }
    return server + "vigil_benchmark";
  }
}
