package dev.smallfirst.training.data;

import com.fasterxml.jackson.databind.JsonNode;
import dev.smallfirst.models.text.DraftInput;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A draft example: the inputs a draft model sees ({@code text}, {@code intents} or {@code intent},
 * {@code sentiment}, {@code channel}, {@code entities [{type, value}]}), the {@code reference}
 * reply, and optionally the entity values a reply must repeat ({@code required}).
 */
public record DraftExample(DraftInput input, String reference, List<String> required) {

  public DraftExample {
    required = List.copyOf(required);
  }

  /**
   * Parses one line of a draft file: the ticket generator's ({@code text, reference, intents,
   * entities, required}) or a {@code bitext-support} row as it is ({@code text, label, spans,
   * response}: the response is the reference, the label the intent, the spans the entities, and the
   * span values the response repeats are required).
   */
  public static DraftExample parse(JsonNode line) throws JsonlReader.BadLineException {
    String text = JsonlReader.requireText(line, "text");
    boolean bitext = !line.has("reference") && line.path("response").isTextual();
    String reference = JsonlReader.requireText(line, bitext ? "response" : "reference");
    List<String> intents = new ArrayList<>();
    if (line.path("intents").isArray()) {
      line.get("intents").forEach(n -> intents.add(n.asText()));
    } else if (line.path("intent").isTextual()) {
      intents.add(line.get("intent").asText());
    } else if (line.path("label").isTextual()) {
      intents.add(line.get("label").asText());
    }
    if (intents.isEmpty()) {
      throw new JsonlReader.BadLineException(
          "missing field \"intents\" (or \"intent\", \"label\")");
    }
    List<DraftInput.Entity> entities =
        line.has("spans") && !line.has("entities") ? spans(line, text) : entities(line);
    List<String> required = new ArrayList<>();
    line.path("required").forEach(n -> required.add(n.asText()));
    if (bitext) {
      entities.stream()
          .map(DraftInput.Entity::value)
          .filter(reference::contains)
          .distinct()
          .forEach(required::add);
    }
    return new DraftExample(
        new DraftInput(
            text,
            intents,
            line.path("sentiment").asText("neutral"),
            line.path("channel").asText("EMAIL"),
            entities),
        reference,
        required);
  }

  private static List<DraftInput.Entity> entities(JsonNode line)
      throws JsonlReader.BadLineException {
    List<DraftInput.Entity> entities = new ArrayList<>();
    JsonNode arr = line.path("entities");
    if (!arr.isMissingNode() && !arr.isArray()) {
      throw new JsonlReader.BadLineException("field \"entities\" is not an array");
    }
    for (JsonNode e : arr) {
      if (!e.path("type").isTextual() || !e.path("value").isTextual()) {
        throw new JsonlReader.BadLineException("an entity lacks \"type\" or \"value\"");
      }
      entities.add(new DraftInput.Entity(e.get("type").asText(), e.get("value").asText()));
    }
    return entities;
  }

  /** Spans as entities: upper-case types, values cut from the text without edge punctuation. */
  private static List<DraftInput.Entity> spans(JsonNode line, String text)
      throws JsonlReader.BadLineException {
    List<DraftInput.Entity> entities = new ArrayList<>();
    if (!line.get("spans").isArray()) {
      throw new JsonlReader.BadLineException("field \"spans\" is not an array");
    }
    for (JsonNode s : line.get("spans")) {
      int start = s.path("start").asInt(-1);
      int end = s.path("end").asInt(-1);
      if (start < 0 || end <= start || end > text.length() || !s.path("label").isTextual()) {
        throw new JsonlReader.BadLineException("a span is not {start, end, label} within the text");
      }
      String value = text.substring(start, end).replaceAll("^[\\s,.;:!?]+|[\\s,.;:!?]+$", "");
      if (!value.isEmpty()) {
        entities.add(
            new DraftInput.Entity(s.get("label").asText().toUpperCase(Locale.ROOT), value));
      }
    }
    return entities;
  }
}
