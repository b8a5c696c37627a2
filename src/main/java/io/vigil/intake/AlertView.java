package io.vigil.intake;

import com.fasterxml.jackson.annotation.JsonRawValue;
import java.time.OffsetDateTime;

/** An alert an incident holds, for {@code GET /api/incidents/{number}/alerts}. */
public record AlertView(
    String fingerprint,
    String alertname,
    String status,
    @JsonRawValue String labels,
    String summary,
    String generatorUrl,
    OffsetDateTime startsAt,
    OffsetDateTime endsAt,
    int receivedCount,
    OffsetDateTime firstReceivedAt,
    OffsetDateTime lastReceivedAt) {}
