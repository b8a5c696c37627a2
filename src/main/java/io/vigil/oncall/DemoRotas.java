package io.vigil.oncall;

import io.vigil.audit.AuditTrail;
import io.vigil.security.VigilGroup;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.Period;
import java.time.ZoneId;
import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/**
 * A weekly rota for each resolver group that has none, in the {@code demo} profile: its members (the
 * demo user) on call in turn, handing over on Mondays at 09:00 Berlin time. Each start creates only
 * what is missing; nodes starting together leave one rota per group.
 */
@Component
@Profile("demo")
class DemoRotas implements ApplicationRunner {

  /** A Monday long past, so that the demo starts with someone on call. */
  static final LocalDate START = LocalDate.of(2026, 1, 5);

  private static final Logger log = LoggerFactory.getLogger(DemoRotas.class);

  private final OnCallRotas rotas;
  private final IdentityService identity;

  DemoRotas(OnCallRotas rotas, IdentityService identity) {
    this.rotas = rotas;
    this.identity = identity;
  }

  @Override
  public void run(ApplicationArguments arguments) {
    int created = 0;
    for (String group : VigilGroup.resolverGroupIds()) {
      List<String> members = identity.createUserQuery().memberOfGroup(group).orderByUserId().asc().list().stream()
          .map(User::getId)
          .toList();
      if (!members.isEmpty() && rotas.createIfAbsent(new Rota(group, ZoneId.of("Europe/Berlin"), LocalTime.of(9, 0),
          new Rotation.OfPeriod(Period.ofWeeks(1)), START, members, List.of(), Rota.OFFICE_HOURS, List.of()), AuditTrail.SYSTEM)) {
        created++;
      }
    }
    if (created > 0) {
      log.info("Demo profile: {} weekly on-call rotas created, handover Mondays 09:00 Europe/Berlin", created);
    }
  }
}
