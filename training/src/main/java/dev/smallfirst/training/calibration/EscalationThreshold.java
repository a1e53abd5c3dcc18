package dev.smallfirst.training.calibration;

import java.util.Arrays;

/**
 * Chooses the escalation threshold (escalate when {@code confidence < threshold}) from validation
 * confidences: the highest threshold that escalates at most {@code maxKnownRate} of the examples
 * whose label the model knows, which also escalates as many as possible of the examples it cannot
 * answer (labels it was not trained on, such as CLINC150's {@code oos}). Stateless.
 */
public final class EscalationThreshold {

  /**
   * The chosen threshold and what it does on the validation data.
   *
   * @param threshold escalate when confidence is below it
   * @param knownEscalated fraction of known-label examples escalated
   * @param unknownRecall fraction of unknown-label examples escalated (NaN when there are none)
   */
  public record Choice(double threshold, double knownEscalated, double unknownRecall) {}

  private EscalationThreshold() {}

  /**
   * Like {@link #choose}, but without unanswerable examples the threshold never exceeds {@code
   * cap}: escalating a message the small model gets right with calibrated probability {@code >=
   * cap} (the frontier model's own accuracy) cannot improve the expected answer, it only costs.
   */
  public static Choice chooseCapped(
      double[] known, double[] unknown, double maxKnownRate, double cap) {
    Choice c = choose(known, unknown, maxKnownRate);
    if (unknown.length > 0 || c.threshold() <= cap) {
      return c;
    }
    return new Choice(cap, rate(known, cap), Double.NaN);
  }

  /**
   * @param known confidences of validation examples with labels the model knows
   * @param unknown confidences of validation examples it cannot answer (may be empty)
   * @param maxKnownRate the largest acceptable fraction of known examples escalated, in [0, 1]
   */
  public static Choice choose(double[] known, double[] unknown, double maxKnownRate) {
    if (maxKnownRate < 0 || maxKnownRate > 1) {
      throw new IllegalArgumentException("maxKnownRate must be in [0, 1]: " + maxKnownRate);
    }
    if (known.length == 0) {
      return new Choice(0, 0, rate(unknown, 0));
    }
    double[] sorted = known.clone();
    Arrays.sort(sorted);
    int allowed = (int) Math.floor(maxKnownRate * sorted.length + 1e-9);
    // escalated(t) = #{c < t}; with t = sorted[allowed] exactly `allowed` values are below t
    // unless ties at sorted[allowed] pull in fewer, never more.
    double threshold =
        allowed >= sorted.length ? Math.nextUp(sorted[sorted.length - 1]) : sorted[allowed];
    return new Choice(threshold, rate(known, threshold), rate(unknown, threshold));
  }

  /** Fraction of {@code confidences} below {@code threshold}; NaN for an empty array. */
  public static double rate(double[] confidences, double threshold) {
    if (confidences.length == 0) {
      return Double.NaN;
    }
    int n = 0;
    for (double c : confidences) {
      if (c < threshold) {
        n++;
      }
    }
    return n / (double) confidences.length;
  }
}
