package io.vigil.sla;

import java.time.Duration;
import java.time.Instant;

/**
 * When SLA time counts. Business time is real elapsed time inside the calendar's open periods, so
 * an hour is an hour on the day the clocks change, and a deadline always falls inside an open
 * period (17:00 on Friday, not midnight or Monday 00:00).
 */
public sealed interface BusinessCalendar permits BusinessCalendar.AlwaysOpen, OfficeHours {

  /** Business time in {@code [from, to)}; zero when {@code to} is not after {@code from}. */
  Duration between(Instant from, Instant to);

  /** The earliest instant at which {@code amount} of business time has passed since {@code from}. */
  Instant plus(Instant from, Duration amount);

  /** Whether time counts at {@code at}: the second from it holds business time. */
  default boolean isOpen(Instant at) {
    return between(at, at.plusSeconds(1)).compareTo(Duration.ZERO) > 0;
  }

  /** Around the clock, every day: 24×7. */
  record AlwaysOpen() implements BusinessCalendar {

    @Override
    public Duration between(Instant from, Instant to) {
      return to.isAfter(from) ? Duration.between(from, to) : Duration.ZERO;
    }

    @Override
    public Instant plus(Instant from, Duration amount) {
      return from.plus(requireNotNegative(amount));
    }
  }

  static Duration requireNotNegative(Duration amount) {
    if (amount.isNegative()) {
      throw new IllegalArgumentException("a negative amount of business time: " + amount);
    }
    return amount;
  }
}
