package io.vigil.change;

import java.time.OffsetDateTime;
import java.util.List;

/** Another live change on one of the same configuration items whose window overlaps. */
public record Conflict(String number, String title, ChangeState state, OffsetDateTime plannedStart, OffsetDateTime plannedEnd,
    List<String> cis) {}
