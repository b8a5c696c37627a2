package io.vigil.audit;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The audit trail's hash chain (ADR 24). Entries are written in their own business transactions, in
 * any order and concurrently; sealing them there would make every audited step in the cluster wait
 * for one lock. Instead, a seal run takes the chain's head row, seals the committed entries not
 * sealed yet in id order, and moves the head: the chain is the order entries were sealed in, which
 * an entry that commits late simply joins later. Nothing here updates or deletes an entry or a seal.
 */
@Repository
@EnableConfigurationProperties(AuditProperties.class)
public class AuditChain {

  private static final int BATCH = 500;
  private static final String SEALED = """
      SELECT s.seq, s.prev_hash, s.hash, e.id, e.ticket_number, e.occurred_at, e.actor, e.action, e.detail
      FROM audit_seal s JOIN audit_entry e ON e.id = s.entry_id
      """;

  private final JdbcClient jdbc;
  private final JdbcTemplate batches;
  private final TransactionTemplate transaction;
  private final Clock clock;
  private final AuditProperties properties;

  AuditChain(JdbcClient jdbc, JdbcTemplate batches, PlatformTransactionManager transactions, Clock clock,
      AuditProperties properties) {
    this.jdbc = jdbc;
    this.batches = batches;
    this.transaction = new TransactionTemplate(transactions);
    this.clock = clock;
    this.properties = properties;
  }

  /** Seals every committed entry above the low-water mark that is not yet, oldest first; answers how many. */
  public int seal() {
    int sealed = 0;
    int batch;
    do {
      batch = transaction.execute(status -> sealBatch(null));
      sealed += batch;
    } while (batch == BATCH);
    return sealed;
  }

  /**
   * Seals as {@link #seal()} does, then the period's entries below the low-water mark that are not
   * yet: an entry whose transaction stayed open longer than the grace. Export and verify do this.
   */
  private void seal(Period period) {
    seal();
    int batch;
    do {
      batch = transaction.execute(status -> sealBatch(period));
    } while (batch == BATCH);
  }

  /** Seals the stretch of the chain that covers the period, and checks every seal in it. */
  public ChainVerification verify(OffsetDateTime from, OffsetDateTime to) {
    seal(new Period(lowest(from), highest(to)));
    Checker checker = new Checker();
    Stretch stretch = stretch(from, to);
    if (stretch != null) {
      checker.expect(stretch.first(), stretch.first() == 1 ? SealedEntry.GENESIS : hashAt(stretch.first() - 1));
      each(stretch, checker::check);
      checker.endsAt(stretch.last(), head());
    }
    long unsealed = jdbc.sql("""
            SELECT COUNT(*) FROM audit_entry e WHERE e.occurred_at >= ? AND e.occurred_at < ?
            AND NOT EXISTS (SELECT 1 FROM audit_seal s WHERE s.entry_id = e.id)""")
        .params(lowest(from), highest(to)).query(Long.class).single();
    return checker.result(unsealed, stretch);
  }

  /** Seals, then hands every sealed entry of the period's stretch to {@code sink}, in chain order. */
  public void export(OffsetDateTime from, OffsetDateTime to, Consumer<SealedEntry> sink) {
    seal(new Period(lowest(from), highest(to)));
    Stretch stretch = stretch(from, to);
    if (stretch != null) {
      each(stretch, sink);
    }
  }

  /** Above the low-water mark; or, given a period, below it in that period (stragglers). */
  private int sealBatch(Period period) {
    Head head = jdbc.sql("SELECT seq, hash, low_water FROM audit_chain WHERE id = 1 FOR UPDATE")
        .query((rs, n) -> new Head(rs.getLong(1), rs.getString(2), rs.getLong(3))).single();
    List<SealedEntry> seals = new ArrayList<>();
    long seq = head.seq();
    String previous = head.hash();
    String where = period == null ? "e.id > ?" : "e.id <= ? AND e.occurred_at >= ? AND e.occurred_at < ?";
    Object[] params = period == null ? new Object[] {head.lowWater()} : new Object[] {head.lowWater(), period.from(), period.to()};
    for (Unsealed entry : jdbc.sql("""
            SELECT e.id, e.ticket_number, e.occurred_at, e.actor, e.action, e.detail FROM audit_entry e
            WHERE %s AND NOT EXISTS (SELECT 1 FROM audit_seal s WHERE s.entry_id = e.id)
            ORDER BY e.id FETCH FIRST %d ROWS ONLY""".formatted(where, BATCH))
        .params(params)
        .query((rs, n) -> new Unsealed(rs.getLong(1), rs.getString(2), rs.getObject(3, OffsetDateTime.class),
            rs.getString(4), rs.getString(5), rs.getString(6)))
        .list()) {
      SealedEntry sealed = SealedEntry.seal(++seq, previous, entry.id(), entry.ticketNumber(), entry.occurredAt(),
          entry.actor(), entry.action(), entry.detail());
      seals.add(sealed);
      previous = sealed.hash();
    }
    OffsetDateTime now = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
    batches.batchUpdate("INSERT INTO audit_seal (seq, entry_id, prev_hash, hash, sealed_at) VALUES (?, ?, ?, ?, ?)", seals, BATCH,
        (statement, seal) -> {
          statement.setLong(1, seal.seq());
          statement.setLong(2, seal.id());
          statement.setString(3, seal.prevHash());
          statement.setString(4, seal.hash());
          statement.setObject(5, now);
        });
    jdbc.sql("UPDATE audit_chain SET seq = ?, hash = ?, low_water = ? WHERE id = 1")
        .params(seq, previous, lowWater(head.lowWater(), now)).update();
    return seals.size();
  }

  /**
   * The highest id below which every entry is sealed, among entries older than the grace: a
   * transaction still open with a lower id would have written its entry before that one.
   */
  private long lowWater(long current, OffsetDateTime now) {
    Long settled = jdbc.sql("SELECT MAX(id) FROM audit_entry WHERE id > ? AND occurred_at < ?")
        .params(current, now.minus(properties.sealGrace())).query(Long.class).optional().orElse(null);
    if (settled == null) {
      return current;
    }
    Long firstUnsealed = jdbc.sql("""
            SELECT MIN(e.id) FROM audit_entry e WHERE e.id > ? AND e.id <= ?
            AND NOT EXISTS (SELECT 1 FROM audit_seal s WHERE s.entry_id = e.id)""")
        .params(current, settled).query(Long.class).optional().orElse(null);
    return firstUnsealed == null ? settled : firstUnsealed - 1;
  }

  /** The seals from the first to the last whose entries occurred in the period, or null if none did. */
  private Stretch stretch(OffsetDateTime from, OffsetDateTime to) {
    return jdbc.sql("""
            SELECT MIN(s.seq), MAX(s.seq) FROM audit_seal s JOIN audit_entry e ON e.id = s.entry_id
            WHERE e.occurred_at >= ? AND e.occurred_at < ?""")
        .params(lowest(from), highest(to))
        .query((rs, n) -> rs.getObject(1) == null ? null : new Stretch(rs.getLong(1), rs.getLong(2)))
        .optional().orElse(null);
  }

  /** Page by page, each page a bounded range of seq, so that no page reads more than its own seals. */
  private void each(Stretch stretch, Consumer<SealedEntry> sink) {
    for (long after = stretch.first() - 1; after < stretch.last(); after = Math.min(stretch.last(), after + BATCH)) {
      jdbc.sql(SEALED + " WHERE s.seq > ? AND s.seq <= ? ORDER BY s.seq")
          .params(after, Math.min(stretch.last(), after + BATCH))
          .query((rs, n) -> new SealedEntry(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getLong(4), rs.getString(5),
              rs.getObject(6, OffsetDateTime.class), rs.getString(7), rs.getString(8), rs.getString(9)))
          .list()
          .forEach(sink);
    }
  }

  private String hashAt(long seq) {
    return jdbc.sql("SELECT hash FROM audit_seal WHERE seq = ?").param(seq).query(String.class).optional().orElse(null);
  }

  private Head head() {
    return jdbc.sql("SELECT seq, hash, low_water FROM audit_chain WHERE id = 1")
        .query((rs, n) -> new Head(rs.getLong(1), rs.getString(2), rs.getLong(3))).single();
  }

  private static OffsetDateTime lowest(OffsetDateTime from) {
    return from != null ? from : OffsetDateTime.of(1970, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC);
  }

  private static OffsetDateTime highest(OffsetDateTime to) {
    return to != null ? to : OffsetDateTime.of(9999, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC);
  }

  private record Head(long seq, String hash, long lowWater) {}

  private record Stretch(long first, long last) {}

  private record Period(OffsetDateTime from, OffsetDateTime to) {}

  private record Unsealed(long id, String ticketNumber, OffsetDateTime occurredAt, String actor, String action, String detail) {}

  /** Walks seals in order: each must come next, follow the one before, and hash to what it stores. */
  private static final class Checker {
    private long expectedSeq;
    private String expectedPrevious;
    private long checked;
    private long broken;
    private ChainVerification.Broken first;
    private String lastHash;

    void expect(long seq, String previous) {
      expectedSeq = seq;
      expectedPrevious = previous;
    }

    void check(SealedEntry seal) {
      checked++;
      if (seal.seq() != expectedSeq) {
        fail(seal, "seals " + expectedSeq + " to " + (seal.seq() - 1) + " are missing");
      } else if (expectedPrevious == null) {
        fail(seal, "the seal before it is missing");
      } else if (!expectedPrevious.equals(seal.prevHash())) {
        fail(seal, "it does not follow the seal before it: that seal or this one was changed");
      } else if (!seal.intact()) {
        fail(seal, "its content does not give its hash: the entry or its seal was changed");
      }
      expectedSeq = seal.seq() + 1;
      expectedPrevious = seal.hash();
      lastHash = seal.hash();
    }

    void endsAt(long last, Head head) {
      if (expectedSeq <= last) {
        fail(expectedSeq, null, "seals " + expectedSeq + " to " + last + " are missing");
      }
      if (last == head.seq() && !head.hash().equals(lastHash)) {
        fail(last, null, "the chain's head does not name the last seal's hash");
      }
    }

    ChainVerification result(long unsealed, Stretch stretch) {
      return new ChainVerification(broken == 0, checked, broken, first, unsealed,
          stretch == null ? null : stretch.first(), stretch == null ? null : stretch.last(), lastHash);
    }

    private void fail(SealedEntry seal, String reason) {
      fail(seal.seq(), seal, reason);
    }

    /** {@code seal} is null where the seal itself is what is missing. */
    private void fail(long seq, SealedEntry seal, String reason) {
      broken++;
      if (first == null) {
        first = seal == null ? new ChainVerification.Broken(seq, null, null, null, reason)
            : new ChainVerification.Broken(seq, seal.id(), seal.ticketNumber(), seal.occurredAt(), reason);
      }
    }
  }
}
