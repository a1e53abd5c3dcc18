package dev.smallfirst.models.trained;

import java.util.List;

/**
 * The entities found in one text.
 *
 * @param spans entities in text order
 * @param confidence the lowest calibrated probability of any token's tag: how sure the model is of
 *     the whole extraction, including the tokens it left outside entities
 * @param escalate whether {@code confidence} is below the model's escalation threshold
 * @param truncated whether the text was longer than the model's {@code maxLength} and was cut
 */
public record Extraction(List<Span> spans, double confidence, boolean escalate, boolean truncated) {
  public Extraction {
    spans = List.copyOf(spans);
  }
}
