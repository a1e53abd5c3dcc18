package dev.smallfirst.models.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.offset;

import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class BootstrapTest {

  /** Accuracy of {@code right} on the drawn examples. */
  private static double accuracy(boolean[] right, int[] idx) {
    return IntStream.of(idx).filter(i -> right[i]).count() / (double) idx.length;
  }

  private static boolean[] rightEvery(int n, int k) {
    boolean[] right = new boolean[n];
    for (int i = 0; i < n; i++) {
      right[i] = i % k != 0;
    }
    return right;
  }

  @Test
  void shouldGiveTheSameIntervalForTheSameSeed() {
    // Given 200 examples, 80% right
    boolean[] right = rightEvery(200, 5);
    // When two bootstraps with one seed run
    Bootstrap.Interval a = new Bootstrap(500, 7).interval(200, idx -> accuracy(right, idx));
    Bootstrap.Interval b = new Bootstrap(500, 7).interval(200, idx -> accuracy(right, idx));
    // Then they agree exactly, and another seed differs
    assertThat(a).isEqualTo(b);
    assertThat(new Bootstrap(500, 8).interval(200, idx -> accuracy(right, idx))).isNotEqualTo(a);
  }

  @Test
  void shouldCoverThePointEstimateWithAPlausibleWidth() {
    // Given 400 examples, 80% right: the binomial standard error is 0.02
    boolean[] right = rightEvery(400, 5);
    // When
    Bootstrap.Interval ci = Bootstrap.standard().interval(400, idx -> accuracy(right, idx));
    // Then the 95% interval is about ±1.96 standard errors around 0.8
    assertThat(ci.contains(0.8)).isTrue();
    assertThat(ci.high() - ci.low()).isBetween(0.06, 0.10);
  }

  @Test
  void shouldNarrowWithMoreExamples() {
    Bootstrap b = Bootstrap.standard();
    boolean[] small = rightEvery(100, 5);
    boolean[] large = rightEvery(2000, 5);
    Bootstrap.Interval wide = b.interval(100, idx -> accuracy(small, idx));
    Bootstrap.Interval narrow = b.interval(2000, idx -> accuracy(large, idx));
    assertThat(narrow.high() - narrow.low()).isLessThan((wide.high() - wide.low()) / 3);
  }

  @Test
  void shouldResampleEveryNamedStatisticTogetherAndSkipUndefinedResamples() {
    // Given a statistic that is undefined (NaN) when example 0 is not drawn
    boolean[] right = rightEvery(50, 5);
    Map<String, Bootstrap.Interval> cis =
        new Bootstrap(300, 3)
            .intervals(
                50,
                idx ->
                    Map.of(
                        "accuracy",
                        accuracy(right, idx),
                        "error",
                        1 - accuracy(right, idx),
                        "sometimes",
                        IntStream.of(idx).anyMatch(i -> i == 0) ? 1.0 : Double.NaN));
    // Then the intervals mirror each other (same resamples) and NaN resamples are left out
    assertThat(cis.get("accuracy").low()).isEqualTo(1 - cis.get("error").high(), offset(1e-12));
    assertThat(cis.get("sometimes")).isEqualTo(new Bootstrap.Interval(1, 1));
  }

  @Test
  void shouldBeUndefinedWithoutExamples() {
    Bootstrap.Interval ci = Bootstrap.standard().interval(0, idx -> Double.NaN);
    assertThat(ci.low()).isNaN();
    assertThat(ci.high()).isNaN();
  }

  @Test
  void shouldRefuseZeroResamples() {
    assertThatThrownBy(() -> new Bootstrap(0, 1)).hasMessageContaining("resamples");
  }
}
