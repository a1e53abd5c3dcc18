package dev.smallfirst.models.trained;

import java.util.List;

/**
 * The classification of one text (classify and sentiment stages).
 *
 * @param label the most probable label
 * @param confidence its calibrated probability, in [0, 1]
 * @param escalate whether {@code confidence} is below the model's escalation threshold
 * @param topK the most probable labels with their calibrated probabilities, best first
 * @param truncated whether the text was longer than the model's {@code maxLength} and was cut
 */
public record Classified(
    String label, double confidence, boolean escalate, List<LabelScore> topK, boolean truncated) {
  public Classified {
    topK = List.copyOf(topK);
  }

  /** A label and its calibrated probability. */
  public record LabelScore(String label, double probability) {}
}
