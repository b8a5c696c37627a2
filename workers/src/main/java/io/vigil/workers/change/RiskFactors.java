package io.vigil.workers.change;

import static io.vigil.change.contract.ChangeProcess.Variables.BACKOUT_PLANNED;
import static io.vigil.change.contract.ChangeProcess.Variables.CI_CRITICALITY;
import static io.vigil.change.contract.ChangeProcess.Variables.CONFLICTS;
import static io.vigil.change.contract.ChangeProcess.Variables.FAILED_CHANGES;
import static io.vigil.change.contract.ChangeProcess.Variables.IN_MAINTENANCE_WINDOW;
import static io.vigil.change.contract.ChangeProcess.Variables.LEAD_TIME_HOURS;
import static io.vigil.change.contract.ChangeProcess.Variables.RISK_FACTORS;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * What {@code change-risk.dmn} weighs, made from what the API tells of a change, and the same in
 * words for the approvers' form. Kept apart from the reading so that it is tested without an API,
 * and so that a second delivery of the task computes the same.
 *
 * @param items the configuration items the change names, as the catalog knows them
 * @param failedChanges numbers of the changes that failed on any of the items since {@link #failuresSince}
 * @param backoutPlan as the requester wrote it; blank or null is no plan
 */
record RiskFactors(List<Item> items, Instant requestedAt, Instant plannedStart, String backoutPlan, Set<String> failedChanges,
    List<Conflict> conflicts, boolean inMaintenanceWindow) {

  /** How far back a failed change on the same items still counts. */
  static final Duration FAILURE_LOOKBACK = Duration.ofDays(90);
  /** Items and conflicts listed one per line; the rest is counted. */
  static final int LISTED = 10;
  /** Every line is cut to this: the at most 28 lines stay within the process variable's 4,000 characters. */
  static final int LINE_LENGTH = 120;

  /** From lowest to highest. */
  private static final List<String> CRITICALITIES = List.of("LOW", "MEDIUM", "HIGH");
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

  /** A configuration item; name and criticality are null when the catalog does not know it. */
  record Item(String id, String name, String criticality) {}

  /** Another change on some of the same items whose window overlaps this one's. */
  record Conflict(String number, String title, Instant plannedStart, Instant plannedEnd, List<String> cis) {}

  RiskFactors {
    items = List.copyOf(items);
    Objects.requireNonNull(requestedAt, "requestedAt");
    Objects.requireNonNull(plannedStart, "plannedStart");
    failedChanges = Collections.unmodifiableSet(new TreeSet<>(failedChanges));
    conflicts = List.copyOf(conflicts);
  }

  /** The start of the period whose failed changes count. */
  static Instant failuresSince(Instant now) {
    return now.minus(FAILURE_LOOKBACK);
  }

  /** The highest criticality among the items the catalog knows; null when the change names none of them. */
  String ciCriticality() {
    return items.stream().map(Item::criticality).filter(Objects::nonNull).filter(CRITICALITIES::contains)
        .max(Comparator.comparingInt(CRITICALITIES::indexOf)).orElse(null);
  }

  /** Whole hours from the request to the planned start; a start before the request is no notice at all. */
  long leadTimeHours() {
    return Math.max(0, Duration.between(requestedAt, plannedStart).toHours());
  }

  boolean backoutPlanned() {
    return backoutPlan != null && !backoutPlan.isBlank();
  }

  /** The variables the task completes with: the factors by their contract names, and {@link #text()}. */
  Map<String, Object> variables() {
    Map<String, Object> variables = new HashMap<>();
    variables.put(CI_CRITICALITY, ciCriticality());
    variables.put(LEAD_TIME_HOURS, leadTimeHours());
    variables.put(BACKOUT_PLANNED, backoutPlanned());
    variables.put(FAILED_CHANGES, (long) failedChanges.size());
    variables.put(CONFLICTS, (long) conflicts.size());
    variables.put(IN_MAINTENANCE_WINDOW, inMaintenanceWindow);
    variables.put(RISK_FACTORS, text());
    return variables;
  }

  /** One factor a line, items and conflicts indented below theirs, each line cut to {@link #LINE_LENGTH}. */
  String text() {
    List<String> lines = new ArrayList<>();
    if (items.isEmpty()) {
      lines.add("Configuration items: none named");
    } else {
      String highest = ciCriticality();
      lines.add("Configuration items: " + items.size() + ", highest criticality " + (highest == null ? "unknown" : highest));
      listed(items.stream().map(item -> item.name() == null ? item.id() + ": not in the catalog"
          : item.id() + " " + flat(item.name()) + ": " + item.criticality()).toList(), lines);
    }
    lines.add("Lead time: " + leadTimeHours() + " h from the request (" + TIME.format(requestedAt) + ") to the planned start ("
        + TIME.format(plannedStart) + ")");
    lines.add("Back-out plan: " + (backoutPlanned() ? "yes" : "none"));
    lines.add("Failed changes on these items in the last " + FAILURE_LOOKBACK.toDays() + " days: "
        + (failedChanges.isEmpty() ? "none" : failedChanges.size() + " (" + String.join(", ", failedChanges) + ")"));
    lines.add("Other changes on these items in the window: " + (conflicts.isEmpty() ? "none" : conflicts.size()));
    Set<String> ids = items.stream().map(Item::id).collect(Collectors.toSet());
    listed(conflicts.stream().map(conflict -> describe(conflict, ids)).toList(), lines);
    lines.add("Maintenance window: " + (inMaintenanceWindow ? "inside" : "outside"));
    return lines.stream().map(line -> line.length() <= LINE_LENGTH ? line : line.substring(0, LINE_LENGTH - 1) + "…")
        .collect(Collectors.joining("\n"));
  }

  /** The conflict's window, the items it shares with this change, and its title. */
  private static String describe(Conflict conflict, Set<String> ids) {
    List<String> shared = conflict.cis().stream().filter(ids::contains).toList();
    return conflict.number() + " " + TIME.format(conflict.plannedStart()) + " to " + TIME.format(conflict.plannedEnd())
        + (shared.isEmpty() ? "" : " on " + String.join(", ", shared)) + ": " + flat(conflict.title());
  }

  /** The first {@link #LISTED} entries indented, and how many more there are. */
  private static void listed(List<String> entries, List<String> lines) {
    entries.stream().limit(LISTED).forEach(entry -> lines.add("  " + entry));
    if (entries.size() > LISTED) {
      lines.add("  and " + (entries.size() - LISTED) + " more");
    }
  }

  private static String flat(String text) {
    return text == null ? "" : text.replaceAll("\\s+", " ").strip();
  }
}
