package io.vigil.change;

import java.time.Duration;
import java.util.List;

/** A pre-approved standard change, as requesters choose it. */
public record TemplateView(String id, String title, String description, String implementationPlan, String backoutPlan,
    List<String> cis, String implementerGroup, Duration maxDuration) {

  static TemplateView of(ChangeProperties.Template t) {
    return new TemplateView(t.id(), t.title(), t.description(), t.implementationPlan(), t.backoutPlan(), t.cis(),
        t.implementerGroup(), t.maxDuration());
  }
}
