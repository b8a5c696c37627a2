package io.vigil.support;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a node's {@link TextIndex} caught up with a table whose rows carry the time of their last
 * change (a knowledge article's {@code updated_at}, an incident's {@code closed_at}), so that what
 * another node writes is found here within an interval. {@link #start} reads the whole table; then
 * every interval a look reads what changed since a little before the previous look began: the
 * overlap covers a row stamped before its transaction committed and a node whose clock is a little
 * behind. Reading a row again only replaces it with itself.
 *
 * <p>Every write to the index goes through here, one at a time, each reading the database just
 * before it writes: an older version of a row read by a look can never overwrite a newer one that
 * this node put right after its commit.
 */
public final class IndexCatchUp {

  /** Where a row stands in the order of changes: its time of change, then its id. */
  public record Position(OffsetDateTime at, long id) {}

  /** A changed row as the index takes it. */
  public record Change(Position position, TextIndex.Entry entry) {}

  /** The table's side: the rows changed after a position, in order of change, at most {@code limit}. */
  @FunctionalInterface
  public interface Changes {
    List<Change> after(Position position, int limit);
  }

  /** Rows read and indexed at once: the start of a large table takes them page by page. */
  static final int PAGE = 500;

  private static final Position EVERYTHING = new Position(OffsetDateTime.of(1970, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC), 0);
  private static final Logger log = LoggerFactory.getLogger(IndexCatchUp.class);

  private final String name;
  private final TextIndex index;
  private final Changes changes;
  private final Duration overlap;
  private final Clock clock;
  private final PeriodicLook looks;
  private OffsetDateTime previousLook;

  /** {@code name} names the log lines and the thread that looks every {@code interval}. */
  public IndexCatchUp(String name, TextIndex index, Changes changes, Duration interval, Duration overlap, Clock clock) {
    this.name = name;
    this.index = index;
    this.changes = changes;
    this.overlap = overlap;
    this.clock = clock;
    this.looks = new PeriodicLook(name, interval, this::look);
  }

  /**
   * Reads the whole table into the index in the background, then looks for changes every interval.
   * The node does not wait for it: the indexes answer advice (similar incidents, matching articles),
   * and a large table takes a while (4.5 s for 100,000 closed incidents, docs/benchmarks.md);
   * until then a search answers from what is read so far.
   */
  public void start() {
    looks.startNow();
  }

  public void stop() {
    looks.stop();
  }

  public boolean isRunning() {
    return looks.isRunning();
  }

  /** One look: the rows changed since a little before the previous look began (all of them at the first), into the index. */
  private void look() {
    OffsetDateTime began = OffsetDateTime.now(clock);
    Position from = since(began);
    boolean first = from == EVERYTHING;
    long started = System.nanoTime();
    List<Change> page;
    do {
      synchronized (this) {
        page = changes.after(from, PAGE);
        index.putAll(page.stream().map(Change::entry).toList());
      }
      if (!page.isEmpty()) {
        from = page.get(page.size() - 1).position();
      }
    } while (page.size() == PAGE);
    synchronized (this) {
      previousLook = began;
    }
    if (first) {
      log.info("{}: {} entries read from the database in {} ms, {} KB in memory", name, index.size(),
          Duration.ofNanos(System.nanoTime() - started).toMillis(), index.bytes() / 1024);
    }
  }

  /**
   * Puts one row into the index as the database has it now: a row this node has just committed, so
   * that it is found at once. A failure is only logged; the next look reads the row anyway.
   */
  public void refresh(Supplier<Optional<TextIndex.Entry>> row) {
    try {
      synchronized (this) {
        row.get().ifPresent(index::put);
      }
    } catch (RuntimeException e) {
      log.warn("{}: a row not indexed at once, the next look reads it: {}", name, e.toString());
    }
  }

  /** The earlier of the previous look and now: a clock set back (a test's, NTP's) must not skip rows. */
  private synchronized Position since(OffsetDateTime now) {
    if (previousLook == null) {
      return EVERYTHING;
    }
    OffsetDateTime previous = previousLook.isBefore(now) ? previousLook : now;
    return new Position(previous.minus(overlap), 0);
  }
}
