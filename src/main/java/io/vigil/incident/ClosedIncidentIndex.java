package io.vigil.incident;

import io.vigil.support.AfterCommit;
import io.vigil.support.IndexCatchUp;
import io.vigil.support.SearchIndex;
import io.vigil.support.SearchIndexProperties;
import io.vigil.support.TextIndex;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

/**
 * This node's search index of closed incidents, to show the similar past incidents and how they were
 * resolved (ADR 18). It holds the words of the title, the description and the resolution notes, and
 * the service to filter on; the number is the only thing stored, the rest of an answer is read from
 * the table. Read from the table in the background at start, then caught up by
 * {@code closed_at} every {@code vigil.knowledge.refresh-interval}, on every node alike: an incident
 * closed anywhere is found within that interval.
 */
@Component
@EnableConfigurationProperties(SearchIndexProperties.class)
public class ClosedIncidentIndex extends SearchIndex {

  /** The title says what went wrong; the description and notes add the caller's and the resolver's words. */
  private static final Map<String, Float> WEIGHTS = Map.of("title", 3f, "description", 1f, "resolutionNotes", 1f);
  private static final String SERVICE = "service";

  private final ClosedIncidents incidents;

  ClosedIncidentIndex(ClosedIncidents incidents, SearchIndexProperties properties, Clock clock) {
    super("vigil-closed-incident-index", WEIGHTS,
        (after, limit) -> incidents.closedSince(after, limit).stream()
            .map(words -> new IndexCatchUp.Change(new IndexCatchUp.Position(words.closedAt(), words.id()), entry(words)))
            .toList(),
        properties, clock);
    this.incidents = incidents;
  }

  /**
   * The closed incidents that best match a person's words, best first, at most {@code size} (at
   * least 1), only those of the service when one is given. Words match as English words in any form;
   * any word may match, and incidents matching more, and rarer, words rank higher, a match in the
   * title above one in the description or resolution notes. Text with no word to search finds nothing.
   */
  public List<SimilarIncident> similar(String text, String service, int size) {
    return incidents.of(index.search(text, service == null ? null : new TextIndex.Keyword(SERVICE, service), size));
  }

  /** The incident closed in the caller's transaction: found here once it commits, before the next look. */
  void closed(String number) {
    AfterCommit.run(() -> catchUp.refresh(() -> incidents.closed(number).map(ClosedIncidentIndex::entry)));
  }

  private static TextIndex.Entry entry(ClosedIncidents.Words incident) {
    Map<String, String> texts = new HashMap<>();
    texts.put("title", incident.title());
    texts.put("description", incident.description());
    texts.put("resolutionNotes", incident.resolutionNotes());
    Map<String, String> keywords = new HashMap<>();
    keywords.put(SERVICE, incident.service());
    return new TextIndex.Entry(incident.number(), texts, keywords);
  }

}
