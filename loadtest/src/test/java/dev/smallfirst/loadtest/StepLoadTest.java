package dev.smallfirst.loadtest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StepLoadTest {

  private static LoadReport report(double smallP99, long missing) {
    Percentiles p = new Percentiles(smallP99 / 2, smallP99 / 2, smallP99, smallP99, smallP99);
    return new LoadReport(
        100,
        0,
        100 - missing,
        0,
        missing,
        0,
        Map.of("SMALL_ONLY", 100 - missing),
        10,
        p,
        Map.of("SMALL_ONLY", p),
        0,
        0,
        0,
        List.of(),
        null,
        null,
        null);
  }

  @Test
  void shouldReportTheHighestRateBeforeTheSloBreaks() throws Exception {
    Map<Double, Double> p99ByRate =
        Map.of(50.0, 300.0, 100.0, 600.0, 200.0, 1_400.0, 400.0, 3_000.0);

    StepLoad.Result result =
        StepLoad.run(
            List.of(50.0, 100.0, 200.0, 400.0), 1_000, rate -> report(p99ByRate.get(rate), 0));

    assertThat(result.highestSustainableRate()).contains(100.0);
    assertThat(result.steps()).hasSize(3); // stops at the first step that breaks
  }

  @Test
  void shouldNotCountAStepThatLostMessages() throws Exception {
    StepLoad.Result result = StepLoad.run(List.of(50.0), 1_000, rate -> report(100, 3));

    assertThat(result.highestSustainableRate()).isEmpty();
  }

  @Test
  void shouldMakeGeometricRates() {
    assertThat(StepLoad.geometric(25, 2, 200)).containsExactly(25.0, 50.0, 100.0, 200.0);
  }
}
