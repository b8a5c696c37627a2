package io.vigil.oncall;

import io.vigil.sla.SlaCalendars;
import java.time.Instant;
import java.util.Optional;
import org.springframework.stereotype.Service;

/**
 * Who is on call for a resolver group, for the paging process and the API. Every question reads the
 * rota as it is stored now, so a rota replaced or an override added between two steps of a page
 * gives the second step the new answer.
 */
@Service
public class OnCallSchedule {

  private final RotaRepository rotas;
  private final SlaCalendars calendars;

  OnCallSchedule(RotaRepository rotas, SlaCalendars calendars) {
    this.rotas = rotas;
    this.calendars = calendars;
  }

  /**
   * Who is on call for {@code group} at {@code at}; empty when the group has no rota. Before the
   * rota's first handover nobody is (see {@link OnCall}).
   */
  public Optional<OnCall> onCall(String group, Instant at) {
    return rotas.find(group).map(stored -> {
      Rota rota = stored.rota();
      Rota.Slot slot = rota.slotAround(at);
      return rota.withOverrides(rotas.overrides(group, slot.start(), slot.end())).onCall(at);
    });
  }

  /**
   * Whether {@code at} is inside the group's office hours: the SLA calendar its rota names
   * ({@code vigil.sla.calendars}), {@code office-hours} for a group without a rota. A calendar
   * name the configuration no longer holds is an IllegalArgumentException.
   */
  public boolean inOfficeHours(String group, Instant at) {
    return calendars.named(rotas.calendarOf(group).orElse(Rota.OFFICE_HOURS)).isOpen(at);
  }
}
