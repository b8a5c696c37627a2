package io.vigil.sla;

import com.hazelcast.config.Config;
import com.hazelcast.config.IndexConfig;
import com.hazelcast.config.IndexType;
import com.hazelcast.config.MapConfig;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.EntryProcessor;
import com.hazelcast.map.IMap;
import com.hazelcast.partition.PartitionAware;
import com.hazelcast.query.Predicates;
import io.vigil.sla.SlaClock.Kind;
import io.vigil.sla.SlaClock.Phase;
import io.vigil.sla.SlaClockRepository.Stored;
import io.vigil.support.AfterCommit;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * The schedule the cluster shares: for each running clock, its next threshold and when it is due,
 * in a Hazelcast map partitioned by ticket (both clocks of a ticket on one member) with one backup.
 * The member that owns an entry fires it; when a member leaves, the backups of its entries become
 * owned by the others. The database stays the truth: the schedule is rebuilt from it at start and
 * updated only after a clock change commits.
 *
 * <p>Entries are small (compact serialization: about 260 bytes of heap each, index included) and
 * indexed by due time, so that a tick reads only what is due however many clocks run
 * (docs/benchmarks.md).
 */
@Component
public class SlaSchedule {

  public static final String MAP = "sla-schedule";
  private static final String DUE_AT = "dueAtMillis";
  private static final String CLAIMED_UNTIL = "claimedUntilMillis";

  private final IMap<ClockKey, NextThreshold> entries;
  private final SlaProperties properties;

  SlaSchedule(HazelcastInstance hazelcast, SlaProperties properties) {
    this.entries = hazelcast.getMap(MAP);
    this.properties = properties;
  }

  /** The schedule's map on every member: one backup, so that a member's share survives its loss; indexed by due time. */
  public static void configure(Config config) {
    config.addMapConfig(new MapConfig(MAP).setBackupCount(1).addIndexConfig(new IndexConfig(IndexType.SORTED, DUE_AT)));
    config.getSerializationConfig().getCompactSerializationConfig().setClasses(ClockKey.class, NextThreshold.class, Claim.class);
  }

  /** A clock in the schedule; both clocks of a ticket live in the ticket's partition. */
  public record ClockKey(String ticket, Kind kind) implements PartitionAware<String> {

    @Override
    public String getPartitionKey() {
      return ticket;
    }
  }

  /** The next threshold of a clock, and until when a member has claimed its firing. */
  public record NextThreshold(int percent, long dueAtMillis, long claimedUntilMillis) {

    boolean dueAndFree(long now) {
      return dueAtMillis <= now && claimedUntilMillis <= now;
    }
  }

  /** After the transaction that changed the clock commits (at once if there is none): its next threshold, or none. */
  public void planAfterCommit(Stored stored) {
    AfterCommit.run(() -> plan(stored));
  }

  public void plan(Stored stored) {
    ClockKey key = new ClockKey(stored.clock().ticket(), stored.clock().kind());
    next(stored).ifPresentOrElse(next -> entries.set(key, next), () -> entries.delete(key));
  }

  /** The earliest threshold not yet fired of a running clock. */
  Optional<NextThreshold> next(Stored stored) {
    if (stored.clock().phase() != Phase.RUNNING) {
      return Optional.empty();
    }
    return properties.thresholds().stream()
        .filter(percent -> !stored.thresholdsFired().contains(percent))
        .flatMap(percent -> stored.clock().thresholdAt(percent).map(at -> new NextThreshold(percent, at.toEpochMilli(), 0)).stream())
        .min(Comparator.comparingLong(NextThreshold::dueAtMillis).thenComparingInt(NextThreshold::percent));
  }

  /** Entries this member owns that are due and not claimed by anyone, the earliest first. */
  List<Map.Entry<ClockKey, NextThreshold>> dueHere(Instant now) {
    long millis = now.toEpochMilli();
    var due = entries.localKeySet(Predicates.and(Predicates.lessEqual(DUE_AT, millis), Predicates.lessEqual(CLAIMED_UNTIL, millis)));
    return entries.getAll(due).entrySet().stream()
        .filter(entry -> entry.getValue().dueAndFree(millis))
        .sorted(Comparator.comparingLong(entry -> entry.getValue().dueAtMillis()))
        .toList();
  }

  /**
   * Claims the firing of an entry for {@code leaseMillis}, atomically on its owner: only one member
   * at a time works on a threshold; a member that dies holding a claim loses it when the lease ends.
   */
  boolean claim(ClockKey key, NextThreshold expected, Instant now, long leaseMillis) {
    return Boolean.TRUE.equals(entries.executeOnKey(key, new Claim(expected.percent(), now.toEpochMilli(), leaseMillis)));
  }

  /** Runs on the entry's owner. */
  record Claim(int percent, long now, long leaseMillis) implements EntryProcessor<ClockKey, NextThreshold, Boolean> {

    @Override
    public Boolean process(Map.Entry<ClockKey, NextThreshold> entry) {
      NextThreshold next = entry.getValue();
      if (next == null || next.percent() != percent || !next.dueAndFree(now)) {
        return false;
      }
      entry.setValue(new NextThreshold(next.percent(), next.dueAtMillis(), now + leaseMillis));
      return true;
    }
  }
}
