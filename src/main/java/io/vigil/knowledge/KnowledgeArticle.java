package io.vigil.knowledge;

import java.time.OffsetDateTime;

/**
 * An article of the knowledge base that users and the service desk search: a known error published
 * from its problem (symptoms, root cause, workaround), or an article the service desk wrote.
 */
public record KnowledgeArticle(
    long id,
    String title,
    String symptoms,
    String rootCause,
    String workaround,
    /** The problem whose known error this is; none for an article written directly. */
    String problem,
    String service,
    String ci,
    String author,
    OffsetDateTime createdAt,
    OffsetDateTime updatedAt) {}
