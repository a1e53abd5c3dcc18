package dev.smallfirst.schemas.stages;

import java.util.ArrayList;
import java.util.List;

/**
 * Which intents a message asks for, from one classification: the top label, the intents a model
 * that reads clause by clause found in the message's other clauses, then every other listed label
 * whose calibrated score is at least {@link #SECOND_INTENT_MIN}. The classifier is a single-label
 * softmax, so a message with two requests splits its probability between them; a second label that
 * keeps this much of it is answered too. One rule for the topology (what it sends the draft stage)
 * and the evaluator. Stateless.
 */
public final class Intents {
  /** Least score of a further intent. */
  public static final double SECOND_INTENT_MIN = 0.3;

  private Intents() {}

  /**
   * The intents present: {@code top} first, then the labels of {@code labels} (with {@code scores},
   * same order) scoring at least {@link #SECOND_INTENT_MIN}, without repeats.
   */
  public static List<String> present(String top, List<String> labels, List<Double> scores) {
    return present(top, List.of(), labels, scores);
  }

  /**
   * The intents present: {@code top} first, then those the model {@code stated} from reading the
   * message clause by clause (the classification's {@code intents}), then the labels of {@code
   * labels} scoring at least {@link #SECOND_INTENT_MIN}, without repeats. A null {@code stated} (a
   * record built without the field) is none.
   */
  public static List<String> present(
      String top, List<String> stated, List<String> labels, List<Double> scores) {
    List<String> out = new ArrayList<>();
    if (top != null) {
      out.add(top);
    }
    for (String s : stated == null ? List.<String>of() : stated) {
      if (s != null && !out.contains(s)) {
        out.add(s);
      }
    }
    for (int i = 0; i < Math.min(labels.size(), scores.size()); i++) {
      if (scores.get(i) >= SECOND_INTENT_MIN && !out.contains(labels.get(i))) {
        out.add(labels.get(i));
      }
    }
    return out;
  }
}
