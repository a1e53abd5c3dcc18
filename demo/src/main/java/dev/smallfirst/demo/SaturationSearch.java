package dev.smallfirst.demo;

import dev.smallfirst.loadtest.LoadReport;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.DoubleUnaryOperator;

/**
 * The saturation search of one system: runs steps at rising offered rates, doubling from the start
 * rate while they hold (halving when even the first fails, at most twice), then bisecting between
 * the highest rate that held and the lowest that did not until they are within {@link
 * DemoOptions.Saturate#PRECISION}. A step holds when every message was answered exactly once, the
 * p99 latency of all routes met the SLO, and the replies came out at no less than {@link
 * DemoOptions.Saturate#MIN_ACHIEVED_SHARE} of the offered rate. Stateless.
 */
final class SaturationSearch {
  private static final int MAX_HALVINGS = 2;

  private SaturationSearch() {}

  /** One step: a fresh deployment of the system at {@code rate}, its report. */
  @FunctionalInterface
  interface Step {
    LoadReport run(double rate) throws IOException, InterruptedException;
  }

  /**
   * What the search found.
   *
   * @param highestRate the highest rate that held, 0 when none did
   * @param steps every step, in order
   * @param report the report of the step at {@code highestRate}, else of the last step
   */
  record Found(double highestRate, List<LoadReport.SaturationStep> steps, LoadReport report) {}

  /**
   * Searches {@code system}'s highest sustainable rate.
   *
   * @param offered the rate the arrival schedule actually draws for a step asked for a rate
   * @param progress told each step as it ends
   */
  static Found search(
      String system,
      DemoOptions.Saturate s,
      DoubleUnaryOperator offered,
      Step step,
      Consumer<LoadReport.SaturationStep> progress)
      throws IOException, InterruptedException {
    List<LoadReport.SaturationStep> steps = new ArrayList<>();
    double held = 0;
    double failed = Double.POSITIVE_INFINITY;
    LoadReport best = null;
    LoadReport last = null;
    double rate = round(s.startRate());
    int halvings = 0;
    while (true) {
      last = step.run(rate);
      LoadReport.SaturationStep done = judge(system, rate, offered.applyAsDouble(rate), last, s);
      steps.add(done);
      progress.accept(done);
      if (done.held()) {
        held = rate;
        best = last;
      } else {
        failed = rate;
      }
      Double next = next(held, failed, rate, s.maxRate(), halvings);
      if (next == null) {
        break;
      }
      if (held == 0) {
        halvings++;
      }
      rate = next;
    }
    return new Found(held, List.copyOf(steps), best != null ? best : last);
  }

  /** The next rate to try, or null when the search is done. */
  private static Double next(
      double held, double failed, double rate, double maxRate, int halvings) {
    if (held == 0) {
      return halvings < MAX_HALVINGS ? round(failed / 2) : null;
    }
    if (failed == Double.POSITIVE_INFINITY) {
      return rate >= maxRate ? null : round(Math.min(rate * 2, maxRate));
    }
    if (failed / held <= DemoOptions.Saturate.PRECISION) {
      return null;
    }
    double mid = round((held + failed) / 2);
    return mid <= held || mid >= failed ? null : mid;
  }

  /** Whether the step at {@code rate} held, and its figures. */
  static LoadReport.SaturationStep judge(
      String system, double rate, double offered, LoadReport r, DemoOptions.Saturate s) {
    double achieved = achieved(r);
    boolean held =
        r.exactlyOnce()
            && r.latency().p99() <= s.sloP99Millis()
            && achieved >= DemoOptions.Saturate.MIN_ACHIEVED_SHARE * offered;
    return new LoadReport.SaturationStep(
        system, rate, round(offered), round(achieved), r.latency().p99(), r.exactlyOnce(), held);
  }

  /**
   * Replies per second, not counting the one median latency every message pays: the report's
   * throughput runs from the first intended send to the last reply, so it includes the last
   * message's latency, which would hold a short step at full speed below its offered rate.
   */
  static double achieved(LoadReport r) {
    if (r.replies() == 0 || r.throughputPerSecond() <= 0) {
      return 0;
    }
    double elapsed = r.replies() / r.throughputPerSecond();
    return r.replies() / Math.max(1e-3, elapsed - r.latency().p50() / 1000);
  }

  private static double round(double rate) {
    return Math.max(0.1, Math.round(rate * 10) / 10.0);
  }
}
