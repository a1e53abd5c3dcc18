package dev.smallfirst.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.smallfirst.loadtest.LoadReport;
import dev.smallfirst.loadtest.Percentiles;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The saturation search, against a system model with a known capacity. */
class SaturationSearchTest {
  private static final DemoOptions.Saturate SATURATE =
      new DemoOptions.Saturate(1000, 15, 0, 10, 1000);

  /**
   * A system that answers everything within {@code latencyMs} up to {@code capacity} messages per
   * second and falls behind above it: replies come out at its capacity, latency grows.
   */
  private static LoadReport system(double rate, double capacity, double latencyMs) {
    int n = SATURATE.stepMessages(rate);
    double sendSeconds = n / rate;
    double drainSeconds = rate <= capacity ? latencyMs / 1000 : n / capacity - sendSeconds;
    double p99 = rate <= capacity ? latencyMs : 1000 * drainSeconds + latencyMs;
    Percentiles lat = new Percentiles(latencyMs, latencyMs, p99, p99, p99);
    return new LoadReport(
        n,
        0,
        n,
        0,
        0,
        0,
        Map.of("SMALL_ONLY", (long) n),
        n / (sendSeconds + drainSeconds),
        lat,
        Map.of("SMALL_ONLY", lat),
        0,
        0,
        0,
        List.of(),
        null,
        null,
        null);
  }

  @Test
  void shouldFindTheCapacityWithinThePrecision() throws Exception {
    // Given a system that keeps up to 47 messages per second
    List<Double> asked = new ArrayList<>();

    // When searched
    SaturationSearch.Found found =
        SaturationSearch.search(
            "smallfirst",
            SATURATE,
            rate -> rate,
            rate -> {
              asked.add(rate);
              return system(rate, 47, 300);
            },
            step -> {});

    // Then it doubles to the first failure, then bisects to within 20%
    assertThat(asked).startsWith(10.0, 20.0, 40.0, 80.0);
    assertThat(found.highestRate()).isLessThanOrEqualTo(47).isGreaterThan(47 / 1.2);
    assertThat(found.steps()).hasSize(asked.size());
    assertThat(found.report().sent()).isEqualTo(SATURATE.stepMessages(found.highestRate()));
  }

  @Test
  void shouldHalveWhenEvenTheFirstRateFails() throws Exception {
    SaturationSearch.Found found =
        SaturationSearch.search(
            "baseline", SATURATE, rate -> rate, rate -> system(rate, 4, 300), step -> {});

    assertThat(found.steps().get(0).ratePerSecond()).isEqualTo(10.0);
    assertThat(found.steps().get(1).ratePerSecond()).isEqualTo(5.0);
    assertThat(found.highestRate()).isLessThanOrEqualTo(4).isGreaterThan(4 / 1.2);
  }

  @Test
  void shouldNotHoldAStepThatMissesTheSlo() {
    LoadReport slow = system(10, 100, 1500);

    assertThat(SaturationSearch.judge("smallfirst", 10, 10, slow, SATURATE).held()).isFalse();
    assertThat(SaturationSearch.judge("smallfirst", 10, 10, system(10, 100, 900), SATURATE).held())
        .isTrue();
  }

  @Test
  void shouldNotHoldAStepThatFallsBehindTheOfferedRate() {
    // a system at 90% of the offered rate whose tail still meets a lenient SLO
    DemoOptions.Saturate lenient = new DemoOptions.Saturate(5000, 15, 0, 10, 1000);
    LoadReport behind = system(20, 18, 200);

    assertThat(behind.latency().p99()).isLessThan(lenient.sloP99Millis());
    assertThat(SaturationSearch.judge("smallfirst", 20, 20, behind, lenient).held()).isFalse();
    assertThat(SaturationSearch.judge("smallfirst", 20, 20, system(20, 30, 200), lenient).held())
        .isTrue();
  }
}
