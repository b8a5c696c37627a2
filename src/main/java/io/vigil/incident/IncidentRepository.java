package io.vigil.incident;

import io.vigil.incident.contract.ClosureReason;
import io.vigil.incident.contract.Level;
import io.vigil.incident.contract.PendingReason;
import io.vigil.incident.contract.Priority;
import io.vigil.incident.contract.ResolutionCode;
import io.vigil.support.Databases;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Incident tickets in Vigil's own tables. Writes happen only from {@link IncidentTicket}, inside the
 * engine transaction that moves the process, and from {@link MonitoredIncidents}, inside the
 * intake's transaction that holds the incident's row.
 */
@Repository
public class IncidentRepository {

  private static final String COLUMNS =
      "id, number, state, title, description, caller, reported_by, service_id, ci_id, impact, urgency,"
          + " priority, category, resolver_group, assignee, pending_reason, major_incident, escalation_level,"
          + " reopen_count, duplicate_of, resolution_code, resolution_notes, root_cause_analysis_needed,"
          + " closure_reason, process_instance_id, reported_at, acknowledged_at, resolved_at, closed_at,"
          + " time_to_acknowledge_seconds, time_to_resolve_seconds, problem_number, caused_by_change, updated_at";

  /**
   * The windows of newest incidents a text search looks in before it reads every match: through
   * the primary key, then the word index and-ed with the key's range.
   */
  private static final long SEARCH_NEWEST = 2_000;
  private static final long SEARCH_NEWER = 50_000;

  private final JdbcClient jdbc;
  private final Clock clock;
  private final TransactionTemplate transactions;
  private final boolean postgresql;

  IncidentRepository(JdbcClient jdbc, Clock clock, TransactionTemplate transactions, DataSource dataSource) {
    this.jdbc = jdbc;
    this.clock = clock;
    this.transactions = transactions;
    this.postgresql = Databases.isPostgresql(dataSource);
  }

  public void insert(NewIncident incident) {
    OffsetDateTime now = now();
    jdbc.sql("""
            INSERT INTO incident (number, process_instance_id, state, title, description, caller, reported_by,
              idempotency_key, service_id, ci_id, impact, urgency, reported_at, updated_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
        .params(incident.number(), incident.processInstanceId(), IncidentState.NEW.name(), incident.title(),
            incident.description(), incident.caller(), incident.reportedBy(), incident.idempotencyKey(),
            incident.service(), incident.ci(), name(incident.impact()), name(incident.urgency()),
            incident.reportedAt().withOffsetSameInstant(ZoneOffset.UTC), now)
        .update();
  }

  /** What a report brings: the fields the caller gave. */
  public record NewIncident(
      String number, String processInstanceId, String title, String description, String caller,
      String reportedBy, String idempotencyKey, String service, String ci, Level impact, Level urgency,
      OffsetDateTime reportedAt) {}

  public Optional<Incident> find(String number) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM incident WHERE number = ?")
        .param(number)
        .query(IncidentRepository::incident)
        .optional();
  }

  public Incident get(String number) {
    return find(number).orElseThrow(() -> new IllegalStateException("No incident " + number));
  }

  public Optional<Incident> findByIdempotencyKey(String reportedBy, String key) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM incident WHERE reported_by = ? AND idempotency_key = ?")
        .params(reportedBy, key)
        .query(IncidentRepository::incident)
        .optional();
  }

  /** A page of the matches, and how many match: counted up to a limit, or (exact false) at least that many. */
  public record Matches(List<Incident> items, long count, boolean exact) {}

  /** The matches newest first, counted up to {@code limit}: a count of more reads no further. */
  public Matches matches(IncidentFilter filter, int page, int size, long limit) {
    Where where = where(filter);
    if (!postgresql || filter.words().isEmpty()) {
      return counted(select(where, page, size), count(where, limit), limit);
    }
    // A text search on PostgreSQL. The planner guesses how many rows match the words and the other
    // filters together, and a wrong guess either reads every match to sort them or reads the table
    // newest first looking for matches that are not there. So: the newest rows first, through the
    // primary key; then a wider window of newer rows, the word index and-ed with the key's range;
    // the first that fills the page answers, its matches counted as "at least". Only words that are
    // rare in the newer rows read all their matches (ADR 16).
    long newest = jdbc.sql("SELECT COALESCE(MAX(id), 0) FROM incident").query(Long.class).single();
    Optional<Matches> found = planned("enable_bitmapscan", () -> window(where, newest, SEARCH_NEWEST, page, size, limit))
        .or(() -> planned("enable_indexscan", () -> window(where, newest, SEARCH_NEWER, page, size, limit)));
    return found.orElseGet(() -> planned("enable_indexscan", () -> counted(select(where, page, size), count(where, limit), limit)));
  }

  /** The page among the newest {@code rows} incidents, if they fill it. */
  private Optional<Matches> window(Where where, long newest, long rows, int page, int size, long limit) {
    Where recent = where.and("id > ?", newest - rows);
    List<Incident> items = select(recent, page, size);
    if (items.size() < size) {
      return Optional.empty();
    }
    long count = count(recent, limit);
    return Optional.of(new Matches(items, Math.min(count, limit - 1), newest <= rows && count < limit));
  }

  private static Matches counted(List<Incident> items, long count, long limit) {
    return new Matches(items, Math.min(count, limit - 1), count < limit);
  }

  private long count(Where where, long limit) {
    List<Object> params = new ArrayList<>(where.params);
    params.add(limit);
    return jdbc.sql("SELECT COUNT(*) FROM (SELECT 1 FROM incident" + where.sql + " LIMIT ?) matched")
        .params(params)
        .query(Long.class)
        .single();
  }

  private List<Incident> select(Where where, int page, int size) {
    List<Object> params = new ArrayList<>(where.params);
    params.add(size);
    params.add((long) page * size);
    return jdbc.sql("SELECT " + COLUMNS + " FROM incident" + where.sql + " ORDER BY id DESC LIMIT ? OFFSET ?")
        .params(params)
        .query(IncidentRepository::incident)
        .list();
  }

  /**
   * The queries planned without sequential scans and without the other way to read an index:
   * {@code enable_bitmapscan} off reads the newest rows one by one through the primary key;
   * {@code enable_indexscan} off takes the matches from index bitmaps only (the word index, and-ed
   * with the other filters' indexes).
   */
  private <T> T planned(String without, Supplier<T> queries) {
    return transactions.execute(status -> {
      jdbc.sql("SET LOCAL enable_seqscan = off").update();
      jdbc.sql("SET LOCAL " + without + " = off").update();
      return queries.get();
    });
  }

  private record Where(String sql, List<Object> params) {

    Where and(String condition, Object param) {
      List<Object> more = new ArrayList<>(params);
      more.add(param);
      return new Where((sql.isEmpty() ? " WHERE " : sql + " AND ") + condition, more);
    }
  }

  private Where where(IncidentFilter filter) {
    List<String> conditions = new ArrayList<>();
    List<Object> params = new ArrayList<>();
    if (filter.state() != null) {
      conditions.add("state = ?");
      params.add(filter.state().name());
    }
    boolean groupAmongWords = postgresql && !filter.words().isEmpty();
    if (filter.resolverGroup() != null && !groupAmongWords) {
      conditions.add("resolver_group = ?");
      params.add(filter.resolverGroup());
    }
    if (filter.priority() != null) {
      conditions.add("priority = ?");
      params.add(filter.priority().name());
    }
    if (filter.ci() != null) {
      conditions.add("ci_id = ?");
      params.add(filter.ci());
    }
    if (filter.number() != null) {
      conditions.add("number = ?");
      params.add(filter.number());
    }
    if (filter.period() != null) {
      filter.period().addConditions("reported_at", conditions, params);
    }
    if (Boolean.TRUE.equals(filter.open())) {
      // as the incident_open_queue index (PostgreSQL V8) is written, so that the planner uses it
      conditions.add("state NOT IN ('RESOLVED', 'CLOSED')");
    } else if (Boolean.FALSE.equals(filter.open())) {
      conditions.add("state IN ('RESOLVED', 'CLOSED')");
    }
    if (!filter.words().isEmpty()) {
      textSearch(filter.words(), filter.resolverGroup(), conditions, params);
    }
    String sql = conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
    return new Where(sql, params);
  }

  /**
   * Every word is a word of the title or the description: on PostgreSQL the words V7 keeps and
   * indexes, with the group among them (V9) so that one index answers both; H2 reads the rows.
   * Whole words, not prefixes: a prefix reads every word it starts, and many of them are common.
   * Words are letters and digits only (IncidentFilter), group ids letters, digits, dots and dashes
   * (the controller), so they need no quoting.
   */
  private void textSearch(List<String> words, String group, List<String> conditions, List<Object> params) {
    if (postgresql) {
      List<String> terms = new ArrayList<>(words);
      if (group != null) {
        terms.add("'group:" + group + "'");
      }
      conditions.add("words @@ ?::tsquery");
      params.add(String.join(" & ", terms));
    } else {
      for (String word : words) {
        conditions.add("REGEXP_LIKE(LOWER(title || ' ' || description), ?)");
        params.add("(^|[^\\p{L}\\p{N}])" + word + "($|[^\\p{L}\\p{N}])");
      }
    }
  }

  public void classified(String number, String category, String service, Level impact, Level urgency) {
    jdbc.sql("UPDATE incident SET category = ?, service_id = ?, impact = ?, urgency = ?, updated_at = ? WHERE number = ?")
        .params(category, service, name(impact), name(urgency), now(), number)
        .update();
  }

  public void prioritised(String number, Priority priority) {
    jdbc.sql("UPDATE incident SET priority = ?, major_incident = ?, updated_at = ? WHERE number = ?")
        .params(priority.name(), priority == Priority.P1, now(), number)
        .update();
  }

  /** A priority change: the major-incident flag stays as routing set it. */
  public void reprioritised(String number, Level impact, Level urgency, Priority priority) {
    jdbc.sql("UPDATE incident SET impact = ?, urgency = ?, priority = ?, updated_at = ? WHERE number = ?")
        .params(name(impact), name(urgency), priority.name(), now(), number)
        .update();
  }

  public void routed(String number, String resolverGroup) {
    jdbc.sql("UPDATE incident SET resolver_group = ?, state = ?, updated_at = ? WHERE number = ?")
        .params(resolverGroup, IncidentState.ASSIGNED.name(), now(), number)
        .update();
  }

  /** The analyst took the incident; the first acknowledgement is kept. */
  public void acknowledged(String number, String assignee, OffsetDateTime at) {
    jdbc.sql("""
            UPDATE incident SET assignee = ?, state = ?, acknowledged_at = COALESCE(acknowledged_at, ?), updated_at = ?
            WHERE number = ?""")
        .params(assignee, IncidentState.IN_PROGRESS.name(), utc(at), now(), number)
        .update();
  }

  public void unassigned(String number) {
    jdbc.sql("UPDATE incident SET assignee = NULL, updated_at = ? WHERE number = ?").params(now(), number).update();
  }

  public void reassigned(String number, Reassignment reassignment) {
    Incident incident = get(number);
    jdbc.sql("UPDATE incident SET resolver_group = ?, assignee = NULL, state = ?, escalation_level = ?, updated_at = ? WHERE number = ?")
        .params(reassignment.toGroup(),
            incident.state() == IncidentState.NEW ? IncidentState.NEW.name() : IncidentState.ASSIGNED.name(),
            incident.escalationLevel() + (reassignment.kind() == Reassignment.Kind.ESCALATED ? 1 : 0),
            now(), number)
        .update();
    jdbc.sql("""
            INSERT INTO incident_reassignment (incident_id, kind, from_group, to_group, reason, actor, occurred_at)
            VALUES (?, ?, ?, ?, ?, ?, ?)""")
        .params(incident.id(), reassignment.kind().name(), reassignment.fromGroup(), reassignment.toGroup(),
            reassignment.reason(), reassignment.actor(), utc(reassignment.occurredAt()))
        .update();
  }

  public List<Reassignment> reassignments(String number) {
    return jdbc.sql("""
            SELECT r.kind, r.from_group, r.to_group, r.reason, r.actor, r.occurred_at
            FROM incident_reassignment r JOIN incident i ON i.id = r.incident_id
            WHERE i.number = ? ORDER BY r.id""")
        .param(number)
        .query((rs, n) -> new Reassignment(Reassignment.Kind.valueOf(rs.getString(1)), rs.getString(2),
            rs.getString(3), rs.getString(4), rs.getString(5), rs.getObject(6, OffsetDateTime.class)))
        .list();
  }

  public void escalated(String number, int level) {
    jdbc.sql("UPDATE incident SET escalation_level = ?, updated_at = ? WHERE number = ?")
        .params(level, now(), number)
        .update();
  }

  public void pending(String number, PendingReason reason) {
    jdbc.sql("UPDATE incident SET state = ?, pending_reason = ?, updated_at = ? WHERE number = ?")
        .params(IncidentState.PENDING.name(), reason.name(), now(), number)
        .update();
  }

  public void resumed(String number) {
    jdbc.sql("UPDATE incident SET state = ?, pending_reason = NULL, updated_at = ? WHERE number = ?")
        .params(IncidentState.IN_PROGRESS.name(), now(), number)
        .update();
  }

  /** Links the incident to the problem unless it belongs to another: whether it belongs to this one now. */
  public boolean linkProblem(String number, String problem) {
    return jdbc.sql("UPDATE incident SET problem_number = ?, updated_at = ? WHERE number = ? AND (problem_number IS NULL OR problem_number = ?)")
        .params(problem, now(), number, problem)
        .update() == 1;
  }

  /** Marks the incident as caused by the change: whether it was marked so before. */
  boolean markCausedBy(String number, String change) {
    return jdbc.sql("UPDATE incident SET caused_by_change = ?, updated_at = ? WHERE number = ?")
        .params(change, now(), number)
        .update() == 1;
  }

  /** The incidents a change caused, oldest first. */
  List<String> causedBy(String change) {
    return jdbc.sql("SELECT number FROM incident WHERE caused_by_change = ? ORDER BY id").param(change).query(String.class).list();
  }

  /** Unlinks the incident from the problem: whether it belonged to it. */
  public boolean unlinkProblem(String number, String problem) {
    return jdbc.sql("UPDATE incident SET problem_number = NULL, updated_at = ? WHERE number = ? AND problem_number = ?")
        .params(now(), number, problem)
        .update() == 1;
  }

  /** Incidents of a configuration item reported at or after {@code since}, oldest first, at most {@code limit}. */
  public List<Incident> reportedSince(String ci, OffsetDateTime since, int limit) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM incident WHERE ci_id = ? AND reported_at >= ? ORDER BY reported_at LIMIT ?")
        .params(ci, utc(since), limit)
        .query(IncidentRepository::incident)
        .list();
  }

  /** Incidents of a category on a service reported at or after {@code since}, oldest first, at most {@code limit}. */
  public List<Incident> reportedSince(String service, String category, OffsetDateTime since, int limit) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM incident WHERE service_id = ? AND category = ? AND reported_at >= ?"
            + " ORDER BY reported_at LIMIT ?")
        .params(service, category, utc(since), limit)
        .query(IncidentRepository::incident)
        .list();
  }

  /**
   * Of the incidents given, those that belong to no problem and that no other transaction is changing
   * (an incident being routed elsewhere is skipped: it links itself when its routing gets there), held
   * until the caller's transaction ends.
   */
  public List<String> freeToLink(List<String> numbers) {
    if (numbers.isEmpty()) {
      return List.of();
    }
    return jdbc.sql("SELECT number FROM incident WHERE number IN (:numbers) AND problem_number IS NULL ORDER BY id FOR UPDATE SKIP LOCKED")
        .param("numbers", numbers)
        .query(String.class)
        .list();
  }

  /** The incidents of a problem, oldest first. */
  public List<Incident> ofProblem(String problem) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM incident WHERE problem_number = ? ORDER BY id")
        .param(problem)
        .query(IncidentRepository::incident)
        .list();
  }

  public void resolved(String number, ResolutionCode code, String notes, boolean rootCauseAnalysisNeeded, OffsetDateTime at) {
    jdbc.sql("""
            UPDATE incident SET state = ?, resolution_code = ?, resolution_notes = ?, root_cause_analysis_needed = ?,
              resolved_at = ?, pending_reason = NULL, updated_at = ?
            WHERE number = ?""")
        .params(IncidentState.RESOLVED.name(), code.name(), notes, rootCauseAnalysisNeeded, utc(at), now(), number)
        .update();
  }

  public void resolvedAsDuplicate(String number, String duplicateOf, String resolverGroup, String notes, OffsetDateTime at) {
    jdbc.sql("""
            UPDATE incident SET state = ?, duplicate_of = ?, resolver_group = COALESCE(resolver_group, ?),
              resolution_code = ?, resolution_notes = ?, resolved_at = ?, updated_at = ?
            WHERE number = ?""")
        .params(IncidentState.RESOLVED.name(), duplicateOf, resolverGroup, ResolutionCode.DUPLICATE.name(), notes,
            utc(at), now(), number)
        .update();
  }

  public void reopened(String number) {
    jdbc.sql("""
            UPDATE incident SET state = ?, reopen_count = reopen_count + 1, resolved_at = NULL, resolution_code = NULL,
              closure_reason = NULL, updated_at = ?
            WHERE number = ?""")
        .params(IncidentState.ASSIGNED.name(), now(), number)
        .update();
  }

  public void closed(String number, ClosureReason reason, Long timeToAcknowledge, Long timeToResolve, OffsetDateTime at) {
    jdbc.sql("""
            UPDATE incident SET state = ?, closure_reason = ?, time_to_acknowledge_seconds = ?, time_to_resolve_seconds = ?,
              closed_at = ?, updated_at = ?
            WHERE number = ?""")
        .params(IncidentState.CLOSED.name(), reason.name(), timeToAcknowledge, timeToResolve, utc(at), now(), number)
        .update();
  }

  /** The incident, its row locked until the transaction ends (monitoring records alerts one at a time). */
  Optional<HeldIncident> hold(String number) {
    return jdbc.sql("SELECT id, number, state, acknowledged_at, resolver_group FROM incident WHERE number = ? FOR UPDATE")
        .param(number)
        .query((rs, n) -> new HeldIncident(rs.getLong(1), rs.getString(2), IncidentState.valueOf(rs.getString(3)),
            rs.getObject(4) != null, rs.getString(5)))
        .optional();
  }

  /** Monitoring recovered before the incident was routed: kept until routing takes it. */
  void rememberRecovery(String number, String note, String by) {
    jdbc.sql("UPDATE incident SET recovery_note = ?, recovered_by = ?, updated_at = ? WHERE number = ?")
        .params(note, by, now(), number)
        .update();
  }

  void forgetRecovery(String number) {
    jdbc.sql("UPDATE incident SET recovery_note = NULL, recovered_by = NULL, updated_at = ? WHERE number = ? AND recovered_by IS NOT NULL")
        .params(now(), number)
        .update();
  }

  /** A recovery remembered before routing, forgotten as it is taken. */
  Optional<RememberedRecovery> takeRecovery(String number) {
    Optional<RememberedRecovery> remembered = jdbc.sql("SELECT recovery_note, recovered_by FROM incident WHERE number = ? AND recovered_by IS NOT NULL")
        .param(number)
        .query((rs, n) -> new RememberedRecovery(rs.getString(1), rs.getString(2)))
        .optional();
    remembered.ifPresent(recovery -> forgetRecovery(number));
    return remembered;
  }

  /** What monitoring said when it recovered, and who it was. */
  record RememberedRecovery(String note, String by) {}

  private OffsetDateTime now() {
    return OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
  }

  private static OffsetDateTime utc(OffsetDateTime at) {
    return at == null ? null : at.withOffsetSameInstant(ZoneOffset.UTC);
  }

  private static String name(Enum<?> value) {
    return value == null ? null : value.name();
  }

  private static <E extends Enum<E>> E enumOf(Class<E> type, String value) {
    return value == null ? null : Enum.valueOf(type, value);
  }

  private static Incident incident(ResultSet rs, int row) throws SQLException {
    long tta = rs.getLong("time_to_acknowledge_seconds");
    Long timeToAcknowledge = rs.wasNull() ? null : tta;
    long ttr = rs.getLong("time_to_resolve_seconds");
    Long timeToResolve = rs.wasNull() ? null : ttr;
    return new Incident(
        rs.getLong("id"),
        rs.getString("number"),
        IncidentState.valueOf(rs.getString("state")),
        rs.getString("title"),
        rs.getString("description"),
        rs.getString("caller"),
        rs.getString("reported_by"),
        rs.getString("service_id"),
        rs.getString("ci_id"),
        enumOf(Level.class, rs.getString("impact")),
        enumOf(Level.class, rs.getString("urgency")),
        enumOf(Priority.class, rs.getString("priority")),
        rs.getString("category"),
        rs.getString("resolver_group"),
        rs.getString("assignee"),
        enumOf(PendingReason.class, rs.getString("pending_reason")),
        rs.getBoolean("major_incident"),
        rs.getInt("escalation_level"),
        rs.getInt("reopen_count"),
        rs.getString("duplicate_of"),
        enumOf(ResolutionCode.class, rs.getString("resolution_code")),
        rs.getString("resolution_notes"),
        rs.getBoolean("root_cause_analysis_needed"),
        enumOf(ClosureReason.class, rs.getString("closure_reason")),
        rs.getString("process_instance_id"),
        rs.getObject("reported_at", OffsetDateTime.class),
        rs.getObject("acknowledged_at", OffsetDateTime.class),
        rs.getObject("resolved_at", OffsetDateTime.class),
        rs.getObject("closed_at", OffsetDateTime.class),
        timeToAcknowledge,
        timeToResolve,
        rs.getString("problem_number"),
        rs.getString("caused_by_change"),
        rs.getObject("updated_at", OffsetDateTime.class));
  }
}
