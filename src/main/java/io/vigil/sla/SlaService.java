package io.vigil.sla;

import io.vigil.audit.AuditAction;
import io.vigil.audit.AuditTrail;
import io.vigil.sla.SlaClock.Kind;
import io.vigil.sla.SlaClock.Phase;
import io.vigil.sla.SlaClockRepository.Stored;
import io.vigil.sla.contract.SlaMessage;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Date;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.BiFunction;
import org.camunda.bpm.dmn.engine.DmnDecisionResult;
import org.camunda.bpm.dmn.engine.DmnDecisionResultEntries;
import org.camunda.bpm.engine.DecisionService;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The SLA clocks of tickets: started with targets from {@code sla-targets.dmn}, paused, resumed,
 * re-based and stopped by the steps of the ticket's process, each change stored and audited in the
 * transaction of that step.
 */
@Service
public class SlaService {

  /** The incidents' targets; other tickets name their own decision. */
  public static final String TARGETS_DECISION = "sla-targets";

  private static final Set<Phase> LIVE = Set.of(Phase.RUNNING, Phase.PAUSED);

  private final SlaClockRepository clocks;
  private final SlaSchedule schedule;
  private final SlaCalendars calendars;
  private final SlaProperties properties;
  private final DecisionService decisions;
  private final RuntimeService runtime;
  private final AuditTrail audit;
  private final TransactionTemplate transaction;
  private final Clock clock;

  SlaService(SlaClockRepository clocks, SlaSchedule schedule, SlaCalendars calendars, SlaProperties properties, DecisionService decisions,
      RuntimeService runtime, AuditTrail audit, TransactionTemplate transaction, Clock clock) {
    this.runtime = runtime;
    this.transaction = transaction;
    this.clocks = clocks;
    this.schedule = schedule;
    this.calendars = calendars;
    this.properties = properties;
    this.decisions = decisions;
    this.audit = audit;
    this.clock = clock;
  }

  /**
   * The targets of this priority and service in {@code decision} apply: a clock of each kind the
   * decision gives starts from {@code from}, or, when the ticket has clocks, they re-base.
   */
  public void targetsFor(String ticket, String decision, String priority, String service, Instant from, String actor) {
    Map<String, Object> inputs = new HashMap<>();
    inputs.put("priority", priority);
    inputs.put("service", service);
    targetsFor(ticket, decision, inputs, priority, from, actor);
  }

  /**
   * The targets {@code decision} gives for these inputs apply (a change's targets follow its type, not
   * a priority); {@code label} names them in the audit trail.
   */
  public void targetsFor(String ticket, String decision, Map<String, Object> inputs, String label, Instant from, String actor) {
    Targets targets = targets(decision, inputs);
    List<Stored> existing = clocks.of(ticket);
    Instant now = clock.instant();
    if (existing.isEmpty()) {
      targets.durations().forEach((kind, target) ->
          add(new Stored(targets.calendar(), SlaClock.start(ticket, kind, target, calendar(targets), from))));
      audit.record(ticket, actor, AuditAction.SLA_STARTED, label + ": " + targets);
      return;
    }
    for (Stored stored : existing) {
      Duration target = targets.durations().get(stored.clock().kind());
      if (target != null) {
        save(stored.with(stored.clock().rebase(target, now)));
      }
    }
    audit.record(ticket, actor, AuditAction.SLA_REBASED, label + ": " + targets + " (elapsed and paused time kept)");
  }

  /** The incidents' targets ({@value #TARGETS_DECISION}) apply. */
  public void targetsFor(String ticket, String priority, String service, Instant reportedAt, String actor) {
    targetsFor(ticket, TARGETS_DECISION, priority, service, reportedAt, actor);
  }

  /** The incident is acknowledged: the response clock stops. */
  public void acknowledged(String ticket, String actor) {
    reached(ticket, Kind.RESPONSE, actor);
  }

  /** What a clock measures until is done (an incident acknowledged, a problem a known error): it stops. */
  public void reached(String ticket, Kind kind, String actor) {
    change(ticket, kind, LIVE, SlaClock::stop, AuditAction.SLA_STOPPED, actor, null);
  }

  /** Pending: every running clock pauses. */
  public void paused(String ticket, String reason, String actor) {
    for (Kind kind : Kind.values()) {
      change(ticket, kind, Set.of(Phase.RUNNING), SlaClock::pause, AuditAction.SLA_PAUSED, actor, reason);
    }
  }

  /** Back from pending: every paused clock runs again. */
  public void resumed(String ticket, String actor) {
    for (Kind kind : Kind.values()) {
      change(ticket, kind, Set.of(Phase.PAUSED), SlaClock::resume, AuditAction.SLA_RESUMED, actor, null);
    }
  }

  /** Resolved: the resolution clock stops, and the response clock if nobody acknowledged first. */
  public void resolved(String ticket, String actor) {
    stopAll(ticket, actor);
  }

  /** Reopened: the resolution clock runs again from where it stopped. */
  public void reopened(String ticket, String actor) {
    change(ticket, Kind.RESOLUTION, Set.of(Phase.STOPPED), SlaClock::restart, AuditAction.SLA_RESTARTED, actor, null);
  }

  /** Closed, however: nothing runs any more. */
  public void closed(String ticket, String actor) {
    stopAll(ticket, actor);
  }

  /**
   * A threshold of a clock is due: tells the ticket's process ({@value SlaMessage#NAME}) and records
   * it, in one transaction, holding the clock's row so that two members cannot fire it together.
   * Checked against the clock as stored: a threshold already fired, or not due on the clock as it
   * stands (paused, stopped, re-based since it was scheduled), does nothing. {@code late} marks a
   * threshold that passed while no member could fire it. Returns whether it fired.
   */
  public boolean fire(String ticket, Kind kind, int percent, boolean late) {
    return Boolean.TRUE.equals(transaction.execute(status -> {
      Optional<Stored> locked = clocks.lock(ticket, kind);
      Instant now = clock.instant();
      Optional<Instant> due = locked.flatMap(stored -> stored.clock().thresholdAt(percent));
      if (due.isEmpty() || due.get().isAfter(now) || locked.get().thresholdsFired().contains(percent)) {
        return false;
      }
      Stored stored = locked.get();
      runtime.createMessageCorrelation(SlaMessage.NAME)
          .processInstanceBusinessKey(ticket)
          .setVariableLocal(SlaMessage.CLOCK, kind.name())
          .setVariableLocal(SlaMessage.THRESHOLD, percent)
          .setVariableLocal(SlaMessage.LATE, late)
          .setVariableLocal(SlaMessage.ESCALATION_TYPE, null)
          .setVariableLocal(SlaMessage.ESCALATION_GROUP, null)
          .setVariableLocal(SlaMessage.ESCALATION_LEVEL, null)
          .correlateWithResult();
      SortedSet<Integer> fired = new TreeSet<>(stored.thresholdsFired());
      fired.add(percent);
      boolean breach = percent >= 100 && stored.breachedAt() == null;
      save(new Stored(stored.calendar(), stored.clock(), fired, breach ? due.get() : stored.breachedAt()));
      String clockName = kind.label() + " clock";
      audit.record(ticket, AuditTrail.SYSTEM, AuditAction.SLA_THRESHOLD_REACHED,
          clockName + " at " + percent + "% (due " + due.get() + (late ? ", fired late at " + now : "") + ")");
      if (breach) {
        audit.record(ticket, AuditTrail.SYSTEM, AuditAction.SLA_BREACHED, clockName + " breached at " + due.get());
      }
      return true;
    }));
  }

  /** Each clock of the ticket as it stands now. */
  public List<SlaClockView> view(String ticket) {
    Instant now = clock.instant();
    return clocks.of(ticket).stream().map(stored -> SlaClockView.of(stored, now)).toList();
  }

  /** The dates a task of the ticket shows in Tasklist, from its resolution clock (a change's: its approval clock). */
  public record TaskDates(Date due, Date followUp) {}

  /** Due when the resolution target is reached, follow-up at its next threshold still ahead; none while the clock stands. */
  public TaskDates taskDates(String ticket) {
    Instant now = clock.instant();
    Optional<SlaClock> resolution = clocks.find(ticket, Kind.RESOLUTION).or(() -> clocks.find(ticket, Kind.APPROVAL)).map(Stored::clock);
    Optional<Instant> followUp = resolution.flatMap(c -> properties.thresholds().stream()
        .map(c::thresholdAt)
        .flatMap(Optional::stream)
        .filter(at -> at.isAfter(now))
        .min(Comparator.naturalOrder()));
    return new TaskDates(resolution.flatMap(SlaClock::dueAt).map(Date::from).orElse(null), followUp.map(Date::from).orElse(null));
  }

  private void add(Stored stored) {
    clocks.insert(stored);
    schedule.planAfterCommit(stored);
  }

  private void save(Stored stored) {
    clocks.update(stored);
    schedule.planAfterCommit(stored);
  }

  private void stopAll(String ticket, String actor) {
    for (Kind kind : Kind.values()) {
      change(ticket, kind, LIVE, SlaClock::stop, AuditAction.SLA_STOPPED, actor, null);
    }
  }

  /**
   * Applies a change to a clock in one of the phases it applies to; any other clock is left as it is,
   * so a step that runs twice (a retried job) changes nothing the second time.
   */
  private void change(String ticket, Kind kind, Set<Phase> from, BiFunction<SlaClock, Instant, SlaClock> change, AuditAction action, String actor,
      String reason) {
    Optional<Stored> stored = clocks.find(ticket, kind);
    if (stored.isEmpty() || !from.contains(stored.get().clock().phase())) {
      return;
    }
    Instant now = clock.instant();
    SlaClock changed = change.apply(stored.get().clock(), now);
    save(stored.get().with(changed));
    String detail = kind.label() + " clock " + changed.state(now).name().toLowerCase(Locale.ROOT)
        + ", elapsed " + changed.elapsed(now) + " of " + changed.target() + (reason == null ? "" : ": " + reason);
    audit.record(ticket, actor, action, detail);
  }

  private Targets targets(String decision, Map<String, Object> inputs) {
    DmnDecisionResult result = decisions.evaluateDecisionByKey(decision).variables(inputs).evaluate();
    if (result.isEmpty()) {
      throw new IllegalStateException(decision + ".dmn has no targets for " + inputs);
    }
    DmnDecisionResultEntries entries = result.getSingleResult();
    Map<Kind, Duration> durations = new EnumMap<>(Kind.class);
    for (Kind kind : Kind.values()) {
      Object target = entries.get(kind.targetOutput());
      if (target != null) {
        durations.put(kind, Duration.parse(target.toString()));
      }
    }
    if (durations.isEmpty()) {
      throw new IllegalStateException(decision + ".dmn gives no target (" + Arrays.stream(Kind.values()).map(Kind::targetOutput).toList()
          + ") for " + inputs);
    }
    return new Targets(durations, entries.getEntry("calendar"));
  }

  private BusinessCalendar calendar(Targets targets) {
    return calendars.named(targets.calendar());
  }

  /** What a targets decision gives for a priority and service: a target per kind of clock, and the calendar. */
  record Targets(Map<Kind, Duration> durations, String calendar) {

    @Override
    public String toString() {
      StringBuilder text = new StringBuilder();
      durations.forEach((kind, target) -> text.append(text.isEmpty() ? "" : ", ")
          .append(kind.label()).append(' ').append(target));
      return text + " in " + calendar;
    }
  }
}
