package io.vigil.history;

import java.util.List;

/** A ticket's whole history: Vigil's audit trail and the engine's, merged by time, and the paths its processes took. */
record TicketHistory(TicketSummary ticket, List<TimelineEntry> timeline, List<ProcessDiagram> diagram) {}
