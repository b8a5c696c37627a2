package io.vigil.incident;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.vigil.knowledge.KnowledgeHit;
import java.util.List;

/**
 * An incident as the API shows it: the ticket, the steps open on it now, the knowledge articles
 * that best match its words (known errors with their workarounds), best first, and its on-call
 * pages: who was paged, in order, and who acknowledged.
 */
public record IncidentView(@JsonUnwrapped Incident incident, List<String> openTasks, List<KnowledgeHit> knowledge,
    List<String> pagedUsers, String acknowledgedBy) {}
