package dev.smallfirst.eval;

import java.util.ArrayList;
import java.util.List;

/**
 * Expected calibration error and the reliability diagram's bins: confidences are split into
 * equal-width bins over [0, 1]; ECE is the count-weighted mean of |accuracy - mean confidence| per
 * bin. Pure and stateless.
 */
public final class Calibration {

  /** One bin of the reliability diagram; {@code accuracy} and {@code confidence} NaN if empty. */
  public record Bin(double lower, double upper, int count, double confidence, double accuracy) {}

  /** ECE and the bins it was computed from. */
  public record Result(double ece, List<Bin> bins) {}

  private Calibration() {}

  /**
   * @param confidence per example, in [0, 1]
   * @param correct whether each prediction was right
   * @param bins number of equal-width bins (15 is customary)
   */
  public static Result compute(double[] confidence, boolean[] correct, int bins) {
    if (confidence.length != correct.length) {
      throw new IllegalArgumentException("confidence and correct differ in length");
    }
    int[] n = new int[bins];
    double[] conf = new double[bins];
    int[] right = new int[bins];
    for (int i = 0; i < confidence.length; i++) {
      double c = Math.min(1, Math.max(0, confidence[i]));
      int b = Math.min(bins - 1, (int) (c * bins));
      n[b]++;
      conf[b] += c;
      if (correct[i]) {
        right[b]++;
      }
    }
    List<Bin> out = new ArrayList<>();
    double ece = 0;
    for (int b = 0; b < bins; b++) {
      double meanConf = n[b] == 0 ? Double.NaN : conf[b] / n[b];
      double acc = n[b] == 0 ? Double.NaN : right[b] / (double) n[b];
      out.add(new Bin(b / (double) bins, (b + 1) / (double) bins, n[b], meanConf, acc));
      if (n[b] > 0) {
        ece += n[b] / (double) confidence.length * Math.abs(acc - meanConf);
      }
    }
    return new Result(confidence.length == 0 ? Double.NaN : ece, out);
  }
}
