package io.vigil.knowledge;

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
 * This node's search index of the knowledge base (ADR 18): every article, read from the table in the
 * background at start, caught up every {@code vigil.knowledge.refresh-interval} with what other
 * nodes wrote, and with what this node writes right after it commits.
 */
@Component
@EnableConfigurationProperties(SearchIndexProperties.class)
class KnowledgeIndex extends SearchIndex {

  /**
   * A title says what the article is about; symptoms are what a searcher describes; the root cause
   * and the workaround use the words of whoever fixed it.
   */
  private static final Map<String, Float> WEIGHTS = Map.of("title", 3f, "symptoms", 2f, "rootCause", 1f, "workaround", 1f);

  private final KnowledgeArticles articles;

  KnowledgeIndex(KnowledgeArticles articles, SearchIndexProperties properties, Clock clock) {
    super("vigil-knowledge-index", WEIGHTS,
        (after, limit) -> articles.changedSince(after, limit).stream()
            .map(article -> new IndexCatchUp.Change(new IndexCatchUp.Position(article.updatedAt(), article.id()), entry(article)))
            .toList(),
        properties, clock);
    this.articles = articles;
  }

  /** The article was written in the caller's transaction: searchable here once it commits. */
  void written(long id) {
    AfterCommit.run(() -> catchUp.refresh(() -> articles.find(id).map(KnowledgeIndex::entry)));
  }

  /** The ids of the best articles for the words, best first. */
  List<TextIndex.Hit> search(String text, int size) {
    return index.search(text, size);
  }

  private static TextIndex.Entry entry(KnowledgeArticle article) {
    Map<String, String> texts = new HashMap<>();
    texts.put("title", article.title());
    texts.put("symptoms", article.symptoms());
    texts.put("rootCause", article.rootCause());
    texts.put("workaround", article.workaround());
    return new TextIndex.Entry(String.valueOf(article.id()), texts, Map.of());
  }

}
