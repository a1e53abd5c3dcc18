package dev.smallfirst.loadtest;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.HdrHistogram.Histogram;

/**
 * Latency percentiles in milliseconds.
 *
 * @param p50 median
 * @param p90 90th percentile
 * @param p99 99th percentile
 * @param p999 99.9th percentile
 * @param max largest value recorded
 */
public record Percentiles(
    @JsonProperty("p50") double p50,
    @JsonProperty("p90") double p90,
    @JsonProperty("p99") double p99,
    @JsonProperty("p999") double p999,
    @JsonProperty("max") double max) {

  /** Percentiles of a histogram of microseconds; all zero when it is empty. */
  public static Percentiles ofMicros(Histogram h) {
    if (h.getTotalCount() == 0) {
      return new Percentiles(0, 0, 0, 0, 0);
    }
    return new Percentiles(
        ms(h.getValueAtPercentile(50)),
        ms(h.getValueAtPercentile(90)),
        ms(h.getValueAtPercentile(99)),
        ms(h.getValueAtPercentile(99.9)),
        ms(h.getMaxValue()));
  }

  private static double ms(long micros) {
    return Math.round(micros / 100.0) / 10.0;
  }
}
