package dev.smallfirst.models.translate;

import dev.smallfirst.models.StageInput;
import dev.smallfirst.records.DraftContext;
import dev.smallfirst.records.Entity;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The text a draft model is conditioned on: the intent, sentiment and entities the other stages
 * found, then the message. Models trained for the draft stage must be trained on this layout:
 *
 * <pre>
 * intent: refund | sentiment: negative | entities: ORDER_ID=ORD-123456 | message: where is my refund?
 * </pre>
 *
 * Absent parts read {@code unknown} (intent, sentiment) or {@code none} (entities). Stateless.
 */
public final class DraftPrompt {
  private DraftPrompt() {}

  /** The prompt for {@code input}. */
  public static String render(StageInput input) {
    DraftContext c = input.context().orElse(null);
    String intent = c == null || c.getIntent() == null ? "unknown" : c.getIntent();
    String sentiment =
        c == null || c.getSentiment() == null
            ? "unknown"
            : c.getSentiment().name().toLowerCase(Locale.ROOT);
    String entities = entities(c);
    return "intent: "
        + intent
        + " | sentiment: "
        + sentiment
        + " | entities: "
        + entities
        + " | message: "
        + input.text();
  }

  /** The entities of {@code c} as {@code TYPE=value} joined with {@code "; "}, or {@code none}. */
  public static String entities(DraftContext c) {
    return c == null || c.getEntities().isEmpty()
        ? "none"
        : c.getEntities().stream().map(DraftPrompt::entity).collect(Collectors.joining("; "));
  }

  private static String entity(Entity e) {
    return e.getType() + "=" + e.getValue();
  }
}
