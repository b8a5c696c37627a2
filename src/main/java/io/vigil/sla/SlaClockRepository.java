package io.vigil.sla;

import io.vigil.sla.SlaClock.Kind;
import io.vigil.sla.SlaClock.Phase;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The clock table: one row per ticket and clock kind. */
@Repository
public class SlaClockRepository {

  /** A clock as stored: with the name of its calendar, the thresholds it has fired, and when it breached. */
  public record Stored(String calendar, SlaClock clock, SortedSet<Integer> thresholdsFired, Instant breachedAt) {

    public Stored(String calendar, SlaClock clock) {
      this(calendar, clock, new TreeSet<>(), null);
    }

    public Stored {
      thresholdsFired = Collections.unmodifiableSortedSet(new TreeSet<>(thresholdsFired));
    }

    /** The same record holding another state of the clock. */
    public Stored with(SlaClock changed) {
      return new Stored(calendar, changed, thresholdsFired, breachedAt);
    }
  }

  private static final String COLUMNS = "ticket_number, kind, target_ms, calendar, phase, segment_start, elapsed_before_ms,"
      + " paused_before_ms, thresholds_fired, breached_at";

  private final JdbcClient jdbc;
  private final SlaCalendars calendars;
  private final Clock clock;

  SlaClockRepository(JdbcClient jdbc, SlaCalendars calendars, Clock clock) {
    this.jdbc = jdbc;
    this.calendars = calendars;
    this.clock = clock;
  }

  /** In the order the kinds are declared: the first target of the ticket, then its resolution. */
  public List<Stored> of(String ticket) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM sla_clock WHERE ticket_number = ?")
        .param(ticket).query(this::row).list().stream()
        .sorted(Comparator.comparing(stored -> stored.clock().kind()))
        .toList();
  }

  public Optional<Stored> find(String ticket, Kind kind) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM sla_clock WHERE ticket_number = ? AND kind = ?")
        .params(ticket, kind.name()).query(this::row).optional();
  }

  /** Every running clock: what the schedule is rebuilt from. */
  public List<Stored> running() {
    return jdbc.sql("SELECT " + COLUMNS + " FROM sla_clock WHERE phase = ?").param(Phase.RUNNING.name()).query(this::row).list();
  }

  /** The clock, with its row locked until the transaction ends: one firing at a time, cluster-wide. */
  public Optional<Stored> lock(String ticket, Kind kind) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM sla_clock WHERE ticket_number = ? AND kind = ? FOR UPDATE")
        .params(ticket, kind.name()).query(this::row).optional();
  }

  public void insert(Stored stored) {
    SlaClock c = stored.clock();
    jdbc.sql("INSERT INTO sla_clock (" + COLUMNS + ", updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
        .params(c.ticket(), c.kind().name(), c.target().toMillis(), stored.calendar(), c.phase().name(), utc(c.segmentStart()),
            c.elapsedBefore().toMillis(), c.pausedBefore().toMillis(), fired(stored), utcOrNull(stored.breachedAt()),
            utc(clock.instant()))
        .update();
  }

  public void update(Stored stored) {
    SlaClock c = stored.clock();
    int updated = jdbc.sql("""
            UPDATE sla_clock SET target_ms = ?, calendar = ?, phase = ?, segment_start = ?, elapsed_before_ms = ?,
                paused_before_ms = ?, thresholds_fired = ?, breached_at = ?, updated_at = ?
            WHERE ticket_number = ? AND kind = ?""")
        .params(c.target().toMillis(), stored.calendar(), c.phase().name(), utc(c.segmentStart()), c.elapsedBefore().toMillis(),
            c.pausedBefore().toMillis(), fired(stored), utcOrNull(stored.breachedAt()), utc(clock.instant()), c.ticket(),
            c.kind().name())
        .update();
    if (updated != 1) {
      throw new IllegalStateException("no " + c.kind() + " clock for " + c.ticket());
    }
  }

  private Stored row(ResultSet rs, int n) throws SQLException {
    String calendar = rs.getString("calendar");
    return new Stored(calendar, new SlaClock(
        rs.getString("ticket_number"),
        Kind.valueOf(rs.getString("kind")),
        Duration.ofMillis(rs.getLong("target_ms")),
        calendars.named(calendar),
        Phase.valueOf(rs.getString("phase")),
        rs.getObject("segment_start", OffsetDateTime.class).toInstant(),
        Duration.ofMillis(rs.getLong("elapsed_before_ms")),
        Duration.ofMillis(rs.getLong("paused_before_ms"))),
        parseFired(rs.getString("thresholds_fired")),
        Optional.ofNullable(rs.getObject("breached_at", OffsetDateTime.class)).map(OffsetDateTime::toInstant).orElse(null));
  }

  private static String fired(Stored stored) {
    return stored.thresholdsFired().stream().map(String::valueOf).collect(Collectors.joining(","));
  }

  private static SortedSet<Integer> parseFired(String fired) {
    return fired == null || fired.isBlank() ? new TreeSet<>()
        : Arrays.stream(fired.split(",")).map(Integer::valueOf).collect(Collectors.toCollection(TreeSet::new));
  }

  private static OffsetDateTime utcOrNull(Instant instant) {
    return instant == null ? null : utc(instant);
  }

  private static OffsetDateTime utc(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }
}
