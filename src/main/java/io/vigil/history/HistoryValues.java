package io.vigil.history;

import java.util.Date;
import org.camunda.bpm.engine.variable.value.SerializableValue;
import org.camunda.bpm.engine.variable.value.TypedValue;

/**
 * The engine's values as text an auditor can read and a browser can show safely: primitives as
 * they are, JSON and XML as their text, dates in UTC; Java-serialized objects and binary values
 * are named, never read; anything longer than {@value #MAX_LENGTH} characters is clipped.
 */
final class HistoryValues {

  static final int MAX_LENGTH = 2_000;

  private static final String JAVA_SERIALIZED = "application/x-java-serialized-object";

  private HistoryValues() {}

  static String text(TypedValue typed, String errorMessage) {
    if (errorMessage != null) {
      return "(not readable: " + clip(errorMessage) + ")";
    }
    if (typed == null) {
      return null;
    }
    String type = typed.getType() == null ? "unknown" : typed.getType().getName();
    if (typed instanceof SerializableValue serializable) {
      if (JAVA_SERIALIZED.equals(serializable.getSerializationDataFormat())) {
        return "(" + type + " value, Java-serialized, not shown)";
      }
      return clip(serializable.isDeserialized() ? String.valueOf(serializable.getValue()) : serializable.getValueSerialized());
    }
    if ("bytes".equals(type) || "file".equals(type)) {
      return "(" + type + " value, not shown)";
    }
    return text(typed.getValue());
  }

  static String text(Object value) {
    if (value == null) {
      return null;
    }
    if (value instanceof Date date) {
      return date.toInstant().toString();
    }
    return clip(String.valueOf(value));
  }

  private static String clip(String text) {
    return text == null || text.length() <= MAX_LENGTH ? text : text.substring(0, MAX_LENGTH) + "… (clipped)";
  }
}
