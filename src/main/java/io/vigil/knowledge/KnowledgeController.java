package io.vigil.knowledge;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.vigil.ticket.HumanText;
import io.vigil.web.NotFoundException;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/knowledge}: search the knowledge base, read an article, write one. */
@RestController
@RequestMapping("/api/knowledge")
@Validated
@Tag(name = "Knowledge base", description = "Known errors and workarounds: search them, read them, write them")
class KnowledgeController {

  private final KnowledgeBase knowledge;

  KnowledgeController(KnowledgeBase knowledge) {
    this.knowledge = knowledge;
  }

  @GetMapping
  @Operation(summary = "Search the knowledge base, best match first",
      description = "Any word may match, in any form (\"deadlocks\" finds \"deadlock\"); the title weighs most, then the"
          + " symptoms, then the root cause and the workaround. score is the relevance (BM25), comparable within one answer.")
  List<KnowledgeHit> search(
      @Parameter(description = "What to look for, in a person's words; no query syntax", example = "checkout deadlock")
      @RequestParam @Size(min = 2, max = 200) @HumanText
      @Pattern(regexp = "(?s).*[\\p{L}\\p{N}]{2}.*", message = "needs a word of two or more letters or digits") String q,
      @RequestParam(defaultValue = "10") @Min(1) @Max(50) int size) {
    return knowledge.search(q, size);
  }

  @GetMapping("/{id}")
  @Operation(summary = "One article")
  KnowledgeArticle article(@PathVariable long id) {
    return knowledge.article(id).orElseThrow(() -> new NotFoundException("knowledge article", String.valueOf(id)));
  }

  @PostMapping
  @Operation(summary = "Write an article (service desk, problem managers)",
      description = "An article with no problem behind it; known errors are published from their problem. The author is"
          + " the caller. It is found by searches on this node at once, on the others within vigil.knowledge.refresh-interval.")
  ResponseEntity<KnowledgeArticle> write(@Valid @RequestBody WriteArticleRequest request, Authentication authentication) {
    KnowledgeArticle article = knowledge.write(request, authentication.getName());
    return ResponseEntity.created(URI.create("/api/knowledge/" + article.id())).body(article);
  }
}
