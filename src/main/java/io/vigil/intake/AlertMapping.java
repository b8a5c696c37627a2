package io.vigil.intake;

import static io.vigil.ticket.TicketInput.shortened;

import io.vigil.catalog.ConfigurationItem;
import io.vigil.catalog.ServiceCatalog;
import io.vigil.incident.ReportIncidentRequest;
import io.vigil.incident.contract.Level;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Turns an alert into the report that opens its incident. Title and description come from the
 * annotations; service, configuration item and category from the labels through {@code alert-service}, and
 * impact and urgency from {@code severity} through {@code alert-severity}, both in
 * {@code processes/alert-mapping.dmn}, which the process owners edit. A mapped service or item the
 * catalog does not know is left out and named in the description: an alert is never refused for it.
 */
final class AlertMapping {

  static final String SERVICE_DECISION = "alert-service";
  static final String SEVERITY_DECISION = "alert-severity";
  /** The labels the tables may always name; absent ones are null. */
  static final List<String> KNOWN_LABELS = List.of("alertname", "severity", "job", "instance", "namespace", "service", "ci", "team");

  private static final int MAX_TITLE = 200;
  private static final int MAX_DESCRIPTION = 4000;
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'");

  /** What the mapping needs of the service catalog. */
  interface Catalog {
    Optional<ConfigurationItem> configurationItem(String id);

    boolean hasService(String id);

    static Catalog of(ServiceCatalog catalog) {
      return new Catalog() {
        @Override
        public Optional<ConfigurationItem> configurationItem(String id) {
          return catalog.configurationItem(id);
        }

        @Override
        public boolean hasService(String id) {
          return catalog.service(id).isPresent();
        }
      };
    }
  }

  private final DecisionTables tables;
  private final Catalog catalog;

  AlertMapping(DecisionTables tables, Catalog catalog) {
    this.tables = tables;
    this.catalog = catalog;
  }

  /** The report, and the category when the labels tell it ({@code null}: the classifier decides). */
  record AlertReport(ReportIncidentRequest request, String category) {}

  AlertReport report(AlertmanagerPayload batch, AlertmanagerPayload.Alert alert) {
    Map<String, String> labels = alert.labels();
    Map<String, String> annotations = alert.annotationsOrEmpty();
    List<String> notes = new ArrayList<>();

    Map<String, Object> inputs = inputs(labels);
    Map<String, Object> placement = tables.firstMatch(SERVICE_DECISION, inputs);
    String service = text(placement.get("service"));
    String ci = text(placement.get("ci"));
    String category = text(placement.get("category"));
    if (category != null && !category.matches("[A-Z][A-Z_]{0,31}")) {
      notes.add("alert-mapping.dmn gave category '" + category + "', which is not a category name (UPPER_CASE): left to the classifier.");
      category = null;
    }
    if (ci != null) {
      ConfigurationItem item = catalog.configurationItem(ci).orElse(null);
      if (item == null) {
        notes.add("The labels name configuration item '" + ci + "', which the service catalog does not know.");
        ci = null;
      } else {
        if (service != null && !service.equals(item.service())) {
          notes.add("The labels name service '" + service + "', but '" + ci + "' belongs to '" + item.service() + "'.");
        }
        service = item.service();
      }
    }
    if (service != null && !catalog.hasService(service)) {
      notes.add("The labels name service '" + service + "', which the service catalog does not know.");
      service = null;
    }

    Map<String, Object> severity = tables.firstMatch(SEVERITY_DECISION, inputs);
    Level impact = level(severity.get("impact"));
    Level urgency = level(severity.get("urgency"));

    String title = first(annotations.get("summary"), annotations.get("title"));
    if (title == null) {
      title = describe(alert);
    }
    return new AlertReport(new ReportIncidentRequest(shortened(title, MAX_TITLE), description(batch, alert, notes), caller(batch),
        service, ci, impact, urgency), category);
  }

  /** Every label as a decision input, lower-cased severity, and the known labels present even when absent. */
  static Map<String, Object> inputs(Map<String, String> labels) {
    Map<String, Object> inputs = new HashMap<>();
    KNOWN_LABELS.forEach(name -> inputs.put(name, null));
    inputs.putAll(labels);
    String severity = labels.get("severity");
    inputs.put("severity", severity == null ? null : severity.toLowerCase(Locale.ROOT));
    return inputs;
  }

  /** {@code <alertname> on <instance>}: the alert in a few words, for titles and audit entries. */
  static String describe(AlertmanagerPayload.Alert alert) {
    String instance = alert.labels().get("instance");
    return alert.labels().getOrDefault("alertname", "Alert") + (instance == null ? "" : " on " + instance);
  }

  static String caller(AlertmanagerPayload batch) {
    String receiver = batch.receiver();
    return shortened("Prometheus Alertmanager" + (receiver == null || receiver.isBlank() ? "" : " (" + receiver + ")"), 100);
  }

  private static String description(AlertmanagerPayload batch, AlertmanagerPayload.Alert alert, List<String> notes) {
    Map<String, String> annotations = alert.annotationsOrEmpty();
    StringBuilder text = new StringBuilder();
    String body = first(annotations.get("description"), annotations.get("message"), annotations.get("summary"));
    text.append(body == null ? "Alert " + alert.labels().getOrDefault("alertname", "") + " is firing." : body).append("\n\n");
    text.append("Started: ").append(utc(alert.startsAt())).append('\n');
    text.append("Labels: ");
    new TreeMap<>(alert.labels()).forEach((name, value) -> text.append(name).append('=').append(value).append(' '));
    text.append('\n');
    new TreeMap<>(annotations).forEach((name, value) -> {
      if (!List.of("description", "message", "summary", "title").contains(name)) {
        text.append(name).append(": ").append(value).append('\n');
      }
    });
    if (alert.generatorUrl() != null) {
      text.append("Source: ").append(alert.generatorUrl()).append('\n');
    }
    if (batch.externalUrl() != null) {
      text.append("Alertmanager: ").append(batch.externalUrl()).append('\n');
    }
    text.append("Fingerprint: ").append(alert.fingerprint()).append('\n');
    notes.forEach(note -> text.append(note).append('\n'));
    return shortened(text.toString().strip(), MAX_DESCRIPTION);
  }

  private static Level level(Object value) {
    String text = text(value);
    if (text == null) {
      return null;
    }
    try {
      return Level.valueOf(text.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException("alert-mapping.dmn gave level '" + text + "': expected HIGH, MEDIUM or LOW", e);
    }
  }

  private static String text(Object value) {
    return value == null || value.toString().isBlank() ? null : value.toString().trim();
  }

  private static String first(String... values) {
    for (String value : values) {
      if (value != null && !value.isBlank()) {
        return value.strip();
      }
    }
    return null;
  }

  private static String utc(OffsetDateTime time) {
    return time.withOffsetSameInstant(ZoneOffset.UTC).format(TIME);
  }
}
