package dev.smallfirst.models;

import dev.smallfirst.records.DraftContext;
import java.util.Objects;
import java.util.Optional;

/**
 * What a stage model sees of one request: the normalized text, for the draft stage the other
 * stages' outputs, and the tenant (a draft's company facts are the tenant's). Immutable.
 *
 * @param text the request's text (never null; may be empty)
 * @param context intent, entities and sentiment the draft is conditioned on; empty for the other
 *     stages
 * @param tenant the tenant id ({@code ""} when unknown: the reply kit's defaults apply)
 */
public record StageInput(String text, Optional<DraftContext> context, String tenant) {
  public StageInput {
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(context, "context");
    Objects.requireNonNull(tenant, "tenant");
  }

  /** An input of no particular tenant. */
  public StageInput(String text, Optional<DraftContext> context) {
    this(text, context, "");
  }

  /** An input with text alone. */
  public static StageInput of(String text) {
    return new StageInput(text, Optional.empty());
  }
}
