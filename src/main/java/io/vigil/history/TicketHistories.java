package io.vigil.history;

import io.vigil.audit.AuditEntry;
import io.vigil.audit.AuditTrail;
import io.vigil.history.TimelineEntry.Source;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;

/** A ticket's history: its summary, Vigil's audit trail and the engine's history as one timeline, and its diagrams. */
@Service
class TicketHistories {

  /** By time; entries at the same moment keep their order: audit entries first, then the engine's, each in its own order. */
  private static final Comparator<TimelineEntry> BY_TIME = Comparator.comparing(entry -> entry.at().toInstant());

  private final TicketSearch search;
  private final AuditTrail audit;
  private final EngineHistory engine;

  TicketHistories(TicketSearch search, AuditTrail audit, EngineHistory engine) {
    this.search = search;
    this.audit = audit;
    this.engine = engine;
  }

  TicketHistory of(String number) {
    TicketSummary ticket = search.ticket(number);
    List<TimelineEntry> timeline = new ArrayList<>();
    for (AuditEntry entry : audit.of(number)) {
      timeline.add(new TimelineEntry(entry.occurredAt(), Source.AUDIT, entry.actor(), entry.action().name(),
          entry.detail() == null ? Map.of() : Map.of("detail", entry.detail())));
    }
    EngineHistory.Read read = engine.of(number);
    timeline.addAll(read.timeline());
    timeline.sort(BY_TIME);
    return new TicketHistory(ticket, timeline, read.diagrams());
  }
}
