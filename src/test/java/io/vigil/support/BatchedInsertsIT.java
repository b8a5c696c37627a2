package io.vigil.support;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.testing.ProcessTest;
import io.vigil.testing.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** A batch of inserts reaches PostgreSQL as one statement; H2 takes it row by row as before. */
@ProcessTest
class BatchedInsertsIT {

  @Autowired DataSource dataSource;

  @Test
  void aBatchOfInsertsIsSentAsOneStatementOnPostgresql() throws Exception {
    try (Connection connection = dataSource.getConnection(); Statement ddl = connection.createStatement()) {
      ddl.execute("CREATE TEMPORARY TABLE batched_insert_probe (n INT)");
      try (PreparedStatement insert = connection.prepareStatement("INSERT INTO batched_insert_probe (n) VALUES (?)")) {
        for (int n = 1; n <= 4; n++) {
          insert.setInt(1, n);
          insert.addBatch();
        }
        // rewritten into one four-row insert (the driver groups rows by powers of two), whose rows
        // the driver can no longer tell apart
        int expected = TestDatabase.isPostgresql() ? Statement.SUCCESS_NO_INFO : 1;
        assertThat(insert.executeBatch()).containsExactly(expected, expected, expected, expected);
      }
      ddl.execute("DROP TABLE batched_insert_probe");
    }
  }
}
