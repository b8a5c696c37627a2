package io.vigil.history;

import com.fasterxml.jackson.annotation.JsonValue;
import java.time.OffsetDateTime;
import java.util.Locale;
import java.util.Map;

/**
 * One line of a ticket's history: when, where it comes from, who (when a person or a worker did
 * it), what, and the particulars as plain strings, lists and maps.
 */
record TimelineEntry(OffsetDateTime at, Source source, String actor, String what, Map<String, Object> details) {

  /** Vigil's audit trail, or a part of the engine's history. */
  enum Source {
    AUDIT,
    ACTIVITY,
    TASK,
    DECISION,
    VARIABLE,
    OPERATION;

    @JsonValue
    String json() {
      return name().toLowerCase(Locale.ROOT);
    }
  }
}
