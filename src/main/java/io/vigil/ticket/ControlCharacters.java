package io.vigil.ticket;

/**
 * Control characters in text (NUL and the like; tab, carriage return and line feed are ordinary
 * text). PostgreSQL cannot store NUL at all, and none of them belongs in a ticket: a person's input
 * holding one is refused, naming the field; machine input (alerts, job reports) has them replaced,
 * so that nothing a monitor sends is lost for it.
 */
public final class ControlCharacters {

  /** What takes a control character's place in machine input: U+FFFD, the replacement character. */
  public static final char REPLACEMENT = '\uFFFD';

  private ControlCharacters() {}

  public static boolean in(String text) {
    for (int i = 0; i < text.length(); i++) {
      if (isControl(text.charAt(i))) {
        return true;
      }
    }
    return false;
  }

  /** The text with each control character replaced; the same string when it holds none. */
  public static String replaced(String text) {
    if (text == null || !in(text)) {
      return text;
    }
    StringBuilder clean = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      clean.append(isControl(c) ? REPLACEMENT : c);
    }
    return clean.toString();
  }

  private static boolean isControl(char c) {
    return Character.isISOControl(c) && c != '\t' && c != '\n' && c != '\r';
  }
}
