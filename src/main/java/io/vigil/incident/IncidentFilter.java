package io.vigil.incident;

import io.vigil.incident.contract.Priority;
import io.vigil.ticket.TicketPeriod;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Which incidents a list asks for; null means any. {@code words}: each of them starts a word of the
 * title or the description (none: no text search). {@code period}: open at some moment of it.
 */
public record IncidentFilter(
    IncidentState state, String resolverGroup, Priority priority, String ci, Boolean open, List<String> words,
    String number, TicketPeriod period) {

  /** A word of a search: two or more letters or digits (one alone would match nearly every ticket). */
  private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]{2,}");

  public IncidentFilter {
    words = words == null ? List.of() : List.copyOf(words);
  }

  /** The filters of the incident list. */
  public IncidentFilter(IncidentState state, String resolverGroup, Priority priority, String ci, Boolean open, List<String> words) {
    this(state, resolverGroup, priority, ci, open, words, null, null);
  }

  /** The words of a search text, lower case. */
  public static List<String> words(String text) {
    return text == null ? List.of() : WORD.matcher(text).results().map(m -> m.group().toLowerCase(Locale.ROOT)).toList();
  }
}
