package io.vigil.knowledge;

import io.vigil.catalog.ServiceCatalog;
import io.vigil.support.TextIndex;
import io.vigil.web.UnprocessableException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * The knowledge base users and the service desk search: known errors published from problems, and
 * articles the service desk writes. Articles are written in the caller's transaction (a problem's
 * step, a request), so an article and what published it commit together; the search finds it once
 * that transaction commits.
 */
@Service
public class KnowledgeBase {

  private static final Logger log = LoggerFactory.getLogger(KnowledgeBase.class);

  private final KnowledgeArticles articles;
  private final KnowledgeIndex index;
  private final ServiceCatalog catalog;

  KnowledgeBase(KnowledgeArticles articles, KnowledgeIndex index, ServiceCatalog catalog) {
    this.articles = articles;
    this.index = index;
    this.catalog = catalog;
  }

  /** What a problem's known error says, to publish. */
  public record KnownError(String problem, String title, String symptoms, String rootCause, String workaround,
      String service, String ci, String author) {}

  /** The article of a problem's known error, once published. */
  public Optional<Long> articleOf(String problem) {
    return articles.ofProblem(problem).map(KnowledgeArticle::id);
  }

  public Optional<KnowledgeArticle> article(long id) {
    return articles.find(id);
  }

  /** Publishes the problem's known error, or brings its article up to date: the article's id. */
  public long publish(KnownError knownError) {
    KnowledgeArticles.Draft draft = new KnowledgeArticles.Draft(knownError.title(), knownError.symptoms(),
        knownError.rootCause(), knownError.workaround(), knownError.service(), knownError.ci(), knownError.author());
    long id = articles.ofProblem(knownError.problem())
        .map(existing -> {
          articles.update(existing.id(), draft);
          return existing.id();
        })
        .orElseGet(() -> articles.insert(draft, knownError.problem()));
    index.written(id);
    return id;
  }

  /**
   * The articles that best match a person's words (an incident's title, what a caller says), best
   * first, at most {@code size} (at least 1): the title weighs most, then the symptoms, then the root
   * cause and the workaround. Words are matched as English words in any form ("deadlocks" finds
   * "deadlock"); any word may match, and articles matching more, and rarer, words rank higher. Only
   * the first 64 distinct words of a long text count. Text that has no word to search finds nothing.
   */
  public List<KnowledgeHit> search(String text, int size) {
    List<TextIndex.Hit> hits = index.search(text, size);
    Map<Long, KnowledgeArticle> found = articles.find(hits.stream().map(hit -> Long.valueOf(hit.key())).toList()).stream()
        .collect(Collectors.toMap(KnowledgeArticle::id, Function.identity()));
    // An article removed from the table since it was indexed is left out.
    return hits.stream()
        .flatMap(hit -> Optional.ofNullable(found.get(Long.valueOf(hit.key()))).stream()
            .map(a -> new KnowledgeHit(a.id(), a.title(), a.symptoms(), a.workaround(), a.problem(), hit.score())))
        .toList();
  }

  /** An article written directly, with no problem behind it; its service follows from its CI when not given. */
  KnowledgeArticle write(WriteArticleRequest request, String author) {
    String service = serviceOf(request.service(), request.ci());
    long id = articles.insert(new KnowledgeArticles.Draft(request.title().strip(), request.symptoms().strip(),
        blankToNull(request.rootCause()), request.workaround().strip(), service, request.ci(), author), null);
    index.written(id);
    log.info("Knowledge article {} written by {}: {}", id, author, request.title().strip());
    return articles.find(id).orElseThrow();
  }

  private String serviceOf(String service, String ci) {
    try {
      return catalog.serviceOf(service, ci);
    } catch (ServiceCatalog.NotInCatalog refused) {
      throw new UnprocessableException(refused.field(), refused.getMessage());
    }
  }

  private static String blankToNull(String text) {
    return text == null || text.isBlank() ? null : text.strip();
  }
}
