package io.vigil.support;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/** Which database Vigil runs on, for the few statements that differ between H2 and PostgreSQL. */
public final class Databases {

  private Databases() {}

  public static boolean isPostgresql(DataSource dataSource) {
    try (Connection connection = dataSource.getConnection()) {
      return "PostgreSQL".equals(connection.getMetaData().getDatabaseProductName());
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot tell which database Vigil runs on", e);
    }
  }
}
