package dev.smallfirst.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.smallfirst.models.encoder.HeadMath;
import dev.smallfirst.training.calibration.TemperatureScaling;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TemperatureScalingTest {

  @Test
  void shouldRecoverTheTemperatureOfOverconfidentLogits() {
    // Given labels drawn from softmax(z) while the model reports 3 * z (three times too sharp)
    Random r = new Random(1);
    int n = 4000;
    float[][] logits = new float[n][4];
    int[] labels = new int[n];
    for (int i = 0; i < n; i++) {
      float[] z = new float[4];
      for (int c = 0; c < 4; c++) {
        z[c] = (float) r.nextGaussian();
      }
      double[] p = HeadMath.softmax(z, 1);
      double u = r.nextDouble();
      int y = 0;
      while (y < 3 && u > p[y]) {
        u -= p[y];
        y++;
      }
      labels[i] = y;
      for (int c = 0; c < 4; c++) {
        logits[i][c] = 3 * z[c];
      }
    }
    // When the temperature is fitted
    double t = TemperatureScaling.fit(logits, labels);
    // Then it undoes the sharpening
    assertThat(t).isCloseTo(3.0, within(0.25));
    assertThat(TemperatureScaling.nll(logits, labels, t))
        .isLessThan(TemperatureScaling.nll(logits, labels, 1));
  }

  @Test
  void shouldStayWithinItsBoundsOnPerfectPredictions() {
    float[][] logits = {{10, 0}, {0, 10}};
    double t = TemperatureScaling.fit(logits, new int[] {0, 1});
    assertThat(t).isBetween(TemperatureScaling.MIN, TemperatureScaling.MAX);
  }
}
