package io.vigil;

import java.util.Locale;
import org.springframework.core.env.Environment;

/**
 * What a Vigil process runs, chosen with {@code vigil.role}.
 *
 * <ul>
 *   <li>{@code all}: engine, API, webapps and workers in one process (a laptop, a small site);
 *   <li>{@code engine}: engine, API and webapps, no workers;
 *   <li>{@code workers}: external-task workers only, pointed at an engine's REST API.
 * </ul>
 */
public enum VigilRole {
  ALL,
  ENGINE,
  WORKERS;

  public static final String PROPERTY = "vigil.role";

  /** The role the environment gives; {@code all} when it gives none. */
  public static VigilRole of(Environment environment) {
    return parse(environment.getProperty(PROPERTY));
  }

  public static VigilRole parse(String value) {
    if (value == null || value.isBlank()) {
      return ALL;
    }
    try {
      return valueOf(value.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "vigil.role must be one of all, engine, workers; was '" + value + "'", e);
    }
  }

  public boolean runsEngine() {
    return this != WORKERS;
  }

  public boolean runsWorkers() {
    return this != ENGINE;
  }

  /** The property's value as an operator writes it. */
  public String value() {
    return name().toLowerCase(Locale.ROOT);
  }
}
