package io.vigil.support;

import com.zaxxer.hikari.HikariDataSource;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.stereotype.Component;

/**
 * On PostgreSQL the driver sends each of the engine's batches of inserts (history, variables,
 * authorizations) as one multi-row insert ({@code reWriteBatchedInserts}): a fifth fewer statements
 * per incident (docs/benchmarks.md, "Incident lifecycle"). The driver then no longer reports a row
 * count per insert, which the engine does not read for inserts. The setting in a JDBC URL wins.
 */
@Component
class BatchedInserts implements BeanPostProcessor {

  @Override
  public Object postProcessAfterInitialization(Object bean, String name) {
    if (bean instanceof HikariDataSource pool && pool.getJdbcUrl() != null && pool.getJdbcUrl().startsWith("jdbc:postgresql:")) {
      pool.addDataSourceProperty("reWriteBatchedInserts", "true");
    }
    return bean;
  }
}
