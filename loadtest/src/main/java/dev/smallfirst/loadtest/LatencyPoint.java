package dev.smallfirst.loadtest;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.ArrayList;
import java.util.List;
import org.HdrHistogram.Histogram;

/**
 * One point of a latency distribution, as HdrHistogram plots it: the latency in milliseconds at
 * which {@code percentile} percent of the replies had been answered.
 */
public record LatencyPoint(
    @JsonProperty("percentile") double percentile, @JsonProperty("ms") double ms) {
  private static final double[] LEVELS = {
    1, 10, 25, 50, 75, 90, 95, 99, 99.5, 99.9, 99.95, 99.99, 99.995, 99.999
  };

  /**
   * The distribution of a histogram of microseconds: the standard percentiles that its count
   * resolves (99.9 needs at least 1,000 values), then the maximum at {@code 100 (1 - 1/count)};
   * empty when it is empty.
   */
  static List<LatencyPoint> ofMicros(Histogram h) {
    List<LatencyPoint> out = new ArrayList<>();
    long n = h.getTotalCount();
    if (n == 0) {
      return out;
    }
    double top = 100 * (1 - 1.0 / n);
    for (double level : LEVELS) {
      if (level < top) {
        out.add(new LatencyPoint(level, ms(h.getValueAtPercentile(level))));
      }
    }
    out.add(new LatencyPoint(Math.round(top * 10_000) / 10_000.0, ms(h.getMaxValue())));
    return out;
  }

  private static double ms(long micros) {
    return Math.round(micros / 100.0) / 10.0;
  }
}
