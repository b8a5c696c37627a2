package io.vigil.workers.problem;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * What the root-cause analysis puts before the analyst, as plain text the RCA form shows: the
 * configuration item, the changes on it lately (the correlation that most often points at a root
 * cause), each linked incident with the moments that matter in its timeline, and the most similar
 * past incidents with how they were resolved. Kept within the process variable's size, whole lines
 * only, cut from the end: the similar past incidents go first, then the timelines of the last
 * incidents listed; the item and its changes, a few short lines, stay.
 */
final class EvidenceReport {

  /** The audit actions worth an analyst's reading in a timeline; the rest (SLA starts, comments…) is noise here. */
  static final Set<String> TIMELINE = Set.of("REPORTED", "ALERT_FIRING", "ALERT_RESOLVED", "MONITORING_RECOVERED",
      "HEARTBEAT_FAILED", "SLA_BREACHED", "REASSIGNED", "ESCALATED", "PENDING", "REOPENED", "RESOLVED", "AUTO_RESOLVED");

  /** How far back a change on the item is still worth the analyst's look. */
  static final Duration CHANGE_LOOKBACK = Duration.ofDays(30);
  /** Changes that never went ahead, so never touched the item: no cause of anything. */
  static final Set<String> NEVER_CARRIED_OUT = Set.of("REJECTED", "CANCELLED");

  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneOffset.UTC);
  private static final int DETAIL = 120;

  record Item(String id, String name, String type, String criticality, String service) {}

  record Event(Instant at, String action, String detail) {}

  record IncidentFacts(String number, String title, String state, String priority, String resolverGroup, Instant reportedAt,
      List<Event> events) {}

  record PastIncident(String number, String title, String resolutionCode, String resolutionNotes, Instant closedAt) {}

  /** A change on the item as {@code GET /api/changes} lists it; the result and the closing time once it has them. */
  record ChangeFacts(String number, String title, String type, String state, Instant plannedStart, Instant plannedEnd,
      String implementationResult, Instant closedAt) {}

  /**
   * The changes on the problem's configuration item.
   *
   * @param listed as the API listed them, newest first
   * @param now the end of the {@link #CHANGE_LOOKBACK}
   */
  record ItemChanges(String ci, List<ChangeFacts> listed, Instant now) {}

  private EvidenceReport() {}

  /**
   * The report, at most {@code maxLength} characters.
   *
   * @param changes null when the problem names no configuration item
   */
  static String write(Item item, String service, ItemChanges changes, List<IncidentFacts> incidents, List<PastIncident> similar,
      int maxLength) {
    List<String> lines = new ArrayList<>();
    if (item != null) {
      lines.add("Configuration item: " + item.id() + " (" + item.name() + ", " + item.type() + ", criticality "
          + item.criticality() + ") in service " + item.service());
    } else if (service != null) {
      lines.add("Service: " + service);
    }
    if (!lines.isEmpty()) {
      lines.add("");
    }
    if (changes != null) {
      List<ChangeFacts> recent = recent(changes.listed(), changes.now());
      String period = " in the last " + CHANGE_LOOKBACK.toDays() + " days";
      lines.add(recent.isEmpty() ? "No change on " + changes.ci() + period + "." : "Changes on " + changes.ci() + period + ":");
      for (ChangeFacts change : recent) {
        lines.add(change.number() + " " + shorten(change.title()) + " (" + orDash(change.type()) + ", " + orDash(change.state())
            + ", " + window(change.plannedStart(), change.plannedEnd())
            + (change.implementationResult() == null ? "" : ", " + change.implementationResult()) + ")");
      }
      lines.add("");
    }
    lines.add(incidents.isEmpty() ? "No incidents linked yet." : "Incidents (" + incidents.size() + "):");
    for (IncidentFacts incident : incidents) {
      lines.add(incident.number() + " " + orDash(incident.priority()) + " " + incident.state() + " " + orDash(incident.resolverGroup())
          + ", reported " + time(incident.reportedAt()) + ": " + shorten(incident.title()));
      for (Event event : incident.events()) {
        if (TIMELINE.contains(event.action())) {
          lines.add("  " + time(event.at()) + " " + event.action().toLowerCase().replace('_', ' ')
              + (event.detail() == null || event.detail().isBlank() ? "" : ": " + shorten(event.detail())));
        }
      }
    }
    lines.add("");
    lines.add(similar.isEmpty() ? "No similar past incidents." : "Similar past incidents, most similar first:");
    for (PastIncident past : similar) {
      lines.add(past.number() + " closed " + time(past.closedAt()) + " (" + orDash(past.resolutionCode()) + "): "
          + shorten(past.title()) + (past.resolutionNotes() == null ? "" : " | " + shorten(past.resolutionNotes())));
    }
    return fit(lines, maxLength);
  }

  /**
   * The changes worth the analyst's look, in the order given: those still open (planned ones too:
   * they may already be under way) and those planned or closed in the {@link #CHANGE_LOOKBACK}
   * before {@code now}. Rejected and cancelled changes never touched the item and are left out.
   */
  static List<ChangeFacts> recent(List<ChangeFacts> changes, Instant now) {
    Instant since = now.minus(CHANGE_LOOKBACK);
    return changes.stream()
        .filter(change -> !NEVER_CARRIED_OUT.contains(change.state()))
        .filter(change -> change.closedAt() == null
            || !change.closedAt().isBefore(since)
            || change.plannedEnd() != null && !change.plannedEnd().isBefore(since))
        .toList();
  }

  private static String fit(List<String> lines, int maxLength) {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      String more = "\n(" + (lines.size() - i) + " more lines left out)";
      if (text.length() + line.length() + 1 + more.length() > maxLength) {
        return text.append(more.substring(text.isEmpty() ? 1 : 0)).toString();
      }
      if (!text.isEmpty()) {
        text.append('\n');
      }
      text.append(line);
    }
    return text.toString();
  }

  private static String shorten(String text) {
    String flat = text == null ? "" : text.replaceAll("\\s+", " ").trim();
    return flat.length() <= DETAIL ? flat : flat.substring(0, DETAIL - 1) + "…";
  }

  /** From start to end; the day once when both fall on it: 2026-11-28 01:00…02:00 UTC. */
  private static String window(Instant start, Instant end) {
    if (start != null && end != null && DAY.format(start).equals(DAY.format(end))) {
      return DAY.format(start) + " " + CLOCK.format(start) + "…" + CLOCK.format(end) + " UTC";
    }
    return time(start) + "…" + time(end);
  }

  private static String time(Instant at) {
    return at == null ? "-" : TIME.format(at);
  }

  private static String orDash(String value) {
    return value == null ? "-" : value;
  }
}
