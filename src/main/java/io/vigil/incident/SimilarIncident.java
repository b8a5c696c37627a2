package io.vigil.incident;

import io.vigil.incident.contract.ResolutionCode;
import java.time.OffsetDateTime;

/**
 * A closed incident that resembles what is being searched, and how it was resolved. {@code score} is
 * Lucene's BM25 relevance: higher is better, comparable only among the answers of one search.
 */
public record SimilarIncident(
    String number,
    String title,
    String service,
    String ci,
    ResolutionCode resolutionCode,
    String resolutionNotes,
    OffsetDateTime closedAt,
    float score) {}
