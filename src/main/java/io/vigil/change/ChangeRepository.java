package io.vigil.change;

import static io.vigil.ticket.TicketRows.enumOf;
import static io.vigil.ticket.TicketRows.utc;

import io.vigil.change.contract.ApprovalDecision;
import io.vigil.change.contract.ChangeType;
import io.vigil.change.contract.ImplementationResult;
import io.vigil.change.contract.Risk;
import io.vigil.change.contract.Voting;
import io.vigil.ticket.TicketRows;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Change tickets in Vigil's own tables. Writes happen only from {@link ChangeTicket}, inside the
 * engine transaction that moves the change's process.
 */
@Repository
class ChangeRepository {

  /** Changes that will still happen, or are happening: only these conflict. */
  static final List<String> LIVE = List.of(ChangeState.NEW.name(), ChangeState.ASSESSED.name(),
      ChangeState.AWAITING_APPROVAL.name(), ChangeState.SCHEDULED.name(), ChangeState.IMPLEMENTING.name());

  private static final String COLUMNS =
      "id, number, state, type, template_id, title, description, planned_start, planned_end, implementation_plan,"
          + " backout_plan, test_evidence, exception_reason, problem_number, requested_by, implementer_group, risk,"
          + " risk_factors, voting, review_group, implemented_by, implementation_result, implementation_notes,"
          + " backout_notes, caused_incident, review_notes, closure_reason, closed_by, process_instance_id,"
          + " requested_at, decided_at, implemented_at, closed_at, updated_at";

  private final JdbcClient jdbc;
  private final Clock clock;

  ChangeRepository(JdbcClient jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  /** What requesting a change brings. */
  record NewChange(String number, String processInstanceId, ChangeType type, String template, String title, String description,
      List<String> cis, OffsetDateTime plannedStart, OffsetDateTime plannedEnd, String implementationPlan, String backoutPlan,
      String testEvidence, String exceptionReason, String problem, String requestedBy, String implementerGroup,
      OffsetDateTime requestedAt) {}

  void insert(NewChange change) {
    jdbc.sql("""
            INSERT INTO change_request (number, process_instance_id, state, type, template_id, title, description,
              planned_start, planned_end, implementation_plan, backout_plan, test_evidence, exception_reason,
              problem_number, requested_by, implementer_group, requested_at, updated_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
        .params(change.number(), change.processInstanceId(), ChangeState.NEW.name(), change.type().name(), change.template(),
            change.title(), change.description(), utc(change.plannedStart()), utc(change.plannedEnd()),
            change.implementationPlan(), change.backoutPlan(), change.testEvidence(), change.exceptionReason(),
            change.problem(), change.requestedBy(), change.implementerGroup(), utc(change.requestedAt()), now())
        .update();
    for (String ci : change.cis()) {
      jdbc.sql("INSERT INTO change_ci (change_number, ci_id, planned_start, planned_end) VALUES (?, ?, ?, ?)")
          .params(change.number(), ci, utc(change.plannedStart()), utc(change.plannedEnd()))
          .update();
    }
  }

  Optional<Change> find(String number) {
    List<Change> found = select(" WHERE number = ?", List.of(number));
    return found.stream().findFirst();
  }

  Change get(String number) {
    return find(number).orElseThrow(() -> new IllegalStateException("No change " + number));
  }

  /** A page of changes newest first. */
  List<Change> page(ChangeFilter filter, int page, int size) {
    Where where = where(filter);
    List<Object> params = new ArrayList<>(where.params());
    params.add(size);
    params.add((long) page * size);
    return select(where.sql() + " ORDER BY id DESC LIMIT ? OFFSET ?", params);
  }

  long count(ChangeFilter filter) {
    Where where = where(filter);
    return jdbc.sql("SELECT COUNT(*) FROM change_request c" + where.sql()).params(where.params()).query(Long.class).single();
  }

  /** Changes whose window overlaps [from, to), by planned start; at most {@code limit}. */
  List<Change> inWindow(OffsetDateTime from, OffsetDateTime to, int limit) {
    return select(" WHERE planned_start < ? AND planned_end > ? ORDER BY planned_start, id LIMIT ?", List.of(utc(to), utc(from), limit));
  }

  /**
   * Live changes other than {@code except} on any of these items whose window overlaps
   * [start, end): the conflicts of a change so planned.
   */
  List<Conflict> conflicts(Collection<String> cis, OffsetDateTime start, OffsetDateTime end, String except) {
    if (cis.isEmpty()) {
      return List.of();
    }
    String placeholders = String.join(", ", cis.stream().map(ci -> "?").toList());
    String live = String.join(", ", LIVE.stream().map(s -> "?").toList());
    List<Object> params = new ArrayList<>(cis);
    params.add(utc(end));
    params.add(utc(start));
    params.add(except == null ? "" : except);
    params.addAll(LIVE);
    List<Change> others = select(" WHERE number IN (SELECT change_number FROM change_ci WHERE ci_id IN (" + placeholders + ")"
        + " AND planned_start < ? AND planned_end > ?) AND number <> ? AND state IN (" + live + ") ORDER BY planned_start, id", params);
    return others.stream()
        .map(c -> new Conflict(c.number(), c.title(), c.state(), c.plannedStart(), c.plannedEnd(), c.cis()))
        .toList();
  }

  void assessed(String number, Risk risk, String riskFactors) {
    update("state = ?, risk = ?, risk_factors = ?", number, ChangeState.ASSESSED.name(), risk.name(), riskFactors);
  }

  /** The approvals are decided: one pending row per group, in voting order. */
  void awaitingApproval(String number, Voting voting, List<String> groups, String reviewGroup) {
    update("state = ?, voting = ?, review_group = ?", number, ChangeState.AWAITING_APPROVAL.name(), voting.name(), reviewGroup);
    jdbc.sql("DELETE FROM change_approval WHERE change_number = ?").param(number).update();
    for (int i = 0; i < groups.size(); i++) {
      jdbc.sql("INSERT INTO change_approval (change_number, position, approver_group) VALUES (?, ?, ?)")
          .params(number, i + 1, groups.get(i))
          .update();
    }
  }

  /** Pre-approved: no vote. */
  void preApproved(String number, String reviewGroup) {
    update("voting = ?, review_group = ?, decided_at = ?", number, Voting.NONE.name(), reviewGroup, now());
  }

  void vote(String number, String group, ApprovalDecision decision, String by, String comment) {
    jdbc.sql("UPDATE change_approval SET decision = ?, decided_by = ?, comment = ?, decided_at = ? WHERE change_number = ? AND approver_group = ?")
        .params(decision.name(), by, comment, now(), number, group)
        .update();
  }

  List<Approval> approvals(String number) {
    return jdbc.sql("SELECT position, approver_group, decision, decided_by, comment, decided_at FROM change_approval"
            + " WHERE change_number = ? ORDER BY position")
        .param(number)
        .query((rs, n) -> new Approval(rs.getInt(1), rs.getString(2), enumOf(ApprovalDecision.class, rs.getString(3)),
            rs.getString(4), rs.getString(5), rs.getObject(6, OffsetDateTime.class)))
        .list();
  }

  void scheduled(String number) {
    update("state = ?, decided_at = COALESCE(decided_at, ?)", number, ChangeState.SCHEDULED.name(), now());
  }

  void implementing(String number) {
    update("state = ?", number, ChangeState.IMPLEMENTING.name());
  }

  void implemented(String number, ImplementationResult result, String notes, String by) {
    update("implementation_result = ?, implementation_notes = ?, implemented_by = ?, implemented_at = ?", number,
        result.name(), notes, by, now());
  }

  void backedOut(String number, String notes) {
    update("backout_notes = ?", number, notes);
  }

  /** The change brings this problem's fix. */
  void fixes(String number, String problem) {
    update("problem_number = ?", number, problem);
  }

  void causedIncident(String number, String incident) {
    update("caused_incident = ?", number, incident);
  }

  void inReview(String number) {
    update("state = ?", number, ChangeState.REVIEW.name());
  }

  void reviewed(String number, String notes) {
    update("review_notes = ?", number, notes);
  }

  /** Closed after its review: CLOSED, or FAILED when it was backed out. */
  void closed(String number, ChangeState state) {
    update("state = ?, closed_at = ?", number, state.name(), now());
  }

  void rejected(String number, String reason, String by) {
    update("state = ?, closure_reason = ?, closed_by = ?, decided_at = ?, closed_at = ?", number, ChangeState.REJECTED.name(),
        reason, by, now(), now());
  }

  void cancelled(String number, String reason, String by) {
    update("state = ?, closure_reason = ?, closed_by = ?, closed_at = ?", number, ChangeState.CANCELLED.name(), reason, by, now());
  }

  private void update(String assignments, String number, Object... values) {
    TicketRows.update(jdbc, clock, "change_request", number, assignments, values);
  }

  private record Where(String sql, List<Object> params) {}

  private static Where where(ChangeFilter filter) {
    List<String> conditions = new ArrayList<>();
    List<Object> params = new ArrayList<>();
    if (filter.state() != null) {
      conditions.add("state = ?");
      params.add(filter.state().name());
    }
    if (filter.type() != null) {
      conditions.add("type = ?");
      params.add(filter.type().name());
    }
    if (filter.ci() != null) {
      conditions.add("number IN (SELECT change_number FROM change_ci WHERE ci_id = ?)");
      params.add(filter.ci());
    }
    if (filter.problem() != null) {
      conditions.add("problem_number = ?");
      params.add(filter.problem());
    }
    if (filter.closedSince() != null) {
      conditions.add("closed_at >= ?");
      params.add(utc(filter.closedSince()));
    }
    if (filter.implementerGroup() != null) {
      conditions.add("implementer_group = ?");
      params.add(filter.implementerGroup());
    }
    if (filter.number() != null) {
      conditions.add("number = ?");
      params.add(filter.number());
    }
    if (filter.period() != null) {
      filter.period().addConditions("requested_at", conditions, params);
    }
    return new Where(conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions), params);
  }

  /** The changes with their items, read in two statements. */
  private List<Change> select(String tail, List<Object> params) {
    List<Change> rows = jdbc.sql("SELECT " + COLUMNS + " FROM change_request c" + tail)
        .params(params)
        .query(ChangeRepository::row)
        .list();
    if (rows.isEmpty()) {
      return List.of();
    }
    Map<String, List<String>> cis = new HashMap<>();
    List<String> numbers = rows.stream().map(Change::number).toList();
    jdbc.sql("SELECT change_number, ci_id FROM change_ci WHERE change_number IN ("
            + String.join(", ", numbers.stream().map(n -> "?").toList()) + ") ORDER BY change_number, ci_id")
        .params(new ArrayList<>(numbers))
        .query((rs, n) -> cis.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(rs.getString(2)))
        .list();
    return rows.stream().map(row -> row.withCis(cis.getOrDefault(row.number(), List.of()))).toList();
  }

  private OffsetDateTime now() {
    return TicketRows.now(clock);
  }

  private static Change row(ResultSet rs, int row) throws SQLException {
    return new Change(
        rs.getLong("id"),
        rs.getString("number"),
        ChangeState.valueOf(rs.getString("state")),
        ChangeType.valueOf(rs.getString("type")),
        rs.getString("template_id"),
        rs.getString("title"),
        rs.getString("description"),
        List.of(),
        rs.getObject("planned_start", OffsetDateTime.class),
        rs.getObject("planned_end", OffsetDateTime.class),
        rs.getString("implementation_plan"),
        rs.getString("backout_plan"),
        rs.getString("test_evidence"),
        rs.getString("exception_reason"),
        rs.getString("problem_number"),
        rs.getString("requested_by"),
        rs.getString("implementer_group"),
        enumOf(Risk.class, rs.getString("risk")),
        rs.getString("risk_factors"),
        enumOf(Voting.class, rs.getString("voting")),
        rs.getString("review_group"),
        rs.getString("implemented_by"),
        enumOf(ImplementationResult.class, rs.getString("implementation_result")),
        rs.getString("implementation_notes"),
        rs.getString("backout_notes"),
        rs.getString("caused_incident"),
        rs.getString("review_notes"),
        rs.getString("closure_reason"),
        rs.getString("closed_by"),
        rs.getString("process_instance_id"),
        rs.getObject("requested_at", OffsetDateTime.class),
        rs.getObject("decided_at", OffsetDateTime.class),
        rs.getObject("implemented_at", OffsetDateTime.class),
        rs.getObject("closed_at", OffsetDateTime.class),
        rs.getObject("updated_at", OffsetDateTime.class));
  }
}
