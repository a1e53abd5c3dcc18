package dev.smallfirst.models.stats;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/**
 * Percentile bootstrap confidence intervals: the examples are resampled with replacement {@code
 * resamples} times, the statistic is computed on each resample (given as the indices of the drawn
 * examples), and the interval is the 2.5th and 97.5th percentile of those values. The same seed
 * gives the same resamples, so intervals are reproducible. Immutable and thread-safe.
 *
 * <pre>{@code
 * Bootstrap.Interval ci = new Bootstrap(1000, 7).interval(n, idx -> accuracyOf(idx));
 * }</pre>
 */
public final class Bootstrap {

  /** Resamples used by {@code smallfirst eval}. */
  public static final int DEFAULT_RESAMPLES = 1000;

  /** Seed used by {@code smallfirst eval}. */
  public static final long DEFAULT_SEED = 20251201L;

  /**
   * A 95% interval; both bounds NaN when the statistic is undefined (e.g. no examples).
   *
   * @param low the 2.5th percentile
   * @param high the 97.5th percentile
   */
  public record Interval(double low, double high) {
    /** True when {@code value} lies within the bounds. */
    public boolean contains(double value) {
      return value >= low && value <= high;
    }
  }

  private final int resamples;
  private final long seed;

  /**
   * @param resamples how many resamples, at least 1
   * @param seed the seed of the resampling
   */
  public Bootstrap(int resamples, long seed) {
    if (resamples < 1) {
      throw new IllegalArgumentException("resamples must be at least 1: " + resamples);
    }
    this.resamples = resamples;
    this.seed = seed;
  }

  /** The bootstrap of {@code smallfirst eval}: 1,000 resamples, fixed seed. */
  public static Bootstrap standard() {
    return new Bootstrap(DEFAULT_RESAMPLES, DEFAULT_SEED);
  }

  /** The interval of {@code statistic} over {@code n} examples. */
  public Interval interval(int n, ToDoubleFunction<int[]> statistic) {
    return intervals(n, idx -> Map.of("s", statistic.applyAsDouble(idx))).get("s");
  }

  /**
   * The interval of each named statistic that {@code statistics} computes from one resample (the
   * same resamples for all of them); a statistic that is NaN on a resample is left out there. The
   * map keeps the order of the first resample's keys.
   */
  public Map<String, Interval> intervals(int n, Function<int[], Map<String, Double>> statistics) {
    Map<String, double[]> values = new LinkedHashMap<>();
    SplittableRandom random = new SplittableRandom(seed);
    int[] idx = new int[n];
    for (int r = 0; r < resamples; r++) {
      for (int i = 0; i < n; i++) {
        idx[i] = random.nextInt(n);
      }
      int round = r;
      statistics
          .apply(idx.clone())
          .forEach((k, v) -> values.computeIfAbsent(k, x -> undefined(resamples))[round] = v);
    }
    Map<String, Interval> out = new LinkedHashMap<>();
    values.forEach((k, v) -> out.put(k, n == 0 ? new Interval(Double.NaN, Double.NaN) : of(v)));
    return out;
  }

  private static double[] undefined(int length) {
    double[] a = new double[length];
    Arrays.fill(a, Double.NaN);
    return a;
  }

  private static Interval of(double[] values) {
    double[] defined = Arrays.stream(values).filter(v -> !Double.isNaN(v)).sorted().toArray();
    if (defined.length == 0) {
      return new Interval(Double.NaN, Double.NaN);
    }
    return new Interval(percentile(defined, 0.025), percentile(defined, 0.975));
  }

  /** Linear interpolation between closest ranks of a sorted array. */
  static double percentile(double[] sorted, double q) {
    double pos = q * (sorted.length - 1);
    int lo = (int) Math.floor(pos);
    int hi = Math.min(sorted.length - 1, lo + 1);
    return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
  }
}
