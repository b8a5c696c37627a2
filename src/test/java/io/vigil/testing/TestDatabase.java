package io.vigil.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The database a test context runs on. {@code mvn verify} runs the integration tests twice: with
 * {@code -Dvigil.test.database=h2} (an in-memory database per context) and with
 * {@code postgresql} (a database per context, dropped and created afresh, on the local server).
 *
 * <p>Where PostgreSQL cannot be reached, the PostgreSQL run is skipped with a message, except under
 * CI ({@code CI=true}), where it must run and fails loudly instead.
 */
public final class TestDatabase implements ApplicationContextInitializer<ConfigurableApplicationContext>, ExecutionCondition {

  static final String DATABASE = System.getProperty("vigil.test.database", "h2");
  static final String POSTGRESQL_URL = System.getProperty("vigil.test.postgresql.url", "jdbc:postgresql://127.0.0.1:5432/");
  static final String POSTGRESQL_USER = System.getProperty("vigil.test.postgresql.user", "postgres");
  static final String POSTGRESQL_PASSWORD = System.getProperty("vigil.test.postgresql.password", "");

  public static boolean isPostgresql() {
    return "postgresql".equals(DATABASE);
  }

  @Override
  public void initialize(ConfigurableApplicationContext context) {
    String name = context.getEnvironment().getProperty("vigil.test.context", "vigil");
    if (isPostgresql()) {
      String database = "vigil_test_" + name;
      recreate(database);
      TestPropertyValues.of(
              "spring.datasource.url=" + POSTGRESQL_URL + database,
              "spring.datasource.username=" + POSTGRESQL_USER,
              "spring.datasource.password=" + POSTGRESQL_PASSWORD)
          .applyTo(context);
    } else {
      TestPropertyValues.of(
              "spring.datasource.url=jdbc:h2:mem:" + name + "-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1",
              "spring.datasource.username=sa",
              "spring.datasource.password=")
          .applyTo(context);
    }
  }

  /**
   * A fresh database for several application contexts to share (the nodes of a cluster test), as the
   * datasource settings each node is given.
   */
  public static Map<String, String> shared(String name) {
    if (isPostgresql()) {
      String database = "vigil_test_" + name;
      recreate(database);
      return Map.of("spring.datasource.url", POSTGRESQL_URL + database,
          "spring.datasource.username", POSTGRESQL_USER, "spring.datasource.password", POSTGRESQL_PASSWORD);
    }
    return Map.of("spring.datasource.url", "jdbc:h2:mem:" + name + "-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1",
        "spring.datasource.username", "sa", "spring.datasource.password", "");
  }

  private static void recreate(String database) {
    try (Connection connection = DriverManager.getConnection(POSTGRESQL_URL + "postgres", POSTGRESQL_USER, POSTGRESQL_PASSWORD);
        Statement statement = connection.createStatement()) {
      statement.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
      statement.execute("CREATE DATABASE " + database);
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot create the test database " + database + " on " + POSTGRESQL_URL + ": " + e.getMessage(), e);
    }
  }

  @Override
  public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
    if (!isPostgresql() || "true".equalsIgnoreCase(System.getenv("CI"))) {
      return ConditionEvaluationResult.enabled("database " + DATABASE);
    }
    DriverManager.setLoginTimeout(3);
    try (Connection ignored = DriverManager.getConnection(POSTGRESQL_URL + "postgres", POSTGRESQL_USER, POSTGRESQL_PASSWORD)) {
      return ConditionEvaluationResult.enabled("PostgreSQL reachable at " + POSTGRESQL_URL);
    } catch (SQLException e) {
      return ConditionEvaluationResult.disabled("PostgreSQL is not reachable at " + POSTGRESQL_URL + " (" + e.getMessage()
          + "): the PostgreSQL run is skipped on this machine. CI never skips it.");
    }
  }
}
