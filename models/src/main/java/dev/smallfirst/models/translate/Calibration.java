package dev.smallfirst.models.translate;

import dev.smallfirst.models.StageOutcome.LabelScore;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Temperature-scaled softmax and top-k over one row of logits. Stateless. */
public final class Calibration {
  private Calibration() {}

  /**
   * {@code softmax(logits / temperature)} of {@code logits[offset, offset + n)}, computed stably;
   * every value in [0, 1], summing to 1.
   */
  public static double[] softmax(float[] logits, int offset, int n, double temperature) {
    double max = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < n; i++) {
      max = Math.max(max, logits[offset + i] / temperature);
    }
    double[] p = new double[n];
    double sum = 0;
    for (int i = 0; i < n; i++) {
      p[i] = Math.exp(logits[offset + i] / temperature - max);
      sum += p[i];
    }
    for (int i = 0; i < n; i++) {
      p[i] = clamp(p[i] / sum);
    }
    return p;
  }

  /** Index of the largest value (the first on ties). */
  public static int argmax(double[] p) {
    int best = 0;
    for (int i = 1; i < p.length; i++) {
      if (p[i] > p[best]) {
        best = i;
      }
    }
    return best;
  }

  /** The {@code k} most probable labels, best first. */
  public static List<LabelScore> topK(double[] p, List<String> labels, int k) {
    List<LabelScore> all = new ArrayList<>(p.length);
    for (int i = 0; i < p.length; i++) {
      all.add(new LabelScore(labels.get(i), p[i]));
    }
    all.sort(Comparator.comparingDouble(LabelScore::score).reversed());
    return List.copyOf(all.subList(0, Math.min(k, all.size())));
  }

  /** {@code p} forced into [0, 1] (rounding can leave it a hair outside). */
  public static double clamp(double p) {
    return Double.isNaN(p) ? 0 : Math.max(0, Math.min(1, p));
  }
}
