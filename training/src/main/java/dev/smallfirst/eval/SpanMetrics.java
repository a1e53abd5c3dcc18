package dev.smallfirst.eval;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Exact-match span precision, recall and F1 (a predicted span counts only when start, end and label
 * all equal a gold span), micro-averaged and per label. Pure and stateless.
 */
public final class SpanMetrics {

  /** A span reduced to what exact matching compares. */
  public record LabeledSpan(int start, int end, String label) {}

  /** Micro precision/recall/F1 plus per-label figures. */
  public record Summary(
      double precision,
      double recall,
      double f1,
      int gold,
      int predicted,
      int correct,
      List<ClassMetrics.PerClass> perLabel) {}

  private SpanMetrics() {}

  /** Compares per-text lists of gold and predicted spans. */
  public static Summary compute(List<List<LabeledSpan>> gold, List<List<LabeledSpan>> predicted) {
    if (gold.size() != predicted.size()) {
      throw new IllegalArgumentException("gold and predicted differ in length");
    }
    Map<String, int[]> per = new TreeMap<>(); // correct, gold, predicted
    int g = 0;
    int p = 0;
    int c = 0;
    for (int i = 0; i < gold.size(); i++) {
      Set<LabeledSpan> goldSet = new HashSet<>(gold.get(i));
      for (LabeledSpan s : gold.get(i)) {
        per.computeIfAbsent(s.label(), k -> new int[3])[1]++;
        g++;
      }
      for (LabeledSpan s : predicted.get(i)) {
        int[] counts = per.computeIfAbsent(s.label(), k -> new int[3]);
        counts[2]++;
        p++;
        if (goldSet.remove(s)) {
          counts[0]++;
          c++;
        }
      }
    }
    List<ClassMetrics.PerClass> perLabel = new ArrayList<>();
    for (Map.Entry<String, int[]> e : per.entrySet()) {
      int[] v = e.getValue();
      perLabel.add(
          new ClassMetrics.PerClass(
              e.getKey(), ratio(v[0], v[2]), ratio(v[0], v[1]), f1(v[0], v[1], v[2]), v[1]));
    }
    return new Summary(ratio(c, p), ratio(c, g), f1(c, g, p), g, p, c, perLabel);
  }

  private static double ratio(int a, int b) {
    return b == 0 ? 0 : a / (double) b;
  }

  /**
   * F1 from correct, gold and predicted counts; 1 when there is nothing to find and nothing found.
   */
  static double f1(int correct, int gold, int predicted) {
    if (gold == 0 && predicted == 0) {
      return 1;
    }
    return gold + predicted == 0 ? 0 : 2.0 * correct / (gold + predicted);
  }
}
