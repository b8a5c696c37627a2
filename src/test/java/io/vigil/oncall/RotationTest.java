package io.vigil.oncall;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Period;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A rotation as people write it: days and weeks follow the wall clock, hours are elapsed time. */
class RotationTest {

  @Test
  void daysWeeksAndMonthsAreAPeriodHoursADuration() {
    assertThat(Rotation.parse("P7D")).isEqualTo(new Rotation.OfPeriod(Period.ofDays(7)));
    assertThat(Rotation.parse("P1W")).isEqualTo(new Rotation.OfPeriod(Period.ofDays(7)));
    assertThat(Rotation.parse("p1d")).isEqualTo(new Rotation.OfPeriod(Period.ofDays(1)));
    assertThat(Rotation.parse("P1M")).isEqualTo(new Rotation.OfPeriod(Period.ofMonths(1)));
    assertThat(Rotation.parse("PT12H")).isEqualTo(new Rotation.OfDuration(Duration.ofHours(12)));
    assertThat(Rotation.parse(" PT1H30M ")).isEqualTo(new Rotation.OfDuration(Duration.ofMinutes(90)));
  }

  @Test
  void itsTextIsNormalised() {
    assertThat(Rotation.parse("P1W").text()).isEqualTo("P7D");
    assertThat(Rotation.parse("PT720M").text()).isEqualTo("PT12H");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "P0D       | must be longer than nothing",
      "PT0S      | must be at least PT1H",
      "-P7D      | must not be negative",
      "P-7D      | must not be negative",
      "PT-12H    | must not be negative",
      "P1M-3D    | must not be negative",
      "P1DT12H   | mixes days and hours",
      "PT30M     | must be at least PT1H",
      "P1Y1D     | must be at most a year",
      "PT8785H   | must be at most a year",
      "weekly    | not an ISO-8601 period",
      "PT        | not an ISO-8601 duration",
      "7         | not an ISO-8601 period"})
  void refusesWhatIsNotARotation(String text, String why) {
    assertThatThrownBy(() -> Rotation.parse(text)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining(why);
  }

  @Test
  void aYearIsTheLongest() {
    assertThat(Rotation.parse("P1Y").text()).isEqualTo("P1Y");
    assertThat(Rotation.parse("P366D").text()).isEqualTo("P366D");
    assertThat(Rotation.parse("PT8784H").text()).isEqualTo("PT8784H");
  }
}
