package dev.smallfirst.training.calibration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class OutOfScopeFloorTest {
  // Ten in-scope examples; the out-of-scope ones are confident but far from the training requests.
  private static final double[] KNOWN = {0.99, 0.98, 0.97, 0.96, 0.95, 0.94, 0.93, 0.92, 0.91, 0.5};
  private static final double[] KNOWN_SIM = {0.9, 0.9, 0.9, 0.9, 0.9, 0.9, 0.9, 0.9, 0.9, 0.9};

  @Test
  void shouldUseTheFloorWhenItCatchesWhatTheThresholdCannot() {
    double[] unknown = {0.97, 0.96, 0.4};
    double[] unknownSim = {0.3, 0.35, 0.85};

    OutOfScopeFloor.Choice c = OutOfScopeFloor.choose(KNOWN, KNOWN_SIM, unknown, unknownSim, 0.1);

    assertThat(c).isNotNull();
    assertThat(c.unknownRecall()).isEqualTo(1.0);
    assertThat(c.confidenceOnlyRecall()).isCloseTo(1 / 3.0, within(1e-9));
    assertThat(c.knownEscalated()).isLessThanOrEqualTo(0.1);
    assertThat(c.minSimilarity()).isGreaterThan(0.35).isLessThanOrEqualTo(0.9);
  }

  @Test
  void shouldKeepEveryFloorWithinTheInScopeBudget() {
    double[] knownSim = {0.2, 0.3, 0.9, 0.9, 0.9, 0.9, 0.9, 0.9, 0.9, 0.9};
    double[] unknown = {0.97};
    double[] unknownSim = {0.35};

    // Catching the 0.35 one would escalate two in-scope examples (20%) by the floor alone.
    OutOfScopeFloor.Choice c = OutOfScopeFloor.choose(KNOWN, knownSim, unknown, unknownSim, 0.1);

    assertThat(c).isNull();
    assertThat(OutOfScopeFloor.escalated(KNOWN, knownSim, 0.6, 0.25)).isCloseTo(0.2, within(1e-9));
  }

  @Test
  void shouldNotUseAFloorWithoutOutOfScopeExamplesOrWhenItAddsNothing() {
    assertThat(OutOfScopeFloor.choose(KNOWN, KNOWN_SIM, new double[0], new double[0], 0.1))
        .isNull();
    // the threshold alone already catches the only out-of-scope example
    assertThat(
            OutOfScopeFloor.choose(KNOWN, KNOWN_SIM, new double[] {0.3}, new double[] {0.9}, 0.1))
        .isNull();
  }
}
