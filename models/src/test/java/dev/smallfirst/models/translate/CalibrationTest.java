package dev.smallfirst.models.translate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.smallfirst.models.StageOutcome.LabelScore;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class CalibrationTest {

  @Test
  void shouldGiveProbabilitiesThatSumToOne() {
    double[] p = Calibration.softmax(new float[] {9, 1, 2, 3, -4}, 1, 4, 1.0);

    assertThat(Arrays.stream(p).sum()).isCloseTo(1.0, within(1e-9));
    assertThat(Arrays.stream(p).boxed().toList())
        .allSatisfy(v -> assertThat(v).isBetween(0.0, 1.0));
    assertThat(Calibration.argmax(p)).isEqualTo(2);
  }

  @Test
  void shouldFlattenProbabilitiesWithATemperatureAboveOne() {
    float[] logits = {4, 1, 0};

    double sharp = Calibration.softmax(logits, 0, 3, 1.0)[0];
    double calibrated = Calibration.softmax(logits, 0, 3, 3.0)[0];

    assertThat(calibrated).isLessThan(sharp).isGreaterThan(1.0 / 3);
  }

  @Test
  void shouldStayFiniteForHugeLogits() {
    double[] p = Calibration.softmax(new float[] {1e30f, -1e30f}, 0, 2, 1.0);

    assertThat(p).containsExactly(1.0, 0.0);
  }

  @Test
  void shouldListTheBestLabelsFirst() {
    List<LabelScore> top =
        Calibration.topK(new double[] {0.1, 0.6, 0.3}, List.of("a", "b", "c"), 2);

    assertThat(top).extracting(LabelScore::label).containsExactly("b", "c");
  }
}
