package dev.smallfirst.models;

import dev.smallfirst.records.DraftContext;
import java.util.Objects;
import java.util.Optional;

/**
 * What a stage model sees of one request: the normalized text and, for the draft stage, the other
 * stages' outputs. Immutable.
 *
 * @param text the request's text (never null; may be empty)
 * @param context intent, entities and sentiment the draft is conditioned on; empty for the other
 *     stages
 */
public record StageInput(String text, Optional<DraftContext> context) {
  public StageInput {
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(context, "context");
  }

  /** An input with text alone. */
  public static StageInput of(String text) {
    return new StageInput(text, Optional.empty());
  }
}
