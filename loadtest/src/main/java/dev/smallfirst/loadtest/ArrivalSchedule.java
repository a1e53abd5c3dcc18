package dev.smallfirst.loadtest;

import java.util.SplittableRandom;

/**
 * When each message of an open-loop load is due, as an offset from the start. Open loop: the
 * schedule never waits for replies, so a slow system cannot slow the load down (no coordinated
 * omission). Not thread-safe: one sender owns it.
 */
public sealed interface ArrivalSchedule {

  /** The offset, in nanoseconds from the start, at which the next message is due. */
  long nextOffsetNanos();

  /** The rate it aims at, messages per second. */
  double ratePerSecond();

  /** Message {@code i} is due at {@code i / rate}. */
  static ArrivalSchedule fixed(double ratePerSecond) {
    return new Fixed(ratePerSecond);
  }

  /** Exponential inter-arrival times (a Poisson process) of mean {@code 1 / rate}, seeded. */
  static ArrivalSchedule poisson(double ratePerSecond, long seed) {
    return new Poisson(ratePerSecond, new SplittableRandom(seed));
  }

  /** Fixed rate. */
  final class Fixed implements ArrivalSchedule {
    private final double rate;
    private long next;

    Fixed(double rate) {
      if (!(rate > 0)) {
        throw new IllegalArgumentException("rate: must be positive, got " + rate);
      }
      this.rate = rate;
    }

    @Override
    public long nextOffsetNanos() {
      return Math.round(next++ * 1e9 / rate);
    }

    @Override
    public double ratePerSecond() {
      return rate;
    }
  }

  /** Poisson arrivals. */
  final class Poisson implements ArrivalSchedule {
    private final double rate;
    private final SplittableRandom random;
    private double offsetSeconds;
    private boolean first = true;

    Poisson(double rate, SplittableRandom random) {
      if (!(rate > 0)) {
        throw new IllegalArgumentException("rate: must be positive, got " + rate);
      }
      this.rate = rate;
      this.random = random;
    }

    @Override
    public long nextOffsetNanos() {
      if (first) {
        first = false;
        return 0;
      }
      offsetSeconds += -Math.log(1.0 - random.nextDouble()) / rate;
      return Math.round(offsetSeconds * 1e9);
    }

    @Override
    public double ratePerSecond() {
      return rate;
    }
  }
}
