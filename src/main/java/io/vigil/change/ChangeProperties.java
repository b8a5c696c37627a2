package io.vigil.change;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code vigil.changes.*}: the standard changes the CAB has pre-approved. A standard change names
 * one; the template's plans apply when the request gives none, it touches only the template's items
 * (when the template lists any) and lasts no longer than the template allows.
 */
@Validated
@ConfigurationProperties("vigil.changes")
record ChangeProperties(@DefaultValue List<@Valid Template> templates) {

  ChangeProperties {
    long distinct = templates.stream().map(Template::id).distinct().count();
    if (distinct != templates.size()) {
      throw new IllegalArgumentException("vigil.changes.templates: two templates have the same id");
    }
  }

  Optional<Template> template(String id) {
    return templates.stream().filter(t -> t.id().equals(id)).findFirst();
  }

  /** A pre-approved standard change. */
  record Template(
      @NotBlank @Pattern(regexp = "[a-z0-9][a-z0-9._-]*") String id,
      @NotBlank String title,
      @NotBlank String description,
      @NotBlank String implementationPlan,
      @NotBlank String backoutPlan,
      /** The items it is approved for; none: any item. */
      @DefaultValue List<String> cis,
      @NotBlank String implementerGroup,
      /** The longest window it is approved for. */
      @NotNull @DefaultValue("PT4H") Duration maxDuration) {}
}
