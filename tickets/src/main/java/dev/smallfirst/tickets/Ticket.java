package dev.smallfirst.tickets;

import java.util.List;

/**
 * One generated support message with the ground truth of every stage.
 *
 * @param id unique, stable for a seed ({@code T-<seed>-<n>})
 * @param channel where it came from
 * @param audience who reads the reply first
 * @param tier the customer's plan
 * @param subject e-mail/web-form subject line, null for other channels
 * @param body the message text; entity offsets refer to it
 * @param intents every intent expressed, the primary first (Bitext intent labels)
 * @param entities the entities in the body, in order of position
 * @param sentiment the customer's tone
 * @param reference a good reply (the draft stage's reference)
 * @param requiredEntities entity values from the body that a reply must repeat
 */
public record Ticket(
    String id,
    Channel channel,
    Audience audience,
    Tier tier,
    String subject,
    String body,
    List<String> intents,
    List<Entity> entities,
    Sentiment sentiment,
    String reference,
    List<String> requiredEntities) {

  public Ticket {
    intents = List.copyOf(intents);
    entities = List.copyOf(entities);
    requiredEntities = List.copyOf(requiredEntities);
  }

  /** The primary intent, the classify stage's label (e.g. {@code get_refund}). */
  public String label() {
    return intents.get(0);
  }

  /** The category of the primary intent (e.g. {@code refund}). */
  public String category() {
    return Intent.categoryOf(label());
  }
}
