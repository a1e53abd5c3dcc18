package dev.smallfirst.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.smallfirst.training.calibration.EscalationThreshold;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class EscalationThresholdTest {

  private static final double[] KNOWN = {0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0};

  @Test
  void shouldEscalateAsManyUnknownsAsTheBudgetOnKnownExamplesAllows() {
    // Given a 20% budget on ten known confidences and three unknown ones
    EscalationThreshold.Choice c =
        EscalationThreshold.choose(KNOWN, new double[] {0.05, 0.25, 0.5}, 0.2);
    // Then the threshold is the third-lowest known confidence: two known and two unknown escalate
    assertThat(c.threshold()).isEqualTo(0.3);
    assertThat(c.knownEscalated()).isEqualTo(0.2);
    assertThat(c.unknownRecall()).isCloseTo(2.0 / 3, within(1e-12));
  }

  @Test
  void shouldCapTheThresholdWhenNothingIsUnanswerable() {
    double[] confident = {0.99, 0.995, 0.999, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0};
    EscalationThreshold.Choice c =
        EscalationThreshold.chooseCapped(confident, new double[0], 0.1, 0.97);
    assertThat(c.threshold()).isEqualTo(0.97);
    assertThat(c.knownEscalated()).isZero();
  }

  @Test
  void shouldEscalateNothingWithAZeroBudget() {
    EscalationThreshold.Choice c = EscalationThreshold.choose(KNOWN, new double[] {0.0}, 0.0);
    assertThat(c.knownEscalated()).isZero();
  }

  @Property
  void shouldNeverEscalateMoreKnownExamplesThanTheBudget(
      @ForAll @Size(min = 1, max = 60) List<@DoubleRange(min = 0, max = 1) Double> known,
      @ForAll @DoubleRange(min = 0, max = 1) double budget) {
    double[] k = known.stream().mapToDouble(Double::doubleValue).toArray();
    EscalationThreshold.Choice c = EscalationThreshold.choose(k, new double[] {0.5}, budget);
    assertThat(c.knownEscalated()).isLessThanOrEqualTo(budget + 1e-9);
  }
}
