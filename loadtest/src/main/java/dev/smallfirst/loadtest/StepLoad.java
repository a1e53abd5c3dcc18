package dev.smallfirst.loadtest;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Step mode: runs the load at rising rates until the small-only route's p99 latency passes the SLO
 * (or messages go missing), and reports the highest rate that held. Each step is a full {@link
 * LoadRun} of {@code secondsPerStep} seconds. Stateless.
 */
public final class StepLoad {
  private StepLoad() {}

  /**
   * What the steps found.
   *
   * @param steps every step run, in order
   * @param highestSustainableRate the highest offered rate whose small-only p99 met the SLO with
   *     nothing missing, or empty when even the first step failed
   */
  public record Result(List<Step> steps, Optional<Double> highestSustainableRate) {}

  /**
   * One step.
   *
   * @param rate offered messages per second
   * @param report its report
   * @param held whether it met the SLO
   */
  public record Step(double rate, LoadReport report, boolean held) {}

  /** One run at a given rate (the caller builds the plan and message source). */
  @FunctionalInterface
  public interface RunAtRate {
    LoadReport run(double rate) throws InterruptedException;
  }

  /**
   * Runs {@code rates} in order until a step misses {@code sloP99Millis} on the small-only route.
   */
  public static Result run(List<Double> rates, double sloP99Millis, RunAtRate runner)
      throws InterruptedException {
    List<Step> steps = new ArrayList<>();
    Optional<Double> best = Optional.empty();
    for (double rate : rates) {
      LoadReport report = runner.run(rate);
      boolean held = holds(report, sloP99Millis);
      steps.add(new Step(rate, report, held));
      if (!held) {
        break;
      }
      best = Optional.of(rate);
    }
    return new Result(List.copyOf(steps), best);
  }

  /**
   * A step holds when nothing is missing or duplicated and the small-only p99 is within the SLO.
   */
  static boolean holds(LoadReport report, double sloP99Millis) {
    Percentiles small = report.latencyByRoute().get("SMALL_ONLY");
    return report.exactlyOnce() && small != null && small.p99() <= sloP99Millis;
  }

  /** Rates from {@code start}, multiplied by {@code factor} each step, up to {@code max}. */
  public static List<Double> geometric(double start, double factor, double max) {
    List<Double> rates = new ArrayList<>();
    for (double r = start; r <= max; r *= factor) {
      rates.add(Math.round(r * 10) / 10.0);
    }
    return rates;
  }
}
