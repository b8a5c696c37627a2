package io.vigil.knowledge;

import io.vigil.support.IndexCatchUp;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

/** The knowledge base's articles in Vigil's own table; the search index follows it. */
@Repository
class KnowledgeArticles {

  private static final String COLUMNS =
      "id, title, symptoms, root_cause, workaround, problem_number, service_id, ci_id, author, created_at, updated_at";

  private final JdbcClient jdbc;
  private final Clock clock;

  KnowledgeArticles(JdbcClient jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  /** What an article says and where it applies. */
  record Draft(String title, String symptoms, String rootCause, String workaround, String service, String ci, String author) {}

  long insert(Draft draft, String problem) {
    OffsetDateTime now = now();
    KeyHolder key = new GeneratedKeyHolder();
    jdbc.sql("""
            INSERT INTO knowledge_article (title, symptoms, root_cause, workaround, problem_number, service_id, ci_id, author,
              created_at, updated_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
        .params(draft.title(), draft.symptoms(), draft.rootCause(), draft.workaround(), problem, draft.service(), draft.ci(),
            draft.author(), now, now)
        .update(key, "id");
    return key.getKeyAs(Number.class).longValue();
  }

  /** The problem's known error says this now (it is published again when the problem's analysis changes). */
  void update(long id, Draft draft) {
    jdbc.sql("""
            UPDATE knowledge_article SET title = ?, symptoms = ?, root_cause = ?, workaround = ?, service_id = ?, ci_id = ?,
              author = ?, updated_at = ?
            WHERE id = ?""")
        .params(draft.title(), draft.symptoms(), draft.rootCause(), draft.workaround(), draft.service(), draft.ci(),
            draft.author(), now(), id)
        .update();
  }

  Optional<KnowledgeArticle> find(long id) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM knowledge_article WHERE id = ?").param(id).query(KnowledgeArticles::article).optional();
  }

  Optional<KnowledgeArticle> ofProblem(String problem) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM knowledge_article WHERE problem_number = ?")
        .param(problem)
        .query(KnowledgeArticles::article)
        .optional();
  }

  /** The articles of these ids that exist, in no particular order. */
  List<KnowledgeArticle> find(Collection<Long> ids) {
    if (ids.isEmpty()) {
      return List.of();
    }
    return jdbc.sql("SELECT " + COLUMNS + " FROM knowledge_article WHERE id IN (:ids)")
        .param("ids", ids)
        .query(KnowledgeArticles::article)
        .list();
  }

  /** Articles changed after the position, oldest change first, at most {@code limit}: what a search index has to catch up on. */
  List<KnowledgeArticle> changedSince(IndexCatchUp.Position after, int limit) {
    return jdbc.sql("""
            SELECT %s FROM knowledge_article
            WHERE updated_at >= ? AND (updated_at > ? OR id > ?)
            ORDER BY updated_at, id LIMIT ?""".formatted(COLUMNS))
        .params(after.at(), after.at(), after.id(), limit)
        .query(KnowledgeArticles::article)
        .list();
  }

  private OffsetDateTime now() {
    return OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
  }

  private static KnowledgeArticle article(ResultSet rs, int row) throws SQLException {
    return new KnowledgeArticle(rs.getLong("id"), rs.getString("title"), rs.getString("symptoms"), rs.getString("root_cause"),
        rs.getString("workaround"), rs.getString("problem_number"), rs.getString("service_id"), rs.getString("ci_id"),
        rs.getString("author"), rs.getObject("created_at", OffsetDateTime.class), rs.getObject("updated_at", OffsetDateTime.class));
  }
}
