package dev.smallfirst.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class CalibrationTest {

  @Test
  void shouldComputeExpectedCalibrationErrorByHand() {
    // Given bins of width 0.1: [0.9,1.0) holds 0.95 right and 0.95 wrong (gap 0.45),
    // [0.5,0.6) holds 0.55 right (gap 0.45), [0.4,0.5) holds 0.45 wrong (gap 0.45)
    Calibration.Result r =
        Calibration.compute(
            new double[] {0.95, 0.95, 0.55, 0.45}, new boolean[] {true, false, true, false}, 10);
    // Then ECE = 2/4 * 0.45 + 1/4 * 0.45 + 1/4 * 0.45
    assertThat(r.ece()).isCloseTo(0.45, within(1e-12));
    assertThat(r.bins()).hasSize(10);
    assertThat(r.bins().get(9).count()).isEqualTo(2);
    assertThat(r.bins().get(9).accuracy()).isEqualTo(0.5);
    assertThat(r.bins().get(0).accuracy()).isNaN();
  }

  @Test
  void shouldBeZeroForPerfectlyCalibratedConfidence() {
    Calibration.Result r =
        Calibration.compute(new double[] {1.0, 1.0, 0.0}, new boolean[] {true, true, false}, 15);
    assertThat(r.ece()).isZero();
  }
}
