package dev.smallfirst.models.encoder;

/**
 * The arithmetic the trainer calibrates and the worker serves, in one place so that both compute
 * the same numbers: log-linear mixing of the head with an optional n-gram member, then temperature
 * scaling. Stateless.
 */
public final class HeadMath {
  private HeadMath() {}

  /**
   * The mixed logits of one row: {@code w * logSoftmax(head) + (1 - w) * log(ngram)}, or the head's
   * log-softmax alone without a member ({@code ngram} null).
   *
   * @param head the head's logits
   * @param ngram the n-gram member's calibrated probabilities, or null
   * @param weight the head's weight {@code w} in [0, 1]
   */
  public static double[] mix(float[] head, float[] ngram, double weight) {
    double[] z = logSoftmax(head);
    if (ngram == null) {
      return z;
    }
    double[] member = memberOnly(ngram);
    for (int c = 0; c < z.length; c++) {
      z[c] = weight * z[c] + (1 - weight) * member[c];
    }
    return z;
  }

  /**
   * The logits of a row answered by the n-gram member alone ({@code log(ngram)}), what a text the
   * member is sure of is scored with when the model exits before the encoder ({@link #exits}).
   */
  public static double[] memberOnly(float[] ngram) {
    double[] z = new double[ngram.length];
    for (int c = 0; c < z.length; c++) {
      z[c] = Math.log(Math.max(1e-12, ngram[c]));
    }
    return z;
  }

  /**
   * Whether a text whose n-gram member probabilities are {@code ngram} is answered by the member
   * alone: its top probability is at least {@code exitConfidence}. A null row never exits.
   */
  public static boolean exits(float[] ngram, double exitConfidence) {
    if (ngram == null) {
      return false;
    }
    float top = 0;
    for (float v : ngram) {
      top = Math.max(top, v);
    }
    return top >= exitConfidence;
  }

  /** {@code softmax(z / temperature)} of one row of float logits (the trainer's calibration). */
  public static double[] softmax(float[] z, double temperature) {
    double[] wide = new double[z.length];
    for (int c = 0; c < z.length; c++) {
      wide[c] = z[c];
    }
    return softmax(wide, temperature);
  }

  /** {@code softmax(z / temperature)}. */
  public static double[] softmax(double[] z, double temperature) {
    double max = Double.NEGATIVE_INFINITY;
    for (double v : z) {
      max = Math.max(max, v / temperature);
    }
    double[] p = new double[z.length];
    double sum = 0;
    for (int c = 0; c < z.length; c++) {
      p[c] = Math.exp(z[c] / temperature - max);
      sum += p[c];
    }
    for (int c = 0; c < z.length; c++) {
      p[c] /= sum;
    }
    return p;
  }

  /** {@code log(softmax(x))}, computed stably. */
  public static double[] logSoftmax(float[] x) {
    double max = Double.NEGATIVE_INFINITY;
    for (float v : x) {
      max = Math.max(max, v);
    }
    double sum = 0;
    for (float v : x) {
      sum += Math.exp(v - max);
    }
    double log = max + Math.log(sum);
    double[] out = new double[x.length];
    for (int c = 0; c < x.length; c++) {
      out[c] = x[c] - log;
    }
    return out;
  }

  /** Index of the largest value. */
  public static int argmax(double[] p) {
    int best = 0;
    for (int c = 1; c < p.length; c++) {
      if (p[c] > p[best]) {
        best = c;
      }
    }
    return best;
  }
}
