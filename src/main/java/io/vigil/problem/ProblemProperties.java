package io.vigil.problem;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/** {@code vigil.problems.*}: problem management's settings. */
@Validated
@ConfigurationProperties("vigil.problems")
record ProblemProperties(@DefaultValue Recurrence recurrence) {

  /**
   * Whether incidents that keep coming back open problems by themselves (the rules are
   * {@code problem-recurrence.dmn}'s); off, only people open problems.
   */
  record Recurrence(@DefaultValue("true") boolean enabled) {}
}
