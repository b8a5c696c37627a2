package io.vigil.intake;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.vigil.ticket.ControlCharacters;
import io.vigil.web.FourDigitYear;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Prometheus Alertmanager's webhook body, version 4
 * (<a href="https://prometheus.io/docs/alerting/latest/configuration/#webhook_config">webhook_config</a>).
 * Limits keep a hostile body from costing more than a real one: label names as Prometheus allows
 * them, bounded sizes everywhere.
 */
public record AlertmanagerPayload(
    @NotNull @Pattern(regexp = "4", message = "must be \"4\", the webhook payload version this receiver reads") String version,
    @NotNull @Size(max = MAX_GROUP_KEY) String groupKey,
    @Min(0) Integer truncatedAlerts,
    @NotNull @Pattern(regexp = STATUS) String status,
    @Size(max = 200) String receiver,
    @Valid Map<@Pattern(regexp = LABEL_NAME) String, @NotNull @Size(max = MAX_LABEL) String> groupLabels,
    @Valid Map<@Pattern(regexp = LABEL_NAME) String, @NotNull @Size(max = MAX_LABEL) String> commonLabels,
    @Valid Map<@Size(max = 200) String, @NotNull @Size(max = MAX_ANNOTATION) String> commonAnnotations,
    @JsonProperty("externalURL") @Size(max = 1000) String externalUrl,
    @NotEmpty List<@NotNull @Valid Alert> alerts) {

  static final String STATUS = "firing|resolved";
  static final String LABEL_NAME = "[a-zA-Z_][a-zA-Z0-9_]{0,199}";
  static final int MAX_LABEL = 1000;
  static final int MAX_ANNOTATION = 4000;
  static final int MAX_GROUP_KEY = 1000;

  /**
   * The same batch with {@link ControlCharacters} replaced in every text: an alert is machine input,
   * never refused for them (a person's input is).
   */
  public AlertmanagerPayload withControlCharactersReplaced() {
    return new AlertmanagerPayload(version, ControlCharacters.replaced(groupKey), truncatedAlerts, status,
        ControlCharacters.replaced(receiver), replaced(groupLabels), replaced(commonLabels), replaced(commonAnnotations),
        ControlCharacters.replaced(externalUrl), alerts.stream().map(Alert::withControlCharactersReplaced).toList());
  }

  private static Map<String, String> replaced(Map<String, String> texts) {
    if (texts == null) {
      return null;
    }
    Map<String, String> clean = new LinkedHashMap<>();
    texts.forEach((name, value) -> clean.put(ControlCharacters.replaced(name), ControlCharacters.replaced(value)));
    return clean;
  }

  /** One alert of the group. {@code endsAt} is in the past once it resolved. */
  public record Alert(
      @NotNull @Pattern(regexp = STATUS) String status,
      @NotEmpty @Size(max = 64) @Valid Map<@Pattern(regexp = LABEL_NAME) String, @NotNull @Size(max = MAX_LABEL) String> labels,
      @Size(max = 32) @Valid Map<@Size(max = 200) String, @NotNull @Size(max = MAX_ANNOTATION) String> annotations,
      @NotNull @FourDigitYear OffsetDateTime startsAt,
      @FourDigitYear OffsetDateTime endsAt,
      @JsonProperty("generatorURL") @Size(max = 1000) String generatorUrl,
      @NotBlank @Pattern(regexp = "[0-9a-f]{1,64}", message = "must be Alertmanager's hexadecimal fingerprint") String fingerprint) {

    public boolean firing() {
      return "firing".equals(status);
    }

    public Map<String, String> annotationsOrEmpty() {
      return annotations == null ? Map.of() : annotations;
    }

    Alert withControlCharactersReplaced() {
      return new Alert(status, replaced(labels), replaced(annotations), startsAt, endsAt, ControlCharacters.replaced(generatorUrl),
          fingerprint);
    }
  }
}
