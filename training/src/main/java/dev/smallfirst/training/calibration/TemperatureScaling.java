package dev.smallfirst.training.calibration;

/**
 * Fits the temperature {@code T} that minimizes the negative log-likelihood of held-out labels
 * under {@code softmax(logits / T)} (Guo et al. 2017). Searches {@code log T} by golden section on
 * [0.2, 10]; the bounds keep a near-perfect holdout from driving the temperature to zero.
 * Stateless.
 */
public final class TemperatureScaling {

  /** Smallest temperature considered. */
  public static final double MIN = 0.2;

  /** Largest temperature considered. */
  public static final double MAX = 10;

  private TemperatureScaling() {}

  /**
   * @param logits {@code [examples][classes]} uncalibrated logits (or log-probabilities)
   * @param labels gold class index per example
   * @return the fitted temperature; 1 when there are no examples
   */
  public static double fit(float[][] logits, int[] labels) {
    if (logits.length == 0) {
      return 1.0;
    }
    double lo = Math.log(MIN);
    double hi = Math.log(MAX);
    double g = (Math.sqrt(5) - 1) / 2;
    double a = hi - g * (hi - lo);
    double b = lo + g * (hi - lo);
    double fa = nll(logits, labels, Math.exp(a));
    double fb = nll(logits, labels, Math.exp(b));
    for (int i = 0; i < 80; i++) {
      if (fa < fb) {
        hi = b;
        b = a;
        fb = fa;
        a = hi - g * (hi - lo);
        fa = nll(logits, labels, Math.exp(a));
      } else {
        lo = a;
        a = b;
        fa = fb;
        b = lo + g * (hi - lo);
        fb = nll(logits, labels, Math.exp(b));
      }
    }
    return Math.exp((lo + hi) / 2);
  }

  /** Mean negative log-likelihood of {@code labels} under {@code softmax(logits / t)}. */
  public static double nll(float[][] logits, int[] labels, double t) {
    double total = 0;
    for (int i = 0; i < logits.length; i++) {
      double max = Double.NEGATIVE_INFINITY;
      for (float v : logits[i]) {
        max = Math.max(max, v / t);
      }
      double sum = 0;
      for (float v : logits[i]) {
        sum += Math.exp(v / t - max);
      }
      total += -(logits[i][labels[i]] / t - max - Math.log(sum));
    }
    return total / logits.length;
  }
}
