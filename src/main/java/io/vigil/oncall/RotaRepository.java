package io.vigil.oncall;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

/** On-call rotas and their overrides. Writes run inside the caller's transaction, with the audit entry that records them. */
@Repository
class RotaRepository {

  private static final String COLUMNS =
      "group_id, zone_id, handover, rotation, start_date, calendar_name, version, updated_at, updated_by";
  private static final String OVERRIDE_COLUMNS = "id, layer, user_id, starts_at, ends_at, reason, created_by, created_at";

  private final JdbcClient jdbc;
  private final Clock clock;

  RotaRepository(JdbcClient jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  /** A rota as stored: without overrides, which are asked for by time. */
  record StoredRota(Rota rota, long version, Instant updatedAt, String updatedBy) {}

  Optional<StoredRota> find(String group) {
    return select(group, "");
  }

  /** The rota, its row locked until the transaction ends: replacements of one rota take turns. */
  Optional<StoredRota> lock(String group) {
    return select(group, " FOR UPDATE");
  }

  Optional<String> calendarOf(String group) {
    return jdbc.sql("SELECT calendar_name FROM on_call_rota WHERE group_id = ?").param(group).query(String.class).optional();
  }

  /** The group's first rota; a DuplicateKeyException when another got there first. */
  void insert(Rota rota, String by) {
    jdbc.sql("""
            INSERT INTO on_call_rota (group_id, zone_id, handover, rotation, start_date, calendar_name, version, updated_at, updated_by)
            VALUES (?, ?, ?, ?, ?, ?, 1, ?, ?)""")
        .params(rota.group(), rota.zone().getId(), rota.handover(), rota.rotation().text(), rota.start(), rota.calendar(), now(), by)
        .update();
    insertMembers(rota);
  }

  /** Replaces the group's rota, which exists (and is locked); its overrides stay. */
  void replace(Rota rota, String by) {
    jdbc.sql("""
            UPDATE on_call_rota SET zone_id = ?, handover = ?, rotation = ?, start_date = ?, calendar_name = ?,
              version = version + 1, updated_at = ?, updated_by = ?
            WHERE group_id = ?""")
        .params(rota.zone().getId(), rota.handover(), rota.rotation().text(), rota.start(), rota.calendar(), now(), by, rota.group())
        .update();
    jdbc.sql("DELETE FROM on_call_member WHERE group_id = ?").param(rota.group()).update();
    insertMembers(rota);
  }

  private void insertMembers(Rota rota) {
    for (Layer layer : Layer.values()) {
      List<String> members = rota.members(layer);
      for (int position = 0; position < members.size(); position++) {
        jdbc.sql("INSERT INTO on_call_member (group_id, layer, position, user_id) VALUES (?, ?, ?, ?)")
            .params(rota.group(), layer.name(), position, members.get(position))
            .update();
      }
    }
  }

  /** The group's overrides that overlap {@code [from, to)}, by start; {@code from} null: since ever. */
  List<OnCallOverride> overrides(String group, Instant from, Instant to) {
    List<Object> params = new ArrayList<>(List.of(group, utc(to)));
    String since = "";
    if (from != null) {
      since = " AND ends_at > ?";
      params.add(utc(from));
    }
    return jdbc.sql("SELECT " + OVERRIDE_COLUMNS + " FROM on_call_override WHERE group_id = ? AND starts_at < ?" + since + " ORDER BY starts_at, id")
        .params(params)
        .query(RotaRepository::override)
        .list();
  }

  Optional<OnCallOverride> override(String group, long id) {
    return jdbc.sql("SELECT " + OVERRIDE_COLUMNS + " FROM on_call_override WHERE group_id = ? AND id = ?")
        .params(group, id)
        .query(RotaRepository::override)
        .optional();
  }

  long insertOverride(String group, Layer layer, String user, Instant from, Instant to, String reason, String by) {
    KeyHolder key = new GeneratedKeyHolder();
    jdbc.sql("""
            INSERT INTO on_call_override (group_id, layer, user_id, starts_at, ends_at, reason, created_by, created_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)""")
        .params(group, layer.name(), user, utc(from), utc(to), reason, by, now())
        .update(key, "id");
    return key.getKeyAs(Number.class).longValue();
  }

  boolean deleteOverride(String group, long id) {
    return jdbc.sql("DELETE FROM on_call_override WHERE group_id = ? AND id = ?").params(group, id).update() == 1;
  }

  private Optional<StoredRota> select(String group, String lock) {
    Optional<Row> row = jdbc.sql("SELECT " + COLUMNS + " FROM on_call_rota WHERE group_id = ?" + lock)
        .param(group)
        .query(RotaRepository::row)
        .optional();
    if (row.isEmpty()) {
      return Optional.empty();
    }
    List<String> primary = new ArrayList<>();
    List<String> secondary = new ArrayList<>();
    jdbc.sql("SELECT layer, user_id FROM on_call_member WHERE group_id = ? ORDER BY layer, position")
        .param(group)
        .query((RowCallbackHandler) rs -> (Layer.valueOf(rs.getString(1)) == Layer.PRIMARY ? primary : secondary).add(rs.getString(2)));
    Row r = row.get();
    return Optional.of(new StoredRota(new Rota(group, ZoneId.of(r.zone()), r.handover(), Rotation.parse(r.rotation()), r.start(),
        primary, secondary, r.calendar(), List.of()), r.version(), r.updatedAt(), r.updatedBy()));
  }

  private record Row(String zone, LocalTime handover, String rotation, LocalDate start, String calendar, long version,
      Instant updatedAt, String updatedBy) {}

  private static Row row(ResultSet rs, int n) throws SQLException {
    return new Row(rs.getString(2), rs.getObject(3, LocalTime.class), rs.getString(4), rs.getObject(5, LocalDate.class),
        rs.getString(6), rs.getLong(7), rs.getObject(8, OffsetDateTime.class).toInstant(), rs.getString(9));
  }

  private static OnCallOverride override(ResultSet rs, int n) throws SQLException {
    return new OnCallOverride(rs.getLong(1), Layer.valueOf(rs.getString(2)), rs.getString(3),
        rs.getObject(4, OffsetDateTime.class).toInstant(), rs.getObject(5, OffsetDateTime.class).toInstant(), rs.getString(6),
        rs.getString(7), rs.getObject(8, OffsetDateTime.class).toInstant());
  }

  private static OffsetDateTime utc(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }

  private OffsetDateTime now() {
    return OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
  }
}
