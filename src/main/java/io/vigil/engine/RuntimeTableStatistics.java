package io.vigil.engine;

import io.vigil.support.Databases;
import io.vigil.support.PeriodicLook;
import java.util.List;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Keeps PostgreSQL's row counts of the engine's runtime tables near the truth (ADR 14).
 *
 * <p>Those tables are queues: rows come with every instance and go when it ends. Statistics taken
 * while they were empty (a fresh install, a restore, a quiet night, autovacuum turned off) make the
 * planner believe they hold one row, and it then reads every open execution for each variable the
 * engine loads: the cost of every step grows with the number of open incidents. Autovacuum heals
 * that only where it runs and only after enough rows changed; this check heals it within seconds
 * wherever Vigil runs, and costs a catalog query when nothing is off.
 */
@Component
@EnableConfigurationProperties(EngineProperties.class)
class RuntimeTableStatistics implements SmartLifecycle {

  static final List<String> TABLES = List.of(
      "act_ru_execution", "act_ru_variable", "act_ru_task", "act_ru_identitylink", "act_ru_ext_task",
      "act_ru_job", "act_ru_event_subscr", "act_ru_authorization");

  /** Any number: it only has to be the same on every node, so that one of them analyses at a time. */
  private static final long LOCK = 0x76696769_6c737461L;

  private static final Logger log = LoggerFactory.getLogger(RuntimeTableStatistics.class);

  private final JdbcClient jdbc;
  private final TransactionTemplate transactions;
  private final EngineProperties.RuntimeStatistics settings;
  private final boolean postgresql;
  private final PeriodicLook schedule;

  RuntimeTableStatistics(DataSource dataSource, TransactionTemplate transactions, EngineProperties properties) {
    this.jdbc = JdbcClient.create(dataSource);
    this.transactions = transactions;
    this.settings = properties.runtimeStatistics();
    this.postgresql = Databases.isPostgresql(dataSource);
    this.schedule = new PeriodicLook("vigil-runtime-statistics", settings.interval(), this::check);
  }

  /** One look: the tables analysed, none where the counts are near the truth or the database is not PostgreSQL. */
  List<String> check() {
    if (!postgresql) {
      return List.of();
    }
    List<String> analysed = transactions.execute(status -> {
      if (!jdbc.sql("SELECT pg_try_advisory_xact_lock(?)").param(LOCK).query(Boolean.class).single()) {
        return List.<String>of();
      }
      List<RowCount> stale = jdbc.sql("""
          SELECT c.relname, c.reltuples, s.n_live_tup
          FROM pg_class c JOIN pg_stat_user_tables s ON s.relid = c.oid
          WHERE c.relnamespace = current_schema()::regnamespace AND c.relname = ANY (?)""")
          .param(TABLES.toArray(String[]::new))
          .query((row, n) -> new RowCount(row.getString(1), row.getDouble(2), row.getLong(3)))
          .stream()
          .filter(count -> stale(count.believed(), count.live()))
          .toList();
      for (RowCount count : stale) {
        // the names come from TABLES, never from outside
        jdbc.sql("ANALYZE " + count.table()).update();
        log.info("{}: the planner counted {} rows where {} are: analysed", count.table(), Math.round(count.believed()), count.live());
      }
      return stale.stream().map(RowCount::table).toList();
    });
    return analysed == null ? List.of() : analysed;
  }

  /** Off by more than the factor and the minimum; a table never analysed (-1) is estimated from its size, which serves. */
  boolean stale(double believed, long live) {
    if (believed < 0) {
      return false;
    }
    double low = Math.min(believed, live);
    double high = Math.max(believed, live);
    return high - low >= settings.minimumDrift() && high > settings.driftFactor() * Math.max(low, 1);
  }

  private record RowCount(String table, double believed, long live) {}

  @Override
  public void start() {
    if (postgresql && settings.enabled()) {
      schedule.start();
    }
  }

  @Override
  public void stop() {
    schedule.stop();
  }

  @Override
  public boolean isRunning() {
    return schedule.isRunning();
  }
}
