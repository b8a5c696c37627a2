package io.vigil.workers.problem;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * What the root-cause analysis puts before the analyst, as plain text the RCA form shows: the
 * configuration item, each linked incident with the moments that matter in its timeline, and the
 * most similar past incidents with how they were resolved. Kept within the process variable's size,
 * whole lines only.
 */
final class EvidenceReport {

  /** The audit actions worth an analyst's reading in a timeline; the rest (SLA starts, comments…) is noise here. */
  static final Set<String> TIMELINE = Set.of("REPORTED", "ALERT_FIRING", "ALERT_RESOLVED", "MONITORING_RECOVERED",
      "HEARTBEAT_FAILED", "SLA_BREACHED", "REASSIGNED", "ESCALATED", "PENDING", "REOPENED", "RESOLVED", "AUTO_RESOLVED");

  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);
  private static final int DETAIL = 120;

  record Item(String id, String name, String type, String criticality, String service) {}

  record Event(Instant at, String action, String detail) {}

  record IncidentFacts(String number, String title, String state, String priority, String resolverGroup, Instant reportedAt,
      List<Event> events) {}

  record PastIncident(String number, String title, String resolutionCode, String resolutionNotes, Instant closedAt) {}

  private EvidenceReport() {}

  /** The report, at most {@code maxLength} characters. */
  static String write(Item item, String service, List<IncidentFacts> incidents, List<PastIncident> similar, int maxLength) {
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

  private static String time(Instant at) {
    return at == null ? "-" : TIME.format(at);
  }

  private static String orDash(String value) {
    return value == null ? "-" : value;
  }
}
