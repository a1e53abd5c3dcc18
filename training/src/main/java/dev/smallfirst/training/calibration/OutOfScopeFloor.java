package dev.smallfirst.training.calibration;

import java.util.Arrays;

/**
 * Chooses a classifier's out-of-scope floor with its threshold: a text escalates when its
 * calibrated confidence is below {@code threshold} <em>or</em> its mean similarity to its nearest
 * training requests is below {@code minSimilarity}. Both are chosen together, on validation data
 * with out-of-scope ("unknown") examples, for the most of them caught while at most {@code
 * maxKnownRate} of the in-scope ones escalate; the floor is kept only when it catches more than the
 * threshold alone. Stateless.
 */
public final class OutOfScopeFloor {

  /**
   * @param threshold the confidence threshold to use with the floor
   * @param minSimilarity the floor
   * @param knownEscalated in-scope validation examples escalated by both together
   * @param unknownRecall out-of-scope validation examples escalated by both together
   * @param confidenceOnlyRecall the same with the threshold alone, at the same budget
   */
  public record Choice(
      double threshold,
      double minSimilarity,
      double knownEscalated,
      double unknownRecall,
      double confidenceOnlyRecall) {}

  private OutOfScopeFloor() {}

  /**
   * The best floor among the 0th to 30th percentiles of the in-scope similarities (steps of half a
   * percent), or null when none catches more out-of-scope examples than the threshold alone, or
   * there are none to catch.
   *
   * @param known in-scope calibrated confidences
   * @param knownSimilarity their mean similarities to the nearest training requests
   * @param unknown out-of-scope calibrated confidences
   * @param unknownSimilarity theirs
   */
  public static Choice choose(
      double[] known,
      double[] knownSimilarity,
      double[] unknown,
      double[] unknownSimilarity,
      double maxKnownRate) {
    if (unknown.length == 0 || known.length == 0) {
      return null;
    }
    EscalationThreshold.Choice alone = EscalationThreshold.choose(known, unknown, maxKnownRate);
    double[] sorted = knownSimilarity.clone();
    Arrays.sort(sorted);
    Choice best = null;
    for (int step = 0; step <= 60; step++) {
      double floor = sorted[(int) Math.floor(step / 200.0 * (sorted.length - 1))];
      if (escalated(new double[known.length], knownSimilarity, 0, floor) > maxKnownRate) {
        continue; // the floor alone escalates more in-scope examples than allowed
      }
      // Below the floor a confidence counts as 0, so the threshold spends only what is left.
      double threshold =
          EscalationThreshold.choose(
                  below(known, knownSimilarity, floor), new double[0], maxKnownRate)
              .threshold();
      double knownRate = escalated(known, knownSimilarity, threshold, floor);
      double recall = escalated(unknown, unknownSimilarity, threshold, floor);
      if (best == null
          || recall > best.unknownRecall()
          || (recall == best.unknownRecall() && knownRate < best.knownEscalated())) {
        best = new Choice(threshold, floor, knownRate, recall, alone.unknownRecall());
      }
    }
    return best != null && best.unknownRecall() > alone.unknownRecall() ? best : null;
  }

  /** The share escalated: confidence below {@code threshold} or similarity below {@code floor}. */
  static double escalated(
      double[] confidence, double[] similarity, double threshold, double floor) {
    int n = 0;
    for (int i = 0; i < confidence.length; i++) {
      if (confidence[i] < threshold || similarity[i] < floor) {
        n++;
      }
    }
    return confidence.length == 0 ? Double.NaN : n / (double) confidence.length;
  }

  /** The confidences with those of examples below the floor set to 0: they always escalate. */
  private static double[] below(double[] confidence, double[] similarity, double floor) {
    double[] out = confidence.clone();
    for (int i = 0; i < out.length; i++) {
      if (similarity[i] < floor) {
        out[i] = 0;
      }
    }
    return out;
  }
}
