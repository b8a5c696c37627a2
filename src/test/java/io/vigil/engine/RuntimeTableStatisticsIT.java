package io.vigil.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.testing.TestDatabase;
import io.vigil.testing.ProcessTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The planner's row counts of the engine's runtime tables, put right when they are far from the truth. */
@ProcessTest
class RuntimeTableStatisticsIT {

  @Autowired RuntimeTableStatistics statistics;
  @Autowired JdbcClient jdbc;

  @Test
  void aTableThePlannerMiscountsIsAnalysedAndOnlyThatOne() {
    if (!TestDatabase.isPostgresql()) {
      assertThat(statistics.check()).as("H2 keeps no planner statistics that go stale").isEmpty();
      return;
    }
    jdbc.sql("ANALYZE act_ru_execution, act_ru_variable, act_ru_task, act_ru_identitylink, act_ru_ext_task, "
        + "act_ru_job, act_ru_event_subscr, act_ru_authorization").update();
    assertThat(statistics.check()).as("just analysed").isEmpty();

    // as after statistics taken in a busy hour, long gone; the test runs as the database's superuser
    jdbc.sql("UPDATE pg_class SET reltuples = 1000000 WHERE relname = 'act_ru_variable' "
        + "AND relnamespace = current_schema()::regnamespace").update();

    assertThat(statistics.check()).containsExactly("act_ru_variable");
    assertThat(jdbc.sql("SELECT reltuples FROM pg_class WHERE relname = 'act_ru_variable' "
        + "AND relnamespace = current_schema()::regnamespace").query(Double.class).single())
        .isLessThan(1000000);
    assertThat(statistics.check()).as("put right").isEmpty();
  }
}
