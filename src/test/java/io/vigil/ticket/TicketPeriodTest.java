package io.vigil.ticket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.web.BadRequestException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TicketPeriodTest {

  private static final OffsetDateTime MARCH = OffsetDateTime.parse("2026-03-01T00:00:00+01:00");
  private static final OffsetDateTime APRIL = OffsetDateTime.parse("2026-04-01T00:00:00+02:00");

  @Test
  void aTicketBelongsToAPeriodItWasOpenIn() {
    List<String> conditions = new ArrayList<>();
    List<Object> params = new ArrayList<>();
    new TicketPeriod(MARCH, APRIL).addConditions("reported_at", conditions, params);
    assertThat(conditions).containsExactly("reported_at < ?", "(closed_at IS NULL OR closed_at >= ?)");
    assertThat(params).containsExactly(OffsetDateTime.parse("2026-03-31T22:00:00Z"), OffsetDateTime.parse("2026-02-28T23:00:00Z"));
  }

  @Test
  void eitherEndMayBeOpen() {
    List<String> conditions = new ArrayList<>();
    new TicketPeriod(null, APRIL).addConditions("opened_at", conditions, new ArrayList<>());
    new TicketPeriod(MARCH, null).addConditions("opened_at", conditions, new ArrayList<>());
    assertThat(conditions).containsExactly("opened_at < ?", "(closed_at IS NULL OR closed_at >= ?)");
  }

  @Test
  void aPeriodEndsAfterItStarts() {
    assertThatThrownBy(() -> new TicketPeriod(APRIL, MARCH)).isInstanceOf(BadRequestException.class).hasMessage("to: must be after from");
    assertThatThrownBy(() -> new TicketPeriod(MARCH, MARCH)).isInstanceOf(BadRequestException.class);
  }
}
