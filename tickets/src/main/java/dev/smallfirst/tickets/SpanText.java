package dev.smallfirst.tickets;

import java.util.ArrayList;
import java.util.List;

/** Builds a text piece by piece and records where each entity lands. Not thread-safe. */
final class SpanText {

  private final StringBuilder text = new StringBuilder();
  private final List<Entity> entities = new ArrayList<>();

  /** Appends literal text. */
  SpanText append(String s) {
    text.append(s);
    return this;
  }

  /** Appends an entity's text and records its span. */
  SpanText entity(EntityType type, String value) {
    int start = text.length();
    text.append(value);
    entities.add(new Entity(type, value, start, text.length()));
    return this;
  }

  int length() {
    return text.length();
  }

  char lastChar() {
    return text.isEmpty() ? ' ' : text.charAt(text.length() - 1);
  }

  String text() {
    return text.toString();
  }

  List<Entity> entities() {
    return List.copyOf(entities);
  }
}
