package io.vigil.sla;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.sla.SlaClock.Kind;
import io.vigil.sla.SlaClock.State;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SlaClockTest {

  private static final Set<DayOfWeek> WEEKDAYS = EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY);

  private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
  private static final BusinessCalendar ALWAYS = new BusinessCalendar.AlwaysOpen();
  private static final BusinessCalendar OFFICE = new OfficeHours(BERLIN, LocalTime.of(8, 0), LocalTime.of(17, 0), WEEKDAYS, Set.of());

  @Test
  void aRunningClockReachesItsThresholdsAndIsMetWhenStoppedInTime() {
    SlaClock response = SlaClock.start("INC-000001", Kind.RESPONSE, Duration.ofMinutes(15), ALWAYS, utc("10:00"));

    assertThat(response.thresholdAt(50)).contains(utc("10:07:30"));
    assertThat(response.thresholdAt(75)).contains(utc("10:11:15"));
    assertThat(response.thresholdAt(100)).contains(utc("10:15")).isEqualTo(response.dueAt());
    assertThat(response.remaining(utc("10:05"))).isEqualTo(Duration.ofMinutes(10));

    SlaClock acknowledged = response.stop(utc("10:10"));
    assertThat(acknowledged.state(utc("12:00"))).isEqualTo(State.MET);
    assertThat(acknowledged.elapsed(utc("12:00"))).isEqualTo(Duration.ofMinutes(10));
    assertThat(acknowledged.dueAt()).isEmpty();
    assertThat(acknowledged.thresholdAt(50)).isEmpty();
  }

  @Test
  void aClockOverItsTargetIsBreachedWhetherRunningOrStoppedLate() {
    SlaClock response = SlaClock.start("INC-000001", Kind.RESPONSE, Duration.ofMinutes(15), ALWAYS, utc("10:00"));
    assertThat(response.state(utc("10:14:59"))).isEqualTo(State.RUNNING);
    assertThat(response.state(utc("10:15"))).isEqualTo(State.BREACHED);
    assertThat(response.remaining(utc("10:20"))).isEqualTo(Duration.ofMinutes(-5));
    assertThat(response.stop(utc("10:15")).state(utc("11:00"))).as("stopped on the minute").isEqualTo(State.MET);
    assertThat(response.stop(utc("10:20")).state(utc("11:00"))).isEqualTo(State.BREACHED);
  }

  @Test
  void aPauseOverTheWeekendCountsNeitherThePauseNorTheWeekend() {
    SlaClock resolution = SlaClock.start("INC-000002", Kind.RESOLUTION, Duration.ofHours(9), OFFICE, berlin("2026-11-27T13:00"));

    SlaClock pending = resolution.pause(berlin("2026-11-27T15:00"));
    assertThat(pending.state(berlin("2026-11-28T12:00"))).isEqualTo(State.PAUSED);
    assertThat(pending.dueAt()).isEmpty();
    assertThat(pending.thresholdAt(50)).isEmpty();

    SlaClock resumed = pending.resume(berlin("2026-11-30T10:00"));
    assertThat(resumed.elapsed(berlin("2026-11-30T10:00"))).isEqualTo(Duration.ofHours(2));
    // Friday 15:00–17:00 and Monday 08:00–10:00: the weekend is no office time, paused or not.
    assertThat(resumed.pausedTotal(berlin("2026-11-30T10:00"))).isEqualTo(Duration.ofHours(4));
    assertThat(resumed.thresholdAt(50)).contains(berlin("2026-11-30T12:30"));
    assertThat(resumed.dueAt()).contains(berlin("2026-11-30T17:00"));
  }

  @Test
  void aPriorityChangeKeepsElapsedAndPausedTimeAgainstTheNewTarget() {
    SlaClock resolution = SlaClock.start("INC-000003", Kind.RESOLUTION, Duration.ofHours(45), OFFICE, berlin("2026-11-23T09:00"))
        .pause(berlin("2026-11-23T13:00"))
        .resume(berlin("2026-11-24T09:00"));
    Instant change = berlin("2026-11-24T11:00");

    SlaClock longer = resolution.rebase(Duration.ofHours(18), change);
    assertThat(longer.elapsed(change)).isEqualTo(Duration.ofHours(6));
    assertThat(longer.pausedTotal(change)).isEqualTo(Duration.ofHours(5));
    assertThat(longer.state(change)).isEqualTo(State.RUNNING);
    // 12 hours left: 6 on Tuesday until 17:00, 6 on Wednesday from 08:00.
    assertThat(longer.dueAt()).contains(berlin("2026-11-25T14:00"));

    // A target shorter than the time already worked is overrun: its thresholds are due at once, not lost.
    SlaClock shorter = resolution.rebase(Duration.ofHours(5), change);
    assertThat(shorter.state(change)).isEqualTo(State.BREACHED);
    assertThat(shorter.thresholdAt(100)).contains(change);
    assertThat(shorter.dueAt()).isEmpty();
    assertThat(shorter.pausedTotal(change)).isEqualTo(Duration.ofHours(5));
  }

  @Test
  void aPausedClockStaysPausedWhenReBased() {
    SlaClock pending = SlaClock.start("INC-000004", Kind.RESOLUTION, Duration.ofHours(8), ALWAYS, utc("10:00")).pause(utc("11:00"));
    SlaClock rebased = pending.rebase(Duration.ofHours(4), utc("12:00"));
    assertThat(rebased.state(utc("13:00"))).isEqualTo(State.PAUSED);
    assertThat(rebased.pausedTotal(utc("13:00"))).isEqualTo(Duration.ofHours(2));
    assertThat(rebased.resume(utc("13:00")).dueAt()).contains(utc("16:00"));
  }

  @Test
  void aReopenedIncidentsResolutionClockGoesOnWhereItStopped() {
    SlaClock resolved = SlaClock.start("INC-000005", Kind.RESOLUTION, Duration.ofHours(4), ALWAYS, utc("10:00")).stop(utc("11:00"));
    SlaClock reopened = resolved.restart(utc("15:00"));
    assertThat(reopened.elapsed(utc("16:00"))).isEqualTo(Duration.ofHours(2));
    assertThat(reopened.dueAt()).contains(utc("18:00"));
  }

  @Test
  void stoppingAPausedClockKeepsItsPause() {
    SlaClock stopped = SlaClock.start("INC-000006", Kind.RESOLUTION, Duration.ofHours(4), ALWAYS, utc("10:00"))
        .pause(utc("11:00")).stop(utc("13:00"));
    assertThat(stopped.elapsed(utc("20:00"))).isEqualTo(Duration.ofHours(1));
    assertThat(stopped.pausedTotal(utc("20:00"))).isEqualTo(Duration.ofHours(2));
  }

  @Test
  void changesThatDoNotFitThePhaseAreRefused() {
    SlaClock running = SlaClock.start("INC-000007", Kind.RESPONSE, Duration.ofMinutes(30), ALWAYS, utc("10:00"));
    assertThatThrownBy(() -> running.resume(utc("10:01"))).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> running.restart(utc("10:01"))).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> running.pause(utc("10:01")).pause(utc("10:02"))).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> running.stop(utc("10:01")).stop(utc("10:02"))).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> running.rebase(Duration.ZERO, utc("10:01"))).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void elapsedAndPausedAlwaysAddUpToTheCalendarTimeSinceTheStart() {
    Random random = new Random(7);
    for (int run = 0; run < 200; run++) {
      Instant start = berlin("2026-01-05T07:00").plus(Duration.ofMinutes(random.nextInt(300 * 24 * 60)));
      SlaClock clock = SlaClock.start("INC-%06d".formatted(run), Kind.RESOLUTION, Duration.ofHours(1 + random.nextInt(60)), OFFICE, start);
      Instant now = start;
      for (int step = 0; step < 12; step++) {
        now = now.plus(Duration.ofMinutes(random.nextInt(3 * 24 * 60)));
        clock = switch (random.nextInt(3)) {
          case 0 -> clock.phase() == SlaClock.Phase.RUNNING ? clock.pause(now) : clock.resume(now);
          case 1 -> clock.rebase(Duration.ofHours(1 + random.nextInt(60)), now);
          default -> clock;
        };
        assertThat(clock.elapsed(now).plus(clock.pausedTotal(now))).isEqualTo(OFFICE.between(start, now));
      }
    }
  }

  private static Instant utc(String time) {
    return Instant.parse("2026-11-24T" + (time.length() == 5 ? time + ":00" : time) + "Z");
  }

  private static Instant berlin(String localDateTime) {
    return LocalDateTime.parse(localDateTime).atZone(BERLIN).toInstant();
  }
}
