package dev.smallfirst.loadtest;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.HdrHistogram.Histogram;

/**
 * One hop's time over the traced replies, in milliseconds (see {@link HopBreakdown}).
 *
 * @param p50 median
 * @param p99 99th percentile
 * @param mean arithmetic mean: the means of all hops add up to the mean traced latency
 */
public record HopTiming(
    @JsonProperty("p50") double p50,
    @JsonProperty("p99") double p99,
    @JsonProperty("mean") double mean) {

  /** The timing of a histogram of microseconds. */
  static HopTiming ofMicros(Histogram h) {
    return new HopTiming(
        ms(h.getValueAtPercentile(50)), ms(h.getValueAtPercentile(99)), ms(h.getMean()));
  }

  private static double ms(double micros) {
    return Math.round(micros / 10.0) / 100.0;
  }
}
