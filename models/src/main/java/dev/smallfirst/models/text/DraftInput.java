package dev.smallfirst.models.text;

import java.util.List;

/**
 * What the draft stage knows about a message: its text, the intents the classify stage found
 * (primary first), the sentiment label, the channel name and the entities the extract stage found.
 * Only the entities are copied into the reply; the draft model never writes an order number, amount
 * or address that is not in this input.
 */
public record DraftInput(
    String text, List<String> intents, String sentiment, String channel, List<Entity> entities) {

  /** An entity to copy: its type ({@code ORDER_ID}, {@code AMOUNT}, ...) and exact text. */
  public record Entity(String type, String value) {}

  public DraftInput {
    intents = List.copyOf(intents);
    entities = List.copyOf(entities);
  }
}
