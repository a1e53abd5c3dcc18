package dev.smallfirst.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.smallfirst.eval.SpanMetrics.LabeledSpan;
import java.util.List;
import org.junit.jupiter.api.Test;

class SpanMetricsTest {

  @Test
  void shouldCountOnlyExactMatchesOfStartEndAndLabel() {
    // Given gold A[0,3) B[5,8) and predictions A[0,3) (exact), B[5,7) (boundary), C[9,10)
    // (spurious)
    SpanMetrics.Summary s =
        SpanMetrics.compute(
            List.of(List.of(new LabeledSpan(0, 3, "A"), new LabeledSpan(5, 8, "B"))),
            List.of(
                List.of(
                    new LabeledSpan(0, 3, "A"),
                    new LabeledSpan(5, 7, "B"),
                    new LabeledSpan(9, 10, "C"))));
    // Then P = 1/3, R = 1/2, F1 = 2 * 1 / (2 + 3)
    assertThat(s.precision()).isCloseTo(1.0 / 3, within(1e-12));
    assertThat(s.recall()).isEqualTo(0.5);
    assertThat(s.f1()).isCloseTo(0.4, within(1e-12));
    assertThat(s.perLabel()).extracting(p -> p.label()).containsExactly("A", "B", "C");
    assertThat(s.perLabel().get(1).recall()).isZero();
  }

  @Test
  void shouldNotCountADuplicatePredictionTwice() {
    SpanMetrics.Summary s =
        SpanMetrics.compute(
            List.of(List.of(new LabeledSpan(0, 3, "A"))),
            List.of(List.of(new LabeledSpan(0, 3, "A"), new LabeledSpan(0, 3, "A"))));
    assertThat(s.correct()).isEqualTo(1);
    assertThat(s.precision()).isEqualTo(0.5);
  }
}
