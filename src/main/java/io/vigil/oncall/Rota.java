package io.vigil.oncall;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * A resolver group's on-call rota: the primary and secondary layers take turns in slots, each
 * handing over to the next after {@link Rotation}. Slot 0 begins on {@code start} at {@code handover}
 * in {@code zone}; slot k's primary is {@code primary[k mod n]} and its secondary
 * {@code secondary[k mod m]} (nobody when the layer is empty). Before slot 0 the rota names nobody.
 * {@code overrides} put someone else on call in a layer for a while (the later-created wins where
 * they overlap); a rota holds those its questions need, not necessarily all.
 *
 * <p>{@code calendar} names the office hours (an SLA calendar) that tell the paging process whether
 * to page at once. The value is immutable and its maths needs nothing but the JDK.
 */
record Rota(String group, ZoneId zone, LocalTime handover, Rotation rotation, LocalDate start, List<String> primary,
    List<String> secondary, String calendar, List<OnCallOverride> overrides) {

  /** The calendar of a rota that names none, and of a group without a rota. */
  static final String OFFICE_HOURS = "office-hours";

  private static final DateTimeFormatter HANDOVER = DateTimeFormatter.ofPattern("HH:mm");

  Rota {
    Objects.requireNonNull(group, "group");
    Objects.requireNonNull(zone, "zone");
    Objects.requireNonNull(handover, "handover");
    Objects.requireNonNull(rotation, "rotation");
    Objects.requireNonNull(start, "start");
    primary = layer(Layer.PRIMARY, primary);
    secondary = layer(Layer.SECONDARY, secondary == null ? List.of() : secondary);
    if (primary.isEmpty()) {
      throw new IllegalArgumentException("primary: a rota needs at least one person in its primary layer");
    }
    calendar = calendar == null ? OFFICE_HOURS : calendar;
    overrides = overrides == null ? List.of() : List.copyOf(overrides);
  }

  private static List<String> layer(Layer layer, List<String> users) {
    Set<String> seen = new HashSet<>();
    for (String user : users) {
      if (user == null || user.isBlank()) {
        throw new IllegalArgumentException(name(layer) + ": a blank user");
      }
      if (!seen.add(user)) {
        throw new IllegalArgumentException(name(layer) + ": " + user + " is in the layer twice");
      }
    }
    return List.copyOf(users);
  }

  String handoverText() {
    return handover.format(HANDOVER);
  }

  static String name(Layer layer) {
    return layer == Layer.PRIMARY ? "primary" : "secondary";
  }

  /** The same rota with these overrides in place of its own. */
  Rota withOverrides(List<OnCallOverride> overrides) {
    return new Rota(group, zone, handover, rotation, start, primary, secondary, calendar, overrides);
  }

  List<String> members(Layer layer) {
    return layer == Layer.PRIMARY ? primary : secondary;
  }

  /** When slot {@code slot} (0 or more) begins. */
  Instant handover(long slot) {
    return rotation.handover(start, handover, zone, slot);
  }

  /** The slot that holds {@code at}; -1 before the first handover. */
  long slotAt(Instant at) {
    Instant first = handover(0);
    if (at.isBefore(first)) {
      return -1;
    }
    long slot = Duration.between(first, at).dividedBy(rotation.approximateLength());
    while (slot > 0 && handover(slot).isAfter(at)) {
      slot--;
    }
    while (!handover(slot + 1).isAfter(at)) {
      slot++;
    }
    return slot;
  }

  /** The slot that holds {@code at}: {@code start} is null before the first handover, which then ends it. */
  Slot slotAround(Instant at) {
    long slot = slotAt(at);
    return new Slot(slot, slot < 0 ? null : handover(slot), handover(slot + 1));
  }

  record Slot(long index, Instant start, Instant end) {}

  /**
   * Who is on call at {@code at}, and from when until when that holds: within the slot, from the
   * last override edge at or before {@code at} after which both answers are what they are at
   * {@code at}, to the first after it where one changes; the slot's handovers otherwise.
   */
  OnCall onCall(Instant at) {
    Slot slot = slotAround(at);
    Answer answer = answer(at, slot.index());
    List<Instant> edges = overrides.stream()
        .flatMap(override -> Stream.of(override.from(), override.to()))
        .filter(edge -> (slot.start() == null || edge.isAfter(slot.start())) && edge.isBefore(slot.end()))
        .distinct()
        .sorted()
        .toList();
    Instant from = slot.start();
    for (int i = edges.size() - 1; i >= 0; i--) {
      Instant edge = edges.get(i);
      if (!edge.isAfter(at) && !answer(edge.minusNanos(1), slot.index()).equals(answer)) {
        from = edge;
        break;
      }
    }
    Instant until = slot.end();
    for (Instant edge : edges) {
      if (edge.isAfter(at) && !answer(edge, slot.index()).equals(answer)) {
        until = edge;
        break;
      }
    }
    return new OnCall(group, answer.primary(), answer.secondary(), from, until);
  }

  private record Answer(String primary, String secondary) {}

  private Answer answer(Instant at, long slot) {
    return new Answer(owner(Layer.PRIMARY, at, slot).user(), owner(Layer.SECONDARY, at, slot).user());
  }

  /** Whose a moment of a layer is: an override's (its id), or the rota's slot (override null); user null for nobody. */
  private record Owner(String user, Long override, long slot) {

    boolean continues(Owner before) {
      return Objects.equals(user, before.user) && Objects.equals(override, before.override)
          && (override != null || slot == before.slot);
    }
  }

  private Owner owner(Layer layer, Instant at, long slot) {
    Optional<OnCallOverride> winner = overrides.stream()
        .filter(override -> override.layer() == layer && override.covers(at))
        .max(OnCallOverride.PRECEDENCE);
    if (winner.isPresent()) {
      return new Owner(winner.get().user(), winner.get().id(), slot);
    }
    List<String> members = members(layer);
    return new Owner(slot < 0 || members.isEmpty() ? null : members.get((int) Math.floorMod(slot, (long) members.size())), null, slot);
  }

  /**
   * Every shift of either layer that overlaps {@code [from, to)}, whole (not cut to the range), by
   * start: a slot's member, cut where an override takes over, and each override's stretch. A
   * shift's edges do not depend on the range asked for, so that it keeps its identity in a feed
   * that moves with the days; only overrides chained across several slots beyond the range could
   * cut one differently.
   */
  List<Shift> shifts(Instant from, Instant to) {
    if (!to.isAfter(from)) {
      throw new IllegalArgumentException("shifts from " + from + " must end after it: " + to);
    }
    List<Shift> shifts = new ArrayList<>();
    for (Layer layer : Layer.values()) {
      shifts.addAll(shifts(layer, from, to));
    }
    shifts.sort(Comparator.comparing(Shift::start).thenComparing(Shift::layer));
    return shifts;
  }

  private List<Shift> shifts(Layer layer, Instant from, Instant to) {
    Instant begin = Optional.ofNullable(slotAround(from).start()).orElse(from);
    Instant end = slotAround(to.minusNanos(1)).end();
    for (OnCallOverride override : overrides) {
      if (override.layer() == layer && override.overlaps(begin, end)) {
        begin = override.from().isBefore(begin) ? override.from() : begin;
        end = override.to().isAfter(end) ? override.to() : end;
      }
    }
    begin = Optional.ofNullable(slotAround(begin).start()).orElse(begin);
    end = slotAround(end.minusNanos(1)).end();

    TreeSet<Instant> cuts = new TreeSet<>(List.of(begin, end));
    for (long slot = slotAt(begin) + 1; handover(slot).isBefore(end); slot++) {
      cuts.add(handover(slot));
    }
    for (OnCallOverride override : overrides) {
      if (override.layer() == layer) {
        cuts.add(override.from());
        cuts.add(override.to());
      }
    }
    List<Instant> edges = List.copyOf(cuts.subSet(begin, true, end, true));

    List<Shift> shifts = new ArrayList<>();
    Owner current = null;
    Instant currentStart = null;
    for (int i = 0; i < edges.size() - 1; i++) {
      Owner owner = owner(layer, edges.get(i), slotAt(edges.get(i)));
      if (current != null && owner.continues(current)) {
        continue;
      }
      add(shifts, layer, current, currentStart, edges.get(i), from, to);
      current = owner;
      currentStart = edges.get(i);
    }
    add(shifts, layer, current, currentStart, end, from, to);
    return shifts;
  }

  private static void add(List<Shift> shifts, Layer layer, Owner owner, Instant start, Instant end, Instant from, Instant to) {
    if (owner != null && owner.user() != null && start.isBefore(to) && end.isAfter(from)) {
      shifts.add(new Shift(layer, owner.user(), start, end, owner.override()));
    }
  }
}
