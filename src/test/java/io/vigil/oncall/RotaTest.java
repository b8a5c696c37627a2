package io.vigil.oncall;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.Period;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Who is on call when: slots across daylight-saving changes, overrides, and the bounds of an answer. */
class RotaTest {

  private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
  private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
  private static final Rotation WEEKLY = new Rotation.OfPeriod(Period.ofWeeks(1));
  private static final Rotation DAILY = new Rotation.OfPeriod(Period.ofDays(1));
  private static final Rotation TWELVE_HOURS = new Rotation.OfDuration(Duration.ofHours(12));

  @Nested
  class Handovers {

    @Test
    void aWeeklyHandoverStaysAtNineInBerlinWhenSummerTimeBegins() {
      // 28 March 2027: clocks go from 02:00 CET to 03:00 CEST
      Rota rota = rota(BERLIN, "09:00", WEEKLY, "2027-03-22", List.of("db.dave", "db.olga"), List.of());
      assertThat(rota.handover(0)).isEqualTo(at("2027-03-22T08:00:00Z"));
      assertThat(rota.handover(1)).isEqualTo(at("2027-03-29T07:00:00Z"));
      assertThat(rota.onCall(at("2027-03-29T06:59:59Z")).primary()).isEqualTo("db.dave");
      assertThat(rota.onCall(at("2027-03-29T07:00:00Z")).primary()).isEqualTo("db.olga");
    }

    @Test
    void aWeeklyHandoverStaysAtNineInBerlinWhenSummerTimeEnds() {
      // 25 October 2026: clocks go from 03:00 CEST back to 02:00 CET
      Rota rota = rota(BERLIN, "09:00", WEEKLY, "2026-10-19", List.of("db.dave", "db.olga"), List.of());
      OnCall first = rota.onCall(at("2026-10-22T12:00:00Z"));
      assertThat(first.from()).isEqualTo(at("2026-10-19T07:00:00Z"));
      assertThat(first.until()).isEqualTo(at("2026-10-26T08:00:00Z"));
      assertThat(Duration.between(first.from(), first.until())).isEqualTo(Duration.ofDays(7).plusHours(1));
      assertThat(rota.onCall(at("2026-10-26T07:30:00Z")).primary()).isEqualTo("db.dave");
      assertThat(rota.onCall(at("2026-10-26T08:00:00Z")).primary()).isEqualTo("db.olga");
    }

    @Test
    void aDailyHandoverInBerlinHasA23HourAndA25HourDay() {
      Rota spring = rota(BERLIN, "09:00", DAILY, "2027-03-27", List.of("db.dave", "db.olga"), List.of());
      assertThat(List.of(spring.handover(0), spring.handover(1), spring.handover(2)))
          .containsExactly(at("2027-03-27T08:00:00Z"), at("2027-03-28T07:00:00Z"), at("2027-03-29T07:00:00Z"));
      OnCall shortDay = spring.onCall(at("2027-03-28T00:00:00Z"));
      assertThat(shortDay.primary()).isEqualTo("db.dave");
      assertThat(Duration.between(shortDay.from(), shortDay.until())).isEqualTo(Duration.ofHours(23));

      Rota autumn = rota(BERLIN, "09:00", DAILY, "2026-10-24", List.of("db.dave", "db.olga"), List.of());
      OnCall longDay = autumn.onCall(at("2026-10-25T01:00:00Z"));
      assertThat(longDay.from()).isEqualTo(at("2026-10-24T07:00:00Z"));
      assertThat(longDay.until()).isEqualTo(at("2026-10-25T08:00:00Z"));
      assertThat(autumn.onCall(at("2026-10-25T08:00:00Z")).primary()).isEqualTo("db.olga");
    }

    @Test
    void aDailyHandoverInNewYorkFollowsEasternTimeInMarchAndNovember() {
      // 14 March 2027 EST to EDT, 7 November 2027 EDT to EST
      Rota spring = rota(NEW_YORK, "08:00", DAILY, "2027-03-13", List.of("net.nina", "net.noah"), List.of());
      assertThat(spring.handover(0)).isEqualTo(at("2027-03-13T13:00:00Z"));
      assertThat(spring.handover(1)).isEqualTo(at("2027-03-14T12:00:00Z"));
      assertThat(spring.onCall(at("2027-03-14T12:30:00Z")).primary()).isEqualTo("net.noah");

      Rota autumn = rota(NEW_YORK, "08:00", DAILY, "2027-11-06", List.of("net.nina", "net.noah"), List.of());
      assertThat(autumn.handover(1)).isEqualTo(at("2027-11-07T13:00:00Z"));
      assertThat(autumn.onCall(at("2027-11-07T12:30:00Z")).primary()).isEqualTo("net.nina");
    }

    @Test
    void aWeeklyHandoverInNewYorkStaysAtEightWhenDaylightTimeEnds() {
      Rota rota = rota(NEW_YORK, "08:00", WEEKLY, "2026-10-26", List.of("net.nina", "net.noah"), List.of());
      assertThat(rota.handover(0)).isEqualTo(at("2026-10-26T12:00:00Z"));
      assertThat(rota.handover(1)).isEqualTo(at("2026-11-02T13:00:00Z"));
      assertThat(rota.handover(2)).isEqualTo(at("2026-11-09T13:00:00Z"));
    }

    @Test
    void aHandoverTheClocksSkipMovesOnByTheGap() {
      // 02:30 does not exist in Berlin on 28 March 2027 nor in New York on 14 March 2027: it is 03:30 summer time
      Rota berlin = rota(BERLIN, "02:30", DAILY, "2027-03-27", List.of("db.dave", "db.olga", "db.otto"), List.of());
      assertThat(berlin.handover(0)).isEqualTo(at("2027-03-27T01:30:00Z"));
      assertThat(berlin.handover(1)).isEqualTo(at("2027-03-28T01:30:00Z"));
      assertThat(berlin.handover(2)).isEqualTo(at("2027-03-29T00:30:00Z"));
      assertThat(berlin.onCall(at("2027-03-28T01:00:00Z")).primary()).isEqualTo("db.dave");
      assertThat(berlin.onCall(at("2027-03-28T01:30:00Z")).primary()).isEqualTo("db.olga");

      Rota newYork = rota(NEW_YORK, "02:30", DAILY, "2027-03-13", List.of("net.nina", "net.noah"), List.of());
      assertThat(newYork.handover(1)).isEqualTo(at("2027-03-14T07:30:00Z"));
    }

    @Test
    void aHandoverTheClocksRepeatIsItsFirstOccurrence() {
      Rota rota = rota(BERLIN, "02:30", DAILY, "2026-10-24", List.of("db.dave", "db.olga"), List.of());
      assertThat(rota.handover(1)).isEqualTo(at("2026-10-25T00:30:00Z"));
    }

    @Test
    void aTwelveHourRotationCountsElapsedHoursAcrossTheChange() {
      Rota rota = rota(BERLIN, "09:00", TWELVE_HOURS, "2027-03-27", List.of("db.dave", "db.olga"), List.of());
      assertThat(List.of(rota.handover(0), rota.handover(1), rota.handover(2)))
          .containsExactly(at("2027-03-27T08:00:00Z"), at("2027-03-27T20:00:00Z"), at("2027-03-28T08:00:00Z"));
      // 10:00 in Berlin now: the wall clock moved, the rotation did not
      OnCall sunday = rota.onCall(at("2027-03-28T09:00:00Z"));
      assertThat(sunday.primary()).isEqualTo("db.dave");
      assertThat(sunday.from()).isEqualTo(at("2027-03-28T08:00:00Z"));
      assertThat(sunday.until()).isEqualTo(at("2027-03-28T20:00:00Z"));
    }

    @Test
    void aMonthlyRotationCountsMonthsFromTheStartWithoutDrifting() {
      Rota rota = rota(ZoneId.of("UTC"), "09:00", new Rotation.OfPeriod(Period.ofMonths(1)), "2027-01-31",
          List.of("db.dave", "db.olga"), List.of());
      assertThat(List.of(rota.handover(1), rota.handover(2))).containsExactly(at("2027-02-28T09:00:00Z"), at("2027-03-31T09:00:00Z"));
      assertThat(rota.slotAt(at("2027-03-30T09:00:00Z"))).isEqualTo(1);
      assertThat(rota.slotAt(at("2031-07-31T09:00:00Z"))).isEqualTo(54);
    }

    @Test
    void slotsFarFromTheStartAreFoundWithoutWalkingToThem() {
      Rota rota = rota(BERLIN, "09:00", DAILY, "2026-01-05", List.of("db.dave", "db.olga", "db.otto"), List.of());
      long slot = rota.slotAt(at("2099-07-01T12:00:00Z"));
      assertThat(rota.handover(slot)).isEqualTo(at("2099-07-01T07:00:00Z"));
      assertThat(rota.onCall(at("2099-07-01T12:00:00Z")).primary()).isEqualTo(List.of("db.dave", "db.olga", "db.otto").get((int) (slot % 3)));
    }

    @Test
    void eachLayerTakesItsTurnByItsOwnLength() {
      Rota rota = rota(BERLIN, "09:00", WEEKLY, "2026-11-23", List.of("db.dave", "db.olga", "db.otto"), List.of("db.olga", "db.dave"));
      List<String> weeks = List.of(0, 1, 2, 3).stream()
          .map(week -> rota.onCall(rota.handover(week).plusSeconds(60)))
          .map(onCall -> onCall.primary() + "/" + onCall.secondary())
          .toList();
      assertThat(weeks).containsExactly("db.dave/db.olga", "db.olga/db.dave", "db.otto/db.olga", "db.dave/db.dave");
    }

    @Test
    void anEmptySecondaryLayerNamesNobody() {
      OnCall onCall = rota(BERLIN, "09:00", WEEKLY, "2026-11-23", List.of("db.dave"), List.of()).onCall(at("2026-11-24T10:00:00Z"));
      assertThat(onCall).isEqualTo(new OnCall("database", "db.dave", null, at("2026-11-23T08:00:00Z"), at("2026-11-30T08:00:00Z")));
    }

    @Test
    void beforeTheFirstHandoverNobodyIsOnCall() {
      Rota rota = rota(BERLIN, "09:00", WEEKLY, "2026-11-23", List.of("db.dave"), List.of("db.olga"));
      assertThat(rota.onCall(at("2026-11-23T07:59:59Z")))
          .isEqualTo(new OnCall("database", null, null, null, at("2026-11-23T08:00:00Z")));
      assertThat(rota.slotAt(at("2026-01-01T00:00:00Z"))).isEqualTo(-1);
    }
  }

  @Nested
  class Overrides {

    /** Dave, then Olga, weekly from Monday 23 November 2026 09:00 Berlin (08:00 UTC); Olga is also the secondary. */
    private final Rota rota = rota(BERLIN, "09:00", WEEKLY, "2026-11-23", List.of("db.dave", "db.olga"), List.of("db.olga"));

    @Test
    void anOverrideInsideASlotHoldsFromItsStartToItsEnd() {
      Rota overridden = rota.withOverrides(List.of(override(1, Layer.PRIMARY, "db.nina", "2026-11-24T11:00:00Z", "2026-11-24T17:00:00Z", 1)));
      assertThat(overridden.onCall(at("2026-11-24T10:00:00Z")))
          .isEqualTo(new OnCall("database", "db.dave", "db.olga", at("2026-11-23T08:00:00Z"), at("2026-11-24T11:00:00Z")));
      assertThat(overridden.onCall(at("2026-11-24T11:00:00Z")))
          .isEqualTo(new OnCall("database", "db.nina", "db.olga", at("2026-11-24T11:00:00Z"), at("2026-11-24T17:00:00Z")));
      assertThat(overridden.onCall(at("2026-11-24T17:00:00Z")))
          .isEqualTo(new OnCall("database", "db.dave", "db.olga", at("2026-11-24T17:00:00Z"), at("2026-11-30T08:00:00Z")));
    }

    @Test
    void anOverrideOfTheSecondaryLeavesThePrimaryAsItIs() {
      Rota overridden = rota.withOverrides(List.of(override(1, Layer.SECONDARY, "db.nina", "2026-11-25T20:00:00Z", "2026-11-26T06:00:00Z", 1)));
      assertThat(overridden.onCall(at("2026-11-25T22:00:00Z")))
          .isEqualTo(new OnCall("database", "db.dave", "db.nina", at("2026-11-25T20:00:00Z"), at("2026-11-26T06:00:00Z")));
    }

    @Test
    void anOverrideAcrossAHandoverIsEndedThereForTheAnswerButIsOneShift() {
      Instant handover = at("2026-11-30T08:00:00Z");
      Rota overridden = rota.withOverrides(List.of(override(7, Layer.PRIMARY, "db.nina", "2026-11-30T06:00:00Z", "2026-11-30T10:00:00Z", 1)));
      assertThat(overridden.onCall(at("2026-11-30T07:00:00Z")))
          .isEqualTo(new OnCall("database", "db.nina", "db.olga", at("2026-11-30T06:00:00Z"), handover));
      assertThat(overridden.onCall(at("2026-11-30T09:00:00Z")))
          .isEqualTo(new OnCall("database", "db.nina", "db.olga", handover, at("2026-11-30T10:00:00Z")));
      assertThat(overridden.onCall(at("2026-11-30T10:00:00Z")).primary()).isEqualTo("db.olga");

      assertThat(overridden.shifts(at("2026-11-29T00:00:00Z"), at("2026-12-01T00:00:00Z")))
          .filteredOn(shift -> shift.layer() == Layer.PRIMARY)
          .containsExactly(
              new Shift(Layer.PRIMARY, "db.dave", at("2026-11-23T08:00:00Z"), at("2026-11-30T06:00:00Z"), null),
              new Shift(Layer.PRIMARY, "db.nina", at("2026-11-30T06:00:00Z"), at("2026-11-30T10:00:00Z"), 7L),
              new Shift(Layer.PRIMARY, "db.olga", at("2026-11-30T10:00:00Z"), at("2026-12-07T08:00:00Z"), null));
    }

    @Test
    void whereOverridesOverlapTheOneCreatedLastWins() {
      OnCallOverride nina = override(1, Layer.PRIMARY, "db.nina", "2026-11-24T10:00:00Z", "2026-11-24T14:00:00Z", 1);
      OnCallOverride sam = override(2, Layer.PRIMARY, "db.sam", "2026-11-24T12:00:00Z", "2026-11-24T16:00:00Z", 2);
      Rota samLast = rota.withOverrides(List.of(nina, sam));
      assertThat(samLast.onCall(at("2026-11-24T11:00:00Z")))
          .isEqualTo(new OnCall("database", "db.nina", "db.olga", at("2026-11-24T10:00:00Z"), at("2026-11-24T12:00:00Z")));
      assertThat(samLast.onCall(at("2026-11-24T13:00:00Z")))
          .isEqualTo(new OnCall("database", "db.sam", "db.olga", at("2026-11-24T12:00:00Z"), at("2026-11-24T16:00:00Z")));

      OnCallOverride ninaAgain = override(3, Layer.PRIMARY, "db.nina", "2026-11-24T10:00:00Z", "2026-11-24T14:00:00Z", 3);
      Rota ninaLast = rota.withOverrides(List.of(sam, ninaAgain));
      assertThat(ninaLast.onCall(at("2026-11-24T13:00:00Z")))
          .isEqualTo(new OnCall("database", "db.nina", "db.olga", at("2026-11-24T10:00:00Z"), at("2026-11-24T14:00:00Z")));
      assertThat(ninaLast.onCall(at("2026-11-24T15:00:00Z")))
          .isEqualTo(new OnCall("database", "db.sam", "db.olga", at("2026-11-24T14:00:00Z"), at("2026-11-24T16:00:00Z")));
    }

    @Test
    void anOverrideThatChangesNobodyDoesNotBoundTheAnswer() {
      Rota overridden = rota.withOverrides(List.of(override(1, Layer.PRIMARY, "db.dave", "2026-11-24T10:00:00Z", "2026-11-24T14:00:00Z", 1)));
      assertThat(overridden.onCall(at("2026-11-24T12:00:00Z")))
          .isEqualTo(new OnCall("database", "db.dave", "db.olga", at("2026-11-23T08:00:00Z"), at("2026-11-30T08:00:00Z")));
    }

    @Test
    void anOverrideBeforeTheRotaStartsPutsSomeoneOnCall() {
      Rota overridden = rota.withOverrides(List.of(override(1, Layer.PRIMARY, "db.nina", "2026-11-20T08:00:00Z", "2026-11-21T08:00:00Z", 1)));
      assertThat(overridden.onCall(at("2026-11-19T08:00:00Z")))
          .isEqualTo(new OnCall("database", null, null, null, at("2026-11-20T08:00:00Z")));
      assertThat(overridden.onCall(at("2026-11-20T12:00:00Z")))
          .isEqualTo(new OnCall("database", "db.nina", null, at("2026-11-20T08:00:00Z"), at("2026-11-21T08:00:00Z")));
      assertThat(overridden.onCall(at("2026-11-22T12:00:00Z")))
          .isEqualTo(new OnCall("database", null, null, at("2026-11-21T08:00:00Z"), at("2026-11-23T08:00:00Z")));
    }
  }

  @Nested
  class Shifts {

    private final Rota rota = rota(BERLIN, "09:00", WEEKLY, "2026-11-23", List.of("db.dave", "db.olga"), List.of("db.olga"));

    @Test
    void eachLayerHasAShiftPerSlotWholeEvenWhereTheRangeCutsIt() {
      List<Shift> shifts = rota.shifts(at("2026-11-25T00:00:00Z"), at("2026-12-01T00:00:00Z"));
      assertThat(shifts).containsExactly(
          new Shift(Layer.PRIMARY, "db.dave", at("2026-11-23T08:00:00Z"), at("2026-11-30T08:00:00Z"), null),
          new Shift(Layer.SECONDARY, "db.olga", at("2026-11-23T08:00:00Z"), at("2026-11-30T08:00:00Z"), null),
          new Shift(Layer.PRIMARY, "db.olga", at("2026-11-30T08:00:00Z"), at("2026-12-07T08:00:00Z"), null),
          new Shift(Layer.SECONDARY, "db.olga", at("2026-11-30T08:00:00Z"), at("2026-12-07T08:00:00Z"), null));
    }

    @Test
    void overridesCutTheRotasShiftsAndAShiftKeepsItsEdgesWhateverTheRange() {
      Rota overridden = rota.withOverrides(List.of(
          override(1, Layer.PRIMARY, "db.nina", "2026-11-24T11:00:00Z", "2026-11-24T17:00:00Z", 1),
          override(2, Layer.SECONDARY, "db.sam", "2026-11-29T20:00:00Z", "2026-12-01T06:00:00Z", 2)));
      List<Shift> wide = overridden.shifts(at("2026-11-20T00:00:00Z"), at("2026-12-10T00:00:00Z"));
      assertThat(wide).containsExactly(
          new Shift(Layer.PRIMARY, "db.dave", at("2026-11-23T08:00:00Z"), at("2026-11-24T11:00:00Z"), null),
          new Shift(Layer.SECONDARY, "db.olga", at("2026-11-23T08:00:00Z"), at("2026-11-29T20:00:00Z"), null),
          new Shift(Layer.PRIMARY, "db.nina", at("2026-11-24T11:00:00Z"), at("2026-11-24T17:00:00Z"), 1L),
          new Shift(Layer.PRIMARY, "db.dave", at("2026-11-24T17:00:00Z"), at("2026-11-30T08:00:00Z"), null),
          new Shift(Layer.SECONDARY, "db.sam", at("2026-11-29T20:00:00Z"), at("2026-12-01T06:00:00Z"), 2L),
          new Shift(Layer.PRIMARY, "db.olga", at("2026-11-30T08:00:00Z"), at("2026-12-07T08:00:00Z"), null),
          new Shift(Layer.SECONDARY, "db.olga", at("2026-12-01T06:00:00Z"), at("2026-12-07T08:00:00Z"), null),
          new Shift(Layer.PRIMARY, "db.dave", at("2026-12-07T08:00:00Z"), at("2026-12-14T08:00:00Z"), null),
          new Shift(Layer.SECONDARY, "db.olga", at("2026-12-07T08:00:00Z"), at("2026-12-14T08:00:00Z"), null));
      List<Shift> narrow = overridden.shifts(at("2026-11-30T12:00:00Z"), at("2026-11-30T13:00:00Z"));
      assertThat(narrow).containsExactly(
          new Shift(Layer.SECONDARY, "db.sam", at("2026-11-29T20:00:00Z"), at("2026-12-01T06:00:00Z"), 2L),
          new Shift(Layer.PRIMARY, "db.olga", at("2026-11-30T08:00:00Z"), at("2026-12-07T08:00:00Z"), null));
      assertThat(wide).containsAll(narrow);
    }

    @Test
    void beforeTheRotaStartsOnlyOverridesHaveShifts() {
      Rota overridden = rota.withOverrides(List.of(override(1, Layer.PRIMARY, "db.nina", "2026-11-20T08:00:00Z", "2026-11-21T08:00:00Z", 1)));
      assertThat(overridden.shifts(at("2026-11-01T00:00:00Z"), at("2026-11-23T08:00:00Z")))
          .containsExactly(new Shift(Layer.PRIMARY, "db.nina", at("2026-11-20T08:00:00Z"), at("2026-11-21T08:00:00Z"), 1L));
    }

    @Test
    void aRangeMustEndAfterItStarts() {
      assertThatThrownBy(() -> rota.shifts(at("2026-11-25T00:00:00Z"), at("2026-11-25T00:00:00Z")))
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void aRotaNeedsSomeoneInItsPrimaryLayerAndEachPersonOncePerLayer() {
    assertThatThrownBy(() -> rota(BERLIN, "09:00", WEEKLY, "2026-11-23", List.of(), List.of()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("primary:");
    assertThatThrownBy(() -> rota(BERLIN, "09:00", WEEKLY, "2026-11-23", List.of("db.dave"), List.of("db.olga", "db.olga")))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("secondary: db.olga is in the layer twice");
    assertThat(rota(BERLIN, "09:00", WEEKLY, "2026-11-23", List.of("db.dave"), List.of("db.dave")).secondary()).containsExactly("db.dave");
  }

  private static Rota rota(ZoneId zone, String handover, Rotation rotation, String start, List<String> primary, List<String> secondary) {
    return new Rota("database", zone, LocalTime.parse(handover), rotation, LocalDate.parse(start), primary, secondary, null, List.of());
  }

  /** An override created {@code order} minutes into 1 November 2026: the higher, the later. */
  private static OnCallOverride override(long id, Layer layer, String user, String from, String to, int order) {
    return new OnCallOverride(id, layer, user, at(from), at(to), null, "im.ian", at("2026-11-01T00:00:00Z").plusSeconds(60L * order));
  }

  private static Instant at(String instant) {
    return Instant.parse(instant);
  }
}
