package io.vigil.engine;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.spring.SpringProcessEngineConfiguration;
import org.camunda.bpm.spring.boot.starter.configuration.impl.AbstractCamundaConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Engine nodes that start together on an empty PostgreSQL database would each create the engine's
 * tables, and all but one fail ({@code duplicate key value violates unique constraint
 * "pg_type_typname_nsp_index"}): the engine does not serialise its schema work. Each node holds a
 * PostgreSQL advisory lock from before the engine looks at its schema until the engine is built, so
 * the others wait, then find the tables there. Flyway, which creates Vigil's own tables, takes a lock
 * of its own. H2 serves one node and needs none.
 */
@Component
class SchemaCreationLock extends AbstractCamundaConfiguration {

  private static final Logger log = LoggerFactory.getLogger(SchemaCreationLock.class);
  /** Any number no other advisory lock on the database uses: "Vigil" and 1. */
  private static final long KEY = 0x5669_6769_6C00_0001L;

  private final DataSource dataSource;
  private Connection holding;

  SchemaCreationLock(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  @Override
  public void preInit(SpringProcessEngineConfiguration configuration) {
    try {
      Connection connection = dataSource.getConnection();
      if (!"PostgreSQL".equals(connection.getMetaData().getDatabaseProductName())) {
        connection.close();
        return;
      }
      try (Statement statement = connection.createStatement()) {
        statement.execute("SELECT pg_advisory_lock(" + KEY + ")");
      }
      holding = connection;
      log.debug("Holding the engine's schema lock");
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot take the engine's schema lock on the database: " + e.getMessage(), e);
    }
  }

  /** The engine is built, its tables there: the next node may look. */
  @Override
  public void postProcessEngineBuild(ProcessEngine processEngine) {
    if (holding == null) {
      return;
    }
    try (Connection connection = holding; Statement statement = connection.createStatement()) {
      statement.execute("SELECT pg_advisory_unlock(" + KEY + ")");
    } catch (SQLException e) {
      // closing the connection ends the session, and the session's locks with it
      log.warn("Releasing the engine's schema lock: {}", e.getMessage());
    } finally {
      holding = null;
    }
  }
}
