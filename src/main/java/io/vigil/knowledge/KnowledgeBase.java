package io.vigil.knowledge;

import java.util.Optional;
import org.springframework.stereotype.Service;

/**
 * The knowledge base users and the service desk search: known errors published from problems, and
 * articles the service desk writes. Articles are written in the caller's transaction (a problem's
 * step, a request), so an article and what published it commit together.
 */
@Service
public class KnowledgeBase {

  private final KnowledgeArticles articles;

  KnowledgeBase(KnowledgeArticles articles) {
    this.articles = articles;
  }

  /** What a problem's known error says, to publish. */
  public record KnownError(String problem, String title, String symptoms, String rootCause, String workaround,
      String service, String ci, String author) {}

  /** The article of a problem's known error, once published. */
  public Optional<Long> articleOf(String problem) {
    return articles.ofProblem(problem).map(KnowledgeArticle::id);
  }

  /** Publishes the problem's known error, or brings its article up to date: the article's id. */
  public long publish(KnownError knownError) {
    KnowledgeArticles.Draft draft = new KnowledgeArticles.Draft(knownError.title(), knownError.symptoms(),
        knownError.rootCause(), knownError.workaround(), knownError.service(), knownError.ci(), knownError.author());
    return articles.ofProblem(knownError.problem())
        .map(existing -> {
          articles.update(existing.id(), draft);
          return existing.id();
        })
        .orElseGet(() -> articles.insert(draft, knownError.problem()));
  }
}
