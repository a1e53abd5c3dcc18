package dev.smallfirst.tickets;

/**
 * An entity in a ticket body: its type, its exact text, and its {@code [start, end)} character
 * offsets into the body.
 */
public record Entity(EntityType type, String value, int start, int end) {
  public Entity {
    if (start < 0 || end <= start || end - start != value.length()) {
      throw new IllegalArgumentException("bad span [" + start + ", " + end + ") for " + value);
    }
  }
}
