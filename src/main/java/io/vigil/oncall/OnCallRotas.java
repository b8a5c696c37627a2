package io.vigil.oncall;

import io.vigil.audit.AuditAction;
import io.vigil.audit.AuditTrail;
import io.vigil.security.VigilGroup;
import io.vigil.sla.SlaCalendars;
import io.vigil.support.ICalendarFeed;
import io.vigil.support.RetryOnConflict;
import io.vigil.web.BadRequestException;
import io.vigil.web.NotFoundException;
import io.vigil.web.UnprocessableException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.engine.IdentityService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The rotas of the resolver groups as the API keeps them: replaced whole, overridden for a while,
 * read as JSON and as a calendar feed. Every write and its audit entry (under ADMIN) commit
 * together. Who may write is decided before a request gets here (SecurityConfiguration).
 */
@Service
@EnableConfigurationProperties(OnCallProperties.class)
class OnCallRotas {

  static final String FEED_PRODUCT = "-//Vigil//On-call rota//EN";
  /** Without {@code to}, the overrides listed reach this far past {@code from}. */
  static final Duration DEFAULT_LIST_RANGE = Duration.ofDays(366);

  private static final Logger log = LoggerFactory.getLogger(OnCallRotas.class);
  private static final DateTimeFormatter UID_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

  private final RotaRepository rotas;
  private final OnCallSchedule schedule;
  private final AuditTrail audit;
  private final IdentityService identity;
  private final SlaCalendars calendars;
  private final OnCallProperties properties;
  private final TransactionTemplate transaction;
  private final Clock clock;

  OnCallRotas(RotaRepository rotas, OnCallSchedule schedule, AuditTrail audit, IdentityService identity, SlaCalendars calendars,
      OnCallProperties properties, TransactionTemplate transaction, Clock clock) {
    this.rotas = rotas;
    this.schedule = schedule;
    this.audit = audit;
    this.identity = identity;
    this.calendars = calendars;
    this.properties = properties;
    this.transaction = transaction;
    this.clock = clock;
  }

  RotaView rota(String group) {
    resolverGroup(group);
    return RotaView.of(rotas.find(group).orElseThrow(() -> noRota(group)));
  }

  /** The group's rota from now on, in place of the one it had; its overrides stay. */
  RotaView replace(String group, RotaRequest request, String by) {
    resolverGroup(group);
    Rota rota = request.toRota(group, calendars.names());
    for (Layer layer : Layer.values()) {
      for (String user : rota.members(layer)) {
        requireMember(group, Rota.name(layer), user);
      }
    }
    String detail = RetryOnConflict.run(() -> transaction.execute(status -> {
      Optional<RotaRepository.StoredRota> before = rotas.lock(group);
      if (before.isPresent()) {
        rotas.replace(rota, by);
      } else {
        rotas.insert(rota, by);
      }
      String what = changes(before, rota);
      audit.record(AuditTrail.ADMINISTRATION, by, AuditAction.ROTA_CHANGED, what);
      return what;
    }));
    log.info("{} (by {})", detail, by);
    return rota(group);
  }

  /**
   * The group's first rota, unless it has one: false when it had, or when another node created one
   * at the same moment.
   */
  boolean createIfAbsent(Rota rota, String by) {
    try {
      return Boolean.TRUE.equals(transaction.execute(status -> {
        if (rotas.find(rota.group()).isPresent()) {
          return false;
        }
        rotas.insert(rota, by);
        audit.record(AuditTrail.ADMINISTRATION, by, AuditAction.ROTA_CHANGED, changes(Optional.empty(), rota));
        return true;
      }));
    } catch (DuplicateKeyException e) {
      return false;
    }
  }

  OnCall onCall(String group, Instant at) {
    resolverGroup(group);
    return schedule.onCall(group, at).orElseThrow(() -> noRota(group));
  }

  OnCallOverride override(String group, OverrideRequest request, String by) {
    resolverGroup(group);
    Instant from = request.from().toInstant().truncatedTo(ChronoUnit.SECONDS);
    Instant to = request.to().toInstant().truncatedTo(ChronoUnit.SECONDS);
    if (!to.isAfter(from)) {
      throw new BadRequestException("to", "to: must be after from (" + from + ")");
    }
    if (rotas.find(group).isEmpty()) {
      throw noRota(group);
    }
    requireMember(group, "user", request.user());
    long id = transaction.execute(status -> {
      long created = rotas.insertOverride(group, request.layer(), request.user(), from, to, request.reason(), by);
      audit.record(AuditTrail.ADMINISTRATION, by, AuditAction.ON_CALL_OVERRIDDEN, group + " " + Rota.name(request.layer()) + ": "
          + request.user() + " on call from " + from + " to " + to + " in place of the rota (override " + created + ")"
          + (request.reason() == null ? "" : ": " + request.reason()));
      return created;
    });
    log.info("{} {}: {} on call from {} to {} (override {}, by {})", group, Rota.name(request.layer()), request.user(), from, to, id, by);
    return rotas.override(group, id).orElseThrow();
  }

  /** The group's overrides that overlap {@code [from, to)}; without from: now, without to: a year after from. */
  List<OnCallOverride> overrides(String group, Instant from, Instant to) {
    resolverGroup(group);
    Instant start = from != null ? from : clock.instant();
    Instant end = to != null ? to : start.plus(DEFAULT_LIST_RANGE);
    if (!end.isAfter(start)) {
      throw new BadRequestException("to", "to: must be after from (" + start + ")");
    }
    if (rotas.find(group).isEmpty()) {
      throw noRota(group);
    }
    return rotas.overrides(group, start, end);
  }

  void removeOverride(String group, long id, String by) {
    resolverGroup(group);
    OnCallOverride removed = transaction.execute(status -> {
      OnCallOverride override = rotas.override(group, id).orElseThrow(() -> new NotFoundException("override", group + "/" + id));
      rotas.deleteOverride(group, id);
      audit.record(AuditTrail.ADMINISTRATION, by, AuditAction.OVERRIDE_REMOVED, group + " " + Rota.name(override.layer())
          + ": override " + id + " removed (" + override.user() + " from " + override.from() + " to " + override.to() + ")");
      return override;
    });
    log.info("{} {}: override {} of {} removed (by {})", group, Rota.name(removed.layer()), id, removed.user(), by);
  }

  /**
   * The group's shifts from {@code vigil.on-call.feed-past} ago to {@code feed-ahead} from now as
   * an iCalendar feed: one event per shift and layer, named by its layer and start so that a
   * calendar program updates it when the rota changes rather than adding another.
   */
  String feed(String group) {
    VigilGroup resolver = resolverGroup(group);
    Rota rota = rotas.find(group).orElseThrow(() -> noRota(group)).rota();
    Instant now = clock.instant();
    Instant from = now.minus(properties.feedPast());
    Instant to = now.plus(properties.feedAhead());
    List<OnCallOverride> overrides = overridesAround(rota, from, to);
    Map<Long, OnCallOverride> byId = new LinkedHashMap<>();
    overrides.forEach(override -> byId.put(override.id(), override));
    List<ICalendarFeed.CalendarEntry> entries = new ArrayList<>();
    for (Shift shift : rota.withOverrides(overrides).shifts(from, to)) {
      String layer = Rota.name(shift.layer());
      OnCallOverride override = shift.override() == null ? null : byId.get(shift.override());
      String description = override == null
          ? "From the " + group + " rota: every " + rota.rotation().text() + ", handover " + rota.handoverText() + " " + rota.zone().getId()
          : "Override " + override.id() + " by " + override.createdBy() + (override.reason() == null ? "" : ": " + override.reason());
      entries.add(new ICalendarFeed.CalendarEntry("oncall-" + group + "-" + layer + "-" + UID_TIME.format(shift.start()) + "@vigil",
          "On call: " + shift.user() + " (" + layer + "), " + group, description, shift.start(), shift.end(), "CONFIRMED",
          List.of("ON-CALL", shift.layer().name())));
    }
    return ICalendarFeed.render(FEED_PRODUCT, "Vigil on call: " + resolver.displayName(), entries, now);
  }

  /**
   * The overrides that can shape the shifts overlapping {@code [from, to)}: those in the slots the
   * range touches, and those overlapping any of them, so that a shift is cut where it would be cut
   * whatever range is asked.
   */
  private List<OnCallOverride> overridesAround(Rota rota, Instant from, Instant to) {
    Instant begin = rota.slotAround(from).start();
    Instant end = rota.slotAround(to).end();
    for (OnCallOverride override : rotas.overrides(rota.group(), begin, end)) {
      if (begin != null && override.from().isBefore(begin)) {
        begin = override.from();
      }
      if (override.to().isAfter(end)) {
        end = override.to();
      }
    }
    return rotas.overrides(rota.group(), begin, end);
  }

  private void requireMember(String group, String field, String user) {
    if (identity.createUserQuery().userId(user).count() == 0) {
      throw new UnprocessableException(field, field + ": no user '" + user + "'");
    }
    if (identity.createUserQuery().userId(user).memberOfGroup(group).count() == 0) {
      throw new UnprocessableException(field, field + ": " + user + " is not a member of " + group);
    }
  }

  /** What a replacement changed, for the audit trail: every field of a new rota, the changed fields of one replaced. */
  private static String changes(Optional<RotaRepository.StoredRota> before, Rota after) {
    Map<String, String> now = fields(after);
    if (before.isEmpty()) {
      return after.group() + " rota created: " + String.join("; ", now.entrySet().stream().map(f -> f.getKey() + " " + f.getValue()).toList());
    }
    Map<String, String> was = fields(before.get().rota());
    List<String> changed = now.entrySet().stream().filter(field -> !field.getValue().equals(was.get(field.getKey())))
        .map(field -> field.getKey() + " " + was.get(field.getKey()) + " → " + field.getValue())
        .toList();
    long version = before.get().version() + 1;
    return changed.isEmpty()
        ? after.group() + " rota saved unchanged (version " + version + ")"
        : after.group() + " rota changed (version " + version + "): " + String.join("; ", changed);
  }

  private static Map<String, String> fields(Rota rota) {
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("zone", rota.zone().getId());
    fields.put("handover", rota.handoverText());
    fields.put("rotation", rota.rotation().text());
    fields.put("start", rota.start().toString());
    fields.put("primary", String.join(", ", rota.primary()));
    fields.put("secondary", rota.secondary().isEmpty() ? "none" : String.join(", ", rota.secondary()));
    fields.put("calendar", rota.calendar());
    return fields;
  }

  private static VigilGroup resolverGroup(String group) {
    return VigilGroup.byId(group).filter(VigilGroup::isResolverGroup)
        .orElseThrow(() -> new NotFoundException("resolver group", group));
  }

  private static NotFoundException noRota(String group) {
    return new NotFoundException("on-call rota for", group);
  }
}
