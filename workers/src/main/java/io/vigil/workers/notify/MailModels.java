package io.vigil.workers.notify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigil.notify.contract.Notifications;
import io.vigil.workers.WorkerProperties;
import io.vigil.workers.support.VigilApi;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;
import org.springframework.web.client.HttpClientErrorException;

/**
 * What a mail template sees (operator guide, "E-mail"):
 * <ul>
 *   <li>{@code number}: the ticket number (the task's business key); {@code kind}: {@code incident},
 *       {@code problem} or {@code change}; {@code ticket}: the ticket as {@code GET /api/incidents/{n}}
 *       (problems, changes) answers, empty when there is none;
 *   <li>{@code subject}, {@code audience}, {@code caller}: the task's variables;
 *   <li>{@code recipient}: {@code name} (empty when only the address is known) and {@code email};
 *   <li>{@code links}: {@code vigil}, {@code tasklist}, {@code ticket} (the ticket in the API) and,
 *       for incidents, {@code acknowledge} (a POST);
 *   <li>{@code articles}: up to three knowledge articles that match an incident's title, best first
 *       ({@code id}, {@code title}, {@code workaround}, {@code link});
 *   <li>{@code slaTargets}: the ticket's SLA clocks ({@code clock}, {@code target} such as "4 h",
 *       {@code dueAt}, {@code state});
 *   <li>{@code escalation}: {@code clock} and {@code threshold} of the SLA threshold the task follows,
 *       when there is one;
 *   <li>{@code pageLayer} as given, and {@code page}: {@code primary}, {@code secondary},
 *       {@code incidentManagers}, whichever it is.
 * </ul>
 * {@code articles} and {@code slaTargets} are read from the API only when a template uses them.
 *
 * <p>A queue digest is about several incidents: its model has {@code number} (the oldest, which the
 * task is filed under), {@code kind}, {@code subject}, {@code audience}, {@code links.vigil},
 * {@code links.tasklist} and {@code digest}, the incidents it lists ({@code number}, {@code title},
 * {@code priority}, {@code reachedAt}, {@code link}: the incident in the API); no ticket is read.
 */
@Component
class MailModels {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {};
  private static final int ARTICLES = 3;
  private static final int MAX_QUERY = 200;

  /** What the task says, beyond its ticket; {@code queueDigest} only for that template. */
  record Task(String number, String subject, String audience, String caller, String pageLayer, Object slaClock,
      Object slaThreshold, Object queueDigest) {}

  private final VigilApi api;
  private final String publicUrl;

  MailModels(VigilApi api, WorkerProperties properties) {
    this.api = api;
    this.publicUrl = properties.mail().publicUrl().toString().replaceAll("/+$", "");
  }

  /** The ticket {@code number} names as the API shows it, empty when there is none. */
  Map<String, Object> ticket(String number) {
    Kind kind = Kind.of(number);
    return kind == null ? Map.of()
        : api.get("/" + kind.collection + "/{number}", number).map(node -> JSON.convertValue(node, OBJECT)).orElse(Map.of());
  }

  /** The model of the task's mails, but for the recipient; made once per task, of its {@code ticket} read once. */
  Map<String, Object> of(Task task, Supplier<Map<String, Object>> ticketRead) {
    if (task.queueDigest() != null) {
      return queueDigest(task);
    }
    Kind kind = Kind.of(task.number());
    Map<String, Object> ticket = ticketRead.get();
    Map<String, Object> model = new HashMap<>();
    model.put("number", task.number());
    model.put("kind", kind == null ? "" : kind.name().toLowerCase(Locale.ROOT));
    model.put("ticket", ticket);
    model.put("subject", task.subject());
    model.put("audience", task.audience());
    model.put("caller", task.caller());
    model.put("links", links(kind, task.number()));
    model.put("articles", once(() -> kind == Kind.INCIDENT ? articles(String.valueOf(ticket.getOrDefault("title", ""))) : List.of()));
    model.put("slaTargets", once(() -> kind == null || ticket.isEmpty() ? List.of() : slaTargets(kind, task.number())));
    if (task.slaClock() != null) {
      model.put("escalation", Map.of("clock", String.valueOf(task.slaClock()).toLowerCase(Locale.ROOT),
          "threshold", String.valueOf(task.slaThreshold())));
    }
    model.put("pageLayer", task.pageLayer());
    model.put("page", Map.of("primary", "PRIMARY".equals(task.pageLayer()), "secondary", "SECONDARY".equals(task.pageLayer()),
        "incidentManagers", "INCIDENT_MANAGERS".equals(task.pageLayer())));
    return model;
  }

  private Map<String, Object> queueDigest(Task task) {
    JsonNode incidents;
    try {
      incidents = JSON.readTree(String.valueOf(task.queueDigest()));
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(Notifications.Variables.QUEUE_DIGEST + " is not JSON: " + task.queueDigest(), e);
    }
    List<Map<String, Object>> digest = new ArrayList<>();
    incidents.forEach(incident -> {
      Map<String, Object> item = new LinkedHashMap<>();
      item.put("number", incident.path("number").asText());
      item.put("title", incident.path("title").asText(""));
      item.put("priority", incident.path("priority").asText(""));
      item.put("reachedAt", incident.path("reachedAt").asText(""));
      item.put("link", publicUrl + "/api/" + Kind.INCIDENT.collection + "/" + incident.path("number").asText());
      digest.add(item);
    });
    Map<String, Object> model = new HashMap<>();
    model.put("number", task.number());
    model.put("kind", Kind.INCIDENT.name().toLowerCase(Locale.ROOT));
    model.put("subject", task.subject());
    model.put("audience", task.audience());
    // the links of one ticket would name only the incident the digest is filed under
    model.put("links", links(null, task.number()));
    model.put("digest", digest);
    return model;
  }

  /** The model for one recipient. */
  static Map<String, Object> to(Map<String, Object> model, Recipient recipient) {
    Map<String, Object> personal = new HashMap<>(model);
    personal.put("recipient", Map.of("name", recipient.name(), "email", recipient.address()));
    return personal;
  }

  private Map<String, Object> links(Kind kind, String number) {
    Map<String, Object> links = new LinkedHashMap<>();
    links.put("vigil", publicUrl);
    links.put("tasklist", publicUrl + "/camunda/app/tasklist/default/");
    if (kind != null) {
      links.put("ticket", publicUrl + "/api/" + kind.collection + "/" + number);
    }
    if (kind == Kind.INCIDENT) {
      links.put("acknowledge", publicUrl + "/api/incidents/" + number + "/acknowledge");
    }
    return links;
  }

  private List<Map<String, Object>> articles(String title) {
    String query = title.length() > MAX_QUERY ? title.substring(0, MAX_QUERY) : title;
    JsonNode hits;
    try {
      hits = api.get("/knowledge?q={q}&size={size}", query, ARTICLES).orElse(null);
    } catch (HttpClientErrorException.BadRequest notSearchable) {
      // a title without a word the search takes (two letters or digits): nothing to suggest
      return List.of();
    }
    List<Map<String, Object>> articles = new ArrayList<>();
    if (hits != null) {
      hits.forEach(hit -> articles.add(Map.of("id", hit.path("id").asText(), "title", hit.path("title").asText(""),
          "workaround", hit.path("workaround").asText(""), "link", publicUrl + "/api/knowledge/" + hit.path("id").asText())));
    }
    return articles.size() > ARTICLES ? articles.subList(0, ARTICLES) : articles;
  }

  private List<Map<String, Object>> slaTargets(Kind kind, String number) {
    List<Map<String, Object>> targets = new ArrayList<>();
    api.get("/" + kind.collection + "/{number}/sla", number).ifPresent(clocks -> clocks.forEach(clock -> {
      Map<String, Object> target = new LinkedHashMap<>();
      target.put("clock", clock.path("kind").asText("").toLowerCase(Locale.ROOT).replace('_', ' '));
      target.put("target", human(clock.path("target").asText("")));
      target.put("dueAt", clock.path("dueAt").asText(""));
      target.put("state", clock.path("state").asText(""));
      targets.add(target);
    }));
    return targets;
  }

  /** An ISO-8601 duration as a person reads it: PT4H is "4 h", P2DT30M "2 d 30 min". */
  static String human(String iso) {
    Duration duration;
    try {
      duration = Duration.parse(iso);
    } catch (DateTimeParseException e) {
      return iso;
    }
    List<String> parts = new ArrayList<>();
    if (duration.toDaysPart() > 0) {
      parts.add(duration.toDaysPart() + " d");
    }
    if (duration.toHoursPart() > 0) {
      parts.add(duration.toHoursPart() + " h");
    }
    if (duration.toMinutesPart() > 0 || parts.isEmpty()) {
      parts.add(duration.toMinutesPart() + " min");
    }
    return String.join(" ", parts);
  }

  /** Computed when first asked for (a template that shows it), then kept for the task's other recipients. */
  static <T> Supplier<T> once(Supplier<T> compute) {
    return new Supplier<>() {
      private T value;
      private boolean computed;

      @Override
      public synchronized T get() {
        if (!computed) {
          value = compute.get();
          computed = true;
        }
        return value;
      }
    };
  }

  /** The kinds of ticket, by the prefix of their number, and where the API keeps them. */
  enum Kind {
    INCIDENT("INC-", "incidents"),
    PROBLEM("PRB-", "problems"),
    CHANGE("CHG-", "changes");

    final String prefix;
    final String collection;

    Kind(String prefix, String collection) {
      this.prefix = prefix;
      this.collection = collection;
    }

    static Kind of(String number) {
      for (Kind kind : values()) {
        if (number != null && number.startsWith(kind.prefix)) {
          return kind;
        }
      }
      return null;
    }
  }
}
