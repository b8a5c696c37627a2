package io.vigil.incident;

import io.vigil.incident.contract.ResolutionCode;
import io.vigil.support.IndexCatchUp;
import io.vigil.support.TextIndex;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Closed incidents as the search for similar ones reads them: the words to index, then what an answer shows. */
@Repository
class ClosedIncidents {

  private final JdbcClient jdbc;

  ClosedIncidents(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** A closed incident's words, and where it stands in the order of closing. */
  record Words(long id, String number, String title, String description, String resolutionNotes, String service,
      OffsetDateTime closedAt) {}

  /** Incidents closed after the position, first closed first, at most {@code limit}: what the index catches up on. */
  List<Words> closedSince(IndexCatchUp.Position after, int limit) {
    return jdbc.sql("""
            SELECT id, number, title, description, resolution_notes, service_id, closed_at FROM incident
            WHERE closed_at >= ? AND (closed_at > ? OR id > ?) AND state = 'CLOSED'
            ORDER BY closed_at, id LIMIT ?""")
        .params(after.at(), after.at(), after.id(), limit)
        .query(ClosedIncidents::words)
        .list();
  }

  /** A closed incident's words, when it is closed. */
  Optional<Words> closed(String number) {
    return jdbc.sql("SELECT id, number, title, description, resolution_notes, service_id, closed_at FROM incident"
            + " WHERE number = ? AND state = 'CLOSED'")
        .param(number)
        .query(ClosedIncidents::words)
        .optional();
  }

  /** The closed incidents found, best first, with their scores; those no longer in the table left out. */
  List<SimilarIncident> of(List<TextIndex.Hit> hits) {
    if (hits.isEmpty()) {
      return List.of();
    }
    Map<String, Float> scores = hits.stream().collect(Collectors.toMap(TextIndex.Hit::key, TextIndex.Hit::score));
    return jdbc.sql("""
            SELECT number, title, service_id, ci_id, resolution_code, resolution_notes, closed_at FROM incident
            WHERE number IN (:numbers) AND state = 'CLOSED'""")
        .param("numbers", scores.keySet())
        .query((rs, n) -> new SimilarIncident(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
            rs.getString(5) == null ? null : ResolutionCode.valueOf(rs.getString(5)), rs.getString(6),
            rs.getObject(7, OffsetDateTime.class), scores.get(rs.getString(1))))
        .list()
        .stream()
        .sorted(Comparator.comparing(SimilarIncident::score).reversed())
        .toList();
  }

  private static Words words(ResultSet rs, int row) throws SQLException {
    return new Words(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6),
        rs.getObject(7, OffsetDateTime.class));
  }
}
