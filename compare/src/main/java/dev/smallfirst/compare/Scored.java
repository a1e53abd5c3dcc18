package dev.smallfirst.compare;

import dev.smallfirst.eval.FailureGroup;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Both tiers' results on the same examples: one {@link Item} per example, the stage's metrics of
 * each tier on any subset of the scored examples (for bootstrap resamples) and the failure groups
 * of each tier. Immutable.
 *
 * @param quality the name of the per-example quality the sweep mixes, e.g. {@code accuracy}
 * @param items every example, in input order
 * @param metrics the stage's metrics of both tiers on the given indices into {@link #scored()}
 * @param smallFailures the small model's failure groups (scored examples)
 * @param frontierFailures the frontier's failure groups (scored examples), unusable answers
 *     included
 */
public record Scored(
    String quality,
    List<Item> items,
    Function<int[], Map<String, Double>> metrics,
    List<FailureGroup> smallFailures,
    List<FailureGroup> frontierFailures) {

  /**
   * One example.
   *
   * @param text the message
   * @param gold the expected answer, as text
   * @param confidence the small model's confidence
   * @param smallAnswer the small model's answer, as text
   * @param smallCorrect whether it is right (the stage's per-example quality)
   * @param frontier what the frontier gave
   * @param frontierAnswer the frontier's answer as text, or its failure
   * @param frontierCorrect whether it is right (false when unusable or failed)
   * @param problem why the frontier's answer is unusable, or null
   */
  public record Item(
      String text,
      String gold,
      double confidence,
      String smallAnswer,
      boolean smallCorrect,
      FrontierAnswer frontier,
      String frontierAnswer,
      boolean frontierCorrect,
      String problem) {

    /** Whether the frontier was asked (not stopped by the spend limit). */
    public boolean scored() {
      return !(frontier instanceof FrontierAnswer.NotScored);
    }
  }

  public Scored {
    items = List.copyOf(items);
    smallFailures = List.copyOf(smallFailures);
    frontierFailures = List.copyOf(frontierFailures);
  }

  /** The elements of {@code list} at {@code idx} (a bootstrap resample or all), in that order. */
  public static <T> List<T> pick(List<T> list, int[] idx) {
    List<T> out = new java.util.ArrayList<>(idx.length);
    for (int i : idx) {
      out.add(list.get(i));
    }
    return out;
  }

  /**
   * The share of {@code items} at {@code idx} each tier gets right, as {@code "small " + name},
   * {@code "frontier " + name} and {@code name + ": frontier - small"}, into {@code m}.
   */
  public static void rates(List<Item> items, int[] idx, String name, Map<String, Double> m) {
    int small = 0;
    int frontier = 0;
    for (int i : idx) {
      small += items.get(i).smallCorrect() ? 1 : 0;
      frontier += items.get(i).frontierCorrect() ? 1 : 0;
    }
    double n = Math.max(1, idx.length);
    m.put("small " + name, small / n);
    m.put("frontier " + name, frontier / n);
    m.put(name + ": frontier - small", (frontier - small) / n);
  }

  /** The examples both tiers were scored on, in input order. */
  public List<Item> scored() {
    return items.stream().filter(Item::scored).toList();
  }
}
