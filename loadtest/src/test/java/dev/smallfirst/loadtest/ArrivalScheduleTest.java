package dev.smallfirst.loadtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ArrivalScheduleTest {

  @Test
  void shouldSpaceFixedRateArrivalsEvenly() {
    ArrivalSchedule s = ArrivalSchedule.fixed(200);

    assertThat(s.nextOffsetNanos()).isZero();
    assertThat(s.nextOffsetNanos()).isEqualTo(5_000_000);
    assertThat(s.nextOffsetNanos()).isEqualTo(10_000_000);
  }

  @Test
  void shouldAverageThePoissonRateAndRepeatForASeed() {
    ArrivalSchedule a = ArrivalSchedule.poisson(100, 42);
    ArrivalSchedule b = ArrivalSchedule.poisson(100, 42);
    long last = 0;
    for (int i = 0; i < 20_000; i++) {
      last = a.nextOffsetNanos();
      assertThat(b.nextOffsetNanos()).isEqualTo(last);
    }

    double observedRate = 19_999 / (last / 1e9);
    assertThat(observedRate).isBetween(97.0, 103.0);
  }

  @Test
  void shouldRefuseANonPositiveRate() {
    assertThatThrownBy(() -> ArrivalSchedule.fixed(0)).hasMessageContaining("rate");
  }
}
