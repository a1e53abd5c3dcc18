package dev.smallfirst.eval;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Counts errors into {@link FailureGroup}s, keeping the first {@link FailureModes#EXAMPLES}
 * examples of each. Not thread-safe; one per evaluation.
 */
public final class FailureTally {

  /** Most severe first, then the largest groups; ties keep their first-seen order. */
  public static final Comparator<FailureGroup> BY_SEVERITY_THEN_COUNT =
      Comparator.comparing(FailureGroup::severity)
          .thenComparing(Comparator.comparingInt(FailureGroup::count).reversed());

  private final Map<String, Acc> groups = new LinkedHashMap<>();

  /**
   * Counts one error into the group named by {@code key}; the group takes {@code mode}, {@code
   * severity}, {@code gold} and {@code predicted} from its first error.
   */
  public void add(
      String key,
      String mode,
      Severity severity,
      String gold,
      String predicted,
      Supplier<String> example) {
    Acc a = groups.computeIfAbsent(key, k -> new Acc(mode, severity, gold, predicted));
    a.count++;
    if (a.examples.size() < FailureModes.EXAMPLES) {
      a.examples.add(example.get());
    }
  }

  /** The groups in {@code order} (a stable sort of first-seen order). */
  public List<FailureGroup> sorted(Comparator<FailureGroup> order) {
    List<FailureGroup> out = new ArrayList<>();
    for (Acc a : groups.values()) {
      out.add(new FailureGroup(a.mode, a.severity, a.gold, a.predicted, a.count, a.examples));
    }
    out.sort(order);
    return out;
  }

  private static final class Acc {
    final String mode;
    final Severity severity;
    final String gold;
    final String predicted;
    int count;
    final List<String> examples = new ArrayList<>();

    Acc(String mode, Severity severity, String gold, String predicted) {
      this.mode = mode;
      this.severity = severity;
      this.gold = gold;
      this.predicted = predicted;
    }
  }
}
