package io.vigil.intake;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.vigil.audit.AuditAction;
import io.vigil.audit.AuditTrail;
import io.vigil.catalog.ServiceCatalog;
import io.vigil.incident.HeldIncident;
import io.vigil.incident.MonitoredIncidents;
import io.vigil.incident.ReportIncidentRequest;
import io.vigil.incident.contract.Level;
import io.vigil.support.RetryOnConflict;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.camunda.bpm.dmn.engine.DmnDecisionResult;
import org.camunda.bpm.engine.DecisionService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Receives Alertmanager's notifications. Each alert is recorded in a transaction of its own, with
 * the incident it attaches to:
 *
 * <ul>
 *   <li>firing, and an open incident holds its key (fingerprint or group): attached, or counted
 *       when it is a repeat;
 *   <li>firing, and no open incident holds it: a new incident, unless monitoring opened
 *       {@code vigil.intake.storm.max-incidents-per-minute} in the last minute, in which case it joins
 *       the open alert-storm incident;
 *   <li>resolved: recorded; when it was the incident's last firing alert, the incident recovered
 *       ({@link MonitoredIncidents#recovered}).
 * </ul>
 *
 * Two nodes that receive the same new alert (Alertmanager runs in pairs) agree through the key's
 * primary key: the loser rolls back and attaches to the winner's incident.
 */
@Service
public class AlertIntake {

  /** The reporter and audit actor of everything Alertmanager opens. */
  public static final String SOURCE = "alertmanager";
  static final String STORM_KEY = "storm";
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'");
  private static final Logger log = LoggerFactory.getLogger(AlertIntake.class);

  /** What one batch did. */
  public record Outcome(List<String> incidents, int opened, int attached, int repeated, int resolved, int unmatched) {}

  private enum Result { OPENED, ATTACHED, REPEATED, RESOLVED, UNMATCHED }

  private record Recorded(String incident, Result result) {}

  private final AlertRepository alerts;
  private final MonitoredIncidents incidents;
  private final AuditTrail audit;
  private final AlertMapping mapping;
  private final IntakeProperties properties;
  private final TransactionTemplate transaction;
  private final ObjectMapper json;
  private final MeterRegistry meters;
  private final Clock clock;

  AlertIntake(AlertRepository alerts, MonitoredIncidents incidents, AuditTrail audit, DecisionService decisions,
      ServiceCatalog catalog, IntakeProperties properties, TransactionTemplate transaction, ObjectMapper json,
      MeterRegistry meters, Clock clock) {
    this.alerts = alerts;
    this.incidents = incidents;
    this.audit = audit;
    this.mapping = new AlertMapping((key, inputs) -> firstMatch(decisions, key, inputs), AlertMapping.Catalog.of(catalog));
    this.properties = properties;
    this.transaction = transaction;
    this.json = json;
    this.meters = meters;
    this.clock = clock;
  }

  public Outcome receive(AlertmanagerPayload received) {
    AlertmanagerPayload batch = received.withControlCharactersReplaced();
    if (batch.truncatedAlerts() != null && batch.truncatedAlerts() > 0) {
      // Alertmanager left these out itself (its max_alerts): they never reach Vigil, so say so where operators look.
      log.warn("Alertmanager truncated {} alerts of group {} (receiver {}): raise max_alerts in its webhook_config",
          batch.truncatedAlerts(), batch.groupKey(), batch.receiver());
      meters.counter("vigil.intake.alerts.truncated").increment(batch.truncatedAlerts());
    }
    LinkedHashSet<String> touched = new LinkedHashSet<>();
    int[] counts = new int[Result.values().length];
    for (AlertmanagerPayload.Alert alert : batch.alerts()) {
      Recorded recorded = record(batch, alert);
      counts[recorded.result().ordinal()]++;
      meters.counter("vigil.intake.alerts", "status", alert.status(), "outcome", recorded.result().name().toLowerCase()).increment();
      if (recorded.incident() != null) {
        touched.add(recorded.incident());
      }
    }
    return new Outcome(List.copyOf(touched), counts[Result.OPENED.ordinal()], counts[Result.ATTACHED.ordinal()],
        counts[Result.REPEATED.ordinal()], counts[Result.RESOLVED.ordinal()], counts[Result.UNMATCHED.ordinal()]);
  }

  /** Every alert an incident holds, oldest first. */
  public List<AlertView> alertsOf(String incident) {
    return alerts.alerts(incident);
  }

  private Recorded record(AlertmanagerPayload batch, AlertmanagerPayload.Alert alert) {
    return RetryOnConflict.run(() -> transaction.execute(status -> alert.firing() ? firing(batch, alert) : resolved(batch, alert)));
  }

  private Recorded firing(AlertmanagerPayload batch, AlertmanagerPayload.Alert alert) {
    String key = dedupKey(batch, alert);
    Optional<String> holder = alerts.holder(key);
    if (holder.isPresent() && incidents.hold(holder.get()).filter(HeldIncident::open).isPresent()) {
      return new Recorded(holder.get(), attach(holder.get(), batch, alert));
    }
    boolean storm = alerts.openedSince(clock.instant().minus(Duration.ofMinutes(1))) >= properties.storm().maxIncidentsPerMinute();
    String incident = storm ? stormIncident(batch) : open(mapping.report(batch, alert));
    take(key, holder, incident);
    if (storm) {
      attach(incident, batch, alert);
      return new Recorded(incident, Result.ATTACHED);
    }
    alerts.opened(incident, SOURCE);
    alerts.insert(incident, batch, alert, labels(alert));
    return new Recorded(incident, Result.OPENED);
  }

  private String open(AlertMapping.AlertReport report) {
    return incidents.open(report.request(), SOURCE, report.category(), null);
  }

  /**
   * The open alert-storm incident, opened if there is none: impact high, urgency medium, and the
   * priority {@code vigil.intake.storm.priority} (P2), so that it is urgent but an incident manager
   * decides whether it is major.
   */
  private String stormIncident(AlertmanagerPayload batch) {
    Optional<String> holder = alerts.holder(STORM_KEY);
    if (holder.isPresent() && incidents.hold(holder.get()).filter(HeldIncident::open).isPresent()) {
      return holder.get();
    }
    int limit = properties.storm().maxIncidentsPerMinute();
    String incident = incidents.open(new ReportIncidentRequest(
        "Alert storm: monitoring opened " + limit + " incidents within a minute",
        "Monitoring opened " + limit + " incidents within a minute (vigil.intake.storm.max-incidents-per-minute)."
            + " Every further new alert joins this incident instead of opening its own, until it is resolved."
            + " Its alerts: GET /api/incidents/{number}/alerts. First one from " + AlertMapping.caller(batch) + ".",
        AlertMapping.caller(batch), null, null, Level.HIGH, Level.MEDIUM), SOURCE, null, properties.storm().priority());
    take(STORM_KEY, holder, incident);
    log.warn("alert storm: {} opened, further new alerts join it", incident);
    return incident;
  }

  private void take(String key, Optional<String> holder, String incident) {
    boolean taken = holder.isPresent() ? alerts.move(key, holder.get(), incident) : alerts.claim(key, incident);
    if (!taken) {
      throw new RetryOnConflict.Lost("deduplication key " + key);
    }
  }

  private Result attach(String incident, AlertmanagerPayload batch, AlertmanagerPayload.Alert alert) {
    Optional<AlertRepository.StoredAlert> stored = alerts.alert(incident, alert.fingerprint());
    if (stored.isEmpty()) {
      alerts.insert(incident, batch, alert, labels(alert));
      audit.record(incident, SOURCE, AuditAction.ALERT_FIRING, AlertMapping.describe(alert) + " joined");
      return Result.ATTACHED;
    }
    if (stored.get().firing()) {
      alerts.repeated(stored.get().id());
      return Result.REPEATED;
    }
    alerts.firingAgain(stored.get().id(), alert.startsAt());
    incidents.firingAgain(incident);
    audit.record(incident, SOURCE, AuditAction.ALERT_FIRING, AlertMapping.describe(alert) + " firing again");
    return Result.ATTACHED;
  }

  private Recorded resolved(AlertmanagerPayload batch, AlertmanagerPayload.Alert alert) {
    Optional<String> holder = alerts.holder(dedupKey(batch, alert));
    Optional<HeldIncident> held = holder.flatMap(incidents::hold);
    Optional<AlertRepository.StoredAlert> stored = held.flatMap(h -> alerts.alert(h.number(), alert.fingerprint()));
    if (stored.isEmpty()) {
      log.debug("resolved alert {} ({}) matches no incident: it never fired here", AlertMapping.describe(alert), alert.fingerprint());
      return new Recorded(null, Result.UNMATCHED);
    }
    HeldIncident incident = held.get();
    if (!stored.get().firing()) {
      alerts.repeated(stored.get().id());
      return new Recorded(incident.number(), Result.REPEATED);
    }
    alerts.resolved(stored.get().id(), alert.endsAt() == null ? alert.startsAt() : alert.endsAt());
    if (incident.open()) {
      audit.record(incident.number(), SOURCE, AuditAction.ALERT_RESOLVED, AlertMapping.describe(alert) + " resolved");
      if (alerts.firing(incident.number()) == 0) {
        int total = alerts.total(incident.number());
        incidents.recovered(incident, SOURCE, (total == 1 ? "its alert" : "all " + total + " alerts") + " resolved, the last ("
            + AlertMapping.describe(alert) + ") at " + (alert.endsAt() == null ? "?" : alert.endsAt().withOffsetSameInstant(ZoneOffset.UTC).format(TIME)),
            properties.autoResolve());
      }
    }
    return new Recorded(incident.number(), Result.RESOLVED);
  }

  private String dedupKey(AlertmanagerPayload batch, AlertmanagerPayload.Alert alert) {
    return dedupKey(properties.alertmanager().dedupBy(), batch, alert);
  }

  /** The fingerprint, or a digest of Alertmanager's group key (which can be long). */
  static String dedupKey(IntakeProperties.DedupBy by, AlertmanagerPayload batch, AlertmanagerPayload.Alert alert) {
    return switch (by) {
      case FINGERPRINT -> "fingerprint:" + alert.fingerprint();
      case GROUP_KEY -> "group:" + sha256(batch.groupKey());
    };
  }

  private String labels(AlertmanagerPayload.Alert alert) {
    try {
      return json.writeValueAsString(new TreeMap<>(alert.labels()));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Map<String, Object> firstMatch(DecisionService decisions, String key, Map<String, Object> inputs) {
    DmnDecisionResult result = decisions.evaluateDecisionByKey(key).variables(inputs).evaluate();
    return result.isEmpty() ? Map.of() : result.getFirstResult().getEntryMap();
  }

  private static String sha256(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
