package io.vigil.problem;

import static io.vigil.ticket.TicketRows.enumOf;
import static io.vigil.ticket.TicketRows.utc;

import io.vigil.incident.contract.Priority;
import io.vigil.problem.contract.IncidentHandling;
import io.vigil.problem.contract.ProblemOrigin;
import io.vigil.ticket.TicketRows;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Problem tickets in Vigil's own tables. Writes happen only from {@link ProblemTicket}, inside the
 * engine transaction that moves the problem's process.
 */
@Repository
class ProblemRepository {

  private static final String COLUMNS =
      "id, number, state, origin, title, description, service_id, ci_id, priority, opened_by, assessed_by,"
          + " rejection_reason, cause_category, root_cause, five_whys, evidence, corrective_action, workaround,"
          + " change_number, fix_notes, incident_handling, review_notes, process_instance_id, opened_at,"
          + " known_error_at, resolved_at, closed_at, updated_at";

  private final JdbcClient jdbc;
  private final Clock clock;

  ProblemRepository(JdbcClient jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  /** What opening a problem brings. */
  record NewProblem(String number, String processInstanceId, ProblemOrigin origin, String title, String description,
      String service, String ci, Priority priority, String openedBy, OffsetDateTime openedAt) {}

  void insert(NewProblem problem) {
    jdbc.sql("""
            INSERT INTO problem (number, process_instance_id, state, origin, title, description, service_id, ci_id,
              priority, opened_by, opened_at, updated_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
        .params(problem.number(), problem.processInstanceId(), ProblemState.NEW.name(), problem.origin().name(),
            problem.title(), problem.description(), problem.service(), problem.ci(), problem.priority().name(),
            problem.openedBy(), utc(problem.openedAt()), now())
        .update();
  }

  Optional<Problem> find(String number) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM problem WHERE number = ?")
        .param(number)
        .query(ProblemRepository::problem)
        .optional();
  }

  Problem get(String number) {
    return find(number).orElseThrow(() -> new IllegalStateException("No problem " + number));
  }

  /** A page of problems newest first. */
  List<Problem> page(ProblemFilter filter, int page, int size) {
    Where where = where(filter);
    List<Object> params = new ArrayList<>(where.params());
    params.add(size);
    params.add((long) page * size);
    return jdbc.sql("SELECT " + COLUMNS + " FROM problem" + where.sql() + " ORDER BY id DESC LIMIT ? OFFSET ?")
        .params(params)
        .query(ProblemRepository::problem)
        .list();
  }

  long count(ProblemFilter filter) {
    Where where = where(filter);
    return jdbc.sql("SELECT COUNT(*) FROM problem" + where.sql()).params(where.params()).query(Long.class).single();
  }

  private record Where(String sql, List<Object> params) {}

  private static Where where(ProblemFilter filter) {
    List<String> conditions = new ArrayList<>();
    List<Object> params = new ArrayList<>();
    if (filter.state() != null) {
      conditions.add("state = ?");
      params.add(filter.state().name());
    }
    if (filter.ci() != null) {
      conditions.add("ci_id = ?");
      params.add(filter.ci());
    }
    if (filter.service() != null) {
      conditions.add("service_id = ?");
      params.add(filter.service());
    }
    if (filter.priority() != null) {
      conditions.add("priority = ?");
      params.add(filter.priority().name());
    }
    if (filter.number() != null) {
      conditions.add("number = ?");
      params.add(filter.number());
    }
    if (filter.period() != null) {
      filter.period().addConditions("opened_at", conditions, params);
    }
    return new Where(conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions), params);
  }

  void assessed(String number, Priority priority, String by) {
    update("state = ?, priority = ?, assessed_by = ?", number, ProblemState.ASSESSED.name(), priority.name(), by);
  }

  void rejected(String number, String reason, String by) {
    update("state = ?, rejection_reason = ?, assessed_by = ?, closed_at = ?", number,
        ProblemState.REJECTED.name(), reason, by, now());
  }

  void rootCauseFound(String number, String causeCategory, String rootCause, String fiveWhys, String evidence,
      String correctiveAction) {
    update("state = ?, cause_category = ?, root_cause = ?, five_whys = ?, evidence = ?, corrective_action = ?", number,
        ProblemState.ROOT_CAUSE_KNOWN.name(), causeCategory, rootCause, fiveWhys, evidence, correctiveAction);
  }

  void knownError(String number, String workaround) {
    update("state = ?, workaround = ?, known_error_at = ?", number, ProblemState.KNOWN_ERROR.name(), workaround, now());
  }

  /** The fix step asked for a change: the fix is in progress until the change finishes. */
  void fixRequested(String number, String fixNotes, IncidentHandling handling) {
    update("state = ?, fix_notes = ?, incident_handling = ?", number, ProblemState.FIX_IN_PROGRESS.name(), fixNotes, handling.name());
  }

  /** The fix change finished without the fix: a known error again, until the next change. */
  void fixChangeFailed(String number) {
    update("state = ?", number, ProblemState.KNOWN_ERROR.name());
  }

  void fixChange(String number, String change) {
    update("change_number = ?", number, change);
  }

  void resolved(String number) {
    update("state = ?, resolved_at = ?", number, ProblemState.RESOLVED.name(), now());
  }

  void reviewed(String number, String reviewNotes) {
    update("review_notes = ?", number, reviewNotes);
  }

  void closed(String number) {
    update("state = ?, closed_at = ?", number, ProblemState.CLOSED.name(), now());
  }

  /**
   * The open problem of a configuration item, which new incidents on it join. There is at most one:
   * {@link #holdOpenProblemOfCi} takes the item's row for a problem.
   */
  Optional<String> openProblemOfCi(String ci) {
    return jdbc.sql("SELECT problem_number FROM problem_open_ci WHERE ci_id = ?").param(ci).query(String.class).optional();
  }

  /**
   * Makes the problem the open problem of its configuration item, which no other problem holds (the
   * caller has looked). Another transaction doing the same at the same moment makes this one wait
   * for it and then fail on the key ({@link org.springframework.dao.DuplicateKeyException}): the
   * step rolls back and, tried again, finds the problem the other one opened.
   */
  void holdOpenProblemOfCi(String ci, String number) {
    jdbc.sql("INSERT INTO problem_open_ci (ci_id, problem_number) VALUES (?, ?)").params(ci, number).update();
  }

  /** The problem no longer holds its configuration item: new incidents there start afresh. */
  void releaseOpenProblemOfCi(String number) {
    jdbc.sql("DELETE FROM problem_open_ci WHERE problem_number = ?").param(number).update();
  }

  private void update(String assignments, String number, Object... values) {
    TicketRows.update(jdbc, clock, "problem", number, assignments, values);
  }

  private OffsetDateTime now() {
    return TicketRows.now(clock);
  }

  private static Problem problem(ResultSet rs, int row) throws SQLException {
    return new Problem(
        rs.getLong("id"),
        rs.getString("number"),
        ProblemState.valueOf(rs.getString("state")),
        ProblemOrigin.valueOf(rs.getString("origin")),
        rs.getString("title"),
        rs.getString("description"),
        rs.getString("service_id"),
        rs.getString("ci_id"),
        enumOf(Priority.class, rs.getString("priority")),
        rs.getString("opened_by"),
        rs.getString("assessed_by"),
        rs.getString("rejection_reason"),
        rs.getString("cause_category"),
        rs.getString("root_cause"),
        rs.getString("five_whys"),
        rs.getString("evidence"),
        rs.getString("corrective_action"),
        rs.getString("workaround"),
        rs.getString("change_number"),
        rs.getString("fix_notes"),
        enumOf(IncidentHandling.class, rs.getString("incident_handling")),
        rs.getString("review_notes"),
        rs.getString("process_instance_id"),
        rs.getObject("opened_at", OffsetDateTime.class),
        rs.getObject("known_error_at", OffsetDateTime.class),
        rs.getObject("resolved_at", OffsetDateTime.class),
        rs.getObject("closed_at", OffsetDateTime.class),
        rs.getObject("updated_at", OffsetDateTime.class));
  }
}
