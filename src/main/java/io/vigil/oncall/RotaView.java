package io.vigil.oncall;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** A group's rota as stored: {@code version} counts its replacements, from 1. */
public record RotaView(String group, String zone, String handover, String rotation, LocalDate start, List<String> primary,
    List<String> secondary, String calendar, long version, Instant updatedAt, String updatedBy) {

  static RotaView of(RotaRepository.StoredRota stored) {
    Rota rota = stored.rota();
    return new RotaView(rota.group(), rota.zone().getId(), rota.handoverText(), rota.rotation().text(), rota.start(),
        rota.primary(), rota.secondary(), rota.calendar(), stored.version(), stored.updatedAt(), stored.updatedBy());
  }
}
