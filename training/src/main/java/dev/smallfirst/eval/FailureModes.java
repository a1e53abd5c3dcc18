package dev.smallfirst.eval;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Groups classification errors by failure mode and severity. A confident confusion between labels
 * of different routing groups is severe; within one group it is minor; an error the threshold
 * escalated is caught; a correct answer that escalated costs money only; an example the model
 * cannot answer (unknown label) that it did not escalate is severe. Pure and stateless.
 */
public final class FailureModes {

  /** Examples kept per group. */
  public static final int EXAMPLES = 3;

  /** One classification outcome. */
  public record Outcome(
      String text, String gold, String predicted, boolean escalated, boolean answerable) {}

  private FailureModes() {}

  /**
   * @param outcomes every prediction
   * @param group the routing group of a label (labels of one group are near-synonyms)
   * @return groups sorted by severity, then count (descending), then labels
   */
  public static List<FailureGroup> classify(
      List<Outcome> outcomes, Function<String, String> group) {
    FailureTally acc = new FailureTally();
    for (Outcome o : outcomes) {
      String mode;
      Severity severity;
      if (!o.answerable()) {
        if (o.escalated()) {
          continue; // the right thing happened
        }
        mode = "unanswerable accepted";
        severity = Severity.SEVERE;
      } else if (o.gold().equals(o.predicted())) {
        if (!o.escalated()) {
          continue;
        }
        mode = "unnecessary escalation";
        severity = Severity.COST;
      } else if (o.escalated()) {
        mode = "error caught by escalation";
        severity = Severity.CAUGHT;
      } else if (group.apply(o.gold()).equals(group.apply(o.predicted()))) {
        mode = "near-synonym confusion";
        severity = Severity.MINOR;
      } else {
        mode = "cross-group confusion";
        severity = Severity.SEVERE;
      }
      String key = mode + "\u0000" + o.gold() + "\u0000" + o.predicted();
      acc.add(key, mode, severity, o.gold(), o.predicted(), o::text);
    }
    return acc.sorted(
        FailureTally.BY_SEVERITY_THEN_COUNT
            .thenComparing(FailureGroup::gold)
            .thenComparing(FailureGroup::predicted));
  }

  /** Totals per severity over {@code groups}. */
  public static Map<Severity, Integer> totals(List<FailureGroup> groups) {
    Map<Severity, Integer> t = new LinkedHashMap<>();
    for (Severity s : Severity.values()) {
      t.put(s, 0);
    }
    for (FailureGroup g : groups) {
      t.merge(g.severity(), g.count(), Integer::sum);
    }
    return t;
  }
}
