package dev.smallfirst.eval;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Accuracy, macro-F1 and per-class precision/recall/F1 of single-label predictions. Pure and
 * stateless; inputs are parallel lists of gold and predicted labels.
 */
public final class ClassMetrics {

  /** Precision, recall, F1 and support (gold count) of one class. */
  public record PerClass(String label, double precision, double recall, double f1, int support) {}

  /**
   * @param accuracy fraction of predictions equal to gold
   * @param macroF1 unweighted mean F1 over the classes that occur in gold or predictions
   * @param perClass per class, sorted by label
   * @param count number of examples
   */
  public record Summary(double accuracy, double macroF1, List<PerClass> perClass, int count) {}

  private ClassMetrics() {}

  /** Computes the summary; NaN accuracy and macro-F1 for empty input. */
  public static Summary compute(List<String> gold, List<String> predicted) {
    if (gold.size() != predicted.size()) {
      throw new IllegalArgumentException("gold and predicted differ in length");
    }
    Map<String, int[]> counts = new TreeMap<>(); // tp, fp, fn
    int correct = 0;
    for (int i = 0; i < gold.size(); i++) {
      String g = gold.get(i);
      String p = predicted.get(i);
      counts.computeIfAbsent(g, k -> new int[3]);
      counts.computeIfAbsent(p, k -> new int[3]);
      if (g.equals(p)) {
        correct++;
        counts.get(g)[0]++;
      } else {
        counts.get(p)[1]++;
        counts.get(g)[2]++;
      }
    }
    List<PerClass> per = new ArrayList<>();
    double f1Sum = 0;
    for (Map.Entry<String, int[]> e : new TreeMap<>(counts).entrySet()) {
      int tp = e.getValue()[0];
      int fp = e.getValue()[1];
      int fn = e.getValue()[2];
      double p = tp + fp == 0 ? 0 : tp / (double) (tp + fp);
      double r = tp + fn == 0 ? 0 : tp / (double) (tp + fn);
      double f1 = p + r == 0 ? 0 : 2 * p * r / (p + r);
      per.add(new PerClass(e.getKey(), p, r, f1, tp + fn));
      f1Sum += f1;
    }
    double acc = gold.isEmpty() ? Double.NaN : correct / (double) gold.size();
    double macro = per.isEmpty() ? Double.NaN : f1Sum / per.size();
    return new Summary(acc, macro, per, gold.size());
  }

  /** The labels of {@code gold} that are not in {@code known} (e.g. {@code oos}). */
  public static TreeSet<String> unknownLabels(
      List<String> gold, java.util.Collection<String> known) {
    TreeSet<String> out = new TreeSet<>();
    for (String g : gold) {
      if (!known.contains(g)) {
        out.add(g);
      }
    }
    return out;
  }
}
