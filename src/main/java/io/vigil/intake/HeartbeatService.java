package io.vigil.intake;

import io.vigil.audit.AuditAction;
import io.vigil.audit.AuditTrail;
import io.vigil.catalog.ServiceCatalog;
import io.vigil.incident.HeldIncident;
import io.vigil.incident.MonitoredIncidents;
import io.vigil.incident.ReportIncidentRequest;
import io.vigil.support.RetryOnConflict;
import io.vigil.ticket.ControlCharacters;
import io.vigil.ticket.TicketInput;
import io.vigil.web.ConflictException;
import io.vigil.web.NotFoundException;
import io.vigil.web.UnprocessableException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Heartbeats of scheduled jobs. A job pings after each good run and reports a failed one; a run
 * that neither pings nor fails within its period and grace is missed. A missed or failed run opens
 * one incident of the monitor's priority; until the next good ping, further failures are added to it.
 * The good ping records the recovery on it ({@link MonitoredIncidents#recovered}).
 */
@Service
public class HeartbeatService {

  /** The reporter and audit actor of what heartbeats open. */
  public static final String SOURCE = "heartbeat";
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'");
  private static final Logger log = LoggerFactory.getLogger(HeartbeatService.class);

  private final HeartbeatRepository monitors;
  private final MonitoredIncidents incidents;
  private final AuditTrail audit;
  private final ServiceCatalog catalog;
  private final IntakeProperties properties;
  private final TransactionTemplate transaction;
  private final Clock clock;

  HeartbeatService(HeartbeatRepository monitors, MonitoredIncidents incidents, AuditTrail audit, ServiceCatalog catalog,
      IntakeProperties properties, TransactionTemplate transaction, Clock clock) {
    this.monitors = monitors;
    this.incidents = incidents;
    this.audit = audit;
    this.properties = properties;
    this.catalog = catalog;
    this.transaction = transaction;
    this.clock = clock;
  }

  public HeartbeatMonitor create(HeartbeatRequest request, String createdBy) {
    check(request);
    try {
      transaction.executeWithoutResult(status -> monitors.insert(request, createdBy));
    } catch (DuplicateKeyException e) {
      throw new ConflictException("heartbeat monitor '" + request.name() + "' already exists");
    }
    log.info("heartbeat monitor {} created by {}: every {} (+{} grace)", request.name(), createdBy, request.period(),
        request.graceOrNone());
    return get(request.name());
  }

  public HeartbeatMonitor update(HeartbeatRequest request) {
    check(request);
    if (!Boolean.TRUE.equals(transaction.execute(status -> monitors.update(request)))) {
      throw notFound(request.name());
    }
    return get(request.name());
  }

  public void delete(String name) {
    if (!Boolean.TRUE.equals(transaction.execute(status -> monitors.delete(name)))) {
      throw notFound(name);
    }
  }

  public List<HeartbeatMonitor> all() {
    return monitors.all();
  }

  public HeartbeatMonitor get(String name) {
    return monitors.find(name).orElseThrow(() -> notFound(name));
  }

  /** A good run: the monitor is up, and an incident it opened recovers. */
  public HeartbeatMonitor ping(String name) {
    RetryOnConflict.run(() -> transaction.execute(status -> {
      HeartbeatMonitor monitor = monitors.lock(name).orElseThrow(() -> notFound(name));
      monitors.pinged(name, monitor.period().plus(monitor.grace()));
      if (monitor.incident() != null) {
        incidents.hold(monitor.incident()).ifPresent(incident -> incidents.recovered(incident, SOURCE,
            "heartbeat " + name + " ran well again at " + now().format(TIME), properties.autoResolve()));
      }
      return monitor;
    }));
    return get(name);
  }

  /**
   * A failed run: opens an incident unless one is open for this monitor already. The reason is kept
   * as the job sent it, control characters replaced.
   */
  public HeartbeatMonitor fail(String name, String reason) {
    String why = reason == null || reason.isBlank() ? null : TicketInput.shortened(ControlCharacters.replaced(reason.strip()), 1000);
    RetryOnConflict.run(() -> transaction.execute(status -> {
      HeartbeatMonitor monitor = monitors.lock(name).orElseThrow(() -> notFound(name));
      monitors.failed(name, why, monitor.period().plus(monitor.grace()));
      String detail = "run failed at " + now().format(TIME) + (why == null ? "" : ": " + why);
      Optional<HeldIncident> open = Optional.ofNullable(monitor.incident())
          .flatMap(incidents::hold)
          .filter(HeldIncident::open);
      if (open.isPresent()) {
        audit.record(open.get().number(), SOURCE, AuditAction.HEARTBEAT_FAILED, name + " " + detail);
      } else {
        open(monitor, "Scheduled job " + name + " failed", "The scheduled job " + name + " reported a failed " + detail + ".");
      }
      return monitor;
    }));
    return get(name);
  }

  /** Called by {@link HeartbeatWatch}: opens the incident of a missed run, once across the cluster. */
  void missed(String name) {
    RetryOnConflict.run(() -> transaction.execute(status -> {
      OffsetDateTime now = now();
      Optional<HeartbeatMonitor> monitor = monitors.find(name);
      if (monitor.isEmpty() || !monitors.missed(name, now)) {
        return false;
      }
      HeartbeatMonitor missed = monitor.get();
      String last = missed.lastPingAt() == null ? "it has not pinged since it was created at " + missed.createdAt().format(TIME)
          : "its last good run pinged at " + missed.lastPingAt().withOffsetSameInstant(ZoneOffset.UTC).format(TIME);
      open(missed, "Scheduled job " + name + " missed its run",
          "The scheduled job " + name + " should run every " + missed.period() + " (grace " + missed.grace() + "), and "
              + last + ". Nothing was heard by " + missed.nextDueAt().withOffsetSameInstant(ZoneOffset.UTC).format(TIME) + ".");
      return true;
    }));
  }

  /** The incident of a missed or failed run: the monitor's priority, whatever the priority table says. */
  private void open(HeartbeatMonitor monitor, String title, String description) {
    String incident = incidents.open(new ReportIncidentRequest(title, description, "Heartbeat monitor " + monitor.name(),
        null, monitor.ci() != null && catalog.configurationItem(monitor.ci()).isPresent() ? monitor.ci() : null,
        null, null), SOURCE, null, monitor.priority());
    monitors.incidentOpened(monitor.name(), incident);
    log.info("heartbeat {}: {} opened {} ({})", monitor.name(), title, incident, monitor.priority());
  }

  private void check(HeartbeatRequest request) {
    if (request.period().compareTo(HeartbeatRequest.MIN_PERIOD) < 0 || request.period().compareTo(HeartbeatRequest.MAX_PERIOD) > 0) {
      throw new UnprocessableException("period", "period: must be between " + HeartbeatRequest.MIN_PERIOD + " and "
          + HeartbeatRequest.MAX_PERIOD + ", got " + request.period());
    }
    if (request.graceOrNone().isNegative() || request.graceOrNone().compareTo(HeartbeatRequest.MAX_GRACE) > 0) {
      throw new UnprocessableException("grace", "grace: must be between PT0S and " + HeartbeatRequest.MAX_GRACE + ", got "
          + request.grace());
    }
    if (request.ci() != null && catalog.configurationItem(request.ci()).isEmpty()) {
      throw new UnprocessableException("ci", "ci: unknown configuration item '" + request.ci() + "'");
    }
  }

  private OffsetDateTime now() {
    return OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
  }

  private static NotFoundException notFound(String name) {
    return new NotFoundException("heartbeat monitor", name);
  }
}
