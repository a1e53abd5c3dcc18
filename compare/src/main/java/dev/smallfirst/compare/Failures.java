package dev.smallfirst.compare;

import dev.smallfirst.eval.FailureGroup;
import dev.smallfirst.eval.FailureTally;
import dev.smallfirst.eval.Severity;
import java.util.ArrayList;
import java.util.List;

/**
 * What the stages share about frontier failures: an answer that cannot be used (not the JSON asked
 * for, a label outside the set, cut off, or a call that failed after the worker's retries) is a
 * {@link Severity#SEVERE} failure of the frontier tier, counted like a wrong answer. Stateless.
 */
final class Failures {
  static final String UNUSABLE = "(unusable)";

  private Failures() {}

  /** Why {@code a} cannot be used at all, or null when it has text to parse. */
  static String callProblem(FrontierAnswer a) {
    return switch (a) {
      case FrontierAnswer.Failed f -> "call failed (" + f.reason() + "): " + f.detail();
      case FrontierAnswer.Replied r when r.truncated() -> "cut off at the output-token limit";
      case FrontierAnswer.Replied r -> null;
      case FrontierAnswer.NotScored n -> "not scored: the spend limit was reached";
    };
  }

  /** The text of a usable reply. */
  static String text(FrontierAnswer a) {
    return ((FrontierAnswer.Replied) a).text();
  }

  /** The unusable answers among the scored {@code items}, grouped by their problem's kind. */
  static List<FailureGroup> unusable(List<Scored.Item> items) {
    FailureTally tally = new FailureTally();
    for (Scored.Item it : items) {
      if (it.problem() != null) {
        String kind =
            it.problem().startsWith("call failed") ? "frontier call failed" : "unusable answer";
        tally.add(kind, kind, Severity.SEVERE, "", UNUSABLE, it::text);
      }
    }
    return tally.sorted(FailureTally.BY_SEVERITY_THEN_COUNT);
  }

  /** {@code a} then {@code b}, most severe first, then the largest. */
  static List<FailureGroup> merge(List<FailureGroup> a, List<FailureGroup> b) {
    List<FailureGroup> out = new ArrayList<>(a);
    out.addAll(b);
    out.sort(FailureTally.BY_SEVERITY_THEN_COUNT);
    return out;
  }
}
