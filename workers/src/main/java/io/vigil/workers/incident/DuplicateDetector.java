package io.vigil.workers.incident;

import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Whether a new report looks like an open incident on the same configuration item: the word sets of
 * the two titles overlap at least as much as the configured similarity (Jaccard index).
 */
final class DuplicateDetector {

  private static final Set<String> STOP_WORDS = Set.of(
      "the", "and", "for", "not", "with", "from", "our", "are", "was", "has", "have", "all", "any", "this", "that",
      "when", "since", "does", "cannot", "can't", "after", "into", "its", "but", "you", "your");

  /** An open incident: its number and title. */
  record Candidate(String number, String title) {}

  /** The best match and how similar it is. */
  record Match(String number, double similarity) {}

  private final double threshold;

  DuplicateDetector(double threshold) {
    this.threshold = threshold;
  }

  Optional<Match> bestMatch(String title, Collection<Candidate> openIncidents) {
    Set<String> words = words(title);
    if (words.isEmpty()) {
      return Optional.empty();
    }
    return openIncidents.stream()
        .map(c -> new Match(c.number(), similarity(words, words(c.title()))))
        .filter(m -> m.similarity() >= threshold)
        .max((a, b) -> Double.compare(a.similarity(), b.similarity()));
  }

  static double similarity(Set<String> a, Set<String> b) {
    if (a.isEmpty() || b.isEmpty()) {
      return 0;
    }
    Set<String> union = new HashSet<>(a);
    union.addAll(b);
    long common = a.stream().filter(b::contains).count();
    return (double) common / union.size();
  }

  static Set<String> words(String text) {
    if (text == null) {
      return Set.of();
    }
    return Arrays.stream(text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}']+"))
        .filter(w -> w.length() >= 3 || w.chars().allMatch(Character::isDigit) && !w.isEmpty())
        .filter(w -> !STOP_WORDS.contains(w))
        .collect(Collectors.toSet());
  }
}
